//! An image `src` and the bytes of the file it names: the bytes up to the first NUL are the path
//! (below `procedures/`, folders and `..` included), the rest is the file. Whatever the name and
//! the bytes, an image is published only when it is inside the base, in no hidden folder or file,
//! named as a PNG, JPEG, GIF or WebP file, and its first bytes are one of those (never an SVG).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopbook::load::images::{ImageKind, Verdict, check};

fuzz_target!(|data: &[u8]| {
    let Some(nul) = data.iter().position(|&b| b == 0) else { return };
    let Ok(name) = std::str::from_utf8(&data[..nul]) else { return };
    let bytes = &data[nul + 1..];
    // A name the file system can hold, written where it says (which may be outside `procedures/`).
    let parts: Vec<&str> = name.split('/').collect();
    if name.is_empty() || name.len() > 200 || name.starts_with('/') || parts.iter().any(|p| p.is_empty() || *p == ".") {
        return;
    }
    let mut depth = 0;
    for part in &parts {
        depth += if *part == ".." { -1 } else { 1 };
        if depth < -1 {
            return; // the file would be written outside the scratch folder itself
        }
    }
    if depth < 1 || parts.last() == Some(&"..") {
        return;
    }
    let root = sopbook_fuzz::write_scratch(&[]);
    let full = root.join("procedures").join(name);
    let written = std::fs::create_dir_all(full.parent().unwrap()).and_then(|()| std::fs::write(&full, bytes));
    if written.is_err() {
        return; // a name the file system refuses (a folder where the file would go)
    }
    match check(&root, &root.join("procedures"), name) {
        Verdict::Publish(image) => {
            let kind = ImageKind::of_bytes(bytes).expect("published without an image signature");
            assert_eq!(kind, image.kind, "published as another kind");
            let relative = image.full.strip_prefix(&root).expect("published from outside the base");
            let hidden = relative.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            assert!(!hidden, "published from a hidden part: {}", relative.display());
            let lower = name.to_ascii_lowercase();
            assert!(
                [".png", ".jpg", ".jpeg", ".gif", ".webp"].iter().any(|e| lower.ends_with(e)),
                "published with another name: {name}"
            );
        }
        Verdict::Missing | Verdict::Outside | Verdict::Refused(_) => {}
    }
});
