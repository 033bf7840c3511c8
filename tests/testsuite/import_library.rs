//! `sopbook import DIR`: a whole library at once. Manuals in sub-folders, a Word 97 file, a broken
//! .docx, a picture and two copies of one manual; the bad ones are set aside with their reason,
//! the others imported, and the report says what happened, as text and as JSON.

use std::path::{Path, PathBuf};

use crate::sopbook;

fn fixture(name: &str) -> PathBuf {
    crate::fixture("import").join(name)
}

/// A knowledge base and, beside it, a library of manuals as a shared drive holds them.
fn library() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("base");
    std::fs::create_dir_all(root.join("procedures")).unwrap();
    let lib = dir.path().join("biblioteca");
    for sub in ["certificado", "fiscal/nfe", ".lixeira"] {
        std::fs::create_dir_all(lib.join(sub)).unwrap();
    }
    let copy = |from: &str, to: &str| std::fs::copy(fixture(from), lib.join(to)).unwrap();
    copy("perda-do-backup-a1.txt", "certificado/perda-do-backup-a1.txt");
    copy("perda-do-backup-a1.md", "certificado/perda-do-backup-a1-copia.md");
    std::fs::create_dir_all(lib.join("certificado/imagens")).unwrap();
    copy("imagens/categorizacao.png", "certificado/imagens/categorizacao.png");
    copy("troca-de-senha.txt", "certificado/troca-de-senha.txt");
    copy("rejeicao-539.txt", "fiscal/nfe/rejeicao-539.txt");
    copy("troca-de-senha.txt", ".lixeira/apagado.txt");
    std::fs::write(lib.join("fiscal/antigo.doc"), b"\xd0\xcf\x11\xe0 Word 97").unwrap();
    std::fs::write(lib.join("fiscal/quebrado.docx"), b"PK\x03\x04 not really a zip").unwrap();
    std::fs::write(lib.join("certificado/tela.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    (dir, root, lib)
}

fn import(root: &Path, args: &[&OsArg]) -> (i32, String, String) {
    let output = sopbook().arg("import").args(args).arg("--root").arg(root).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (output.status.code().unwrap_or(-1), text(output.stdout), text(output.stderr))
}

type OsArg = std::ffi::OsStr;

fn written(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(root.join("procedures"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().display().to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn a_library_is_imported_past_its_bad_files_with_a_summary() {
    let (_dir, root, lib) = library();
    let (code, stdout, stderr) = import(&root, &[lib.as_os_str()]);
    assert_eq!(code, 1, "manuals were set aside: {stdout}{stderr}");
    assert_eq!(
        written(&root),
        [
            "procedures/certificado-digital/a1/perda-do-backup-a1.toml",
            "procedures/certificado-digital/a1/perda-do-backup-a1/passo-2-1-1.png",
            "procedures/fiscal/nf-e/nf-e-rejeicao-539-duplicidade-de-nf-e.toml",
            "procedures/troca-de-senha-do-portal-do-cliente.toml",
        ],
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "\nManuais importados: 3 de 6; 15 passos, 1 imagem, 4 referências citadas (nenhuma resolvida, 4 novas), 15 pontos a revisar\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("3 manuais ficaram de fora (nada foi gravado para eles):\n"), "{stdout}");
    let shown = |name: &str| format!("  {}: ", lib.join(name).display());
    assert!(stdout.contains(&shown("fiscal/antigo.doc")) && stdout.contains("Word 97-2003"), "{stdout}");
    assert!(stdout.contains(&shown("fiscal/quebrado.docx")) && stdout.contains("não é um arquivo .docx"), "{stdout}");
    assert!(stdout.contains(&(shown("certificado/perda-do-backup-a1.txt") + "`")), "the copy collides: {stdout}");
    assert!(stdout.contains(&(shown("fiscal/antigo.doc") + "é um documento do Word 97-2003")), "said once: {stdout}");
    assert!(stdout.contains("2 outros arquivos das pastas foram ignorados (não são manuais)\n"), "{stdout}");
    assert!(!stdout.contains("apagado"), "hidden folders are left out: {stdout}");
    // The lint of what was written runs (the skeletons need wiring, but every file is there).
    sopbook().arg("lint").arg(&root).assert().code(1);
}

#[test]
fn the_report_as_json_counts_what_the_text_says() {
    let (_dir, root, lib) = library();
    let (code, stdout, _) = import(&root, &[lib.as_os_str(), "--check".as_ref(), "--format".as_ref(), "json".as_ref()]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["check"], true);
    assert_eq!(report["imported"].as_array().unwrap().len(), 3);
    assert_eq!(report["skipped"].as_array().unwrap().len(), 3);
    let totals = &report["totals"];
    assert_eq!(
        (totals["manuals"].as_u64(), totals["skipped"].as_u64(), totals["ignored"].as_u64()),
        (Some(3), Some(3), Some(2))
    );
    let steps: u64 = report["imported"].as_array().unwrap().iter().map(|m| m["steps"].as_u64().unwrap()).sum();
    assert_eq!(totals["steps"].as_u64(), Some(steps));
    assert_eq!(totals["pictures"].as_u64(), Some(1));
    let references: usize =
        report["imported"].as_array().unwrap().iter().map(|m| m["references"].as_array().unwrap().len()).sum();
    let counted = totals["references_resolved"].as_u64().unwrap() + totals["references_new"].as_u64().unwrap();
    assert_eq!(counted as usize, references);
    assert!(written(&root).is_empty(), "--check writes nothing");
}

#[test]
fn a_library_imported_again_keeps_what_is_there_and_adds_the_rest() {
    let (_dir, root, lib) = library();
    import(&root, &[lib.as_os_str()]);
    let before =
        std::fs::read_to_string(root.join("procedures/certificado-digital/a1/perda-do-backup-a1.toml")).unwrap();
    std::fs::write(
        root.join("procedures/certificado-digital/a1/perda-do-backup-a1.toml"),
        before.replace("title", "# editado\ntitle"),
    )
    .unwrap();
    std::fs::copy(fixture("perda-do-backup-a1.html"), lib.join("fiscal/novo.html")).unwrap();
    let (code, stdout, _) = import(&root, &[lib.as_os_str()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("já existe: o sopbook import nunca sobrescreve um arquivo"), "{stdout}");
    let after =
        std::fs::read_to_string(root.join("procedures/certificado-digital/a1/perda-do-backup-a1.toml")).unwrap();
    assert!(after.contains("# editado"), "the editor's work is kept");
}

#[test]
fn a_folder_without_manuals_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("base/procedures")).unwrap();
    std::fs::create_dir_all(dir.path().join("vazia")).unwrap();
    std::fs::write(dir.path().join("vazia/foto.png"), b"x").unwrap();
    let (code, _, stderr) = import(&dir.path().join("base"), &[dir.path().join("vazia").as_os_str()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("nenhum manual em"), "{stderr}");
}
