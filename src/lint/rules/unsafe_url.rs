use pulldown_cmark::{Event, Tag};
use toml::Spanned;

use crate::lint::declare::declare_rule;
use crate::lint::{Context, Finding, Rule, spans_within};
use crate::load::KnowledgeBase;
use crate::model::markdown::{Piece, Pieces};
use crate::safe_url;
use crate::t;

declare_rule! {
    UnsafeUrl: "unsafe-url", Error,
    summary: "a link that would run code or open something other than a web page (`javascript:`, `data:`…)",
    doc: r#"### What it finds
A URL that the site will not turn into a link because a browser would run it or open it as
something other than a web page:
- a manual's `url` in `manuals.toml` that is not an `http`, `https` or `mailto` address;
- `[site] base_url` in `sopbook.toml` that is neither an `http(s)` address nor a path;
- a Markdown link or image in a procedure's `summary` or in a step's `title`, `text`, `note` or
  `warning` whose target has a scheme other than `http`, `https` or `mailto` (paths and
  `#step` anchors are fine).

The scheme is read as a browser reads it: in any case (`JaVaScRiPt:`), after entities
(`&#106;avascript:`) and with spaces, tabs, line breaks and control characters dropped; anything
before a `:` that comes before any `/`, `?` or `#` counts as one. Inline links, reference-style
links, autolinks (`<javascript:…>`) and images all count; `data:`, `vbscript:` and `file:` as
much as `javascript:`. Links inside code are text, and do not count.

### Why it matters
Every analyst of the company opens the published site. A `javascript:` link runs whatever its
author wrote in their browser, with their session; a `data:` one opens a page the site does not
control. The site never writes such a link: it shows the text alone (a manual as its title,
without a link; an unsafe `base_url` is ignored), so the reader silently loses the link.

### Example
```toml
# file: manuals.toml
[[manual]]
path = "Qualitor > Abertura de Chamado"
url = "javascript:alert(document.cookie)"
```

### Fix
Write the real address of the manual or page, with `https://`:
```toml
[[manual]]
path = "Qualitor > Abertura de Chamado"
url = "https://qualitor.example.com.br/kb/123"
```"#,
}

impl Rule for UnsafeUrl {
    fn check_procedure(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (step, text) in cx.procedure.markdown_texts() {
            check_text(cx, text, step, out);
        }
    }

    fn check_knowledge_base(&self, kb: &KnowledgeBase, out: &mut Vec<Finding>) {
        // `base_url` is checked as sopbook.toml is read (an unsafe one is never used): a load problem.
        let Some(file) = kb.files.iter().position(|f| f.path == "manuals.toml") else {
            return;
        };
        for manual in &kb.manuals {
            let Some(url) = manual.url.as_ref().filter(|u| !safe_url::is_manual_url(u.get_ref())) else {
                continue;
            };
            let name = crate::model::Breadcrumb::parse(manual.path.get_ref());
            let name = name.to_string();
            let message = match safe_url::scheme(url.get_ref()) {
                Some(scheme) => t!("unsafe-url-manual", name = &name, scheme = scheme),
                None => t!("unsafe-url-manual-no-scheme", name = &name),
            };
            out.push(
                Finding::new(META.id, file, url.span(), message)
                    .label(t!("unsafe-url.label"))
                    .help(t!("unsafe-url-manual.help")),
            );
        }
    }
}

/// Whether `text` may hold a link or an image: an inline one needs `](`, a reference-style one a
/// definition (`]:`), an autolink `<` and `:`. Texts without any skip the parser.
fn may_link(text: &str) -> bool {
    text.contains("](") || text.contains("]:") || (text.contains('<') && text.contains(':'))
}

fn check_text(cx: &Context<'_>, text: &Spanned<String>, step: Option<&str>, out: &mut Vec<Finding>) {
    let markdown = text.get_ref();
    if !may_link(markdown) {
        return;
    }
    let mut found = Vec::new();
    for piece in Pieces::new(markdown) {
        let (image, dest, range) = match piece {
            Piece::Event(Event::Start(Tag::Link { dest_url, .. }), range) => (false, dest_url, range),
            Piece::Event(Event::Start(Tag::Image { dest_url, .. }), range) => (true, dest_url, range),
            _ => continue,
        };
        if !safe_url::is_safe_link(&dest) {
            let scheme = safe_url::scheme(&dest).unwrap_or_default();
            let message =
                if image { t!("unsafe-url-image", scheme = scheme) } else { t!("unsafe-url", scheme = scheme) };
            found.push((message, range));
        }
    }
    let pieces: Vec<_> = found.iter().map(|(_, range)| range.clone()).collect();
    let spans = spans_within(cx.file, &text.span(), markdown, &pieces);
    for ((message, _), span) in found.into_iter().zip(spans) {
        let finding = cx
            .finding(&META, span, message)
            .label(t!("unsafe-url.label"))
            .help(t!("unsafe-url.help"));
        out.push(finding.step_opt(step));
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Arg, Language, message_in};
    use crate::lint::RuleId;
    use crate::lint::rules::testing::{VALID, check, check_files, underlined};

    fn with_text(text: &str) -> String {
        VALID.replace("text = \"Gere um novo backup.\"", &format!("text = \"{text}\""))
    }

    #[test]
    fn fails_on_every_spelling_of_an_unsafe_link() {
        let links = [
            "[a](javascript:alert(1))",
            "[b](JaVaScRiPt:alert(1))",
            "[c]( javascript:alert(1))",
            "[d](&#106;avascript:alert(1))",
            "[e](java&#x09;script:alert(1))",
            "[f](java&#10;script:alert(1))",
            "[g](<java\\tscript:alert(1)>)",
            "<javascript:alert(1)>",
            "[h](data:text/html,x)",
            "![i](data:image/png;base64,AA)",
            "[j](vbscript:msgbox(1))",
            "[k](file:///etc/passwd)",
            "[l][r]",
        ];
        let text = with_text(&format!("{}\\n\\n[r]: VBScript:x", links.join(" e ")));
        let found = check(RuleId::UnsafeUrl, &text);
        let underlined: Vec<&str> = found.iter().map(|f| underlined(&text, f)).collect();
        assert_eq!(underlined, links);
        assert_eq!(found[0].message, "link para um endereço `javascript:`");
        assert_eq!(found[9].message, "imagem vinda de um endereço `data:`");
        assert_eq!(found[12].message, "link para um endereço `vbscript:`");
        let english = [("scheme", Arg::from("data"))];
        assert_eq!(message_in(Language::En, "unsafe-url-image", &english), "image from a `data:` URL");
        assert!(found.iter().all(|f| f.step.as_deref() == Some("exportar")));
    }

    #[test]
    fn fails_in_every_markdown_field() {
        let text = VALID.replace("summary = \"Quando", "summary = \"[s](javascript:1) Quando").replace(
            "text = \"Backup entregue.\"",
            "text = \"Fim.\"\ntitle = \"[t](data:x)\"\nnote = \"[n](javascript:2)\"\nwarning = \"[w](vbscript:3)\"",
        );
        let found = check(RuleId::UnsafeUrl, &text);
        let underlined: Vec<&str> = found.iter().map(|f| underlined(&text, f)).collect();
        assert_eq!(underlined, ["[s](javascript:1)", "[t](data:x)", "[n](javascript:2)", "[w](vbscript:3)"]);
        assert_eq!(found[0].step, None);
    }

    #[test]
    fn fails_on_manual_urls_that_are_not_web_or_mail() {
        let manuals = "[[manual]]\npath = \"Q > A\"\nurl = \"javascript:alert(1)\"\n\
                       [[manual]]\npath = \"Q>B\"\nurl = \" DATA:text/html,x\"\n\
                       [[manual]]\npath = \"Q > C\"\nurl = \"kb/123\"\n\
                       [[manual]]\npath = \"Q > D\"\nurl = \"https://q.example/1\"\n\
                       [[manual]]\npath = \"Q > E\"\nurl = \"mailto:a@b.c\"\n[[manual]]\npath = \"Q > F\"\n";
        let found = check_files(RuleId::UnsafeUrl, &[("manuals.toml", manuals), ("procedures/p.toml", VALID)]);
        let underlined: Vec<&str> = found.iter().map(|f| underlined(manuals, f)).collect();
        assert_eq!(underlined, ["\"javascript:alert(1)\"", "\" DATA:text/html,x\"", "\"kb/123\""]);
        assert_eq!(found[0].message, "o manual `Q > A` tem um endereço `javascript:`");
        assert_eq!(found[1].message, "o manual `Q > B` tem um endereço `data:`");
        assert_eq!(found[2].message, "o manual `Q > C` tem um endereço sem `https://`");
    }

    #[test]
    fn fails_on_an_unsafe_base_url() {
        let config = "[site]\nbase_url = \"javascript:alert(1)//\"\n";
        let found = check_files(RuleId::UnsafeUrl, &[("sopbook.toml", config), ("procedures/p.toml", VALID)]);
        assert_eq!(found.len(), 1);
        assert_eq!(underlined(config, &found[0]), "\"javascript:alert(1)//\"");
        // The message of the loader (sopbook.toml), in the language of the run.
        assert!(found[0].message.starts_with("o `base_url`") && found[0].message.contains("`javascript:`"));
    }

    #[test]
    fn fails_on_a_base_url_that_names_another_site() {
        for base in ["//evil.example/", "/\\\\evil.example/"] {
            let config = format!("[site]\nbase_url = \"{base}\"\n");
            let found = check_files(RuleId::UnsafeUrl, &[("sopbook.toml", &config), ("procedures/p.toml", VALID)]);
            assert_eq!(found.len(), 1, "{base}");
            assert!(found[0].message.starts_with("o `base_url`") && found[0].message.contains("(`//…`)"));
        }
    }

    #[test]
    fn passes_web_mail_paths_anchors_and_code() {
        let text = with_text(
            "[a](https://x.example) [b](http://x) [c](mailto:a@b.c) [d](#acesso) [e](outra.html) \
             [f](a/b:c) <https://x.example> <a@b.c> ![g](tela.png) `[h](javascript:x)` \\\\[i](javascript:x)",
        );
        let text =
            format!("{text}\n[steps.codigo]\ntext = '''\n```\n[j](javascript:x)\n```\n'''\nnext = \"resolvido\"\n");
        assert!(check(RuleId::TomlSyntax, &text).is_empty() && check(RuleId::Schema, &text).is_empty(), "{text}");
        assert!(check(RuleId::UnsafeUrl, &text).is_empty(), "{:?}", check(RuleId::UnsafeUrl, &text));
        let config = "[site]\nbase_url = \"https://kb.example.com/suporte/\"\n";
        assert!(check_files(RuleId::UnsafeUrl, &[("sopbook.toml", config), ("procedures/p.toml", VALID)]).is_empty());
    }
}
