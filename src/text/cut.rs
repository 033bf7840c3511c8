//! Cutting text to a size: by characters or bytes at a character boundary, and with `…` for
//! what people read.

/// `text` cut to at most `max` characters.
pub fn cut_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// `text` cut to at most `max` bytes, at a character boundary.
pub fn cut_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The first `max` characters of a sentence, with `…` when it was longer: for messages and
/// comments, where the text is shown as written.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    format!("{}…", cut_chars(text, max).trim_end())
}

/// The start of a text for a search result: white space collapsed, cut at a word when one ends
/// in the second half, with `…` when something was left out.
pub fn snippet(text: &str, max: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max {
        return collapsed;
    }
    let mut cut = cut_chars(&collapsed, max);
    if let Some(space) = cut.rfind(' ')
        && cut[..space].chars().count() >= max / 2
    {
        cut = &cut[..space];
    }
    let kept = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_character_boundaries() {
        assert_eq!(cut_chars("ação", 2), "aç");
        assert_eq!(cut_chars("ação", 9), "ação");
        assert_eq!(cut_bytes("ação", 2), "a");
        assert_eq!(cut_bytes("ação", 3), "aç");
    }

    #[test]
    fn shorten_keeps_the_text_as_written() {
        assert_eq!(shorten("Abra  o menu", 20), "Abra  o menu");
        assert_eq!(shorten("Abra o menu Arquivo", 9), "Abra o me…");
        assert_eq!(shorten("Abra o menu", 5), "Abra…");
    }

    #[test]
    fn snippets_are_cut_at_words() {
        assert_eq!(snippet("  Curto \n demais. ", 120), "Curto demais.");
        assert_eq!(snippet("Abra o menu Arquivo, depois Salvar", 24), "Abra o menu Arquivo…");
        // No word ends in the second half: cut inside the word.
        assert_eq!(snippet("Abra Configurações", 10), "Abra Confi…");
    }
}
