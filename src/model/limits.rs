//! Limits on names that become pages and folders of the site (checked by `name-too-long`, and
//! applied by the renderer with `--allow-errors`), so that no name can exceed a file-name limit
//! and no section tree is deep enough to matter. A slug has its own bound in bytes
//! (`MAX_SLUG_BYTES` in `text/slug.rs`).

/// Parts of a `section` (`A > B > …`): each is a folder of the site.
pub const MAX_SECTION_PARTS: usize = 16;

/// Characters of a section part, a title or a tag.
pub const MAX_NAME_CHARS: usize = 200;
