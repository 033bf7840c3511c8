//! `sopbook init` and `sopbook new`: what they write, that it lints clean, and that they never
//! overwrite.

use std::path::Path;

use sopbook::load::KnowledgeBase;
use sopbook::model::StepKind;
use sopbook::scenarios;

use crate::TODAY;
use crate::sopbook;

const INIT_FILES: [&str; 4] =
    ["sopbook.toml", "manuals.toml", "procedures/exemplo/primeiro-procedimento.toml", ".gitignore"];

fn stdout(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn stderr(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

/// `sopbook lint DIR` exits 0 with no finding at all, not even a warning.
fn assert_lints_clean(root: &Path, procedures: usize) {
    let out = sopbook().arg("lint").arg(root).assert().code(0);
    let plural = if procedures == 1 { "" } else { "s" };
    assert_eq!(stdout(&out), format!("nenhum erro, nenhum aviso em {procedures} procedimento{plural}\n"));
    let out = sopbook().args(["lint", "--format", "json"]).arg(root).assert().code(0);
    assert_eq!(stdout(&out).trim(), "[]");
}

fn init(root: &Path) {
    sopbook().arg("init").arg(root).assert().code(0);
}

#[test]
fn init_creates_a_knowledge_base_that_lints_clean() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("nova-base");
    let out = sopbook().arg("init").arg(&root).assert().code(0);
    let printed = stdout(&out);
    for file in INIT_FILES {
        assert!(root.join(file).is_file(), "{file} missing");
        assert!(printed.contains(file), "{printed}");
    }
    for next in ["sopbook lint", "sopbook build", "sopbook serve"] {
        assert!(printed.contains(next), "{printed}");
    }
    assert_lints_clean(&root, 1);

    let example = std::fs::read_to_string(root.join(INIT_FILES[2])).unwrap();
    assert!(example.contains(&format!("updated = {TODAY}\n")), "{example}");
    for kind in [
        "branches",
        "next  =",
        "\"resolution\"",
        "\"escalation\"",
        "to     =",
        "sla    =",
        "fields =",
        "note",
        "[[scenarios]]",
        "answers =",
        "expect  =",
    ] {
        assert!(example.contains(kind), "{kind} missing from the example");
    }
    let settings = std::fs::read_to_string(root.join("sopbook.toml")).unwrap();
    for key in ["[site]", "title", "language", "base_url", "[build]", "output", "theme", "[review]", "months", "[lint]"]
    {
        assert!(settings.contains(key), "{key} missing from sopbook.toml");
    }
    let gitignore = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "/site") && gitignore.lines().any(|l| l == "/.site.sopbook-*"));
    assert!(std::fs::read_to_string(root.join("manuals.toml")).unwrap().contains("# [[manual]]"));

    // The example builds too, into the folder the .gitignore names.
    sopbook().arg("build").arg(&root).assert().code(0);
    assert!(root.join("site/index.html").is_file());
}

#[test]
fn init_defaults_to_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = sopbook().arg("init").current_dir(dir.path()).assert().code(0);
    assert!(!stdout(&out).contains("cd "), "no `cd` hint for the current folder");
    assert!(dir.path().join("procedures/exemplo/primeiro-procedimento.toml").is_file());
    sopbook().arg("lint").current_dir(dir.path()).assert().code(0);
}

#[test]
fn init_twice_refuses_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let before: Vec<Vec<u8>> = INIT_FILES.iter().map(|f| std::fs::read(dir.path().join(f)).unwrap()).collect();
    // A different "today" would change the example's `updated` if it were rewritten.
    let out = sopbook().env("SOPBOOK_TODAY", "2030-01-01").arg("init").arg(dir.path()).assert().code(2);
    let message = stderr(&out);
    assert!(message.starts_with("erro: "), "{message}");
    for file in INIT_FILES {
        assert!(message.contains(file), "{file} not named in: {message}");
    }
    let after: Vec<Vec<u8>> = INIT_FILES.iter().map(|f| std::fs::read(dir.path().join(f)).unwrap()).collect();
    assert_eq!(before, after);
}

#[test]
fn init_refuses_when_only_one_file_exists_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sopbook.toml"), "[site]\ntitle = \"Minha\"\n").unwrap();
    let out = sopbook().arg("init").arg(dir.path()).assert().code(2);
    let message = stderr(&out);
    assert!(message.contains("sopbook.toml") && !message.contains("manuals.toml"), "{message}");
    assert_eq!(std::fs::read_to_string(dir.path().join("sopbook.toml")).unwrap(), "[site]\ntitle = \"Minha\"\n");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["sopbook.toml"], "nothing else was written");
}

#[test]
fn init_into_a_folder_with_unrelated_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "# Base\n").unwrap();
    std::fs::create_dir_all(dir.path().join("docs/antigos")).unwrap();
    std::fs::write(dir.path().join("docs/antigos/manual.docx"), b"PK\x03\x04").unwrap();
    std::fs::create_dir_all(dir.path().join("procedures/outra")).unwrap();
    init(dir.path());
    assert_eq!(std::fs::read_to_string(dir.path().join("README.md")).unwrap(), "# Base\n");
    assert!(dir.path().join("docs/antigos/manual.docx").is_file());
    assert_lints_clean(dir.path(), 1);
}

#[test]
fn init_refuses_a_path_that_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("arquivo");
    std::fs::write(&file, "x").unwrap();
    let out = sopbook().arg("init").arg(&file).assert().code(2);
    assert!(stderr(&out).contains("não é uma pasta"));
}

#[test]
fn new_writes_the_file_of_its_breadcrumb_and_lints_clean() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let out = sopbook()
        .args(["new", "Certificado Digital > A1 > Perda do Backup A1", "--root"])
        .arg(dir.path())
        .assert()
        .code(0);
    let rel = "procedures/certificado-digital/a1/perda-do-backup-a1.toml";
    assert!(stdout(&out).contains(rel), "{}", stdout(&out));
    let text = std::fs::read_to_string(dir.path().join(rel)).unwrap();
    assert!(text.contains("title   = \"Perda do Backup A1\"\n"), "{text}");
    assert!(text.contains("section = \"Certificado Digital > A1\"\n"), "{text}");
    assert!(text.contains("summary = \"Descreva quando usar este procedimento.\"\n"), "{text}");
    assert!(text.contains(&format!("updated = {TODAY}\n")), "{text}");
    // The owner is the one of the only other procedure, the example.
    assert!(text.contains("owner   = \"Suporte Técnico\"\n"), "{text}");
    assert!(text.contains("end    = \"escalation\"") && text.contains("end  = \"resolution\""));
    assert_lints_clean(dir.path(), 2);

    // A second one in the current folder, referencing nothing: still clean.
    sopbook().args(["new", "Certificado Digital > A1 > Debug"]).current_dir(dir.path()).assert().code(0);
    assert!(dir.path().join("procedures/certificado-digital/a1/debug.toml").is_file());
    assert_lints_clean(dir.path(), 3);
}

/// `sopbook new` writes one scenario per terminal of its template, each ending there; with
/// `untested-branch` turned on, the base (the example of `init` too) still lints clean.
#[test]
fn new_writes_a_passing_scenario_per_terminal() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let breadcrumb = "Emissão de Nota > NF-e > Rejeição 539: Duplicidade";
    sopbook().args(["new", breadcrumb, "--root"]).arg(dir.path()).assert().code(0);
    let kb = KnowledgeBase::load(dir.path()).unwrap();
    let procedure =
        kb.procedures.iter().find(|p| p.breadcrumb().is_some_and(|b| b.as_str() == breadcrumb)).expect("the new one");
    let terminals: Vec<usize> = (0..procedure.steps.len())
        .filter(|&i| matches!(procedure.steps[i].kind(), StepKind::Resolution | StepKind::Escalation))
        .collect();
    assert_eq!(terminals.len(), 2);
    let walks = scenarios::walks(procedure);
    assert_eq!(walks.len(), terminals.len(), "one scenario per terminal");
    let mut reached = Vec::new();
    for walk in &walks {
        let walk = walk.as_ref().expect("a well-formed scenario");
        assert!(walk.passed(), "{walk:?}");
        reached.push(walk.reached.expect("ends at a terminal"));
    }
    reached.sort_unstable();
    assert_eq!(reached, terminals);
    assert!(scenarios::coverage(procedure, walks.iter().flatten()).missed.is_empty());

    let settings = dir.path().join("sopbook.toml");
    let mut text = std::fs::read_to_string(&settings).unwrap();
    assert!(
        text.trim_end().ends_with("# image-alt      = \"error\"    # imagem sem texto alternativo passa a ser erro")
    );
    text.push_str("untested-branch = \"error\"\n");
    std::fs::write(&settings, text).unwrap();
    assert_lints_clean(dir.path(), 2);
}

#[test]
fn new_takes_the_owner_of_the_nearest_section() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    std::fs::create_dir_all(dir.path().join("procedures/fiscal")).unwrap();
    std::fs::write(
        dir.path().join("procedures/fiscal/nfe.toml"),
        "title = \"NFe\"\nsection = \"Fiscal\"\nowner = \"Equipe Fiscal\"\nupdated = 2026-11-01\n\
         [steps.fim]\nend = \"resolution\"\n",
    )
    .unwrap();
    sopbook().args(["new", "Fiscal > NFC-e", "--root"]).arg(dir.path()).assert().code(0);
    let text = std::fs::read_to_string(dir.path().join("procedures/fiscal/nfc-e.toml")).unwrap();
    assert!(text.contains("owner   = \"Equipe Fiscal\"\n"), "{text}");
    assert!(text.contains("procedimentos de \"Fiscal\""), "the header says where the owner came from: {text}");
    assert_lints_clean(dir.path(), 3);
}

#[test]
fn new_removes_accents_and_spaces_from_the_path() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    sopbook().args(["new", "  Emissão de Nota >Cancelamento  ", "--root"]).arg(dir.path()).assert().code(0);
    let text = std::fs::read_to_string(dir.path().join("procedures/emissao-de-nota/cancelamento.toml")).unwrap();
    assert!(text.contains("title   = \"Cancelamento\"\nsection = \"Emissão de Nota\"\n"), "{text}");
    assert_lints_clean(dir.path(), 2);
}

#[test]
fn new_refuses_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let rel = "procedures/emissao-de-nota/cancelamento.toml";
    std::fs::create_dir_all(dir.path().join("procedures/emissao-de-nota")).unwrap();
    let original = "title = \"Cancelamento de NF\"\nsection = \"Emissão de Nota\"\n[steps.fim]\nend = \"resolution\"\n";
    std::fs::write(dir.path().join(rel), original).unwrap();
    // A different breadcrumb with the same file name.
    let out = sopbook().args(["new", "Emissão de nota > Cancelamento", "--root"]).arg(dir.path()).assert().code(2);
    let message = stderr(&out);
    assert!(message.contains(rel) && message.contains("já existe"), "{message}");
    assert_eq!(std::fs::read_to_string(dir.path().join(rel)).unwrap(), original);
}

#[test]
fn new_refuses_a_duplicate_breadcrumb() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    // The same breadcrumb as the example, spaced differently: it lives in another file.
    let out = sopbook().args(["new", "Exemplo>Primeiro Procedimento", "--root"]).arg(dir.path()).assert().code(2);
    let message = stderr(&out);
    assert!(message.contains("procedures/exemplo/primeiro-procedimento.toml"), "{message}");
    // A procedure filed under another name still counts.
    std::fs::create_dir_all(dir.path().join("procedures/outros")).unwrap();
    std::fs::write(
        dir.path().join("procedures/outros/antigo.toml"),
        "title = \"Cancelamento\"\nsection = \"Emissão de Nota\"\n[steps.fim]\nend = \"resolution\"\n",
    )
    .unwrap();
    let out = sopbook().args(["new", "Emissão de Nota > Cancelamento", "--root"]).arg(dir.path()).assert().code(2);
    let message = stderr(&out);
    assert!(message.contains("procedures/outros/antigo.toml") && message.contains("já existe"), "{message}");
    assert!(!dir.path().join("procedures/emissao-de-nota").exists(), "nothing was written");
}

#[test]
fn new_refuses_a_breadcrumb_without_a_section() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    for bad in ["Cancelamento", "", "Emissão de Nota > ", "A > > B"] {
        let out = sopbook().args(["new", bad, "--root"]).arg(dir.path()).assert().code(2);
        let message = stderr(&out);
        assert!(message.starts_with("erro: "), "{bad}: {message}");
    }
    let out = sopbook().args(["new", "Cancelamento", "--root"]).arg(dir.path()).assert().code(2);
    assert!(stderr(&out).contains("não tem seção"), "{}", stderr(&out));
    let procedures: Vec<_> = walkdir::WalkDir::new(dir.path().join("procedures"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .collect();
    assert_eq!(procedures.len(), 1, "only the example");
}

#[test]
fn new_refuses_a_folder_that_is_not_a_knowledge_base() {
    let dir = tempfile::tempdir().unwrap();
    let out = sopbook().args(["new", "A > B", "--root"]).arg(dir.path()).assert().code(2);
    assert!(stderr(&out).contains("sopbook init"), "{}", stderr(&out));
}
