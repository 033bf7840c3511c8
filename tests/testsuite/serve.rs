//! `sopbook serve` for real: a server on a free loopback port, a page fetched, a procedure
//! edited, the rebuilt page and the reload event observed, a broken file shown as an error event,
//! recovery, and path traversal answered with 404.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::copy_dir;
use crate::fixture;

/// A running `sopbook serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[allow(clippy::zombie_processes)] // the child is killed and waited for when `Server` drops
fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    copy_dir(&fixture("clean"), &root);
    let mut child = Command::new(env!("CARGO_BIN_EXE_sopbook"))
        .args(["serve", "--port", "0"])
        .arg(&root)
        .env("SOPBOOK_TODAY", crate::TODAY)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the server never said where it listens");
        if let Some(rest) = line.strip_prefix("serving on http://127.0.0.1:") {
            let port = rest.split('/').next().unwrap().parse().unwrap();
            return Server { child, port, _dir: dir, root };
        }
    }
}

/// A raw HTTP/1.1 GET (the path is sent exactly as given, so traversal attempts reach the server
/// unnormalised): status and body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// Reads server-sent events from the event stream in a thread.
fn events(port: u16) -> mpsc::Receiver<(String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET /__sopbook/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n").unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut name = String::new();
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            // Chunked transfer: chunk sizes come as their own lines; event lines keep their prefix.
            if let Some(event) = line.strip_prefix("event: ") {
                name = event.to_string();
            } else if let Some(data) = line.strip_prefix("data: ")
                && tx.send((name.clone(), data.to_string())).is_err()
            {
                return;
            }
        }
    });
    rx
}

fn next_event(rx: &mpsc::Receiver<(String, String)>, wanted: &str) -> String {
    next_event_with(rx, wanted, "")
}

/// The next event named `wanted` whose data contains `text`. A save can reach the watcher in
/// two steps (the file truncated, then written), so intermediate events are skipped.
fn next_event_with(rx: &mpsc::Receiver<(String, String)>, wanted: &str, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (name, data) = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_else(|_| panic!("no `{wanted}` event with `{text}`"));
        if name == wanted && data.contains(text) {
            return data;
        }
    }
}

const PAGE: &str = "/procedures/suporte/reinstalar.html";

#[test]
fn edit_break_and_fix_while_serving() {
    let server = start();
    let (status, body) = get(server.port, PAGE);
    assert_eq!(status, 200);
    assert!(body.contains("Reinstalar o emissor") && body.contains("/__sopbook/live.js"), "{body}");
    let (status, script) = get(server.port, "/__sopbook/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));

    let rx = events(server.port);
    next_event(&rx, "reload"); // the current status comes first
    let file = server.root.join("procedures/suporte/reinstalar.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, original.replace("Reinstalar o emissor", "Reinstalar o emissor fiscal")).unwrap();
    // Only the edited procedure's pages first (an incremental update), then the lists.
    let first: serde_json::Value = serde_json::from_str(&next_event(&rx, "reload")).unwrap();
    let urls: Vec<&str> = first["urls"].as_array().unwrap().iter().map(|u| u.as_str().unwrap()).collect();
    assert!(urls.contains(&PAGE.trim_start_matches('/')), "{urls:?}");
    assert!(!urls.contains(&"*") && !urls.contains(&"index.html"), "{urls:?}");
    let lists: serde_json::Value = serde_json::from_str(&next_event(&rx, "reload")).unwrap();
    assert!(lists["urls"].as_array().unwrap().iter().any(|u| u == "index.html"), "{lists}");
    let (_, body) = get(server.port, PAGE);
    assert!(body.contains("Reinstalar o emissor fiscal"), "the page was rebuilt");

    std::fs::write(&file, original.replace("next = \"instalar\"", "next = \"instalr\"")).unwrap();
    let error = next_event_with(&rx, "error", "unknown-step");
    let error: serde_json::Value = serde_json::from_str(&error).unwrap();
    let first = &error["errors"][0];
    assert_eq!(first["rule"], "unknown-step");
    assert_eq!(first["file"], "procedures/suporte/reinstalar.toml");
    assert_eq!(first["line"], 12);
    let (_, body) = get(server.port, PAGE);
    assert!(body.contains("Reinstalar o emissor fiscal"), "the last good site is still served");

    // Fixed: the pending procedure is written without a full rebuild.
    std::fs::write(&file, original.replace("Reinstalar o emissor", "Reinstalar o emissor fiscal de novo")).unwrap();
    let fixed: serde_json::Value = serde_json::from_str(&next_event_with(&rx, "reload", "reinstalar")).unwrap();
    let urls: Vec<&str> = fixed["urls"].as_array().unwrap().iter().map(|u| u.as_str().unwrap()).collect();
    assert!(urls.contains(&PAGE.trim_start_matches('/')) && !urls.contains(&"*"), "{urls:?}");
    let (_, body) = get(server.port, PAGE);
    assert!(body.contains("Reinstalar o emissor fiscal de novo"));

    std::fs::write(&file, "isto não é TOML").unwrap();
    let error: serde_json::Value = serde_json::from_str(&next_event_with(&rx, "error", "toml-syntax")).unwrap();
    assert_eq!(error["errors"][0]["file"], "procedures/suporte/reinstalar.toml");

    std::fs::write(&file, &original).unwrap();
    next_event(&rx, "reload");
    // A save that only half reached the watcher may be followed by one more rebuild.
    std::thread::sleep(Duration::from_millis(300));
    let (status, body) = get(server.port, PAGE);
    assert_eq!(status, 200);
    assert!(body.contains("Reinstalar o emissor") && !body.contains("emissor fiscal"));
}

#[test]
fn paths_outside_the_site_are_not_found() {
    let server = start();
    for path in [
        "/../Cargo.toml",
        "/..%2f..%2fCargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/procedures/../../kb/sopbook.toml",
        "//etc/passwd",
        "/sopbook.toml",
        "/procedures/suporte/reinstalar.toml",
    ] {
        let (status, body) = get(server.port, path);
        assert!(status == 404 || status == 400, "{path} answered {status}");
        assert!(!body.contains("root:") && !body.contains("[site]"), "{path} leaked a file");
    }
    let (status, _) = get(server.port, "/index.html");
    assert_eq!(status, 200);
}

#[test]
fn listens_on_loopback_only_by_default() {
    let server = start();
    // The announced address is 127.0.0.1; no other interface of this machine answers.
    let others: Vec<std::net::IpAddr> = local_addresses().into_iter().filter(|a| !a.is_loopback()).collect();
    for address in others {
        assert!(
            TcpStream::connect_timeout(&(address, server.port).into(), Duration::from_millis(300)).is_err(),
            "answers on {address}"
        );
    }
}

/// A burst of 1,000 requests on loopback (8 connections at a time, 125 requests each, half of
/// them on kept-alive connections): every one answered, 200 or 404 as it should be.
#[test]
fn a_burst_of_1000_requests_is_answered() {
    let server = start();
    let port = server.port;
    const PATHS: [(&str, u16); 5] = [
        ("/index.html", 200),
        (PAGE, 200),
        ("/search-index.js", 200),
        ("/nao-existe.html", 404),
        ("/%2e%2e/%2e%2e/etc/passwd", 404),
    ];
    let workers: Vec<_> = (0..8)
        .map(|worker| {
            std::thread::spawn(move || {
                let mut answered = Vec::new();
                let mut kept: Option<BufReader<TcpStream>> = None;
                for i in 0..125 {
                    let (path, expected) = PATHS[(worker + i) % PATHS.len()];
                    let status = if worker % 2 == 0 {
                        get(port, path).0
                    } else {
                        let reader = kept.get_or_insert_with(|| {
                            let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                            BufReader::new(stream)
                        });
                        get_kept_alive(reader, path)
                    };
                    answered.push((path, expected, status));
                }
                answered
            })
        })
        .collect();
    let mut count = 0;
    for worker in workers {
        for (path, expected, status) in worker.join().expect("a client thread failed") {
            assert_eq!(status, expected, "{path}");
            count += 1;
        }
    }
    assert_eq!(count, 1000);
    assert_eq!(get(port, "/index.html").0, 200, "still serving after the burst");
}

/// One GET on a kept-alive connection: the status, the body read to its `Content-Length`.
fn get_kept_alive(reader: &mut BufReader<TcpStream>, path: &str) -> u16 {
    write!(reader.get_mut(), "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status = status_line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (mut length, mut chunked) = (0, false);
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).unwrap();
        if header.trim().is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').unwrap_or((&header, ""));
        if name.eq_ignore_ascii_case("content-length") {
            length = value.trim().parse().unwrap();
        }
        chunked |= name.eq_ignore_ascii_case("transfer-encoding") && value.contains("chunked");
    }
    if !chunked {
        reader.read_exact(&mut vec![0; length]).unwrap();
        return status;
    }
    loop {
        let mut size = String::new();
        reader.read_line(&mut size).unwrap();
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        reader.read_exact(&mut vec![0; size + 2]).unwrap(); // the chunk and its CRLF
        if size == 0 {
            return status;
        }
    }
}

/// A symbolic link inside the served site that points out of it is not followed: 404. A build
/// never puts a link in the site (images are copied as files), so only someone who can already
/// write to the temporary `sopbook-serve-PID` folder can place one; `serve` still refuses them.
#[cfg(unix)]
#[test]
fn symlinks_out_of_the_served_site_are_not_followed() {
    let server = start();
    let site = std::env::temp_dir().join(format!("sopbook-serve-{}", server.child.id())).join("site");
    assert!(site.join("index.html").is_file(), "the served site is at {}", site.display());
    let outside = server.root.parent().unwrap().join("segredo.html");
    std::fs::write(&outside, "SEGREDO-serve").unwrap();
    std::os::unix::fs::symlink(&outside, site.join("atalho.html")).unwrap();
    std::os::unix::fs::symlink(server.root.parent().unwrap(), site.join("pasta")).unwrap();
    for path in
        ["/atalho.html", "/pasta/segredo.html", "/pasta/kb/sopbook.toml", "/%61talho.html", "/pasta%2fsegredo.html"]
    {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("SEGREDO") && !body.contains("[site]"), "{path} leaked a file");
    }
}

/// `kill PID` (SIGTERM) stops the server even while a page listens for reloads, and the
/// temporary site goes with it.
#[cfg(unix)]
#[test]
fn stops_on_sigterm_with_a_page_listening() {
    let mut server = start();
    let rx = events(server.port);
    next_event(&rx, "reload");
    let work = std::env::temp_dir().join(format!("sopbook-serve-{}", server.child.id()));
    assert!(work.is_dir());
    // SAFETY: sends a signal to our own child process.
    assert_eq!(unsafe { libc::kill(server.child.id() as i32, libc::SIGTERM) }, 0);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "serve still runs 10 s after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    assert!(!work.exists(), "the temporary site was left behind");
}

/// `--bind 0.0.0.0` says where this machine reaches the site (localhost), not 0.0.0.0.
#[test]
fn bind_to_every_interface_announces_a_url_that_opens() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("clean"), &dir.path().join("kb"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_sopbook"))
        .args(["serve", "--port", "0", "--bind", "0.0.0.0"])
        .arg(dir.path().join("kb"))
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let line = lines.find(|l| l.as_ref().is_ok_and(|l| l.starts_with("serving on"))).unwrap().unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.starts_with("serving on http://localhost:"), "{line}");
    assert!(line.contains("every network interface (0.0.0.0:"), "{line}");
}

fn local_addresses() -> Vec<std::net::IpAddr> {
    let Ok(output) = Command::new("hostname").arg("-I").output() else { return Vec::new() };
    String::from_utf8_lossy(&output.stdout).split_whitespace().filter_map(|a| a.parse().ok()).collect()
}
