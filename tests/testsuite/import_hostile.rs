//! `import` and `init` against files written to break them: file names that try to inject TOML,
//! zip and XML bombs, HTML nested deeper than any stack, a disk that fills up half-way, and
//! manuals big enough that a quadratic step would never finish.

use std::collections::BTreeMap;
#[cfg(unix)]
use std::os::unix::process::CommandExt as _;
use std::path::Path;
#[cfg(unix)]
use std::process::Command;
use std::process::Output;

use crate::sopbook;

/// A new, empty knowledge base (a folder with `procedures/`).
fn knowledge_base() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("procedures")).unwrap();
    dir
}

fn import(root: &Path, files: &[&Path]) -> Output {
    sopbook().arg("import").args(files).arg("--root").arg(root).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file under `dir`, by relative path, with its size and a hash of its bytes.
fn tree(dir: &Path) -> BTreeMap<String, (usize, u64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            let mut hasher = std::hash::DefaultHasher::new();
            std::hash::Hash::hash(&bytes, &mut hasher);
            (rel, (bytes.len(), std::hash::Hasher::finish(&hasher)))
        })
        .collect()
}

/// Every folder under `dir`, relative.
fn folders(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect()
}

/// A manual that cites one Qualitor manual, so that `import` adds it to `manuals.toml`.
const CITING: &str = "Troca de certificado\n\nVeja **Certificado Digital > A1 > Debug** antes.\n\n1. Faça isto.\n";

// ---------------------------------------------------------------------------------------------
// Item 5: a file name is text, never TOML.

/// The TOML basic string at the end of a comment line that starts with `prefix`, parsed back.
fn quoted_after(document: &str, prefix: &str) -> String {
    let line = document.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no `{prefix}`:\n{document}"));
    let rest = &line[prefix.len()..];
    let end = rest.rfind('"').unwrap();
    let value: toml::Table = toml::from_str(&format!("v = {}", &rest[..=end])).unwrap();
    value["v"].as_str().unwrap().to_string()
}

#[test]
fn a_file_name_cannot_add_a_manual_or_break_the_toml() {
    let injection = "x\").\n[[manual]]\npath = \"Evil > Manual\"\nurl = \"https:\\u002F\\u002Fevil.example\"\n# (";
    for name in [format!("{injection}.txt"), "a\u{c}b\u{1b}[31m\u{7f}.txt".to_string(), "a\rb\"c\\d.txt".to_string()] {
        let kb = knowledge_base();
        let dir = tempfile::tempdir().unwrap();
        let manual = dir.path().join(&name);
        std::fs::write(&manual, CITING).unwrap();
        let out = import(kb.path(), &[&manual]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

        let manuals = std::fs::read_to_string(kb.path().join("manuals.toml")).unwrap();
        let parsed: toml::Table = toml::from_str(&manuals).unwrap_or_else(|e| panic!("{e}\n{manuals}"));
        let list = parsed["manual"].as_array().unwrap();
        assert_eq!(list.len(), 1, "{manuals}");
        assert_eq!(list[0]["path"].as_str(), Some("Certificado Digital > A1 > Debug"));
        assert!(list[0].get("url").is_none(), "{manuals}");
        // The name is in the comment as one TOML string, whole.
        assert_eq!(quoted_after(&manuals, "# Acrescentados pelo `sopbook import` ("), name);

        let written = walkdir::WalkDir::new(kb.path().join("procedures"))
            .into_iter()
            .map(Result::unwrap)
            .find(|e| e.file_type().is_file())
            .unwrap();
        let procedure = std::fs::read_to_string(written.path()).unwrap();
        toml::from_str::<toml::Table>(&procedure).unwrap_or_else(|e| panic!("{e}\n{procedure}"));
        assert_eq!(quoted_after(&procedure, "# Esqueleto criado pelo `sopbook import` a partir de "), name);
        let lint = sopbook().arg("lint").arg(kb.path()).output().unwrap();
        assert!(!text(&lint.stdout).contains("toml-syntax"), "{}", text(&lint.stdout));
        // Nor can it write to the terminal: no escape character reaches the report.
        assert!(!out.stdout.contains(&0x1b), "{}", text(&out.stdout));
    }
}

// ---------------------------------------------------------------------------------------------
// Item 13: nothing is written unless everything is.

/// Runs `cmd` with files limited to `limit` bytes (RLIMIT_FSIZE), as on a disk that fills up:
/// a write past the limit fails with EFBIG (SIGXFSZ is ignored, so it does not kill the process).
#[cfg(unix)]
fn with_file_size_limit(cmd: &mut Command, limit: u64) -> Output {
    // SAFETY: between fork and exec the closure calls only `signal` and `setrlimit`, which are
    // async-signal-safe, and allocates nothing.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit { rlim_cur: limit, rlim_max: limit };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.env("SOPBOOK_TODAY", crate::TODAY).env("NO_COLOR", "1").output().unwrap()
}

#[cfg(unix)]
fn binary() -> Command {
    Command::new(assert_cmd::cargo::cargo_bin!("sopbook"))
}

#[cfg(unix)]
#[test]
fn init_on_a_full_disk_leaves_the_folder_as_it_was() {
    // The example procedure (about 3 KB) is the third file, after sopbook.toml (under 2.5 KB): the
    // disk fills up while it is written.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notas.txt"), "minhas notas\n").unwrap();
    let before = tree(dir.path());
    let out = with_file_size_limit(binary().arg("init").arg(dir.path()), 2600);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("primeiro-procedimento.toml"), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("nada foi gravado"), "{}", text(&out.stderr));
    assert_eq!(tree(dir.path()), before);
    assert_eq!(folders(dir.path()), Vec::<String>::new());

    // A folder that did not exist is not left behind either.
    let new = dir.path().join("nova-base");
    let out = with_file_size_limit(binary().arg("init").arg(&new), 1500);
    assert_eq!(out.status.code(), Some(2));
    assert!(!new.exists(), "{:?}", tree(&new));

    // Enough room: the same command works.
    let out = with_file_size_limit(binary().arg("init").arg(&new), 1 << 20);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(tree(&new).len(), 4);

    // `new` (a procedure of about 1.5 KB) in a folder of its own: neither is left behind.
    let before = tree(&new);
    let out = with_file_size_limit(binary().args(["new", "Nova Seção > Sub > Título"]).arg("--root").arg(&new), 1000);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("titulo.toml"), "{}", text(&out.stderr));
    assert_eq!(tree(&new), before);
    assert!(!new.join("procedures/nova-secao").exists());
}

/// A manual in its own section (it cites `Section > Manual`), `size` bytes long.
#[cfg(unix)]
fn manual_in(dir: &Path, name: &str, section: &str, size: usize) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut text = format!("{name}\n\nVeja **{section} > Manual de apoio** antes.\n\n1. Faça isto.\n");
    while text.len() < size {
        text.push_str("Uma frase longa que ocupa espaço no passo, escrita de novo e de novo.\n");
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn import_that_fails_half_way_leaves_the_knowledge_base_as_it_was() {
    let manuals = dir_with_manuals();
    let small = manual_in(manuals.path(), "Pequeno", "Alfa > Um", 0);
    let big = manual_in(manuals.path(), "Grande", "Beta > Dois", 8000);
    let existing = "# Nossos manuais.\n[[manual]]\npath = \"Gama > Tres\"\n";

    // 1. The second procedure does not fit on the disk.
    let kb = knowledge_base();
    std::fs::write(kb.path().join("manuals.toml"), existing).unwrap();
    let before = tree(kb.path());
    let out = with_file_size_limit(binary().arg("import").arg(&small).arg(&big).arg("--root").arg(kb.path()), 4000);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("grande.toml"), "{}", text(&out.stderr));
    assert_eq!(tree(kb.path()), before);
    assert_eq!(folders(kb.path()), ["procedures"]);

    // 2. Both procedures fit, but the new manuals.toml does not.
    let kb = knowledge_base();
    let long = format!("{existing}{}", "# Um comentário longo que ocupa espaço no arquivo de manuais.\n".repeat(80));
    std::fs::write(kb.path().join("manuals.toml"), &long).unwrap();
    let before = tree(kb.path());
    let out = with_file_size_limit(binary().arg("import").arg(&small).arg("--root").arg(kb.path()), 4000);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("manuals.toml"), "{}", text(&out.stderr));
    assert_eq!(tree(kb.path()), before);
    assert_eq!(folders(kb.path()), ["procedures"]);

    // 3. A file stands where the second procedure's folder must go.
    let kb = knowledge_base();
    std::fs::write(kb.path().join("manuals.toml"), existing).unwrap();
    std::fs::write(kb.path().join("procedures/beta"), "not a folder").unwrap();
    let before = tree(kb.path());
    let out = import(kb.path(), &[&small, &big]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("procedures/beta"), "{}", text(&out.stderr));
    assert_eq!(tree(kb.path()), before);
    assert_eq!(folders(kb.path()), ["procedures"]);

    // With room and a free path, the same import works and keeps what manuals.toml had.
    std::fs::remove_file(kb.path().join("procedures/beta")).unwrap();
    let out = import(kb.path(), &[&small, &big]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let manuals = std::fs::read_to_string(kb.path().join("manuals.toml")).unwrap();
    assert!(manuals.starts_with(existing), "{manuals}");
    assert_eq!(manuals.matches("[[manual]]").count(), 3, "{manuals}");
}

#[cfg(unix)]
fn dir_with_manuals() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Item 7: bombs and nesting, read in bounded time and memory.

const DOCUMENT_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
const DOCUMENT_END: &str = "</w:body></w:document>";

fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// A .docx with these parts (deflated), written with the `zip` crate.
fn docx(path: &Path, parts: &[(&str, String)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(*name, options).unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn a_docx_zip_bomb_is_refused_after_reading_no_more_than_the_cap() {
    // `word/document.xml` inflates to 96 MiB of spaces (from about 100 KB), written 1 MiB at a
    // time so that the test itself stays small; sopbook reads at most 64 MiB of a part.
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomba.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    let spaces = vec![b' '; 1 << 20];
    std::io::Write::write_all(&mut zip, format!("{DOCUMENT_START}{}", paragraph("Oi.")).as_bytes()).unwrap();
    for _ in 0..96 {
        std::io::Write::write_all(&mut zip, &spaces).unwrap();
    }
    std::io::Write::write_all(&mut zip, DOCUMENT_END.as_bytes()).unwrap();
    zip.finish().unwrap();
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1 << 20);

    let kb = knowledge_base();
    let out = import(kb.path(), &[&bomb]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("bomba.docx") && stderr.contains("`word/document.xml`"), "{stderr}");
    assert!(stderr.contains("passa de 64 MiB"), "{stderr}");
    assert_eq!(folders(kb.path()), ["procedures"]);
}

#[test]
fn a_docx_with_too_many_entries_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("entradas.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", options).unwrap();
    std::io::Write::write_all(&mut zip, format!("{DOCUMENT_START}{}{DOCUMENT_END}", paragraph("Oi.")).as_bytes())
        .unwrap();
    for i in 0..10_000 {
        zip.start_file(format!("x/{i}"), options).unwrap();
    }
    zip.finish().unwrap();
    let out = import(knowledge_base().path(), &[&path]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("entradas.docx")
            && stderr.contains("contém 10001 arquivos")
            && stderr.contains("no máximo 10000"),
        "{stderr}"
    );
}

#[test]
fn xml_entities_are_never_expanded() {
    // A billion laughs: `&lol9;` would be 10^9 "lol"s. quick-xml does not read the DTD, and the
    // reader keeps only the five predefined entities and character references.
    let mut dtd = String::from("<!DOCTYPE w:document [\n<!ENTITY lol \"lol\">\n");
    for i in 1..=9 {
        let previous = if i == 1 { "lol".to_string() } else { format!("lol{}", i - 1) };
        dtd.push_str(&format!("<!ENTITY lol{i} \"{}\">\n", format!("&{previous};").repeat(10)));
    }
    dtd.push_str("]>\n");
    let document = format!(
        "<?xml version=\"1.0\"?>\n{dtd}{}{}{}{DOCUMENT_END}",
        &DOCUMENT_START[DOCUMENT_START.find("<w:document").unwrap()..],
        paragraph("Primeiro &lt;passo&gt; &#65;&#x42;."),
        paragraph("Risos: &lol9;."),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("risos.docx");
    docx(&path, &[("word/document.xml", document)]);
    let kb = knowledge_base();
    let out = import(kb.path(), &[&path]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = tree(kb.path());
    let (file, (size, _)) = written.iter().find(|(f, _)| f.ends_with(".toml")).unwrap();
    assert!(*size < 4000, "{size} bytes");
    let procedure = std::fs::read_to_string(kb.path().join(file)).unwrap();
    assert!(procedure.contains("Primeiro <passo> AB.") && !procedure.contains("lollol"), "{procedure}");
}

#[test]
fn html_and_markdown_nested_50000_deep_are_read() {
    let n = 50_000;
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("fundo.html");
    std::fs::write(
        &html,
        format!("<html><body>{}<p>Texto fundo.</p>{}</body></html>", "<div>".repeat(n), "</div>".repeat(n)),
    )
    .unwrap();
    let unclosed = dir.path().join("aberto.html");
    std::fs::write(&unclosed, format!("<html><body>{}<p>Texto aberto.", "<div><b><ul><li>".repeat(n))).unwrap();
    let quotes = dir.path().join("citacoes.md");
    std::fs::write(&quotes, format!("{}Texto citado.\n", "> ".repeat(n))).unwrap();
    let lists = dir.path().join("listas.md");
    std::fs::write(&lists, format!("{}Texto listado.\n", "- ".repeat(n))).unwrap();
    for (file, expected) in
        [(&html, "Texto fundo."), (&unclosed, "Texto aberto."), (&quotes, "Texto citado."), (&lists, "Texto listado.")]
    {
        let kb = knowledge_base();
        let out = import(kb.path(), &[file]);
        assert_eq!(out.status.code(), Some(0), "{}: {}", file.display(), text(&out.stderr));
        let (written, _) = tree(kb.path()).into_iter().find(|(f, _)| f.ends_with(".toml")).unwrap();
        let procedure = std::fs::read_to_string(kb.path().join(written)).unwrap();
        assert!(procedure.contains(expected), "{procedure}");
    }
}

#[test]
fn a_title_a_page_long_still_makes_a_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let manual = dir.path().join("longo.md");
    std::fs::write(&manual, format!("# {}\n\n1. Faça isto.\n", "Palavra comprida ".repeat(200))).unwrap();
    let kb = knowledge_base();
    let out = import(kb.path(), &[&manual]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = tree(kb.path());
    let (name, _) = written.iter().next().unwrap();
    assert!(name.len() < 100 && name.ends_with(".toml"), "{name}");
}

/// `manuals.toml` linked out of the knowledge base is never written: the append used to follow
/// the link wherever it went. (Whether `load` or `import` refuses it first, nothing is written.)
#[cfg(unix)]
#[test]
fn manuals_toml_linked_out_of_the_base_is_not_written() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("alheio.toml");
    std::fs::write(&target, "# de outra pessoa\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let manual = dir.path().join("manual.txt");
    std::fs::write(&manual, CITING).unwrap();

    let kb = knowledge_base();
    std::os::unix::fs::symlink(&target, kb.path().join("manuals.toml")).unwrap();
    let out = import(kb.path(), &[&manual]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("manuals.toml"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "# de outra pessoa\n");
    assert_eq!(folders(kb.path()), ["procedures"]);
    assert!(std::fs::symlink_metadata(kb.path().join("manuals.toml")).unwrap().file_type().is_symlink());
}

// ---------------------------------------------------------------------------------------------
// Issue 17: pictures that are not what they say, too big, outside the manual's folder, named
// twice, already there, or too many; tables spanned to multiply the document.

/// The start of a PNG file: only the signature is checked, as the site checks it.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\0\0\0\0";
const GIF: &[u8] = b"GIF89a\x01\0\x01\0\0\0\0;";

/// An EMF file's header: a record of type 1 with " EMF" at byte 40.
fn emf() -> Vec<u8> {
    [&[1u8, 0, 0, 0][..], &[0; 36], b" EMF", &[0; 20]].concat()
}

/// A .docx with these parts (any bytes), written with the `zip` crate.
fn docx_with(path: &Path, parts: &[(&str, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        std::io::Write::write_all(&mut zip, bytes).unwrap();
    }
    zip.finish().unwrap();
}

fn drawing(rel: &str, description: &str) -> String {
    format!(
        r#"<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Imagem" descr="{description}"/><a:graphic><a:graphicData>
        <pic:pic><pic:blipFill><a:blip r:embed="{rel}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

fn relationships(images: &[(&str, &str, bool)]) -> Vec<u8> {
    let mut xml =
        String::from(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#);
    for (id, target, external) in images {
        let mode = if *external { r#" TargetMode="External""# } else { "" };
        xml.push_str(&format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{target}"{mode}/>"#
        ));
    }
    xml.push_str("</Relationships>");
    xml.into_bytes()
}

/// The procedure file written, and every other file written, by name and bytes.
fn written(kb: &Path) -> (String, BTreeMap<String, Vec<u8>>) {
    let mut procedure = None;
    let mut others = BTreeMap::new();
    for entry in walkdir::WalkDir::new(kb.join("procedures")).into_iter().map(Result::unwrap) {
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.path().strip_prefix(kb).unwrap().to_string_lossy().into_owned();
        if name.ends_with(".toml") {
            procedure = Some(std::fs::read_to_string(entry.path()).unwrap());
        } else {
            others.insert(name, std::fs::read(entry.path()).unwrap());
        }
    }
    (procedure.expect("a procedure"), others)
}

#[test]
fn docx_pictures_that_are_not_pictures_or_too_big_are_skipped_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("telas.docx");
    let document = format!(
        r#"<w:document xmlns:w="w" xmlns:r="r" xmlns:wp="wp" xmlns:a="a" xmlns:pic="pic" xmlns:v="v" xmlns:o="o"><w:body>
        <w:p><w:r><w:t>Manual de telas</w:t></w:r></w:p>
        <w:p><w:r><w:t>1. Abra a tela, conforme imagem abaixo.</w:t></w:r></w:p>
        <w:p>{}{}{}{}{}{}</w:p>
        <w:p><w:r><w:pict><v:shape><v:imagedata r:id="rId7" o:title="Tela antiga"/></v:shape></w:pict></w:r></w:p>
        </w:body></w:document>"#,
        drawing("rId1", "Tela boa"),
        drawing("rId2", "HTML com nome de PNG"),
        drawing("rId3", "Gráfico EMF"),
        drawing("rId4", "Tela enorme"),
        drawing("rId5", "Tela vinculada"),
        drawing("rId6", "Tela sumida"),
    );
    // 17 MiB: past the 16 MiB cap, deflated to a few KB.
    let huge = [PNG, &vec![0; 17 << 20]].concat();
    docx_with(
        &path,
        &[
            ("word/document.xml", document.into_bytes()),
            (
                "word/_rels/document.xml.rels",
                relationships(&[
                    ("rId1", "media/image1.png", false),
                    ("rId2", "media/image2.png", false),
                    ("rId3", "media/image3.emf", false),
                    ("rId4", "/word/media/image4.png", false),
                    ("rId5", "file:///C:/telas/tela.png", true),
                    ("rId6", "media/nada.png", false),
                    ("rId7", "../word/media/image7.gif", false),
                ]),
            ),
            ("word/media/image1.png", PNG.to_vec()),
            ("word/media/image2.png", b"<html><script>alert(1)</script>".to_vec()),
            ("word/media/image3.emf", emf()),
            ("word/media/image4.png", huge),
            ("word/media/image7.gif", GIF.to_vec()),
        ],
    );
    let kb = knowledge_base();
    let out = import(kb.path(), &[&path]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}{}", text(&out.stderr));
    let (procedure, pictures) = written(kb.path());
    // Only the PNG and the GIF (from VML) are written, named by the step and their order.
    let names: Vec<&String> = pictures.keys().collect();
    assert_eq!(names, ["procedures/manual-de-telas/passo-1-1.png", "procedures/manual-de-telas/passo-1-2.gif"]);
    assert_eq!(pictures["procedures/manual-de-telas/passo-1-1.png"], PNG);
    assert_eq!(pictures["procedures/manual-de-telas/passo-1-2.gif"], GIF);
    assert!(
        procedure.contains(
            r#"image = [
  { src = "manual-de-telas/passo-1-1.png", alt = "Tela boa" },
  { src = "manual-de-telas/passo-1-2.gif", alt = "Tela antiga" },
]"#
        ),
        "{procedure}"
    );
    // Each skipped one, with its reason, in the note and in the report.
    for (note, said) in [
        (
            "“HTML com nome de PNG (word/media/image2.png)”: o conteúdo não é uma imagem PNG",
            "o conteúdo não é uma imagem PNG",
        ),
        ("“Gráfico EMF (word/media/image3.emf)”: é uma imagem EMF", "uma imagem no formato EMF, e o site publica PNG"),
        ("“Tela enorme (word/media/image4.png)”: tem mais de 16 MiB", "maior que 16 MiB"),
        ("“Tela vinculada (file:///C:/telas/tela.png)”: está vinculada", "vinculada a um arquivo fora do .docx"),
        ("“Tela sumida (word/media/nada.png)”: o arquivo não foi encontrado", "o arquivo não foi encontrado"),
    ] {
        assert!(procedure.contains(note), "`{note}`:\n{procedure}");
        assert!(report.contains(said), "`{said}`:\n{report}");
    }
    toml::from_str::<toml::Table>(&procedure).unwrap();
}

#[test]
fn html_pictures_stay_inside_the_manuals_folder_and_never_collide() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("manual");
    for (path, bytes) in [
        ("manual/a/tela.png", [PNG, b"a"].concat()),
        ("manual/b/tela.png", [PNG, b"b"].concat()),
        ("manual/texto.png", b"ola, eu sou texto".to_vec()),
        ("fora.png", [PNG, b"segredo de fora"].concat()),
    ] {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
    let html = folder.join("telas.html");
    std::fs::write(
        &html,
        r#"<html><body><h1>Manual de telas</h1><p>1. Confira as telas abaixo.</p>
        <p><img src="a/tela.png" alt="Tela A"><img src="b/tela.png" alt="Tela B"><img src="a/tela.png" title="Tela A de novo">
        <img src="../fora.png" alt="Fora"><img src="a/../../fora.png" alt="Fora 2"><img src="/etc/passwd" alt="Absoluto">
        <img src="texto.png" alt="Texto"><img src="data:text/html;base64,PHNjcmlwdD4=" alt="Script">
        <img src="data:image/png;base64,PGh0bWw+" alt="Falso PNG"><img src="https://imagens.example/tela.png" alt="Web"></p>
        </body></html>"#,
    )
    .unwrap();
    let kb = knowledge_base();
    let out = import(kb.path(), &[&html]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}{}", text(&out.stderr));
    let (procedure, pictures) = written(kb.path());
    let expected: BTreeMap<String, Vec<u8>> = [
        ("procedures/manual-de-telas/passo-1-1.png", [PNG, b"a"].concat()),
        ("procedures/manual-de-telas/passo-1-2.png", [PNG, b"b"].concat()),
        ("procedures/manual-de-telas/passo-1-3.png", [PNG, b"a"].concat()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    // Same file name in two folders, the same file twice: three files, none overwrites another,
    // and nothing from outside the manual's folder.
    assert_eq!(pictures, expected);
    assert!(procedure.contains(r#"alt = "Tela A de novo""#), "{procedure}");
    for (note, said) in [
        ("“Fora (../fora.png)”: o caminho sai da pasta do manual", "o caminho sai da pasta do manual"),
        ("“Fora 2 (a/../../fora.png)”: o caminho sai da pasta do manual", "o caminho sai da pasta do manual"),
        ("“Absoluto (/etc/passwd)”: o caminho sai da pasta do manual", "o caminho sai da pasta do manual"),
        ("“Texto (texto.png)”: o conteúdo não é uma imagem", "o conteúdo não é uma imagem PNG"),
        (
            "“Script (data:text/html)”: é um endereço `data:` que não é imagem",
            "um endereço `data:` que não é uma imagem",
        ),
        ("“Falso PNG (data:image/png)”: o conteúdo não é uma imagem", "o conteúdo não é uma imagem PNG"),
        ("“Web (https://imagens.example/tela.png)”: está na web", "está na web, e o sopbook não baixa nada"),
    ] {
        assert!(procedure.contains(note), "`{note}`:\n{procedure}");
        assert!(report.contains(said), "`{said}`:\n{report}");
    }
}

/// The seed .docx, whose picture goes to `…/perda-do-backup-a1/passo-2-1-1.png`.
fn seed_docx() -> std::path::PathBuf {
    crate::fixture("import").join("perda-do-backup-a1.docx")
}

#[test]
fn an_existing_picture_is_never_overwritten_and_nothing_is_written() {
    let kb = knowledge_base();
    let picture = kb.path().join("procedures/certificado-digital/a1/perda-do-backup-a1/passo-2-1-1.png");
    std::fs::create_dir_all(picture.parent().unwrap()).unwrap();
    std::fs::write(&picture, "a foto de alguém").unwrap();
    let before = tree(kb.path());
    for check in [false, true] {
        let mut cmd = sopbook();
        cmd.arg("import").arg(seed_docx()).arg("--root").arg(kb.path());
        if check {
            cmd.arg("--check");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
        let stderr = text(&out.stderr);
        assert!(stderr.contains("perda-do-backup-a1/passo-2-1-1.png` já existe"), "{stderr}");
        assert!(stderr.contains("nunca sobrescreve"), "{stderr}");
        assert_eq!(tree(kb.path()), before, "check: {check}");
    }
}

#[cfg(unix)]
#[test]
fn a_pictures_folder_linked_out_of_the_base_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let kb = knowledge_base();
    let folder = kb.path().join("procedures/certificado-digital/a1");
    std::fs::create_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink(outside.path(), folder.join("perda-do-backup-a1")).unwrap();
    let out = import(kb.path(), &[&seed_docx()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("leva para fora da base de conhecimento"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    assert!(!folder.join("perda-do-backup-a1.toml").exists());
}

#[test]
fn a_manual_of_a_thousand_pictures_writes_no_more_than_the_cap() {
    let picture = format!(r#"<img src="data:image/gif;base64,{}">"#, base64_gif());
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("muitas.html");
    std::fs::write(&html, format!("<h1>Muitas telas</h1><p>1. Veja as telas.</p><p>{}</p>", picture.repeat(1000)))
        .unwrap();
    let kb = knowledge_base();
    let out = import(kb.path(), &[&html]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let (procedure, pictures) = written(kb.path());
    assert_eq!(pictures.len(), sopbook::import::pictures::MAX_PICTURES);
    assert!(procedure.contains("passa das 500 imagens importadas de um manual"), "{}", &procedure[..2000]);
    assert!(text(&out.stdout).contains("além das 500 imagens"), "{}", text(&out.stdout));
}

fn base64_gif() -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(GIF)
}

#[test]
fn spanned_and_ragged_tables_cannot_multiply_the_document() {
    let dir = tempfile::tempdir().unwrap();
    // Each row one cell spanning 32 columns, or a wide header over rows of one cell: as a
    // Markdown table, each would write 31 empty cells a row. They are read as paragraphs.
    let html = dir.path().join("tabela.html");
    let spanned = "<tr><td colspan=32>x".repeat(20_000);
    let ragged = format!("<tr>{}{}", "<td>h".repeat(32), "<tr><td>y".repeat(20_000));
    let source = format!("<h1>Tabelas</h1><p>1. Veja.</p><table>{spanned}</table><table>{ragged}</table>");
    std::fs::write(&html, &source).unwrap();
    let docx = dir.path().join("tabela.docx");
    let row = r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="4000000000"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>"#;
    let document = format!(
        "{DOCUMENT_START}{}{}<w:tbl>{}</w:tbl>{DOCUMENT_END}",
        paragraph("Tabelas"),
        paragraph("1. Veja."),
        row.repeat(20_000)
    );
    docx_with(&docx, &[("word/document.xml", document.clone().into_bytes())]);
    for (file, size) in [(&html, source.len()), (&docx, document.len())] {
        let kb = knowledge_base();
        let out = import(kb.path(), &[file]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let (procedure, _) = written(kb.path());
        assert!(procedure.len() < size, "{}: {} bytes from {size}", file.display(), procedure.len());
        assert!(!procedure.contains("|  |  |"), "{}", &procedure[..2000]);
    }
}
