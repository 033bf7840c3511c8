//! Accent- and case-folding: how names are compared, sorted, slugged and searched.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Unicode NFD, combining marks (general category M) dropped, lower case:
/// `"Não Localiza"` → `"nao localiza"`. The search analyzer folds with it, and
/// `themes/default/static/search.js` mirrors it: the two change together.
pub fn fold(text: &str) -> String {
    // ASCII has no marks to drop: skip the decomposition (most words of a procedure).
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // One pass, lower-cased char by char: what `str::to_lowercase` does, but for a capital sigma,
    // which depends on its neighbours (then the two passes).
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        if c == 'Σ' {
            return text.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase();
        }
        out.extend(c.to_lowercase());
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
}
