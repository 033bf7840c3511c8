//! What the site, the linter and `sopbook diff` make of the git history, on real repositories
//! holding this repository's own knowledge base, edited by several authors on known days.

use std::path::Path;

use crate::git::{NOVEMBER, Repo};
use crate::{copy_dir, sopbook};

const SEED: &str = "procedures/certificado-digital/a1/perda-do-backup-a1.toml";
const TICKET: &str = "procedures/certificado-digital/a1/chamado-para-o-relacionamento.toml";
const WIFI: &str = "procedures/rede/sem-wi-fi.toml";
const WIFI_TEXT: &str = r#"title = "Sem Wi-Fi"
section = "Rede"
owner = "Suporte Técnico"
updated = 2026-11-01

[steps.reiniciar]
text = "Peça ao cliente que reinicie o roteador."
end = "resolution"
"#;

/// This repository's knowledge base (procedures, manuals, configuration) committed on
/// 2026-11-02 by Ana Lima.
fn seeded() -> Repo {
    let repo = Repo::starting(NOVEMBER);
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&here.join("procedures"), &repo.path.join("procedures"));
    for file in ["manuals.toml", "sopbook.toml"] {
        std::fs::copy(here.join(file), repo.path.join(file)).unwrap();
    }
    repo.commit_as("Ana Lima", "Base inicial");
    repo
}

fn read(repo: &Repo, path: &str) -> String {
    std::fs::read_to_string(repo.path.join(path)).unwrap()
}

/// Replaces `from` by `to` in the file at `path`, which must contain it.
fn edit(repo: &Repo, path: &str, from: &str, to: &str) {
    let text = read(repo, path);
    assert!(text.contains(from), "{path} has no {from:?}");
    repo.write(path, &text.replacen(from, to, 1));
}

/// The seed's first "Não" now leads to `recuperar-debug` instead of `chamado`; its scenario
/// "Máquina formatada" follows (DEBUG fails too, then the ticket).
fn reroute(repo: &Repo) {
    edit(repo, SEED, r#"{ when = "Não", next = "chamado" },"#, r#"{ when = "Não", next = "recuperar-debug" },"#);
    edit(repo, SEED, "answers = [\"Não\"]\n", "answers = [\"Não\", \"Não\"]\n");
}

/// Builds the site of `repo` into a folder beside it; returns that folder.
fn build(repo: &Repo) -> std::path::PathBuf {
    let out = repo.parent().join("site");
    sopbook().args(["build", "--quiet", "--out"]).arg(&out).arg(&repo.path).assert().success();
    out
}

fn page(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_procedure_page_shows_its_last_change_and_what_each_change_did() {
    let repo = seeded();
    reroute(&repo);
    repo.commit_as("Bruno Costa", "Máquina formatada: tentar o DEBUG antes do chamado");
    let out = build(&repo);
    let html = page(&out, "procedures/certificado-digital/a1/perda-do-backup-a1.html");
    // Beside the review date (2019), the last change: 2026-11-03, by Bruno.
    assert!(html.contains("<dt>Última revisão</dt>"), "{html}");
    assert!(
        html.contains("<dt>Última alteração</dt><dd><time datetime=\"2026-11-03\">03/11/2026</time> por Bruno Costa")
    );
    // The history, collapsed, newest first, with what each change did.
    let history = &html[html.find("<details class=\"history-details\">").expect("a collapsible history")..];
    assert!(history.contains("<summary>2 alterações registradas</summary>"), "{history}");
    let bruno = history.find("Bruno Costa").unwrap();
    let ana = history.find("Ana Lima").unwrap();
    assert!(bruno < ana, "newest first");
    assert!(history.contains("Máquina formatada: tentar o DEBUG antes do chamado"));
    assert!(history.contains("agora leva ao passo"), "the reroute in the editor's terms: {history}");
    assert!(history.contains("Procedimento criado"));
    // The other procedure was not touched since the first commit.
    let ticket = page(&out, "procedures/certificado-digital/a1/chamado-para-o-relacionamento.html");
    assert!(ticket.contains("<time datetime=\"2026-11-02\">02/11/2026</time> por Ana Lima"));
    assert!(ticket.contains("<summary>1 alteração registrada</summary>"));
}

#[test]
fn the_news_page_lists_the_recent_changes_newest_first_and_the_home_page_links_it() {
    let repo = seeded();
    reroute(&repo);
    repo.write(WIFI, WIFI_TEXT);
    repo.commit_as("Bruno Costa", "Reencaminha a máquina formatada; procedimento do Wi-Fi");
    std::fs::remove_file(repo.path.join(WIFI)).unwrap();
    repo.commit_as("Carla Dias", "Remove o procedimento do Wi-Fi");
    let out = build(&repo);
    let news = page(&out, "news.html");
    let at = |needle: &str| news.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the news: {news}"));
    assert!(at("Carla Dias") < at("Bruno Costa") && at("Bruno Costa") < at("Ana Lima"), "newest first");
    assert!(news.contains("Procedimento removido"));
    // A removed procedure has no page to link to; one that exists is linked.
    assert!(news.contains("<span class=\"news-title\">Sem Wi-Fi</span>"), "{news}");
    assert!(
        news.contains("<a class=\"news-title\" href=\"procedures/certificado-digital/a1/perda-do-backup-a1.html\">")
    );
    assert!(news.contains("nos últimos 30 dias"));
    let home = page(&out, "index.html");
    assert!(home.contains("<a href=\"news.html\">Novidades</a>"), "{home}");
}

#[test]
fn the_window_of_the_news_and_the_marks_is_configurable() {
    let repo = seeded();
    // 2026-11-02 is 25 days before the tests' "today" (2026-11-27): in a window of 30 days,
    // out of one of 7.
    let out = build(&repo);
    assert!(page(&out, "news.html").contains("Base inicial"));
    assert!(page(&out, "sections/certificado-digital/a1.html").contains("badge-new"));
    let config = read(&repo, "sopbook.toml");
    repo.write("sopbook.toml", &format!("{config}\n[history]\ndays = 7\n"));
    repo.commit_as("Ana Lima", "Novidades de uma semana");
    let out = build(&repo);
    let news = page(&out, "news.html");
    assert!(!news.contains("Base inicial") && news.contains("nos últimos 7 dias"), "{news}");
    assert!(!page(&out, "sections/certificado-digital/a1.html").contains("badge-"));
}

#[test]
fn recent_procedures_carry_a_mark_in_lists_and_in_search_results() {
    let repo = seeded();
    reroute(&repo);
    repo.commit_as("Bruno Costa", "Reencaminha");
    // The first commit is within the window: both procedures are new, not "changed".
    let out = build(&repo);
    let section = page(&out, "sections/certificado-digital/a1.html");
    assert_eq!(section.matches("<span class=\"badge badge-new\">novo</span>").count(), 2, "{section}");
    let records: String = std::fs::read_dir(out.join("search"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('d'))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert_eq!(records.matches(",\"novo\"]").count(), 2, "each procedure's record ends with its mark: {records}");
    // Outside the window of creation but within that of change: "alterado".
    let config = read(&repo, "sopbook.toml");
    repo.write("sopbook.toml", &format!("{config}\n[history]\ndays = 24\n"));
    reroute_back(&repo);
    repo.commit_as("Bruno Costa", "Volta ao chamado");
    let out = build(&repo);
    let section = page(&out, "sections/certificado-digital/a1.html");
    assert_eq!(section.matches("<span class=\"badge badge-changed\">alterado</span>").count(), 1, "{section}");
    assert!(!section.contains("badge-new"));
}

fn reroute_back(repo: &Repo) {
    edit(repo, SEED, r#"{ when = "Não", next = "recuperar-debug" },"#, r#"{ when = "Não", next = "chamado" },"#);
    edit(repo, SEED, "answers = [\"Não\", \"Não\"]\n", "answers = [\"Não\"]\n");
}

#[test]
fn the_review_page_tells_a_procedure_changed_since_its_review_from_an_untouched_one() {
    let repo = seeded();
    reroute(&repo);
    repo.commit_as("Bruno Costa", "Reencaminha sem revisar");
    let out = build(&repo);
    let review = page(&out, "review.html");
    let unreviewed = &review[review.find("Alterados desde a última revisão").expect("the section")..];
    let unreviewed = &unreviewed[..unreviewed.find("</section>").unwrap()];
    assert!(unreviewed.contains("Perda do Backup A1") && unreviewed.contains("1 alteração não revisada"));
    assert!(!unreviewed.contains("Chamado para o Relacionamento"), "{unreviewed}");
    // Both are overdue (reviewed in 2019): one changed since, the other not.
    assert!(review.contains("alterado desde a revisão") && review.contains("sem alterações desde a revisão"));
    // Moving `updated` in the next commit is the review.
    edit(&repo, SEED, "updated = 2019-11-22", "updated = 2026-11-04");
    repo.commit_as("Ana Lima", "Revisão");
    let review = page(&build(&repo), "review.html");
    assert!(review.contains("Nenhum procedimento mudou desde a sua última revisão."), "{review}");
}

#[test]
fn unreviewed_change_flags_steps_changed_without_moving_updated_when_it_is_on() {
    let repo = seeded();
    reroute(&repo);
    repo.commit_as("Bruno Costa", "Reencaminha sem revisar");
    let lint = |repo: &Repo| {
        let output = sopbook().args(["lint", "--format", "json"]).arg(&repo.path).output().unwrap();
        let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        findings
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "unreviewed-change")
            .map(|f| (f["file"].as_str().unwrap().to_string(), f["message"].as_str().unwrap().to_string()))
            .collect::<Vec<_>>()
    };
    assert!(lint(&repo).is_empty(), "allowed by default");
    let config = read(&repo, "sopbook.toml");
    repo.write("sopbook.toml", &format!("{config}\n[lint]\nunreviewed-change = \"warning\"\n"));
    repo.commit_as("Ana Lima", "Liga a regra");
    let found = lint(&repo);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, SEED);
    assert!(found[0].1.contains("(2026-11-03, Bruno Costa)"), "{}", found[0].1);
    // An uncommitted review clears it; an uncommitted change to the steps is named as such.
    edit(&repo, SEED, "updated = 2019-11-22", "updated = 2026-11-27");
    assert!(lint(&repo).is_empty());
    edit(&repo, TICKET, "abra um atendimento normal", "abra um atendimento novo");
    let found = lint(&repo);
    assert!(found.iter().any(|(file, message)| file == TICKET && message.contains("a cópia de trabalho")), "{found:?}");
}

#[test]
fn outside_git_or_when_turned_off_the_site_has_no_history() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&here.join("procedures"), &root.join("procedures"));
    std::fs::copy(here.join("manuals.toml"), root.join("manuals.toml")).unwrap();
    let out = dir.path().join("site");
    let assert = sopbook().args(["build", "--verbose", "--out"]).arg(&out).arg(&root).assert().success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("nota: histórico: nenhum"), "{stderr}");
    assert!(!out.join("news.html").exists());
    let html = page(&out, "procedures/certificado-digital/a1/perda-do-backup-a1.html");
    assert!(!html.contains("Última alteração") && !html.contains("history-details"));

    let repo = seeded();
    let config = read(&repo, "sopbook.toml");
    repo.write("sopbook.toml", &format!("{config}\n[history]\nenabled = false\n"));
    repo.commit_as("Ana Lima", "Sem histórico");
    let out = build(&repo);
    assert!(!out.join("news.html").exists());
}

#[test]
fn a_shallow_clone_builds_and_says_how_far_back_it_sees() {
    let repo = seeded();
    reroute(&repo);
    repo.commit_as("Bruno Costa", "Reencaminha");
    reroute_back(&repo);
    repo.commit_as("Bruno Costa", "Volta");
    let url = format!("file://{}", repo.path.display());
    let page_of = |depth: &str| {
        let clone = repo.parent().join(format!("clone-{depth}"));
        repo.git_in(repo.parent(), &["clone", "-q", "--depth", depth, &url, clone.to_str().unwrap()]);
        let out = repo.parent().join(format!("site-{depth}"));
        sopbook().args(["build", "--quiet", "--out"]).arg(&out).arg(&clone).assert().success();
        page(&out, "procedures/certificado-digital/a1/perda-do-backup-a1.html")
    };
    // Two commits: the older is the boundary, whose changes are unknown; the newer is listed.
    let html = page_of("2");
    assert!(html.contains("O histórico vai só até 03/11/2026"), "{html}");
    assert!(html.contains("<summary>1 alteração registrada</summary>"));
    // One commit: no change is known, and the page says so rather than inventing a creation.
    let html = page_of("1");
    assert!(html.contains("O histórico vai só até 04/11/2026"), "{html}");
    assert!(html.contains("<summary>Nenhuma alteração registrada neste clone</summary>"));
    assert!(!html.contains("Última alteração"));
}

#[test]
fn diff_compares_the_working_tree_with_head_and_two_revisions() {
    let repo = seeded();
    reroute(&repo);
    // The working tree against HEAD: the reroute, in the editor's terms.
    let human = sopbook().args(["diff", "--root"]).arg(&repo.path).assert().success();
    let human = String::from_utf8_lossy(&human.get_output().stdout).into_owned();
    assert!(human.contains(SEED) && human.contains("agora leva ao passo"), "{human}");
    repo.commit_as("Bruno Costa", "Reencaminha");
    let clean = sopbook().args(["diff", "--root"]).arg(&repo.path).assert().success();
    assert!(!String::from_utf8_lossy(&clean.get_output().stdout).contains(SEED));
    // Two revisions, as JSON and as a pull-request comment; English on request.
    let json =
        sopbook().args(["diff", "HEAD~1", "HEAD", "--format", "json", "--root"]).arg(&repo.path).assert().success();
    let json: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    assert_eq!(json["changed"][0]["path"], SEED);
    assert_eq!(json["changed"][0]["changes"][0]["kind"], "rerouted");
    let markdown = sopbook()
        .args(["diff", "HEAD~1", "HEAD", "--format", "markdown", "--lang", "en", "--root"])
        .arg(&repo.path)
        .assert()
        .success();
    let markdown = String::from_utf8_lossy(&markdown.get_output().stdout).into_owned();
    assert!(markdown.contains("### ") && markdown.contains("now leads to"), "{markdown}");
}

#[test]
fn diff_outside_git_or_of_an_unknown_revision_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("procedures")).unwrap();
    let out = sopbook().args(["diff", "--root"]).arg(dir.path()).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("não está num repositório git"), "{stderr}");
    let repo = seeded();
    let out = sopbook().args(["diff", "no-such-branch", "--root"]).arg(&repo.path).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("no-such-branch"), "{stderr}");
}
