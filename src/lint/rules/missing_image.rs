use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use toml::Spanned;

use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule, spans_within};
use crate::load::images::{self, Verdict};
use crate::load::paths::is_local_link;
use crate::model::Span;
use crate::t;

declare_rule! {
    MissingImage: "missing-image", Error,
    summary: "an image file that does not exist",
    doc: r#"### What it finds
An `image` whose `src` is not a file. The path is relative to the procedure's own file. A path that
leaves the knowledge base (`../../etc/passwd`, an absolute path, a link to a file outside) is
reported too, and is never copied into the site.

Also an image written in Markdown inside a text (`![Tela](tela.png)` in `text`, `note`, `warning`,
`title` or `summary`) that names a file rather than a web address: the site never copies those
files, so the picture would be missing from the page (it shows the alt text instead). Images on
the web (`https://…`) are left as they are.

### Why it matters
The analyst reads "conforme imagem abaixo" and finds a broken picture.

### Example
```toml
title   = "Perda do Backup A1"
section = "Certificado Digital > A1"
owner   = "Suporte Técnico"
updated = 2026-06-01

[steps.chamado]
end   = "resolution"
text  = "Abra o chamado: ![Tela de abertura](qualitor-chamado.png)"
image = { src = "qualitor-chamado.png", alt = "Tela de abertura de chamado" }
```
with no `qualitor-chamado.png` beside the procedure file.

### Fix
Add the file next to the procedure (or correct the path), or remove the `image` and say in the
text that the screenshot is missing. For a picture written in Markdown, move it to the step's
`image` key, which is checked and published:
```toml
text = "Abra o chamado, como na tela abaixo."
image = { src = "qualitor-chamado.png", alt = "Tela de abertura de chamado" }
```"#,
}

impl Rule for MissingImage {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let folder = Path::new(&cx.file.path).parent().unwrap_or(Path::new(""));
        for (step, src) in cx.procedure.image_sources() {
            let path = src.get_ref();
            // `\` separates folders only on Windows: a base linted clean there would fail on a
            // Linux CI or server, so it is a finding everywhere, with the path to write instead.
            if path.contains('\\') {
                let fixed = path.replace('\\', "/");
                let finding = cx.finding(&META, src.span(), t!("missing-image-backslash", src = path));
                out.push(finding.help(t!("missing-image-backslash.help", fixed = fixed)).step(step));
                continue;
            }
            let (message, help) = match images::check(&cx.kb.root, folder, path) {
                Verdict::Missing => (
                    t!("missing-image", src = path),
                    t!("missing-image.help", folder = folder.display().to_string()),
                ),
                Verdict::Outside => (t!("missing-image-outside", src = path), t!("missing-image-outside.help")),
                // Published, or refused by `unsafe-image`.
                Verdict::Publish(_) | Verdict::Refused(_) => continue,
            };
            out.push(cx.finding(&META, src.span(), message).help(help).step(step));
        }
        for (step, text) in cx.procedure.markdown_texts() {
            check_markdown(cx, text, step, out);
        }
    }
}

/// Images in the Markdown of `text` that name a file by its path: the site never publishes them.
/// (Other schemes than `http(s)` are shown as text too; `data:` or `javascript:` are not files.)
fn check_markdown(cx: &Context<'_>, text: &Spanned<String>, step: Option<&str>, out: &mut Vec<Finding>) {
    if !text.get_ref().contains("![") {
        return;
    }
    // Each local image: its source, its alt text and where it is written.
    let mut found: Vec<(String, String, Span)> = Vec::new();
    let mut in_image = false;
    for (event, range) in Parser::new_ext(text.get_ref(), crate::model::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) if is_local_link(&dest_url) => {
                found.push((dest_url.into_string(), String::new(), range));
                in_image = true;
            }
            Event::Text(alt) | Event::Code(alt) if in_image => {
                if let Some((_, shown, _)) = found.last_mut() {
                    shown.push_str(&alt);
                }
            }
            Event::End(TagEnd::Image) => in_image = false,
            _ => {}
        }
    }
    let pieces: Vec<Span> = found.iter().map(|(_, _, range)| range.clone()).collect();
    for ((src, alt, _), span) in found.iter().zip(spans_within(cx.file, &text.span(), text.get_ref(), &pieces)) {
        let alt = if alt.trim().is_empty() { "…" } else { alt.as_str() };
        let key = format!("image = {{ src = \"{src}\", alt = \"{alt}\" }}");
        let finding = cx
            .finding(&META, span, t!("missing-image-markdown", src = src))
            .label(t!("missing-image-markdown.label"))
            .help(t!("missing-image-markdown.help", key = key));
        out.push(finding.step_opt(step));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check_dir};

    fn findings(src: &str, create: Option<&str>) -> Vec<crate::lint::Finding> {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("procedures/a1");
        std::fs::create_dir_all(&folder).unwrap();
        if let Some(name) = create {
            std::fs::write(folder.join(name), b"png").unwrap();
        }
        let text = VALID.replace(
            "text = \"Backup entregue.\"",
            &format!("text = \"Backup entregue.\"\nimage = {{ src = \"{src}\", alt = \"Tela\" }}"),
        );
        std::fs::write(folder.join("p.toml"), text).unwrap();
        check_dir(RuleId::MissingImage, dir.path())
    }

    #[test]
    fn fails_on_a_missing_file() {
        let found = findings("tela.png", None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].step.as_deref(), Some("resolvido"));
    }

    #[test]
    fn fails_on_paths_that_leave_the_knowledge_base() {
        for src in ["../../../etc/passwd", "/etc/passwd"] {
            let found = findings(src, None);
            assert_eq!(found.len(), 1, "{src}");
            assert!(found[0].message.contains("fora da base"), "{}", found[0].message);
        }
    }

    #[test]
    fn fails_on_a_local_image_in_markdown_and_underlines_it() {
        let text = VALID.replace(
            "text = \"Gere um novo backup.\"",
            "text = \"Gere um \\\"novo\\\" backup: ![Tela](tela.png), ![Web](https://x.example/a.png)\"\nnote = \"![](/abs.png)\"",
        );
        let found = crate::lint::rules::testing::check(RuleId::MissingImage, &text);
        let underlined: Vec<&str> = found.iter().map(|f| crate::lint::rules::testing::underlined(&text, f)).collect();
        assert_eq!(underlined, ["![Tela](tela.png)", "![](/abs.png)"]);
        assert_eq!(found[0].message, "a imagem `tela.png`, no Markdown, não é publicada");
        assert_eq!(found[0].step.as_deref(), Some("exportar"));
        assert!(
            found[0].help.as_deref().unwrap().contains("src = \"tela.png\", alt = \"Tela\""),
            "{:?}",
            found[0].help
        );
    }

    /// `src = 'telas\tela.png'`, as editors on Windows type it, with `telas/tela.png` there: `\`
    /// separates folders only on Windows, so it is reported on every platform with the path to
    /// write (else a base linted clean on Windows fails on a Linux CI).
    #[test]
    fn a_backslash_separates_folders_only_on_windows() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("procedures/a1");
        std::fs::create_dir_all(folder.join("telas")).unwrap();
        std::fs::write(folder.join("telas/tela.png"), b"png").unwrap();
        let with_src = |src: &str| {
            let image = format!("text = \"Backup entregue.\"\nimage = {{ src = '{src}', alt = \"Tela\" }}");
            std::fs::write(folder.join("p.toml"), VALID.replace("text = \"Backup entregue.\"", &image)).unwrap();
            check_dir(RuleId::MissingImage, dir.path())
        };
        assert_eq!(with_src("telas/tela.png"), [], "the file is there");
        // The same finding on every platform: the base must build on all of them.
        let found = with_src(r"telas\tela.png");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, r"a imagem `telas\tela.png` separa as pastas com `\`");
        let help = found[0].help.as_deref();
        assert_eq!(help, Some("escreva `telas/tela.png`: a barra `/` vale no Windows, no macOS e no Linux"));
    }

    #[test]
    fn passes_an_existing_file() {
        assert!(findings("tela.png", Some("tela.png")).is_empty());
        assert!(findings("./../a1/tela.png", Some("tela.png")).is_empty());
    }
}
