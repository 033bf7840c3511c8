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
use notify_debouncer_mini::notify::RecursiveMode;
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
    /// The site is up to date.
    Ok { build: u64 },
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
    let work = std::env::temp_dir().join(format!("sopbook-serve-{}", std::process::id()));
    let site = work.join("site");
    let first = rebuild(&options.root, &site, 1);
    let shared = Arc::new(Shared { status: Mutex::new(first), events: broadcast::channel(64).0 });
    if !site.join("index.html").is_file() {
        // Nothing to serve yet: an empty site whose overlay shows the errors.
        std::fs::create_dir_all(&site).map_err(|e| format!("cannot create `{}`: {e}", site.display()))?;
        std::fs::write(site.join("index.html"), "<!DOCTYPE html><html lang=\"pt-BR\"><head><meta charset=\"utf-8\"><title>sopbook</title></head><body></body></html>")
            .map_err(|e| e.to_string())?;
    }
    let _watcher = watch(&options.root, &site, shared.clone())?;
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
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| format!("server error: {e}"))
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
    let current = shared.status.lock().map(|s| s.clone()).unwrap_or(Status::Ok { build: 0 });
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

/// Loads, lints and builds; on errors the previous site stays and the errors are returned.
fn rebuild(root: &Path, site: &Path, build: u64) -> Status {
    let started = Instant::now();
    let kb = match KnowledgeBase::load(root) {
        Ok(kb) => kb,
        Err(error) => return failure(build, error.to_string()),
    };
    let outcome = lint::run(&kb);
    if !outcome.findings.is_empty() {
        eprint!("{}", report::human(&kb, &outcome.findings, &report::HumanOptions { color: false }));
    }
    if outcome.errors() > 0 {
        eprintln!("{} — the site was not rebuilt", report::summary(&outcome));
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
        return Status::Error { build, errors };
    }
    let options =
        render::Options { out: site.to_path_buf(), allow_errors: false, today: Date::today(), progress: false };
    match render::build(&kb, &outcome, &options) {
        Ok(report) => {
            eprintln!("rebuilt {} pages in {} ms", report.pages, started.elapsed().as_millis());
            Status::Ok { build }
        }
        Err(error) => failure(build, error),
    }
}

fn failure(build: u64, message: String) -> Status {
    eprintln!("error: {message}");
    Status::Error {
        build,
        errors: vec![ErrorView { file: String::new(), line: 0, column: 0, rule: "build".into(), message }],
    }
}

/// Watches the sources and rebuilds after each burst of changes.
fn watch(
    root: &Path,
    site: &Path,
    shared: Arc<Shared>,
) -> Result<notify_debouncer_mini::Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>, String> {
    let root_for_events = root.to_path_buf();
    let site = site.to_path_buf();
    let counter = std::sync::atomic::AtomicU64::new(1);
    let mut debouncer = notify_debouncer_mini::new_debouncer(Duration::from_millis(80), move |result| {
        let Ok(events): notify_debouncer_mini::DebounceEventResult = result else { return };
        if !events.iter().any(|e| is_source(&root_for_events, &e.path)) {
            return;
        }
        let build = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        let status = rebuild(&root_for_events, &site, build);
        if let Ok(mut current) = shared.status.lock() {
            *current = status.clone();
        }
        let _ = shared.events.send(status);
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    let watcher = debouncer.watcher();
    watcher.watch(root, RecursiveMode::Recursive).map_err(|e| format!("cannot watch `{}`: {e}", root.display()))?;
    Ok(debouncer)
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
