use std::path::Path;

use crate::load::paths::{Located, locate};

use crate::lint::{Context, Finding, Rule, RuleMeta, Severity};

pub struct MissingImage;

static META: RuleMeta = RuleMeta {
    id: "missing-image",
    default_severity: Severity::Error,
    summary: "an image file that does not exist",
    doc: r#"### What it finds
An `image` whose `src` is not a file. The path is relative to the procedure's own file. A path that
leaves the knowledge base (`../../etc/passwd`, an absolute path, a link to a file outside) is
reported too, and is never copied into the site.

### Why it matters
The analyst reads "conforme imagem abaixo" and finds a broken picture.

### Example
```toml
image = { src = "qualitor-chamado.png", alt = "Tela de abertura de chamado" }
```
with no `qualitor-chamado.png` beside the procedure file.

### Fix
Add the file next to the procedure (or correct the path), or remove the `image` and say in the
text that the screenshot is missing."#,
};

impl Rule for MissingImage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let folder = Path::new(&cx.file.path).parent().unwrap_or(Path::new(""));
        for step in &cx.procedure.steps {
            for src in step.images.iter().filter_map(|i| i.src.as_ref()) {
                let (message, help) = match locate(&cx.kb.root, folder, src.get_ref()) {
                    Located::Inside { full, .. } if full.is_file() => continue,
                    Located::Inside { .. } => (
                        format!("image `{}` does not exist", src.get_ref()),
                        format!("the path is relative to the procedure file, in `{}/`", folder.display()),
                    ),
                    Located::Outside => (
                        format!("image `{}` is outside the knowledge base", src.get_ref()),
                        "put the image beside the procedure file and use a relative path".to_string(),
                    ),
                };
                out.push(cx.finding(&META, src.span(), message).help(help).step(step.id.get_ref()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::testing::VALID;
    use crate::lint::run;
    use crate::load::KnowledgeBase;

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
        let kb = KnowledgeBase::load(dir.path()).unwrap();
        run(&kb).findings.into_iter().filter(|f| f.rule == "missing-image").collect()
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
            assert!(found[0].message.contains("outside"), "{}", found[0].message);
        }
    }

    #[test]
    fn passes_an_existing_file() {
        assert!(findings("tela.png", Some("tela.png")).is_empty());
        assert!(findings("./../a1/tela.png", Some("tela.png")).is_empty());
    }
}
