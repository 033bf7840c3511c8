use std::path::Path;

use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule};
use crate::load::images::{Refusal, Verdict, check};
use crate::t;

declare_rule! {
    UnsafeImage: "unsafe-image", Error,
    summary: "an image that is not a PNG, JPEG, GIF or WebP file, an SVG, or a hidden file",
    doc: r#"### What it finds
An `image` whose `src` names a file that exists in the knowledge base but that the site will not
publish:
- a file that is not a PNG, JPEG, GIF or WebP image, by its name (`b.html`, `guided.js`,
  `manual.pdf`) or by its content (a text file renamed `.png`): the first bytes of the file must be
  those of one of these four formats;
- an SVG (`.svg`, or a file whose content is SVG or XML), which can carry scripts;
- a file in a hidden folder or a hidden file, whose name starts with a dot (`.git/config`,
  `.env`, `.rascunho/tela.png`), even through a symbolic link.

An image that does not exist, or that is outside the knowledge base, is a
[`missing-image`](#missing-image) instead: that rule says the picture is not there; this one says
the file is there but is not a picture the site can show safely.

### Why it matters
Every image is copied into the published site, which every analyst opens. A page or a script
named as an image would be published with it, and an SVG runs its scripts when opened; a file of
`.git/` can hold the repository's password. Even with `--allow-errors`, such a file is never
copied and never linked: the page shows the image's alt text in its place.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.fluxo]
end   = "resolution"
text  = "Siga o fluxo do atendimento."
image = { src = "diagrama.svg", alt = "Fluxo do atendimento" }
```
```svg
<!-- file: procedures/diagrama.svg -->
<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>
```

### Fix
Export the picture as PNG (screenshots) or JPEG (photos) and point `src` at that file; keep images
beside the procedure file, never in a hidden folder:
```toml
image = { src = "diagrama.png", alt = "Fluxo do atendimento" }
```"#,
}

impl Rule for UnsafeImage {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let folder = Path::new(&cx.file.path).parent().unwrap_or(Path::new(""));
        for (step, src) in cx.procedure.image_sources() {
            let Verdict::Refused(refusal) = check(&cx.kb.root, folder, src.get_ref()) else { continue };
            let (message, help) = explain(src.get_ref(), &refusal);
            out.push(cx.finding(&META, src.span(), message).help(help).step(step));
        }
    }
}

/// The message and the help for an image refused as `refusal`.
fn explain(src: &str, refusal: &Refusal) -> (String, String) {
    match refusal {
        Refusal::Hidden(part) => {
            (t!("unsafe-image-hidden", src = src, part = part.to_string()), t!("unsafe-image-hidden.help"))
        }
        Refusal::Svg => (t!("unsafe-image-svg", src = src), t!("unsafe-image-svg.help")),
        Refusal::Name => (t!("unsafe-image", src = src), t!("unsafe-image.help")),
        Refusal::Content => (t!("unsafe-image-content", src = src), t!("unsafe-image-content.help")),
        Refusal::Unreadable(error) => {
            (t!("unsafe-image-unreadable", src = src, error = error.to_string()), t!("unsafe-image-unreadable.help"))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check_dir};

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    /// Files to create beside the procedure: name and bytes.
    type Files<'a> = &'a [(&'a str, &'a [u8])];

    /// Findings of the rule for `src`, with `files` (relative to the procedure's folder).
    fn findings(src: &str, files: Files<'_>) -> Vec<crate::lint::Finding> {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("procedures/a1");
        std::fs::create_dir_all(&folder).unwrap();
        for (name, bytes) in files {
            let full = folder.join(name);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, bytes).unwrap();
        }
        let text = VALID.replace(
            "text = \"Backup entregue.\"",
            &format!("text = \"Backup entregue.\"\nimage = {{ src = \"{src}\", alt = \"Tela\" }}"),
        );
        std::fs::write(folder.join("p.toml"), &text).unwrap();
        let found = check_dir(RuleId::UnsafeImage, dir.path());
        for finding in &found {
            assert_eq!(&text[finding.span.clone()], format!("\"{src}\""), "the finding underlines the src");
        }
        found
    }

    #[test]
    fn fails_on_pages_scripts_svgs_and_disguised_files() {
        let cases: &[(&str, Files<'_>, &str)] = &[
            ("p.html", &[("p.html", b"<h1>x</h1>")], "não é um arquivo PNG"),
            ("guided.js", &[("guided.js", b"alert(1)")], "não é um arquivo PNG"),
            ("desenho.svg", &[("desenho.svg", b"<svg/>")], "é um SVG"),
            ("desenho.png", &[("desenho.png", b"<?xml version=\"1.0\"?><svg/>")], "é um SVG"),
            ("texto.png", &[("texto.png", b"apenas texto")], "o conteúdo dela"),
            (".oculta.png", &[(".oculta.png", PNG)], "oculto"),
            (".git/config", &[(".git/config", b"[remote]")], "oculto (`.git`)"),
        ];
        for (src, files, said) in cases {
            let found = findings(src, files);
            assert_eq!(found.len(), 1, "{src}");
            assert!(found[0].message.contains(said), "{src}: {}", found[0].message);
            assert_eq!(found[0].step.as_deref(), Some("resolvido"));
        }
    }

    #[test]
    fn passes_real_images_and_leaves_missing_ones_to_missing_image() {
        assert!(findings("tela.png", &[("tela.png", PNG)]).is_empty());
        assert!(findings("foto.JPEG", &[("foto.JPEG", b"\xff\xd8\xff\xe0")]).is_empty());
        assert!(findings("anim.gif", &[("anim.gif", b"GIF89a")]).is_empty());
        assert!(findings("nao-existe.png", &[]).is_empty());
        assert!(findings("../../../etc/passwd", &[]).is_empty());
    }
}
