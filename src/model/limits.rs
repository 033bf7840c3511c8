//! Limits on names that become pages and folders of the site (checked by `name-too-long`, and
//! applied by the renderer with `--allow-errors`), so that no name can exceed a file-name limit
//! and no section tree is deep enough to matter.

/// Parts of a `section` (`A > B > …`): each is a folder of the site.
pub const MAX_SECTION_PARTS: usize = 16;

/// Characters of a section part, a title or a tag.
pub const MAX_NAME_CHARS: usize = 200;

/// Bytes of a slug (a file or folder name of the site, before `.html`): below every common
/// file-name limit (255 bytes) whatever the script of the name.
pub const MAX_SLUG_BYTES: usize = 120;

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
}
