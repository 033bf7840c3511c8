//! `serve`'s incremental path: after each edit, the site it updates in place and the findings it
//! reports must be exactly what a full build and a full lint of the edited base give.

use std::collections::BTreeMap;
use std::path::Path;

use sopbook::lint;
use sopbook::load::KnowledgeBase;
use sopbook::model::Date;
use sopbook::render::{self, Live};

const RELACIONAMENTO: &str = "procedures/certificado-digital/a1/chamado-para-o-relacionamento.toml";
const PERDA: &str = "procedures/certificado-digital/a1/perda-do-backup-a1.toml";

/// Every file of a site, by relative path.
fn files(site: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (e.path().strip_prefix(site).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap())
        })
        .collect()
}

struct Served {
    kb: KnowledgeBase,
    lint: lint::Incremental,
    live: Live,
    root: std::path::PathBuf,
    today: Date,
}

impl Served {
    fn start(root: &Path) -> Served {
        let kb = KnowledgeBase::load(root).unwrap();
        let (lint, outcome) = lint::Incremental::new(&kb);
        let today = sopbook::load::today();
        let options = render::Options { out: root.join("live"), today, progress: false, history: None };
        let (live, _) = Live::build(&kb, &outcome, &options).unwrap();
        Served { kb, lint, live, root: root.to_path_buf(), today }
    }

    /// Writes `edits` (file, from, to) and updates the site as `serve` does.
    fn edit(&mut self, edits: &[(&str, &str, &str)]) -> Vec<String> {
        let mut changed = Vec::new();
        let mut relinked = false;
        for (file, from, to) in edits {
            let path = self.root.join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains(from), "{file} has no `{from}`");
            std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
            let reloaded = self.kb.reload_procedure(file).expect("an existing procedure");
            relinked |= reloaded.relinked;
            changed.push(reloaded.index);
        }
        let outcome = if relinked {
            let (fresh, outcome) = lint::Incremental::new(&self.kb);
            self.lint = fresh;
            outcome
        } else {
            self.lint.rerun(&self.kb, &changed)
        };
        let full = lint::run_on(&self.kb, self.today);
        assert_eq!(outcome.findings, full.findings, "incremental lint differs from a full lint");
        assert_eq!(outcome.errors(), 0, "{:?}", outcome.findings);
        let mut first = Vec::new();
        let mut rest = self.live.update(&self.kb, &outcome, &changed, relinked, |urls| first = urls).unwrap();
        first.append(&mut rest);
        first
    }

    /// The live site against a fresh build of the base as it is now.
    fn assert_matches_a_full_build(&self) {
        let fresh = tempfile::tempdir().unwrap();
        let kb = KnowledgeBase::load(&self.root).unwrap();
        let outcome = lint::run_on(&kb, self.today);
        let options =
            render::Options { out: fresh.path().join("site"), today: self.today, progress: false, history: None };
        render::build(&kb, &outcome, &options).unwrap();
        let (live, full) = (files(&self.root.join("live")), files(&fresh.path().join("site")));
        assert_eq!(live.keys().collect::<Vec<_>>(), full.keys().collect::<Vec<_>>());
        for (path, bytes) in &full {
            assert!(live[path] == *bytes, "`{path}` differs from a full build");
        }
    }
}

fn project_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::copy_dir(&project.join("procedures"), &dir.path().join("procedures"));
    for file in ["sopbook.toml", "manuals.toml"] {
        std::fs::copy(project.join(file), dir.path().join(file)).unwrap();
    }
    dir
}

#[test]
fn a_text_edit_updates_the_page_its_backlinks_and_the_lists() {
    let dir = project_copy();
    let mut served = Served::start(dir.path());
    let urls = served.edit(&[(RELACIONAMENTO, "Salvar e informar o número", "Salvar e informar o protocolo")]);
    assert!(urls.contains(&"procedures/certificado-digital/a1/chamado-para-o-relacionamento.html".to_string()));
    // Its step title is shown nowhere else; the lists and the search index are rewritten.
    assert!(urls.contains(&"search/index.js".to_string()) && urls.contains(&"search/d0.js".to_string()));
    served.assert_matches_a_full_build();
    let page = std::fs::read_to_string(
        dir.path().join("live/procedures/certificado-digital/a1/chamado-para-o-relacionamento.html"),
    )
    .unwrap();
    assert!(page.contains("Salvar e informar o protocolo"));
    // Its checklist, in the book of its folder, too.
    assert!(urls.contains(&"checklists/certificado-digital/a1.html".to_string()), "{urls:?}");
    let book = std::fs::read_to_string(dir.path().join("live/checklists/certificado-digital/a1.html")).unwrap();
    assert!(book.contains("Salvar e informar o protocolo"));
}

#[test]
fn a_new_reference_adds_a_backlink_and_removing_it_takes_it_away() {
    let dir = project_copy();
    let mut served = Served::start(dir.path());
    let reference = "Pronto! Veja também [[Certificado Digital > A1 > Perda do Backup A1]].";
    let urls = served.edit(&[(RELACIONAMENTO, "Pronto!", reference)]);
    // The referenced procedure shows a new backlink: its page is among the first ones updated.
    assert!(urls.contains(&"procedures/certificado-digital/a1/perda-do-backup-a1.html".to_string()), "{urls:?}");
    served.assert_matches_a_full_build();
    served.edit(&[(RELACIONAMENTO, reference, "Pronto!")]);
    served.assert_matches_a_full_build();
}

#[test]
fn renaming_a_procedure_and_its_references_relinks_every_page() {
    let dir = project_copy();
    let mut served = Served::start(dir.path());
    served.edit(&[
        (RELACIONAMENTO, "title   = \"Chamado para o Relacionamento\"", "title   = \"Chamado ao Relacionamento\""),
        (PERDA, "A1 > Chamado para o Relacionamento\"", "A1 > Chamado ao Relacionamento\""),
    ]);
    served.assert_matches_a_full_build();
    // A step renamed by ID: the links to `#salvar` elsewhere, if any, and the step numbers follow.
    served.edit(&[
        (RELACIONAMENTO, "[steps.salvar]", "[steps.gravar]"),
        (RELACIONAMENTO, "next    = \"salvar\"", "next    = \"gravar\""),
    ]);
    served.assert_matches_a_full_build();
}

#[test]
fn a_chapter_edit_rewrites_the_handbook_and_the_search_index() {
    let dir = project_copy();
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::copy_dir(&project.join("book"), &dir.path().join("book"));
    let mut served = Served::start(dir.path());
    let chapter = dir.path().join("book/introducao.md");
    let text = std::fs::read_to_string(&chapter).unwrap();
    let edited = text.replacen("\n\n", "\n\nUm parágrafo novo, escrito agora.\n\n", 1);
    std::fs::write(&chapter, edited).unwrap();
    let urls = served.live.update_book(&served.kb).unwrap().expect("an edit of an existing chapter");
    assert!(urls.contains(&"book/introducao.html".to_string()) && urls.contains(&"search/index.js".to_string()));
    served.assert_matches_a_full_build();
    let page = std::fs::read_to_string(dir.path().join("live/book/introducao.html")).unwrap();
    assert!(page.contains("Um parágrafo novo, escrito agora."));

    // A new chapter changes every page's navigation: not an update.
    std::fs::write(dir.path().join("book/novo.md"), "# Novo\n").unwrap();
    assert!(served.live.update_book(&served.kb).unwrap().is_none());
}

/// An image added by an edit is published to `media/` by the update, as a full build does, and
/// one replaced by another leaves the page pointing at the new one.
#[test]
fn an_image_added_by_an_edit_is_published_like_a_full_build() {
    let dir = project_copy();
    let folder = dir.path().join("procedures/certificado-digital/a1");
    std::fs::write(folder.join("tela.png"), crate::images::PNG).unwrap();
    let mut other = crate::images::PNG.to_vec();
    other.extend_from_slice(b"outra");
    std::fs::write(folder.join("outra.png"), &other).unwrap();
    let mut served = Served::start(dir.path());
    let image = "[steps.encaminhado]\nimage = { src = \"tela.png\", alt = \"Tela\" }\n";
    served.edit(&[(RELACIONAMENTO, "[steps.encaminhado]\n", image)]);
    served.assert_matches_a_full_build();
    let page = std::fs::read_to_string(
        dir.path().join("live/procedures/certificado-digital/a1/chamado-para-o-relacionamento.html"),
    )
    .unwrap();
    assert!(page.contains("src=\"../../../media/"), "the page shows the published image");
    served.edit(&[(RELACIONAMENTO, "src = \"tela.png\"", "src = \"outra.png\"")]);
    served.assert_matches_a_full_build();
}
