//! The procedure history read from git (`sopbook::history`), on real repositories made with the
//! `git` binary in temporary folders, with fixed names and dates.

use sopbook::history::{Change, History};

use crate::git::Repo;

/// A procedure long enough for a small edit to keep it "the same file" to rename detection.
fn procedure(title: &str, text: &str) -> String {
    format!(
        "title = \"{title}\"\nsection = \"Testes > Histórico\"\nsummary = \"Um procedimento para o histórico.\"\n\n\
         [steps.inicio]\ntitle = \"Início\"\ntext = \"{text}\"\nnext = \"fim\"\n\n\
         [steps.fim]\nend = \"resolution\"\ntext = \"Resolvido: o cliente confirma que voltou a funcionar.\"\n\
         note = \"Uma nota longa o bastante para que o arquivo pese mais que a linha que muda.\"\n"
    )
}

fn read(repo: &Repo) -> History {
    History::read(&repo.path).unwrap().expect("a repository with commits")
}

/// (short id, path, old path) of each change, to compare lists at a glance.
fn summary(changes: &[Change]) -> Vec<(String, String, Option<String>)> {
    changes.iter().map(|c| (c.short.clone(), c.path.clone(), c.old_path.clone())).collect()
}

fn short(id: &str) -> String {
    id[..7].to_string()
}

#[test]
fn a_rename_keeps_the_history_of_the_old_name() {
    let repo = Repo::new();
    repo.write("procedures/a.toml", &procedure("A", "Primeiro texto."));
    let added = repo.commit("Add a");
    repo.write("procedures/a.toml", &procedure("A", "Segundo texto."));
    let edited = repo.commit("Edit a");
    repo.git(&["mv", "procedures/a.toml", "procedures/b.toml"]);
    let moved = repo.commit("Rename a to b");
    std::fs::create_dir_all(repo.path.join("procedures/sub")).unwrap();
    repo.git(&["mv", "procedures/b.toml", "procedures/sub/c.toml"]);
    repo.write("procedures/sub/c.toml", &procedure("A", "Terceiro texto."));
    let moved_and_edited = repo.commit("Move b to sub/c, with an edit");

    let history = read(&repo);
    let of_c = history.of("procedures/sub/c.toml");
    let p = |s: &str| s.to_string();
    assert_eq!(
        summary(of_c),
        vec![
            (short(&moved_and_edited), p("procedures/sub/c.toml"), Some(p("procedures/b.toml"))),
            (short(&moved), p("procedures/b.toml"), Some(p("procedures/a.toml"))),
            (short(&edited), p("procedures/a.toml"), None),
            (short(&added), p("procedures/a.toml"), None),
        ]
    );
    assert!(history.of("procedures/a.toml").is_empty(), "the old name is no file of its own");
    assert!(of_c[3].old_blob.is_none(), "the first commit added the file");
    assert_eq!(of_c[0].commit, moved_and_edited);
    assert_eq!(history.head(), moved_and_edited);
    let before = history.blob_text(of_c[0].old_blob.as_ref().unwrap()).unwrap();
    let after = history.blob_text(of_c[0].new_blob.as_ref().unwrap()).unwrap();
    assert!(before.contains("Segundo texto.") && after.contains("Terceiro texto."));
    assert_eq!(summary(history.all()), summary(of_c), "every change is of that one file");
}

#[test]
fn a_merge_gives_branch_changes_to_the_branch_commits() {
    let repo = Repo::new();
    repo.write("procedures/a.toml", &procedure("A", "Texto de a."));
    repo.write("procedures/b.toml", &procedure("B", "Texto de b."));
    let added = repo.commit("Add a and b");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.write("procedures/a.toml", &procedure("A", "Texto de a, no ramo."));
    let on_branch = repo.commit("Edit a on the branch");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("procedures/b.toml", &procedure("B", "Texto de b, na main."));
    let on_main = repo.commit("Edit b on main");
    repo.skip_day();
    repo.git(&["merge", "-q", "--no-ff", "-m", "Merge topic", "topic"]);
    let merge = repo.git(&["rev-parse", "HEAD"]);

    let history = read(&repo);
    assert_eq!(history.head(), merge);
    let commits = |path: &str| history.of(path).iter().map(|c| c.short.clone()).collect::<Vec<_>>();
    assert_eq!(commits("procedures/a.toml"), [short(&on_branch), short(&added)]);
    assert_eq!(commits("procedures/b.toml"), [short(&on_main), short(&added)]);
    assert!(history.all().iter().all(|c| c.commit != merge), "the merge changed nothing of its own");
}

#[test]
fn an_edit_made_while_resolving_a_conflict_belongs_to_the_merge() {
    let repo = Repo::new();
    repo.write("procedures/a.toml", &procedure("A", "Original."));
    repo.commit("Add a");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.write("procedures/a.toml", &procedure("A", "Versão do ramo."));
    let on_branch = repo.commit("Branch edits a");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("procedures/a.toml", &procedure("A", "Versão da main."));
    let on_main = repo.commit("Main edits a");
    assert!(!repo.git_status(&["merge", "-q", "topic"]), "the two edits conflict");
    repo.write("procedures/a.toml", &procedure("A", "Versão resolvida."));
    let merge = repo.commit("Merge topic, resolved by hand");

    let history = read(&repo);
    let of_a = history.of("procedures/a.toml");
    assert_eq!(of_a[0].commit, merge, "the resolution differs from both parents");
    assert_eq!(of_a.len(), 4, "the merge, both edits and the addition: {:?}", summary(of_a));
    let commits: Vec<&str> = of_a.iter().map(|c| c.commit.as_str()).collect();
    assert!(commits.contains(&on_branch.as_str()) && commits.contains(&on_main.as_str()));
    let text = history.blob_text(of_a[0].new_blob.as_ref().unwrap()).unwrap();
    assert!(text.contains("Versão resolvida."));
}

#[test]
fn a_shallow_clone_reads_up_to_its_boundary() {
    let repo = Repo::new();
    let mut ids = Vec::new();
    for i in 1..=4 {
        repo.write("procedures/a.toml", &procedure("A", &format!("Versão {i}.")));
        ids.push(repo.commit(&format!("Version {i}")));
    }
    let full = read(&repo);
    assert_eq!(full.shallow_since(), None);
    assert_eq!(full.of("procedures/a.toml").len(), 4);

    let clone = repo.path.parent().unwrap().join("clone");
    let url = format!("file://{}", repo.path.display());
    repo.git(&["clone", "-q", "--depth", "2", &url, clone.to_str().unwrap()]);
    let history = History::read(&clone).unwrap().unwrap();
    // The boundary is version 3, on day 3: what it changed is unknown, so only version 4 shows.
    assert_eq!(history.shallow_since().unwrap().to_string(), "2026-01-04");
    assert_eq!(summary(history.of("procedures/a.toml")), summary(&full.of("procedures/a.toml")[..1]));
    assert_eq!(history.head(), ids[3]);
}

#[test]
fn a_linked_worktree_has_its_own_head() {
    let repo = Repo::new();
    repo.write("procedures/a.toml", &procedure("A", "Na main."));
    let first = repo.commit("Add a");
    let linked = repo.path.parent().unwrap().join("linked");
    repo.git(&["worktree", "add", "-q", "-b", "other", linked.to_str().unwrap()]);
    std::fs::write(linked.join("procedures/b.toml"), procedure("B", "Só no outro ramo.")).unwrap();
    repo.git_in(&linked, &["add", "-A"]);
    repo.git_in(&linked, &["commit", "-q", "-m", "Add b"]);

    let history = History::read(&linked).unwrap().unwrap();
    assert_ne!(history.head(), first);
    assert_eq!(history.all().len(), 2);
    assert_eq!(history.of("procedures/b.toml")[0].subject, "Add b");
    assert!(history.dirty().is_empty());
    assert_eq!(read(&repo).all().len(), 1, "the main work tree does not see the other branch");
}

#[test]
fn a_base_in_a_sub_folder_sees_only_its_own_procedures() {
    let repo = Repo::new();
    repo.write("kb/procedures/x/a.toml", &procedure("A", "Da base."));
    repo.write("procedures/fora.toml", &procedure("Fora", "Fora da base."));
    repo.write("kb/outros/z.toml", &procedure("Z", "Não é procedimento."));
    repo.commit("Add files");
    repo.write("kb/procedures/x/a.toml", &procedure("A", "Da base, editado."));
    repo.write("procedures/fora.toml", &procedure("Fora", "Fora da base, editado."));
    repo.commit("Edit both");

    let history = History::read(&repo.path.join("kb")).unwrap().unwrap();
    let paths: Vec<&str> = history.all().iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["procedures/x/a.toml", "procedures/x/a.toml"]);
    let files = history.files_at("HEAD").unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].0, "procedures/x/a.toml");
    assert!(files[0].1.contains("Da base, editado."));
    std::fs::write(repo.path.join("procedures/fora.toml"), "mudou").unwrap();
    assert!(History::read(&repo.path.join("kb")).unwrap().unwrap().dirty().is_empty());
}

#[test]
fn files_that_differ_from_head_are_dirty() {
    let repo = Repo::new();
    repo.write("procedures/a.toml", &procedure("A", "A."));
    repo.write("procedures/b.toml", &procedure("B", "B."));
    repo.write("procedures/gone.toml", &procedure("G", "G."));
    repo.commit("Add");
    repo.write("procedures/a.toml", &procedure("A", "A, mudado."));
    repo.write("procedures/novo.toml", &procedure("N", "Novo, sem git add."));
    repo.write("procedures/sub/staged.toml", &procedure("S", "Novo, com git add."));
    repo.git(&["add", "procedures/sub/staged.toml"]);
    repo.write("procedures/_rascunhos/r.toml", &procedure("R", "Rascunho."));
    repo.write("procedures/notas.md", "não é procedimento");
    std::fs::remove_file(repo.path.join("procedures/gone.toml")).unwrap();

    let history = read(&repo);
    let dirty: Vec<&str> = history.dirty().iter().map(String::as_str).collect();
    assert_eq!(dirty, ["procedures/a.toml", "procedures/novo.toml", "procedures/sub/staged.toml"]);

    // Same HEAD: the history is kept and only `dirty` is computed again.
    repo.write("procedures/a.toml", &procedure("A", "A."));
    let again = History::read_again(&repo.path, Some(history)).unwrap().unwrap();
    let dirty: Vec<&str> = again.dirty().iter().map(String::as_str).collect();
    assert_eq!(dirty, ["procedures/novo.toml", "procedures/sub/staged.toml"]);
    // A new commit: read again from scratch.
    let head = repo.commit("Commit the rest");
    let third = History::read_again(&repo.path, Some(again)).unwrap().unwrap();
    assert_eq!(third.head(), head);
    assert!(third.dirty().is_empty());
    assert_eq!(third.all()[0].commit, head);
}

#[test]
fn outside_git_there_is_no_history() {
    let (_dir, root) = crate::base(&[("procedures/a.toml", "title = \"A\"\n")]);
    assert!(History::read(&root).unwrap().is_none());
}

#[test]
fn a_repository_without_commits_has_no_history() {
    let repo = Repo::new();
    repo.write("procedures/a.toml", &procedure("A", "Ainda sem commit."));
    repo.git(&["add", "-A"]);
    assert!(History::read(&repo.path).unwrap().is_none());
}

#[test]
fn files_at_an_older_revision_have_their_old_texts() {
    let repo = Repo::new();
    repo.write("procedures/a.toml", &procedure("A", "Versão 1."));
    let first = repo.commit("Add a");
    repo.git(&["tag", "v1"]);
    repo.write("procedures/a.toml", &procedure("A", "Versão 2."));
    repo.write("procedures/z/b.toml", &procedure("B", "Nova."));
    repo.write("procedures/leia.md", "não é procedimento");
    repo.commit("Edit a, add b");

    let history = read(&repo);
    let old = history.files_at("HEAD~1").unwrap();
    assert_eq!(old, vec![("procedures/a.toml".to_string(), procedure("A", "Versão 1."))]);
    assert_eq!(history.files_at("v1").unwrap(), old);
    assert_eq!(history.files_at(&first[..9]).unwrap(), old);
    let now = history.files_at("main").unwrap();
    let paths: Vec<&str> = now.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["procedures/a.toml", "procedures/z/b.toml"]);
    assert!(now[0].1.contains("Versão 2."));
}

#[test]
fn a_bad_revision_is_an_error_naming_it() {
    let repo = Repo::new();
    repo.write("procedures/a.toml", &procedure("A", "A."));
    repo.commit("Add a");
    let error = read(&repo).files_at("nada~3").unwrap_err().to_string();
    assert!(error.contains("`nada~3`"), "{error}");
    assert!(error.contains(&repo.path.display().to_string()), "{error}");
}

#[test]
fn the_mailmap_names_the_author() {
    let repo = Repo::new();
    repo.write("procedures/a.toml", &procedure("A", "A."));
    repo.write(".mailmap", "Ana Lima Souza <ana.souza@example.com> Ana Lima <ana@example.com>\n");
    repo.commit("Add a\n\nWith a body that is not the subject.");
    let history = read(&repo);
    let change = &history.of("procedures/a.toml")[0];
    assert_eq!(change.author, "Ana Lima Souza");
    assert_eq!(change.subject, "Add a");
}

#[test]
fn the_date_is_the_authors_own() {
    let repo = Repo::new();
    repo.write("procedures/a.toml", &procedure("A", "A."));
    // 2026-03-01 02:00 UTC is still February 28 in São Paulo (-03:00).
    let date = "@1772330400 -0300";
    repo.git_dated(&["add", "-A"], date);
    repo.git_dated(&["commit", "-q", "-m", "Late"], date);
    let history = read(&repo);
    let change = &history.all()[0];
    assert_eq!(change.date.to_string(), "2026-02-28");
    assert_eq!(change.time, 1_772_330_400);
    let json = serde_json::to_value(change).unwrap();
    assert_eq!(json["date"], "2026-02-28");
    assert!(json.get("old_blob").is_none() && json.get("new_blob").is_none());
}

#[test]
fn the_same_head_gives_the_same_history() {
    let repo = Repo::new();
    for i in 0..6 {
        repo.write(&format!("procedures/p{}.toml", i % 3), &procedure("P", &format!("Versão {i}.")));
        repo.write(&format!("procedures/q{i}.toml"), &procedure("Q", "Q."));
        // Same day for all: ties are broken by the graph and ids, not by chance.
        repo.git(&["add", "-A"]);
        repo.git(&["commit", "-q", "-m", &format!("Commit {i}")]);
    }
    let first = serde_json::to_string(read(&repo).all()).unwrap();
    let second = serde_json::to_string(read(&repo).all()).unwrap();
    assert_eq!(first, second);
    let history = read(&repo);
    let subjects: Vec<&str> = history.of("procedures/p0.toml").iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(subjects, ["Commit 3", "Commit 0"], "children before parents when dates tie");
}

#[test]
fn a_corrupt_object_is_an_error() {
    let repo = Repo::new();
    repo.write("procedures/a.toml", &procedure("A", "A."));
    repo.commit("Add a");
    repo.write("procedures/a.toml", &procedure("A", "B."));
    repo.commit("Edit a");
    let tree = repo.git(&["rev-parse", "HEAD~1:procedures"]);
    let object = repo.path.join(".git/objects").join(&tree[..2]).join(&tree[2..]);
    let mut permissions = std::fs::metadata(&object).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&object, permissions).unwrap();
    std::fs::write(&object, b"not zlib at all").unwrap();
    let error = History::read(&repo.path).err().expect("a corrupt tree is an error").to_string();
    assert!(error.contains(&repo.path.display().to_string()), "{error}");
}
