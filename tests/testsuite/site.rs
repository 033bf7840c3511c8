//! `sopbook build`: the pages, their links and their safety, checked on the DOM (scraper).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::fixture;
use crate::{copy_dir, sopbook};

/// Builds `root` into a fresh temporary folder and returns it.
pub(crate) fn build(root: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    sopbook().arg("build").arg(root).arg("--out").arg(&out).args(extra).assert().code(0);
    (dir, out)
}

fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn page(out: &Path, path: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}")))
}

pub(crate) fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

pub(crate) fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The guided mode's data as `guided.js` reads it (the page contract at the top of the script):
/// the page's JSON, plus `steps` read from the step list: each step's kind, title, text (the
/// step body before its notes, images and links), next steps, and an escalation's `data-*`
/// attributes and fields.
pub(crate) fn guided(html: &Html) -> serde_json::Value {
    use serde_json::{Value, json};
    let mut data: Value = serde_json::from_str(&select(html, "#sopbook-guided")[0].inner_html()).unwrap();
    let inner = |element: &scraper::ElementRef<'_>, css: &str| -> Vec<String> {
        element.select(&Selector::parse(css).unwrap()).map(|e| text(&e)).collect()
    };
    let mut steps = serde_json::Map::new();
    for li in select(html, "ol.steps > li.step") {
        let classes: Vec<&str> = li.value().classes().collect();
        let kind = ["action", "decision", "resolution", "escalation"]
            .into_iter()
            .find(|k| classes.contains(&format!("step-{k}").as_str()))
            .unwrap_or("broken");
        let body = li.select(&Selector::parse(".step-body").unwrap()).next().unwrap();
        let text_parts: Vec<String> = body
            .children()
            .take_while(|node| {
                scraper::ElementRef::wrap(*node)
                    .is_none_or(|e| !e.value().classes().any(|c| ["callout", "step-image", "see-also"].contains(&c)))
            })
            .map(|node| match scraper::ElementRef::wrap(node) {
                Some(e) => text(&e),
                None => node
                    .value()
                    .as_text()
                    .map_or_else(String::new, |t| t.split_whitespace().collect::<Vec<_>>().join(" ")),
            })
            .filter(|t| !t.is_empty())
            .collect();
        let mut step = json!({
            "number": inner(&li, ".step-number")[0].parse::<u64>().unwrap(),
            "kind": kind,
            "title": inner(&li, ".step-title:not(.step-untitled)").first().cloned().unwrap_or_default(),
            "text": text_parts.join(" "),
        });
        let target = |e: scraper::ElementRef<'_>| e.value().attr("href").map(|h| h[1..].to_string());
        if let Some(next) = li.select(&Selector::parse(".step-next a[href^='#']").unwrap()).next() {
            step["next"] = json!(target(next));
        }
        let branches: Vec<Value> = li
            .select(&Selector::parse(".branches > li").unwrap())
            .map(|b| {
                let next = b.select(&Selector::parse("a[href^='#']").unwrap()).next().and_then(target);
                json!({ "when": inner(&b, ".answer")[0], "next": next })
            })
            .collect();
        if kind == "decision" {
            step["branches"] = json!(branches);
        }
        if let Some(terminal) = li.select(&Selector::parse(".terminal-escalation").unwrap()).next() {
            let attr = |name: &str| terminal.value().attr(name);
            step["to"] = json!(attr("data-to").unwrap_or_default());
            step["sla"] = json!(attr("data-sla").unwrap_or_default());
            step["sla_text"] = json!(attr("data-sla-text").unwrap_or_default());
            for (name, key) in [
                ("data-sla-hours", "sla_hours"),
                ("data-sla-days", "sla_days"),
                ("data-sla-business-days", "sla_business_days"),
            ] {
                if let Some(amount) = attr(name) {
                    step[key] = json!(amount.parse::<u64>().unwrap());
                }
            }
            let fields: Vec<Value> = terminal
                .select(&Selector::parse(".fields > li").unwrap())
                .map(|f| {
                    let name: String = f.children().filter_map(|n| n.value().as_text().map(|t| t.to_string())).collect();
                    let required = f.select(&Selector::parse(".field-optional").unwrap()).next().is_none();
                    json!({ "name": name.trim(), "kind": f.value().attr("data-kind").unwrap_or("text"), "required": required })
                })
                .collect();
            step["fields"] = json!(fields);
        }
        steps.insert(li.value().id().unwrap().to_string(), step);
    }
    data["steps"] = Value::Object(steps);
    data
}

const SEED: &str = "procedures/certificado-digital/a1/perda-do-backup-a1.html";
const HANDOVER: &str = "procedures/certificado-digital/a1/chamado-para-o-relacionamento.html";

#[test]
fn the_seed_procedure_page_has_everything_an_analyst_needs() {
    let (_dir, out) = build(&project(), &[]);
    let html = page(&out, SEED);
    let trail: Vec<String> = select(&html, ".breadcrumbs li").iter().map(text).collect();
    assert_eq!(trail, ["Início", "Certificado Digital", "A1", "Perda do Backup A1"]);
    let section_links: Vec<_> =
        select(&html, ".breadcrumbs a").iter().filter_map(|a| a.value().attr("href")).map(String::from).collect();
    assert_eq!(
        section_links,
        [
            "../../../index.html",
            "../../../sections/certificado-digital.html",
            "../../../sections/certificado-digital/a1.html"
        ]
    );
    assert_eq!(text(&select(&html, "h1")[0]), "Perda do Backup A1");
    let steps: Vec<_> = select(&html, "ol.steps > li").iter().map(|li| li.value().id().unwrap().to_string()).collect();
    assert_eq!(
        steps,
        [
            "acesso-maquina",
            "chave-exportavel",
            "gerar-backup",
            "recuperar-debug",
            "backup-gerado",
            "resolvido",
            "chamado"
        ]
    );
    let numbers: Vec<String> = select(&html, "ol.steps .step-number").iter().map(text).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", "6", "7"]);
    let decision = text(&select(&html, "#acesso-maquina .branches")[0]);
    assert!(decision.contains("Sim → passo 2") && decision.contains("Não → passo 7"), "{decision}");
    assert!(text(&select(&html, "#gerar-backup .step-next")[0]).starts_with("→ passo 5"));
    let escalation = text(&select(&html, "#chamado .terminal-escalation")[0]);
    for expected in [
        "Escalonar para Relacionamento",
        "24 horas",
        "CNPJ",
        "Telefone 2",
        "E-mail",
        "Certificado Digital > A1 > Chamado para o Relacionamento",
    ] {
        assert!(escalation.contains(expected), "{expected} in {escalation}");
    }
    let via = select(&html, "#chamado .terminal-escalation a")[0].value().attr("href").unwrap();
    assert_eq!(
        via,
        "chamado-para-o-relacionamento.html"
            .replace("chamado", "../../../procedures/certificado-digital/a1/chamado")
            .as_str()
    );
    assert!(!select(&html, "#resolvido .terminal-resolution").is_empty());
    assert_eq!(text(&select(&html, "#acesso-maquina .callout-note .callout-title")[0]), "Observação");
    let manual = text(&select(&html, "#gerar-backup .manual-ref")[0]);
    assert_eq!(manual, "Certificado Digital > A1 > Exportar/Trocar senha A1");
    assert_eq!(text(&select(&html, ".badge-overdue")[0]), "Revisão vencida");
    assert!(!select(&html, "figure.flowchart svg").is_empty());
    // The switch that shows the chart at full size on narrow screens, and from which column width
    // the theme hides it: the chart's width with its 20 px frame, rounded up to 100 px.
    assert_eq!(text(&select(&html, "label[for=sb_flowchart_full]")[0]), "Ver em tamanho real");
    let width: f64 = select(&html, "figure.flowchart svg")[0].value().attr("width").unwrap().parse().unwrap();
    let fits = ((width + 20.0) / 100.0).ceil() * 100.0;
    let switch = format!("section.flowchart-section.fc-fits-{fits} > input#sb_flowchart_full[type=checkbox] ~ figure");
    assert!(!select(&html, &switch).is_empty(), "{switch}");
    assert!(!select(&html, "#guided-open[hidden]").is_empty(), "guided mode button, shown by its script");
    let guided = guided(&html);
    assert!(guided.get("steps").is_some() && !text(&select(&html, "#sopbook-guided")[0]).contains("\"steps\""));
    assert_eq!(guided["steps"]["chamado"]["sla_text"], "24 horas");
    let chamado = &guided["steps"]["chamado"];
    assert_eq!(chamado["fields"].as_array().unwrap().len(), 9);
    assert_eq!(chamado["fields"][0], serde_json::json!({ "name": "CNPJ", "kind": "cnpj", "required": true }));
    assert_eq!(chamado["fields"][3]["kind"], "long-text");
    assert_eq!(chamado["fields"][7], serde_json::json!({ "name": "Telefone 2", "kind": "phone", "required": false }));
    assert_eq!(chamado["sla_hours"], 24);
    assert!(chamado.get("sla_days").is_none());
    let optional = text(&select(&html, "#chamado .fields li")[7]);
    assert_eq!(optional, "Telefone 2 (opcional)");
}

/// An SLA in days reaches the guided mode as `sla_days`, for the return deadline.
#[test]
fn the_guided_data_has_the_sla_in_days() {
    let (_dir, out) = build(&fixture("clean"), &[]);
    let html = page(&out, "procedures/suporte/reinstalar.html");
    let guided = guided(&html);
    let escalation = &guided["steps"]["escalar"];
    assert_eq!(escalation["sla_days"], 2);
    assert!(escalation.get("sla_hours").is_none());
    assert_eq!(escalation["fields"], serde_json::json!([]));
}

/// Titles and texts reach the guided mode as plain text, so its script must not strip them again.
#[test]
fn the_guided_data_keeps_an_escaped_star() {
    let toml = "title = \"P\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n\
                [steps.a]\ntitle = 'Renomeie o arquivo \\*.pfx'\ntext = 'Use `*.pfx`.'\nend = \"resolution\"\n";
    let (dir, root) = crate::base(&[("procedures/p.toml", toml)]);
    let out = dir.path().join("site");
    sopbook().arg("build").arg(&root).arg("--out").arg(&out).arg("--allow-errors").assert().code(0);
    let html = page(&out, "procedures/p.html");
    let guided = guided(&html);
    assert_eq!(guided["steps"]["a"]["title"], "Renomeie o arquivo *.pfx");
    assert_eq!(guided["steps"]["a"]["text"], "Use *.pfx.");
}

#[test]
fn backlinks_sections_tags_escalations_and_review() {
    let (_dir, out) = build(&project(), &[]);
    let handover = page(&out, HANDOVER);
    let backlinks = text(&select(&handover, ".backlinks")[0]);
    assert!(backlinks.contains("Certificado Digital > A1 > Perda do Backup A1 — passo 7"), "{backlinks}");
    let home = page(&out, "index.html");
    assert_eq!(text(&select(&home, ".section-grid")[0]), "Certificado Digital 2 procedimentos");
    let section = page(&out, "sections/certificado-digital/a1.html");
    assert_eq!(select(&section, ".cards .card").len(), 2);
    let tag = page(&out, "tags/backup.html");
    assert_eq!(select(&tag, ".cards .card").len(), 1);
    let escalations = page(&out, "escalations.html");
    assert_eq!(text(&select(&escalations, "h2")[0]), "Relacionamento");
    assert_eq!(select(&escalations, "tbody tr").len(), 2);
    let review = page(&out, "review.html");
    assert_eq!(text(&select(&review, "h2")[0]), "Suporte Técnico");
    assert_eq!(select(&review, ".owner .review-list li").len(), 2);
    assert!(out.join("404.html").is_file());
    let book = page(&out, "book/introducao.html");
    assert!(select(&book, ".book-toc li").len() >= 3);
}

/// Every `href` and `src` of every page points at a file of the site (and its `#fragment` at an
/// element of that page).
#[test]
fn every_internal_link_resolves() {
    let (_dir, out) = build(&project(), &[]);
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut links = Vec::new();
    for entry in walkdir::WalkDir::new(&out) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = page(&out, path.strip_prefix(&out).unwrap().to_str().unwrap());
        let found: BTreeSet<String> =
            select(&html, "[id]").iter().map(|e| e.value().id().unwrap().to_string()).collect();
        ids.insert(path.clone(), found);
        for element in select(&html, "[href], [src]") {
            let target = element.value().attr("href").or(element.value().attr("src")).unwrap().to_string();
            links.push((path.clone(), target));
        }
    }
    let mut checked = 0;
    for (page_path, target) in links {
        if target.starts_with("http") || target.starts_with("mailto:") {
            continue;
        }
        if page_path.ends_with("404.html") && target.starts_with('/') {
            continue; // the 404 page links from the site's base URL
        }
        let (file, fragment) = target.split_once('#').map_or((target.as_str(), None), |(f, x)| (f, Some(x)));
        let resolved =
            if file.is_empty() { page_path.clone() } else { normalize(&page_path.parent().unwrap().join(file)) };
        assert!(resolved.is_file(), "{} links to missing {target}", page_path.display());
        if let Some(fragment) = fragment.map(percent_decode) {
            let fragment = fragment.as_str();
            let known = ids.get(&resolved).map(|s| s.contains(fragment));
            assert!(
                known != Some(false),
                "{} links to missing #{fragment} in {}",
                page_path.display(),
                resolved.display()
            );
        }
        checked += 1;
    }
    assert!(checked > 100, "only {checked} links checked");
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn hostile_text_stays_text() {
    // Its unsafe URLs are `unsafe-url` errors: the build that must stay safe is the one that
    // goes on anyway.
    let (_dir, out) = build(&fixture("hostile"), &["--allow-errors"]);
    for entry in walkdir::WalkDir::new(&out) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let html = Html::parse_document(&source);
        for script in select(&html, "script") {
            let kind = script.value().attr("type");
            let src = script.value().attr("src");
            assert!(
                kind == Some("application/json") || src.is_some_and(|s| s.ends_with(".js")),
                "unexpected script in {}: {}",
                path.display(),
                script.html()
            );
            if kind == Some("application/json") {
                let body = script.inner_html();
                assert!(!body.contains('<'), "raw < in embedded JSON in {}", path.display());
                serde_json::from_str::<serde_json::Value>(&body).unwrap();
            } else {
                assert!(script.inner_html().trim().is_empty(), "inline script in {}", path.display());
            }
        }
        for element in select(&html, "*") {
            for (name, value) in element.value().attrs() {
                assert!(!name.starts_with("on"), "event handler attribute {name} in {}", path.display());
                assert!(
                    !value.trim_start().to_ascii_lowercase().starts_with("javascript:"),
                    "javascript: URL in {}",
                    path.display()
                );
                assert!(!(value.starts_with("data:") && name == "src"), "data: URL in {}", path.display());
            }
            let name = element.value().name();
            assert!(name != "iframe", "iframe in {}", path.display());
            if name == "img" {
                assert!(element.value().attr("src").is_some_and(|s| !s.contains(':')), "img in {}", path.display());
            }
            if name == "style" {
                // Only sopbook's own page rules (checklist footers), with user text as CSS strings.
                let css = element.inner_html();
                assert!(
                    !css.contains('<') && css.trim_start().starts_with("@page"),
                    "unexpected style in {}",
                    path.display()
                );
            }
        }
    }
    let html = page(&out, "procedures/x/hostil.html");
    assert!(text(&select(&html, "h1")[0]).contains("<script>alert('t')</script>"));
    assert!(text(&select(&html, "#escalar .terminal-escalation")[0]).contains("<script>alert(12)</script>"));
    assert!(!select(&html, "#sopbook-guided")[0].inner_html().contains("</"));
    assert_eq!(guided(&html)["steps"]["fim"]["text"], "</script>");
}

#[test]
fn output_is_deterministic_across_runs_and_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut trees = Vec::new();
    for threads in ["1", "2", "2"] {
        let out = dir.path().join(format!("site-{}", trees.len()));
        sopbook().env("RAYON_NUM_THREADS", threads).arg("build").arg(project()).arg("--out").arg(&out).assert().code(0);
        let mut files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(&out).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                files.insert(
                    entry.path().strip_prefix(&out).unwrap().to_path_buf(),
                    std::fs::read(entry.path()).unwrap(),
                );
            }
        }
        trees.push(files);
    }
    assert!(trees[0].len() > 10);
    assert!(trees[0] == trees[1] && trees[1] == trees[2], "builds differ");
}

#[test]
fn errors_stop_the_build_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let refused = sopbook().arg("build").arg(fixture("every-rule")).arg("--out").arg(&out).assert().code(1);
    assert!(String::from_utf8_lossy(&refused.get_output().stderr).contains("erro[dead-end]"));
    assert!(!out.exists(), "nothing written");
    sopbook().arg("build").arg(fixture("every-rule")).arg("--out").arg(&out).arg("--allow-errors").assert().code(0);
    let html = page(&out, "procedures/a/defeitos.html");
    let banner = text(&select(&html, ".banner-error")[0]);
    assert!(banner.contains("[dead-end]"), "{banner}");
}

#[test]
fn a_failed_build_leaves_the_previous_site() {
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("kb");
    copy_dir(&fixture("themed"), &kb);
    let out = dir.path().join("public");
    sopbook().arg("build").arg(&kb).arg("--out").arg(&out).assert().code(0);
    let before = std::fs::read(out.join("index.html")).unwrap();
    std::fs::write(kb.join("themes/meu/templates/partials/footer.html"), "{% if %}").unwrap();
    let failed = sopbook().arg("build").arg(&kb).arg("--out").arg(&out).assert().code(2);
    assert!(String::from_utf8_lossy(&failed.get_output().stderr).contains("footer.html"));
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}

#[test]
fn a_folder_sopbook_did_not_make_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "keep me").unwrap();
    let refused = sopbook().arg("build").arg(project()).arg("--out").arg(dir.path()).assert().code(2);
    assert!(String::from_utf8_lossy(&refused.get_output().stderr).contains("não foi criada pelo sopbook"));
    assert_eq!(std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(), "keep me");
}

#[test]
fn theme_overrides_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("kb");
    copy_dir(&fixture("themed"), &kb);
    sopbook().arg("build").arg(&kb).assert().code(0);
    let out = kb.join("public");
    let html = page(&out, "procedures/reset.html");
    assert_eq!(select(&html, "html")[0].value().attr("lang"), Some("en"));
    assert_eq!(text(&select(&html, ".site-footer")[0]), "Custom footer for Knowledge base");
    assert_eq!(text(&select(&html, ".breadcrumbs li")[0]), "Start");
    assert!(
        text(&select(&html, "#escalate .terminal-escalation")[0])
            .contains("Escalate to Security — return within 2 days")
    );
    assert_eq!(text(&select(&html, ".main-nav li")[1]), "Escalations");
}

#[test]
fn aliases_are_shown_as_text_under_the_summary() {
    let (_dir, out) = build(&fixture("aliases"), &[]);
    let html = page(&out, "procedures/certificado/perda.html");
    let aliases = select(&html, ".procedure-header .aliases");
    assert_eq!(aliases.len(), 1);
    assert_eq!(
        text(&aliases[0]),
        "Também conhecido como: perdi o pfx, cliente formatou o computador, <b>sumiu</b> & agora?"
    );
    let raw = std::fs::read_to_string(out.join("procedures/certificado/perda.html")).unwrap();
    assert!(raw.contains("&lt;b&gt;sumiu&lt;/b&gt; &amp; agora?"), "escaped as text");
    assert!(!raw.contains("<b>sumiu</b>"), "an alias is text, never HTML");
    let without = std::fs::read_to_string(out.join("procedures/certificado/sem-apelidos.html")).unwrap();
    assert!(!without.contains("class=\"aliases\"") && !without.contains("Também conhecido como"));

    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("kb");
    copy_dir(&fixture("aliases"), &kb);
    let config = std::fs::read_to_string(kb.join("sopbook.toml")).unwrap();
    std::fs::write(kb.join("sopbook.toml"), config.replace("[site]", "[site]\nlanguage = \"en\"")).unwrap();
    let (_en_dir, en) = build(&kb, &[]);
    let html = page(&en, "procedures/certificado/exportar.html");
    assert_eq!(
        text(&select(&html, ".aliases")[0]),
        "Also known as: Perdi o PFX, perda do backup A1, levar o certificado, Levar o certificado"
    );
}

#[test]
fn procedure_page_snapshot() {
    let (_dir, out) = build(&fixture("themed"), &[]);
    let html = std::fs::read_to_string(out.join("procedures/reset.html")).unwrap();
    let without_svg = match (html.find("<svg"), html.find("</svg>")) {
        (Some(a), Some(b)) => format!("{}<svg …/>{}", &html[..a], &html[b + 6..]),
        _ => html,
    };
    insta::assert_snapshot!("themed_procedure_page", without_svg);
}
