//! Accent- and case-folding: how names are compared, sorted, slugged and searched.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Unicode NFD, combining marks (general category M) dropped, lower case:
/// `"Não Localiza"` → `"nao localiza"`. The search analyzer folds with it, and
/// `themes/default/static/search.js` mirrors it: the two change together.
pub fn fold(text: &str) -> String {
    // ASCII has no marks to drop: skip the decomposition (most words of a procedure).
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // One pass, char by char: each character's canonical decomposition without its marks,
    // lower-cased. NFD would also reorder the marks, which are all dropped; and `to_lowercase`
    // differs from char-by-char lowering only for a capital sigma, which depends on its
    // neighbours (then the two passes).
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let mut sigma = false;
        decompose_canonical(c, |d| {
            if d == 'Σ' {
                sigma = true;
            } else if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        });
        if sigma {
            return text.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_accents_and_case() {
        assert_eq!(fold("Não"), "nao");
        assert_eq!(fold("AÇÃO"), "acao");
        assert_eq!(fold("Pão, AÇÚCAR e Café"), "pao, acucar e cafe");
        assert_eq!(fold("na\u{0303}o"), "nao");
        assert_eq!(fold("ÀÉÎÕÜ ç"), "aeiou c");
        assert_eq!(fold("ΟΔΟΣ Ά"), "οδος α");
    }

    /// Char by char, as [`fold`] works, against the whole text's NFD: the same for every
    /// character of the Latin, Greek and Cyrillic blocks, marks and Hangul included.
    #[test]
    fn folding_char_by_char_equals_folding_the_nfd() {
        let reference = |text: &str| text.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase();
        let ranges = [0x00C0..0x0530, 0x1E00..0x2000, 0xAC00..0xAC40];
        for range in ranges {
            // Without the capital sigma, which sends the whole text to the two passes.
            let text: String = range.filter_map(char::from_u32).filter(|&c| c != 'Σ').collect();
            assert_eq!(fold(&text), reference(&text));
            for c in text.chars() {
                assert_eq!(fold(&c.to_string()), reference(&c.to_string()), "{c:?}");
            }
        }
        for text in ["a\u{0301}\u{0323}b", "e\u{0323}\u{0302}", "ỆỄ ĐÕ ção"] {
            assert_eq!(fold(text), reference(text), "{text}");
        }
    }
}
