//! `sopbook serve`: build, serve the site on loopback, watch the sources, rebuild on every change
//! and tell the open pages to reload — or to show the lint errors over the page.
//!
//! The site is written to a private temporary folder (never to the knowledge base's own output),
//! swapped atomically on each rebuild, and served by tower-http's `ServeDir`, which answers 404 to
//! any path that leaves it. HTML responses get a small script that listens to server-sent events.
//! Requests that name another host are refused (`host`), and hostile clients are bounded
//! (`connections`).

mod connections;
mod host;
mod inject;

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use notify::event::ModifyKind;
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use serde::Serialize;
use tokio::sync::{broadcast, watch};
use tower_http::services::ServeDir;

use crate::history::History;
use crate::lint::{self, Severity, report};
use crate::load::KnowledgeBase;
use crate::render;
use crate::t;
use crate::timeline::{Summaries, Timeline};

pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
}

/// What the open pages are told.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Status {
    /// The site is up to date; `urls` are the pages that changed (`*`: all of them).
    Ok { build: u64, urls: Vec<String> },
    /// The last change did not build: the findings or the error, and the words of the overlay.
    Error { build: u64, errors: Vec<ErrorView>, text: OverlayText },
}

impl Status {
    /// The status of a change that did not build, with the overlay's words in the language of
    /// the command line.
    fn error(build: u64, errors: Vec<ErrorView>) -> Status {
        let text = OverlayText {
            title: t!("serve-overlay-title", count = errors.len()),
            hint: t!("serve-overlay-hint"),
            error: t!("severity-error"),
        };
        Status::Error { build, errors, text }
    }
}

/// What the overlay says around the errors (live.js has no words of its own).
#[derive(Clone, Debug, Serialize)]
pub struct OverlayText {
    /// "sopbook: the site was not rebuilt (2 errors)".
    pub title: String,
    /// The line under the errors: fix and save.
    pub hint: String,
    /// The word before each error's rule: `error[dead-end]`.
    pub error: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ErrorView {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub rule: String,
    pub message: String,
}

struct Shared {
    status: Mutex<Status>,
    events: broadcast::Sender<Status>,
    /// Set when the server stops: open event streams end, so the shutdown need not wait for them.
    stopping: watch::Receiver<bool>,
}

const LIVE_JS: &str = include_str!("../themes/default/static/live.js");

pub fn run(options: Options) -> anyhow::Result<()> {
    if !options.root.join(crate::load::PROCEDURES_DIR).is_dir() {
        anyhow::bail!(t!("serve-not-a-base", path = options.root.display().to_string()));
    }
    let root = options
        .root
        .canonicalize()
        .with_context(|| t!("serve-cannot-open", path = options.root.display().to_string()))?;
    // A new folder of a random name, created (never reused) with mode 0700, removed on exit:
    // nobody else can choose or see what the browser runs.
    let mut builder = tempfile::Builder::new();
    builder.prefix("sopbook-serve-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    let work = builder
        .tempdir()
        .with_context(|| t!("serve-cannot-create-temporary", path = std::env::temp_dir().display().to_string()))?;
    let site = work.path().join("site");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .with_context(|| t!("serve-cannot-start"))?;
    // Listened to from now on, the first build included, so that Ctrl+C always cleans up.
    let mut signal: Pin<Box<dyn Future<Output = ()> + Send>> = Box::pin(stopped());
    let session =
        Session { root: root.clone(), site: site.clone(), state: None, summaries: Summaries::default(), git: None };
    let Some((session, first)) = runtime.block_on(first_build(session, &mut signal)) else {
        // Stopped during the first build, which is left to die with the process.
        runtime.shutdown_timeout(Duration::ZERO);
        drop(work);
        return Ok(());
    };
    let (stop, stopping) = watch::channel(false);
    let shared = Arc::new(Shared { status: Mutex::new(first), events: broadcast::channel(64).0, stopping });
    if !site.join("index.html").is_file() {
        // Nothing to serve yet: an empty site whose overlay shows the errors.
        std::fs::create_dir_all(&site).with_context(|| t!("serve-cannot-create", path = site.display().to_string()))?;
        let page = format!(
            "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>sopbook</title></head><body></body></html>",
            crate::i18n::current().code()
        );
        std::fs::write(site.join("index.html"), page)
            .with_context(|| t!("serve-cannot-write", path = site.join("index.html").display().to_string()))?;
    }
    let watcher = watch(session, shared.clone())?;
    let result = runtime.block_on(serve(options, site.clone(), shared, stop, signal));
    // Whatever a blocking file read still does, the process does not wait for it.
    runtime.shutdown_timeout(Duration::from_millis(500));
    drop(watcher); // no rebuild starts any more in the folder about to go
    drop(work);
    result
}

/// The first build, on a blocking thread; `None` when a signal comes first.
async fn first_build(
    mut session: Session,
    signal: &mut Pin<Box<dyn Future<Output = ()> + Send>>,
) -> Option<(Session, Status)> {
    let build = tokio::task::spawn_blocking(move || {
        let status = session.rebuild(1);
        (session, status)
    });
    tokio::select! {
        built = build => built.ok(),
        () = signal => None,
    }
}

async fn serve(
    options: Options,
    site: PathBuf,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    signal: Pin<Box<dyn Future<Output = ()> + Send>>,
) -> anyhow::Result<()> {
    let app = router(&site, shared);
    let address = SocketAddr::new(options.bind, options.port);
    let cannot_listen = || t!("serve-cannot-listen", address = address.to_string());
    let listener = tokio::net::TcpListener::bind(address).await.with_context(cannot_listen)?;
    let local = listener.local_addr().with_context(cannot_listen)?;
    let url = if local.ip().is_unspecified() {
        // Listening on every interface: this machine reaches it as localhost, others by one of
        // its addresses (the `Host` check accepts those).
        let url = format!("http://localhost:{}/", local.port());
        log(&t!("serve-serving-everywhere", url = &url, local = local.to_string()));
        url
    } else {
        let url = format!("http://{local}/");
        log(&t!("serve-serving", url = &url));
        url
    };
    if options.open {
        open_browser(&url);
    }
    let shutdown = async move {
        signal.await;
        let _ = stop.send(true);
    };
    connections::serve(listener, app, shutdown).await;
    Ok(())
}

/// The milliseconds since `started`, for the lines of a rebuild.
fn millis(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// A line on standard error; nothing (rather than a panic) when it is closed.
fn log(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Ctrl+C, or a polite `kill`: either way the temporary site is removed on the way out.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        // SIGHUP too: closing the editor's terminal (VS Code's trash can) hangs the server up,
        // and its copy of the site must not stay behind in the temporary folder.
        if let (Ok(mut terminate), Ok(mut hangup)) = (signal(SignalKind::terminate()), signal(SignalKind::hangup())) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
                _ = hangup.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// The routes: the live-reload script and events, and the site itself. Outermost, the `Host`
/// check; then the script added to pages; then links refused.
fn router(site: &Path, shared: Arc<Shared>) -> Router {
    let site = Arc::new(site.to_path_buf());
    let not_found = {
        let site = site.clone();
        axum::routing::any(move || not_found(site.clone()))
    };
    let files = ServeDir::new(site.as_path()).append_index_html_on_directories(true).not_found_service(not_found);
    Router::new()
        .route(
            "/__sopbook/live.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], LIVE_JS) }),
        )
        .route("/__sopbook/events", get(move || events(shared.clone())))
        .fallback_service(files)
        .layer(axum::middleware::from_fn_with_state(site, refuse_links))
        .layer(axum::middleware::from_fn(inject::live_script))
        .layer(axum::middleware::from_fn(host::check))
}

/// The site's 404 page, whole whatever the request asked (a `Range` of it would not match the
/// page served, which has the script).
async fn not_found(site: Arc<PathBuf>) -> Response {
    let page = tokio::fs::read(site.join("404.html")).await.unwrap_or_default();
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

/// A request whose path crosses a symbolic link inside the site gets the 404 page. A build never
/// writes links (images are copied), so one there was put by someone else and may lead out of
/// the site; `ServeDir` alone would follow it.
async fn refuse_links(
    axum::extract::State(site): axum::extract::State<Arc<PathBuf>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if crosses_link(&site, request.uri().path()) {
        return not_found(site).await;
    }
    next.run(request).await
}

/// Whether some folder or file along URL path `path`, below `site`, is a symbolic link.
fn crosses_link(site: &Path, path: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut at = site.to_path_buf();
    for part in decoded.split(['/', '\\']).filter(|p| !p.is_empty() && *p != ".") {
        at.push(part);
        match at.symlink_metadata() {
            Ok(meta) if meta.file_type().is_symlink() => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    false
}

/// Server-sent events: the current status at once, then every change.
async fn events(shared: Arc<Shared>) -> Sse<impl Stream<Item = Result<Event, std::convert::Infallible>>> {
    let current = shared.status.lock().map(|s| s.clone()).unwrap_or(Status::Ok { build: 0, urls: Vec::new() });
    let receiver = shared.events.subscribe();
    let first = stream::once(async move { current });
    let rest = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(status) => return Some((status, receiver)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let all = futures_util::StreamExt::map(futures_util::StreamExt::chain(first, rest), |status| {
        let name = match status {
            Status::Ok { .. } => "reload",
            Status::Error { .. } => "error",
        };
        Ok(Event::default().event(name).data(serde_json::to_string(&status).unwrap_or_default()))
    });
    let mut stopping = shared.stopping.clone();
    let until_stopped = async move {
        let _ = stopping.wait_for(|stopped| *stopped).await;
    };
    Sse::new(futures_util::StreamExt::take_until(all, until_stopped)).keep_alive(KeepAlive::default())
}

/// What `serve` keeps between two rebuilds.
struct Session {
    root: PathBuf,
    site: PathBuf,
    /// The last good build, for incremental updates; `None` until the next full rebuild.
    state: Option<State>,
    /// The changes already summarised, by blob ids: a rebuild diffs only new versions.
    summaries: Summaries,
    /// The git history read last, reused while HEAD stays.
    git: Option<History>,
}

/// A knowledge base, its lint results and the site built from it.
struct State {
    kb: KnowledgeBase,
    lint: lint::Incremental,
    live: render::Live,
    /// Procedures edited since the site was last written (their edits had lint errors).
    pending: Vec<usize>,
    /// One of them changed its breadcrumb or its step IDs.
    relinked: bool,
}

impl Session {
    fn options(&self, history: Option<Arc<Timeline>>) -> render::Options {
        render::Options { out: self.site.clone(), today: crate::load::today(), progress: false, history }
    }

    /// Loads, lints and builds everything; on errors the previous site stays and the errors are
    /// returned.
    fn rebuild(&mut self, build: u64) -> Status {
        let started = Instant::now();
        self.state = None;
        let kb = match KnowledgeBase::load(&self.root) {
            Ok(kb) => kb,
            Err(error) => return failure(build, &error),
        };
        let history = read_history(&self.summaries, &mut self.git, &kb);
        let (lint, outcome) = lint::Incremental::with_history(&kb, history.clone());
        if let Some(errors) = lint_errors(&kb, &outcome, build) {
            return errors;
        }
        match render::Live::build(&kb, &outcome, &self.options(history)) {
            Ok((live, report)) => {
                log(&t!("serve-rebuilt", pages = report.pages, ms = millis(started)));
                self.state = Some(State { kb, lint, live, pending: Vec::new(), relinked: false });
                Status::Ok { build, urls: vec!["*".into()] }
            }
            Err(error) => failure(build, &error),
        }
    }

    /// After edits to existing procedure files only: reread those, lint them again, and write
    /// the pages they affect, announcing them through `announce` before the lists are
    /// rewritten. `None` when the edit needs a full rebuild.
    fn update(&mut self, build: u64, changed: &[String], announce: &dyn Fn(Status)) -> Option<Status> {
        let started = Instant::now();
        let state = self.state.as_mut()?;
        for rel in changed {
            let Some(reloaded) = state.kb.reload_procedure(rel) else {
                self.state = None;
                return None;
            };
            state.relinked |= reloaded.relinked;
            if !state.pending.contains(&reloaded.index) {
                state.pending.push(reloaded.index);
            }
        }
        let history = read_history(&self.summaries, &mut self.git, &self.state.as_ref()?.kb);
        let state = self.state.as_mut()?;
        state.lint.set_history(history.clone());
        state.live.set_history(&state.kb, history);
        let outcome = if state.relinked {
            let (fresh, outcome) = lint::Incremental::with_history(&state.kb, state.lint.history());
            state.lint = fresh;
            outcome
        } else {
            state.lint.rerun(&state.kb, &state.pending)
        };
        if let Some(errors) = lint_errors(&state.kb, &outcome, build) {
            return Some(errors);
        }
        let pending = std::mem::take(&mut state.pending);
        let relinked = std::mem::take(&mut state.relinked);
        let pages_done = |urls: Vec<String>| {
            log(&t!("serve-updated", pages = urls.len(), ms = millis(started)));
            announce(Status::Ok { build, urls });
        };
        match state.live.update(&state.kb, &outcome, &pending, relinked, pages_done) {
            Ok(urls) => {
                log(&t!("serve-updated-lists", ms = millis(started)));
                Some(Status::Ok { build, urls })
            }
            Err(error) => {
                self.state = None;
                Some(failure(build, &error))
            }
        }
    }
}

impl Session {
    /// After edits to the handbook's chapters only: rewrite its pages and the search index.
    /// `None` when a full rebuild is needed (a chapter added or removed, procedures pending).
    fn update_book(&mut self, build: u64) -> Option<Status> {
        let started = Instant::now();
        let state = self.state.as_mut().filter(|s| s.pending.is_empty())?;
        match state.live.update_book(&state.kb) {
            Ok(Some(urls)) => {
                log(&t!("serve-updated-book", ms = millis(started)));
                Some(Status::Ok { build, urls })
            }
            Ok(None) => None,
            Err(error) => {
                self.state = None;
                Some(failure(build, &error))
            }
        }
    }
}

/// The git history as it is now (an edit changes what is uncommitted); `git` is what was read
/// last, reused whole while HEAD stays, and `summaries` what was diffed.
fn read_history(summaries: &Summaries, git: &mut Option<History>, kb: &KnowledgeBase) -> Option<Arc<Timeline>> {
    match Timeline::read_again(kb, crate::load::today(), summaries, git) {
        Ok(Ok(timeline)) => Some(Arc::new(timeline)),
        Ok(Err(_)) => None,
        Err(error) => {
            let unread = t!("serve-history-unread", error = render::error::chain(&error));
            log(&format!("{}: {unread}", t!("severity-warning")));
            None
        }
    }
}

/// The lint errors as the overlay shows them, printed on the terminal too; `None` when none.
fn lint_errors(kb: &KnowledgeBase, outcome: &lint::Outcome, build: u64) -> Option<Status> {
    if !outcome.findings.is_empty() {
        log(report::human(kb, &outcome.findings, &report::HumanOptions { color: false }).trim_end_matches('\n'));
    }
    if outcome.errors() == 0 {
        return None;
    }
    log(&t!("serve-not-rebuilt", summary = report::summary(outcome)));
    let errors = outcome
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            let (line, column) = kb.files[f.file].line_col(f.span.start);
            ErrorView {
                file: kb.files[f.file].path.clone(),
                line,
                column,
                rule: f.rule.to_string(),
                message: f.message.clone(),
            }
        })
        .collect();
    Some(Status::error(build, errors))
}

fn failure(build: u64, error: &(dyn std::error::Error + 'static)) -> Status {
    let message = render::error::chain(error);
    log(&format!("{}: {message}", t!("severity-error")));
    Status::error(build, vec![ErrorView { file: String::new(), line: 0, column: 0, rule: "build".into(), message }])
}

/// Watches the sources and rebuilds after each burst of changes: only the affected pages when
/// existing procedures were edited, everything otherwise. Reading a file is not a change (a
/// rebuild reads every source: counting reads would rebuild forever).
fn watch(mut session: Session, shared: Arc<Shared>) -> anyhow::Result<RecommendedWatcher> {
    let (sender, receiver) = std::sync::mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else { return };
        let is_change = match event.kind {
            EventKind::Create(_) | EventKind::Remove(_) => true,
            EventKind::Modify(ModifyKind::Metadata(_)) => false,
            EventKind::Modify(_) => true,
            EventKind::Access(_) | EventKind::Other | EventKind::Any => false,
        };
        if is_change {
            for path in event.paths {
                let _ = sender.send(path);
            }
        }
    })
    .with_context(|| t!("serve-cannot-watch-files"))?;
    // Only the sources: a whole repository (say, with a `target/` folder) would cost a watch per
    // folder for nothing.
    let root = session.root.clone();
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .with_context(|| t!("serve-cannot-watch", path = root.display().to_string()))?;
    for folder in ["procedures", "book", "themes"].map(|f| root.join(f)).iter().filter(|f| f.is_dir()) {
        watcher
            .watch(folder, RecursiveMode::Recursive)
            .with_context(|| t!("serve-cannot-watch", path = folder.display().to_string()))?;
    }
    std::thread::spawn(move || {
        let mut build = 1;
        // A save is often several events (truncate, write, rename): wait until they stop.
        while let Ok(first) = receiver.recv() {
            let mut paths = vec![first];
            while let Ok(more) = receiver.recv_timeout(Duration::from_millis(40)) {
                paths.push(more);
            }
            let mut changed: Vec<String> = Vec::new();
            let (mut only_procedures, mut only_book) = (true, true);
            for path in paths.iter().filter(|p| is_source(&session.root, p)) {
                let rel = relative(&session.root, path);
                only_procedures &= rel.starts_with("procedures/") && rel.ends_with(".toml") && path.is_file();
                only_book &= rel.starts_with("book/") && rel.ends_with(".md") && path.is_file();
                if !changed.contains(&rel) {
                    changed.push(rel);
                }
            }
            if changed.is_empty() {
                continue;
            }
            build += 1;
            let publish = |status: Status| {
                if let Ok(mut current) = shared.status.lock() {
                    *current = status.clone();
                }
                let _ = shared.events.send(status);
            };
            let incremental = if only_procedures {
                session.update(build, &changed, &publish)
            } else if only_book {
                session.update_book(build)
            } else {
                None
            };
            let status = incremental.unwrap_or_else(|| session.rebuild(build));
            publish(status);
        }
    });
    Ok(watcher)
}

/// `root/a/b` → `a/b`.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Files whose change affects the site: procedures, the handbook, themes and the two settings
/// files — not the output folder, editors' swap files or version control.
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else { return false };
    let mut parts = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let Some(first) = parts.next() else { return false };
    let name = relative.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let scratch = name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp");
    !scratch && matches!(first.as_str(), "procedures" | "book" | "themes" | "sopbook.toml" | "manuals.toml")
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        log(&t!("serve-no-browser", url = url));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_gets_its_words_in_the_language_of_the_command_line() {
        let view = |rule: &str| ErrorView {
            file: "a.toml".into(),
            line: 1,
            column: 1,
            rule: rule.into(),
            message: "m".into(),
        };
        let event = serde_json::to_value(Status::error(3, vec![view("dead-end"), view("schema")])).unwrap();
        assert_eq!(event["status"], "error");
        assert_eq!(event["text"]["title"], "sopbook: o site não foi reconstruído (2 erros)");
        assert_eq!(event["text"]["hint"], "Corrija o arquivo e salve: a página se atualiza sozinha.");
        assert_eq!(event["text"]["error"], "erro");
        let one = serde_json::to_value(Status::error(4, vec![view("schema")])).unwrap();
        assert_eq!(one["text"]["title"], "sopbook: o site não foi reconstruído (1 erro)");
        let en = |count: usize| {
            crate::i18n::message_in(crate::i18n::Language::En, "serve-overlay-title", &[("count", count.into())])
        };
        assert_eq!(en(1), "sopbook: the site was not rebuilt (1 error)");
        assert_eq!(en(3), "sopbook: the site was not rebuilt (3 errors)");
        assert!(!LIVE_JS.contains("reconstruído"), "live.js has no words of its own");
    }

    #[test]
    fn only_sources_trigger_a_rebuild() {
        let root = Path::new("/kb");
        for yes in ["procedures/a/b.toml", "book/x.md", "themes/meu/templates/a.html", "sopbook.toml", "manuals.toml"] {
            assert!(is_source(root, &root.join(yes)), "{yes}");
        }
        for no in [
            "site/index.html",
            ".git/index",
            "procedures/.b.toml.swp",
            "procedures/b.toml~",
            "target/x",
            "/elsewhere/x",
        ] {
            assert!(!is_source(root, &root.join(no)), "{no}");
        }
    }
}
