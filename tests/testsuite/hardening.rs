//! Hostile input (issue 7): TOML nested 100,000 deep, 10 MB procedures, 20,000 files, symbolic
//! links out of the knowledge base, hostile text in every field of the `hostile` fixture, and the
//! regressions the fuzzers (`fuzz/`) found. Times are measured by the book's chapter on
//! guarantees, not asserted here: these tests assert outcomes.

#[cfg(unix)]
use std::path::Path;

use scraper::{Html, Selector};
use sopbook::lint::{RuleId, lint_files};

use crate::fixture;
use crate::{base, sopbook};

const HEAD: &str = "title = \"Grande\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n";

fn procedure(title: &str, text: &str) -> String {
    format!(
        "title = \"{title}\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n\
         [steps.a]\ntext = \"{text}\"\nend = \"resolution\"\n"
    )
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

// --- Deeply nested TOML -------------------------------------------------------------------------

const DEPTH: usize = 100_000;

/// Arrays, inline tables, dotted keys and table headers nested 100,000 deep, closed or not.
fn nested() -> Vec<(&'static str, String)> {
    vec![
        ("arrays", format!("a = {}{}\n", "[".repeat(DEPTH), "]".repeat(DEPTH))),
        ("unclosed arrays", format!("a = {}\n", "[".repeat(DEPTH))),
        ("inline tables", format!("a = {}1{}\n", "{b = ".repeat(DEPTH), "}".repeat(DEPTH))),
        ("unclosed inline tables", format!("a = {}\n", "{b = ".repeat(DEPTH))),
        ("dotted keys", format!("a{} = 1\n", ".a".repeat(DEPTH))),
        ("table header", format!("[a{}]\nx = 1\n", ".a".repeat(DEPTH))),
        ("in a step", format!("{HEAD}[steps.a]\ntext = {}{}\n", "[".repeat(DEPTH), "]".repeat(DEPTH))),
    ]
}

/// In memory, parsed on rayon's threads (2 MiB stacks): a `toml-syntax` finding, no overflow.
#[test]
fn toml_nested_100000_deep_is_a_finding_not_a_stack_overflow() {
    for (name, text) in nested() {
        for file in ["procedures/p.toml", "sopbook.toml", "manuals.toml"] {
            let valid = procedure("P", "x");
            let mut files = vec![(file, text.as_str())];
            if file != "procedures/p.toml" {
                files.push(("procedures/p.toml", valid.as_str()));
            }
            let findings = lint_files(&files);
            let syntax: Vec<_> = findings.iter().filter(|f| f.rule == RuleId::TomlSyntax).collect();
            assert!(!syntax.is_empty(), "{name} in {file}: {findings:?}");
            assert!(
                syntax.iter().any(|f| f.message.contains("recurs")),
                "{name} in {file}: the limit is named: {syntax:?}"
            );
        }
    }
}

/// The same through the real loader and every report of the command line.
#[test]
fn toml_nested_100000_deep_through_the_command_line() {
    for (name, text) in nested() {
        let (_dir, root) = base(&[("procedures/p.toml", &text)]);
        for format in ["human", "json", "sarif"] {
            let output = sopbook().args(["lint", "--format", format]).arg(&root).output().unwrap();
            assert_eq!(output.status.code(), Some(1), "{name}, {format}: {output:?}");
            assert!(stdout(&output).contains("toml-syntax"), "{name}, {format}");
        }
    }
}

// --- Huge files -----------------------------------------------------------------------------------

/// 10 MB of text in one field: a clean lint and a site.
#[test]
fn a_10_mb_procedure_lints_and_builds() {
    let text = "palavra ".repeat(10 * 1024 * 1024 / 8);
    let (dir, root) = base(&[("procedures/grande.toml", &procedure("Grande", &text))]);
    let output = sopbook().arg("lint").arg(&root).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(stdout(&output).contains("nenhum erro, nenhum aviso em 1 procedimento"));
    let out = dir.path().join("site");
    sopbook().arg("build").arg(&root).arg("--out").arg(&out).arg("--quiet").assert().code(0);
    let page = std::fs::read_to_string(out.join("procedures/grande.html")).unwrap();
    assert!(page.len() > text.len());
}

/// A 10 MB line with a broken reference every kilobyte: every one is found and reported, in
/// every format (finding its place in the line once per text, not once per reference).
#[test]
fn a_10_mb_line_with_10000_broken_references() {
    let chunk = format!("{} [[Nada > Aqui]] ", "x".repeat(1024 - 18));
    let text = chunk.repeat(10 * 1024);
    let (_dir, root) = base(&[("procedures/p.toml", &procedure("P", &text))]);
    let human = sopbook().arg("lint").arg(&root).output().unwrap();
    assert_eq!(human.status.code(), Some(1));
    let human = stdout(&human);
    assert_eq!(human.matches("erro[broken-reference]").count(), 10 * 1024);
    // The column of the last one, far into the line, is counted in characters.
    let last = text.rfind("[[").unwrap() + "text = \"".len() + 1;
    assert!(human.contains(&format!("procedures/p.toml:6:{last}")), "{}", &human[human.len() - 2000..]);
    let json = sopbook().args(["lint", "--format", "json"]).arg(&root).output().unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(findings.as_array().unwrap().len(), 10 * 1024);
}

/// 20,000 references on one line, with an escape before them (the slow path of locating each
/// one): found and printed at their place. One pass per reference would not end in time.
#[test]
fn many_references_on_one_long_line_after_an_escape() {
    let text = format!("\\\"{}", "[[Nada > Aqui]] ".repeat(20_000));
    let (_dir, root) = base(&[("procedures/p.toml", &procedure("P", &text))]);
    let output = sopbook().arg("lint").arg(&root).output().unwrap();
    let human = stdout(&output);
    assert_eq!(human.matches("erro[broken-reference]").count(), 20_000);
    let last = "text = \"\\\"".len() + 16 * 19_999 + 1;
    assert!(human.contains(&format!("procedures/p.toml:6:{last}")), "{}", &human[human.len() - 2000..]);
}

/// `sopbook refs` on the same line: every reference listed at its place, the line read once
/// (it used to be read once per reference: minutes for a 10 MB line).
#[test]
fn refs_finds_many_references_on_one_long_line_after_an_escape() {
    let text = format!("\\\"{}", "[[Nada > Aqui]] ".repeat(20_000));
    let (_dir, root) = base(&[("procedures/p.toml", &procedure("P", &text))]);
    let output = sopbook().args(["refs", "Nada > Aqui", "--root"]).arg(&root).output().unwrap();
    let listed = stdout(&output);
    assert_eq!(listed.matches("[[Nada > Aqui]]").count(), 20_000);
    let last = "text = \"\\\"".len() + 16 * 19_999 + 1;
    assert!(listed.contains(&format!("procedures/p.toml:6:{last} ")), "{}", &listed[listed.len() - 500..]);
}

/// 20,000 procedure files (the book measures 100,000): all read, all clean.
#[test]
fn twenty_thousand_procedures() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for folder in 0..100 {
        let folder_path = root.join(format!("procedures/f{folder:03}"));
        std::fs::create_dir_all(&folder_path).unwrap();
        for file in 0..200 {
            let title = format!("P {folder:03} {file:03}");
            std::fs::write(folder_path.join(format!("p{file:03}.toml")), procedure(&title, "Texto.")).unwrap();
        }
    }
    let output = sopbook().arg("lint").arg(root).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", &stdout(&output)[..2000.min(output.stdout.len())]);
    assert!(stdout(&output).contains("nenhum erro, nenhum aviso em 20000 procedimentos"), "{}", stdout(&output));
}

// --- Symbolic links out of the knowledge base ---------------------------------------------------------

#[cfg(unix)]
const SECRET: &str = "SEGREDO-7c1f";

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// Every file of `out` (a built site): none holds `needle`, none is a symbolic link.
#[cfg(unix)]
fn assert_not_in_site(out: &Path, needle: &str) {
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        assert!(!entry.path_is_symlink(), "a symbolic link in the site: {}", entry.path().display());
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(needle),
                "{} holds text from outside the knowledge base",
                entry.path().display()
            );
        }
    }
}

/// An image that is a link to a file outside: a finding, and never copied into the site.
#[cfg(unix)]
#[test]
fn an_image_linked_outside_is_a_finding_and_never_copied() {
    let text = "title = \"P\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n[steps.a]\ntext = \"x\"\n\
                image = { src = \"tela.png\", alt = \"Tela\" }\nend = \"resolution\"\n";
    let (dir, root) = base(&[("procedures/p.toml", text)]);
    let outside = dir.path().join("fora.png");
    std::fs::write(&outside, SECRET).unwrap();
    symlink(&outside, &root.join("procedures/tela.png"));
    let output = sopbook().arg("lint").arg(&root).output().unwrap();
    assert!(stdout(&output).contains("a imagem `tela.png` está fora da base de conhecimento"), "{}", stdout(&output));
    let out = dir.path().join("site");
    sopbook().arg("build").arg(&root).arg("--out").arg(&out).arg("--allow-errors").assert().success();
    assert_not_in_site(&out, SECRET);
}

/// A procedure file or folder that is a link out of the knowledge base is not read: an
/// `unreadable` finding naming the link, and nothing of the target in the findings or the site.
/// Links that stay inside the knowledge base are followed.
#[cfg(unix)]
#[test]
fn procedures_linked_outside_are_not_read() {
    let (dir, root) = base(&[
        ("procedures/p.toml", &procedure("P", "Texto.")),
        ("outros/dentro.toml", &procedure("Dentro", "Lido pelo atalho.")),
    ]);
    let secret_file = dir.path().join("segredo.txt");
    std::fs::write(&secret_file, format!("{SECRET} = a primeira linha de um arquivo privado\n")).unwrap();
    let secret_folder = dir.path().join("pasta");
    std::fs::create_dir_all(&secret_folder).unwrap();
    std::fs::write(secret_folder.join("q.toml"), procedure(SECRET, SECRET)).unwrap();
    symlink(&secret_file, &root.join("procedures/arquivo.toml"));
    symlink(&secret_folder, &root.join("procedures/pasta"));
    symlink(&root.join("outros"), &root.join("procedures/atalho"));
    symlink(&secret_file, &root.join("sopbook.toml"));

    for format in ["human", "json", "sarif"] {
        let output = sopbook().args(["lint", "--format", format]).arg(&root).output().unwrap();
        let text = stdout(&output);
        assert!(!text.contains(SECRET), "{format} shows the target's text: {text}");
        assert_eq!(text.matches("fora da base de conhecimento: não foi lido").count(), 3, "{format}: {text}");
        for path in ["procedures/arquivo.toml", "procedures/pasta", "sopbook.toml"] {
            assert!(text.contains(path), "{format} names {path}: {text}");
        }
    }
    let json = sopbook().args(["lint", "--format", "json"]).arg(&root).output().unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    for finding in findings.as_array().unwrap() {
        assert_eq!(finding["rule"], "unreadable", "{finding}");
    }
    let human = stdout(&sopbook().arg("lint").arg(&root).output().unwrap());
    assert!(human.contains("em 4 procedimentos"), "the link inside the base is followed: {human}");

    let out = dir.path().join("site");
    sopbook().arg("build").arg(&root).arg("--out").arg(&out).arg("--allow-errors").assert().success();
    assert_not_in_site(&out, SECRET);
    assert!(out.join("procedures/atalho/dentro.html").is_file());
}

/// A handbook chapter, the handbook folder or a theme that is a link out of the knowledge base
/// is not read: the build stops with a message naming it (exit 2), and nothing of it is
/// published. Links that stay inside are followed.
#[cfg(unix)]
#[test]
fn book_and_theme_linked_outside_are_not_read() {
    let config = "[build]\ntheme = \"meu\"\n";
    let (dir, root) = base(&[("procedures/p.toml", &procedure("P", "Texto.")), ("sopbook.toml", config)]);
    let outside = dir.path().join("fora");
    std::fs::create_dir_all(outside.join("templates/partials")).unwrap();
    std::fs::write(outside.join("capitulo.md"), format!("# {SECRET}\n")).unwrap();
    std::fs::write(outside.join("templates/partials/footer.html"), SECRET).unwrap();
    std::fs::create_dir_all(root.join("book")).unwrap();
    std::fs::write(root.join("book/introducao.md"), "# Introdução\n").unwrap();
    std::fs::create_dir_all(root.join("themes")).unwrap();
    std::fs::create_dir_all(root.join("temas-guardados/meu")).unwrap();
    let out = dir.path().join("site");
    let build = |expect_ok: bool, says: &str| {
        let output = sopbook().arg("build").arg(&root).arg("--out").arg(&out).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(if expect_ok { 0 } else { 2 }), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(!stderr.contains(SECRET), "{stderr}");
    };

    // A theme folder linked inside the base is fine.
    symlink(&root.join("temas-guardados/meu"), &root.join("themes/meu"));
    build(true, "gerada");
    std::fs::remove_file(root.join("themes/meu")).unwrap();
    symlink(&outside, &root.join("themes/meu"));
    build(false, "`themes/meu` leva para fora da base de conhecimento");
    std::fs::remove_file(root.join("themes/meu")).unwrap();
    symlink(&root.join("temas-guardados/meu"), &root.join("themes/meu"));
    symlink(&outside.join("templates"), &root.join("temas-guardados/meu/templates"));
    build(false, "leva para fora da base de conhecimento");
    std::fs::remove_file(root.join("temas-guardados/meu/templates")).unwrap();

    symlink(&outside.join("capitulo.md"), &root.join("book/segredo.md"));
    build(false, "`book/segredo.md` leva para fora da base de conhecimento");
    std::fs::remove_file(root.join("book/segredo.md")).unwrap();
    // A chapter in a subfolder is read the same way.
    std::fs::create_dir_all(root.join("book/guias")).unwrap();
    symlink(&outside.join("capitulo.md"), &root.join("book/guias/segredo.md"));
    build(false, "`book/guias/segredo.md` leva para fora da base de conhecimento");
    std::fs::remove_file(root.join("book/guias/segredo.md")).unwrap();
    symlink(&root.join("book/introducao.md"), &root.join("book/atalho.md"));
    build(true, "gerada");
    assert_not_in_site(&out, SECRET);
}

/// `[build] theme` is a folder name: a path (`../../x`, absolute) is a finding in sopbook.toml,
/// and the build never reads a theme from there.
#[test]
fn a_theme_given_as_a_path_is_refused() {
    for theme in ["../../fora", "/etc", "a/b", ".."] {
        let config = format!("[build]\ntheme = \"{theme}\"\n");
        let (_dir, root) = base(&[("procedures/p.toml", &procedure("P", "Texto.")), ("sopbook.toml", &config)]);
        let output = sopbook().arg("lint").arg(&root).output().unwrap();
        let text = stdout(&output);
        assert_eq!(output.status.code(), Some(1), "{text}");
        assert!(text.contains("`theme` deve ser o nome de uma pasta de `themes/`, não um caminho"), "{text}");
        assert!(text.contains("sopbook.toml:2:9"), "points at the value: {text}");
    }
}

// --- Hostile text in every field ------------------------------------------------------------------

/// The `hostile` fixture: `<script>`, `</script>`, event handlers, `javascript:` and `data:`
/// URLs, quotes, direction overrides and zero-width characters in every text field, title,
/// breadcrumb, tag, branch answer, image alt and caption and manual URL. (site.rs checks that no
/// script, handler or unsafe URL reaches any page; here: the text is shown as text.) Its unsafe
/// URLs are `unsafe-url` errors, so it is built with `--allow-errors`, as an editor would.
#[test]
fn hostile_text_is_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    sopbook().arg("build").arg(fixture("hostile")).arg("--out").arg(&out).arg("--allow-errors").assert().code(0);
    let source = std::fs::read_to_string(out.join("procedures/x/hostil.html")).unwrap();
    let html = Html::parse_document(&source);
    let select = |css: &str| html.select(&Selector::parse(css).unwrap()).collect::<Vec<_>>();
    let text: String = select("body")[0].text().collect();
    for shown in [
        "</script><script>alert(6)</script>",
        "\u{202E}</script>\u{200B}\u{2066}\u{200D}\u{FEFF} título",
        "<style>body{display:none}</style>",
        "<a href=\"javascript:alert(23)\">a</a>",
        "<script>alert(27)</script>",
        "<img src=x onerror=alert(13)>",
        // A worked example's name (its scenario's), and one that fails.
        "<script>alert(28)</script> \u{202E}</script>\u{200B}\u{2066}\u{200D}\u{FEFF} cenário",
        "\" onmouseover=\"alert(29)",
        "palavramuitolonga_palavramuitolonga",
        &"x".repeat(5000),
    ] {
        assert!(text.contains(shown), "{shown:?} is not shown as text");
    }
    // Manual links only for http(s); the quote in one is percent-encoded, a valid URL.
    let hrefs: Vec<&str> = select("a[href]").iter().filter_map(|a| a.value().attr("href")).collect();
    assert!(hrefs.contains(&"https://exemplo.com/%22%3E%3Cscript%3Ealert(19)%3C/script%3E"), "{hrefs:?}");
    for href in &hrefs {
        let lower = href.trim().to_ascii_lowercase();
        assert!(!lower.starts_with("javascript:") && !lower.starts_with("data:"), "{href}");
    }
    // The guided mode's JSON cannot be broken out of, and the page it reads the steps from holds
    // the text as it was written.
    let json = select("#sopbook-guided")[0].inner_html();
    assert!(!json.contains("</"), "{json}");
    let guided = crate::site::guided(&html);
    assert_eq!(guided["steps"]["escalar"]["title"], "\u{202E}</script>\u{200B}\u{2066}\u{200D}\u{FEFF} título");
    // Images outside the knowledge base are not copied.
    assert!(
        !out.join("etc").exists()
            && walkdir::WalkDir::new(&out).into_iter().all(|e| e.unwrap().file_name() != "passwd")
    );
    // The reports stay valid JSON.
    for format in ["json", "sarif"] {
        let output = sopbook().args(["lint", "--format", format]).arg(fixture("hostile")).output().unwrap();
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap_or_else(|e| panic!("{format}: {e}"));
    }
}
