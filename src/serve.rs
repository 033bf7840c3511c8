//! `sopbook serve`: build, serve the site on loopback, watch the sources, rebuild on every change
//! and tell the open pages to reload — or to show the lint errors over the page.
//!
//! The site is written to a private temporary folder (never to the knowledge base's own output),
//! swapped atomically on each rebuild, and served by tower-http's `ServeDir`, which answers 404 to
//! any path that leaves it. HTML responses get a small script that listens to server-sent events.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use notify::event::ModifyKind;
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use serde::Serialize;
use tokio::sync::broadcast;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_status::SetStatus;

use crate::lint::{self, Severity, report};
use crate::load::KnowledgeBase;
use crate::model::Date;
use crate::render;

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
    /// The last change did not build: the findings or the error, for the overlay.
    Error { build: u64, errors: Vec<ErrorView> },
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
}

const LIVE_JS: &str = include_str!("../themes/default/static/live.js");
const SCRIPT_TAG: &str = "<script src=\"/__sopbook/live.js\" defer></script>";

pub fn run(options: Options) -> Result<(), String> {
    if !options.root.join(crate::load::PROCEDURES_DIR).is_dir() {
        return Err(format!("`{}` has no `procedures/` folder: is this a knowledge base?", options.root.display()));
    }
    let root = options.root.canonicalize().map_err(|e| format!("cannot open `{}`: {e}", options.root.display()))?;
    let work = std::env::temp_dir().join(format!("sopbook-serve-{}", std::process::id()));
    let site = work.join("site");
    let mut session = Session { root: root.clone(), site: site.clone(), kb: None, healthy: false };
    let first = session.rebuild(1);
    let shared = Arc::new(Shared { status: Mutex::new(first), events: broadcast::channel(64).0 });
    if !site.join("index.html").is_file() {
        // Nothing to serve yet: an empty site whose overlay shows the errors.
        std::fs::create_dir_all(&site).map_err(|e| format!("cannot create `{}`: {e}", site.display()))?;
        std::fs::write(site.join("index.html"), "<!DOCTYPE html><html lang=\"pt-BR\"><head><meta charset=\"utf-8\"><title>sopbook</title></head><body></body></html>")
            .map_err(|e| e.to_string())?;
    }
    let _watcher = watch(session, shared.clone())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let result = runtime.block_on(serve(options, site.clone(), shared));
    let _ = std::fs::remove_dir_all(&work);
    result
}

async fn serve(options: Options, site: PathBuf, shared: Arc<Shared>) -> Result<(), String> {
    let app = router(&site, shared);
    let address = SocketAddr::new(options.bind, options.port);
    let listener =
        tokio::net::TcpListener::bind(address).await.map_err(|e| format!("cannot listen on {address}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let url = format!("http://{local}/");
    eprintln!("serving on {url} (Ctrl+C stops)");
    if options.open {
        open_browser(&url);
    }
    axum::serve(listener, app).with_graceful_shutdown(stopped()).await.map_err(|e| format!("server error: {e}"))
}

/// Ctrl+C, or a polite `kill`: either way the temporary site is removed on the way out.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// The routes: the live-reload script and events, and the site itself.
fn router(site: &Path, shared: Arc<Shared>) -> Router {
    let not_found = SetStatus::new(ServeFile::new(site.join("404.html")), StatusCode::NOT_FOUND);
    let files = ServeDir::new(site).append_index_html_on_directories(true).not_found_service(not_found);
    Router::new()
        .route(
            "/__sopbook/live.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], LIVE_JS) }),
        )
        .route("/__sopbook/events", get(move || events(shared.clone())))
        .fallback_service(files)
        .layer(axum::middleware::map_response(inject_script))
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
    Sse::new(all).keep_alive(KeepAlive::default())
}

/// Adds the live-reload script to every HTML page served.
async fn inject_script(response: Response) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 256 * 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let html = String::from_utf8_lossy(&bytes);
    let injected = match html.rfind("</body>") {
        Some(at) => format!("{}{SCRIPT_TAG}{}", &html[..at], &html[at..]),
        None => format!("{html}{SCRIPT_TAG}"),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Response::from_parts(parts, Body::from(injected))
}

/// What `serve` keeps between two rebuilds.
struct Session {
    root: PathBuf,
    site: PathBuf,
    /// The knowledge base as last loaded, for incremental updates.
    kb: Option<KnowledgeBase>,
    /// The served site matches `kb` (the last change built).
    healthy: bool,
}

impl Session {
    fn options(&self) -> render::Options {
        render::Options { out: self.site.clone(), allow_errors: false, today: Date::today(), progress: false }
    }

    /// Loads, lints and builds everything; on errors the previous site stays and the errors are
    /// returned.
    fn rebuild(&mut self, build: u64) -> Status {
        let started = Instant::now();
        let kb = match KnowledgeBase::load(&self.root) {
            Ok(kb) => kb,
            Err(error) => return failure(build, error.to_string()),
        };
        let outcome = lint::run(&kb);
        let status = match lint_errors(&kb, &outcome, build) {
            Some(errors) => errors,
            None => match render::build(&kb, &outcome, &self.options()) {
                Ok(report) => {
                    eprintln!("rebuilt {} pages in {} ms", report.pages, started.elapsed().as_millis());
                    Status::Ok { build, urls: vec!["*".into()] }
                }
                Err(error) => failure(build, error),
            },
        };
        self.healthy = matches!(status, Status::Ok { .. });
        self.kb = Some(kb);
        status
    }

    /// After edits to existing procedure files only: reread those, lint everything, and write the
    /// pages they affect, announcing them through `announce` before the lists are rewritten.
    /// `None` when the edit needs a full rebuild.
    fn update(&mut self, build: u64, changed: &[String], announce: &dyn Fn(Status)) -> Option<Status> {
        if !self.healthy || changed.is_empty() {
            return None;
        }
        let options = self.options();
        let kb = self.kb.as_mut()?;
        let started = Instant::now();
        let mut indices = Vec::new();
        let mut touched = Vec::new();
        for rel in changed {
            let index = kb.procedures.iter().position(|p| kb.files[p.file].path == *rel)?;
            touched.extend(render::site::referenced_by(kb, index));
            if !kb.reload_procedure(rel) {
                self.kb = None;
                return None;
            }
            touched.extend(render::site::referenced_by(kb, index));
            indices.push(index);
        }
        let outcome = lint::run(kb);
        if let Some(errors) = lint_errors(kb, &outcome, build) {
            self.healthy = false;
            return Some(errors);
        }
        let pages_done = |urls: Vec<String>| {
            eprintln!("updated {} pages in {} ms", urls.len(), started.elapsed().as_millis());
            announce(Status::Ok { build, urls });
        };
        match render::site::update(kb, &outcome, &options, &indices, &touched, pages_done) {
            Ok(urls) => {
                eprintln!("updated the lists and the search index in {} ms", started.elapsed().as_millis());
                Some(Status::Ok { build, urls })
            }
            Err(error) => {
                self.healthy = false;
                Some(failure(build, error))
            }
        }
    }
}

/// The lint errors as the overlay shows them, printed on the terminal too; `None` when none.
fn lint_errors(kb: &KnowledgeBase, outcome: &lint::Outcome, build: u64) -> Option<Status> {
    if !outcome.findings.is_empty() {
        eprint!("{}", report::human(kb, &outcome.findings, &report::HumanOptions { color: false }));
    }
    if outcome.errors() == 0 {
        return None;
    }
    eprintln!("{} — the site was not rebuilt", report::summary(outcome));
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
    Some(Status::Error { build, errors })
}

fn failure(build: u64, message: String) -> Status {
    eprintln!("error: {message}");
    Status::Error {
        build,
        errors: vec![ErrorView { file: String::new(), line: 0, column: 0, rule: "build".into(), message }],
    }
}

/// Watches the sources and rebuilds after each burst of changes: only the affected pages when
/// existing procedures were edited, everything otherwise. Reading a file is not a change (a
/// rebuild reads every source: counting reads would rebuild forever).
fn watch(mut session: Session, shared: Arc<Shared>) -> Result<RecommendedWatcher, String> {
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
    .map_err(|e| format!("cannot watch files: {e}"))?;
    // Only the sources: a whole repository (say, with a `target/` folder) would cost a watch per
    // folder for nothing.
    let root = session.root.clone();
    watcher.watch(&root, RecursiveMode::NonRecursive).map_err(|e| format!("cannot watch `{}`: {e}", root.display()))?;
    for folder in ["procedures", "book", "themes"].map(|f| root.join(f)).iter().filter(|f| f.is_dir()) {
        watcher
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch `{}`: {e}", folder.display()))?;
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
            let mut only_procedures = true;
            for path in paths.iter().filter(|p| is_source(&session.root, p)) {
                let rel = relative(&session.root, path);
                only_procedures &= rel.starts_with("procedures/") && rel.ends_with(".toml") && path.is_file();
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
            let incremental = if only_procedures { session.update(build, &changed, &publish) } else { None };
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
        eprintln!("could not open a browser: visit {url}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
