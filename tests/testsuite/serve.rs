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
    // Read only by the Unix tests; elsewhere it is kept for its removal on drop.
    #[cfg_attr(not(unix), allow(dead_code))]
    dir: tempfile::TempDir,
    root: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// The server's `TMPDIR`, a folder of this test alone.
    #[cfg(unix)]
    fn tmp(&self) -> PathBuf {
        self.dir.path().join("tmp")
    }

    /// The private folder the server writes its site into: the one `sopbook-serve-*` folder
    /// of its `TMPDIR`.
    #[cfg(unix)]
    fn work(&self) -> PathBuf {
        let found: Vec<PathBuf> = std::fs::read_dir(self.tmp())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("sopbook-serve-"))
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        found[0].clone()
    }

    /// Sends `signal` and waits at most `patience` for the server to exit: its status.
    #[cfg(unix)]
    fn stop(&mut self, signal: i32, patience: Duration) -> std::process::ExitStatus {
        // SAFETY: sends a signal to our own child process.
        assert_eq!(unsafe { libc::kill(self.child.id() as i32, signal) }, 0);
        let deadline = Instant::now() + patience;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "serve still runs {patience:?} after signal {signal}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn start() -> Server {
    start_with(|_| {}, &[])
}

/// `sopbook serve` on a copy of the `clean` fixture changed by `setup`, on a free loopback port,
/// with `args` and a `TMPDIR` of its own.
#[allow(clippy::zombie_processes)] // the child is killed and waited for when `Server` drops
fn start_with(setup: impl FnOnce(&std::path::Path), args: &[&str]) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    copy_dir(&fixture("clean"), &root);
    setup(&root);
    std::fs::create_dir(dir.path().join("tmp")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sopbook"))
        // The default language (pt-BR), whatever the machine's locale.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(["serve", "--port", "0"])
        .args(args)
        .arg(&root)
        .env("SOPBOOK_TODAY", crate::TODAY)
        .env("TMPDIR", dir.path().join("tmp"))
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let port = announced_port(&mut child);
    Server { child, port, dir, root }
}

/// The port of the "servindo em" line, the rest of standard error drained in a thread.
fn announced_port(child: &mut Child) -> u16 {
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the server never said where it listens");
        let port = line.strip_prefix("servindo em http://").and_then(|rest| rest.split(['/', ' ']).next());
        if let Some(port) = port.and_then(|address| address.rsplit(':').next()) {
            return port.parse().unwrap();
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

/// In git, the page shows its last commit; an edit saved while serving shows as not committed
/// yet, from the history read again (HEAD has not moved).
#[test]
fn an_edit_not_committed_yet_shows_on_the_page_while_serving() {
    let server = start_with(|root| crate::git::commit_all(root, "Base"), &[]);
    let (status, body) = get(server.port, PAGE);
    assert_eq!(status, 200);
    assert!(body.contains("<dt>Última alteração</dt>") && body.contains("por Ana Lima"), "{body}");
    assert!(!body.contains("badge-uncommitted"));
    let rx = events(server.port);
    next_event(&rx, "reload");
    let file = server.root.join("procedures/suporte/reinstalar.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, original.replace("Reinstalar o emissor", "Reinstalar o emissor fiscal")).unwrap();
    next_event_with(&rx, "reload", "reinstalar");
    let (_, body) = get(server.port, PAGE);
    assert!(body.contains("Reinstalar o emissor fiscal"), "the page was rebuilt");
    assert!(
        body.contains("<span class=\"badge badge-uncommitted\">com alterações ainda não registradas no git</span>"),
        "{body}"
    );
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
        ("/search/index.js", 200),
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
/// write to the private temporary folder can place one; `serve` still refuses them.
#[cfg(unix)]
#[test]
fn symlinks_out_of_the_served_site_are_not_followed() {
    let server = start();
    let site = server.work().join("site");
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
    let work = server.work();
    assert!(work.is_dir());
    let status = server.stop(libc::SIGTERM, Duration::from_secs(10));
    assert!(status.success(), "{status}");
    assert!(!work.exists(), "the temporary site was left behind");
}

/// `--bind 0.0.0.0` says where this machine reaches the site (localhost), not 0.0.0.0.
#[test]
fn bind_to_every_interface_announces_a_url_that_opens() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("clean"), &dir.path().join("kb"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_sopbook"))
        // The default language (pt-BR), whatever the machine's locale.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(["serve", "--port", "0", "--bind", "0.0.0.0"])
        .arg(dir.path().join("kb"))
        // Killed below: its working folder is left in this test's folder, not in /tmp.
        .env("TMPDIR", dir.path())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let line = lines.find(|l| l.as_ref().is_ok_and(|l| l.starts_with("servindo em"))).unwrap().unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.starts_with("servindo em http://localhost:"), "{line}");
    assert!(line.contains("todas as interfaces de rede (0.0.0.0:"), "{line}");
}

fn local_addresses() -> Vec<std::net::IpAddr> {
    let Ok(output) = Command::new("hostname").arg("-I").output() else { return Vec::new() };
    String::from_utf8_lossy(&output.stdout).split_whitespace().filter_map(|a| a.parse().ok()).collect()
}

// --- Issue 12: Host headers, the private folder, hostile clients ----------------------------------

/// An answer read to its end: status, headers (names in lower case) and body (chunks joined).
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Sends `request` exactly as written on a new connection to `address` and reads the answer
/// until the server closes (the request says `Connection: close`).
fn exchange(address: impl std::net::ToSocketAddrs, request: &str) -> Answer {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    parse_answer(&raw)
}

fn parse_answer(raw: &[u8]) -> Answer {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a whole head") + 4;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end..].to_vec();
    if headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked")) {
        body = unchunk(&body);
    }
    Answer { status, headers, body }
}

fn unchunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..line_end]).unwrap().trim(), 16).unwrap();
        raw = &raw[line_end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}

fn get_with_host(port: u16, path: &str, host: &str) -> Answer {
    exchange(("127.0.0.1", port), &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"))
}

/// DNS rebinding: a page of `evil.example`, whose name now resolves to 127.0.0.1, asks this
/// server for the site and its events; its browser sends `Host: evil.example:PORT`. Only the
/// names of this machine are answered: 421 to everything else, on every route.
#[test]
fn requests_for_other_hosts_are_refused() {
    let server = start();
    let port = server.port;
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("127.0.0.1.evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
        format!("10.0.0.1:{port}"),
        format!("[::2]:{port}"),
        format!("localhost:{port}@evil.example"),
        String::new(),
    ] {
        for path in ["/index.html", PAGE, "/__sopbook/events", "/__sopbook/live.js", "/nao-existe.html"] {
            let answer = get_with_host(port, path, &host);
            assert_eq!(answer.status, 421, "Host: {host:?} {path}");
            let body = String::from_utf8_lossy(&answer.body);
            assert!(!body.contains("Reinstalar") && !body.contains("EventSource"), "{host} {path}: {body}");
        }
    }
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}"), format!("LocalHost:{port}")] {
        assert_eq!(get_with_host(port, PAGE, &host).status, 200, "Host: {host}");
    }
    // No Host, two of them, or an absolute URI naming another host.
    let no_host = exchange(("127.0.0.1", port), "GET / HTTP/1.0\r\n\r\n");
    assert!(no_host.status == 421 || no_host.status == 400, "{}", no_host.status);
    let two = exchange(
        ("127.0.0.1", port),
        &format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n"),
    );
    assert!(two.status == 421 || two.status == 400, "{}", two.status);
    let absolute = exchange(
        ("127.0.0.1", port),
        &format!("GET http://evil.example/index.html HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"),
    );
    assert!(absolute.status == 421 || absolute.status == 400, "{}", absolute.status);
}

/// With `--bind 0.0.0.0`, a request names this machine by the address it reached (any of the
/// machine's addresses) or as localhost; other names are refused.
#[test]
fn bound_to_every_interface_only_this_machines_addresses_are_answered() {
    let server = start_with(|_| {}, &["--bind", "0.0.0.0"]);
    let port = server.port;
    let mut addresses: Vec<std::net::IpAddr> = local_addresses();
    addresses.push("127.0.0.1".parse().unwrap());
    for address in addresses.into_iter().filter(|a| a.is_ipv4()) {
        let reached = |host: &str| {
            exchange((address, port), &format!("GET {PAGE} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"))
                .status
        };
        assert_eq!(reached(&format!("{address}:{port}")), 200, "{address}");
        assert_eq!(reached(&format!("localhost:{port}")), 200, "{address}");
        assert_eq!(reached(&format!("evil.example:{port}")), 421, "{address}");
        assert_eq!(reached(&format!("192.0.2.7:{port}")), 421, "another address, via {address}");
    }
}

/// The private folder has an unpredictable name (not `sopbook-serve-PID`), is readable by its
/// owner only, and goes away on exit.
#[cfg(unix)]
#[test]
fn the_private_folder_is_unpredictable_and_private() {
    use std::os::unix::fs::PermissionsExt;
    let mut server = start();
    let work = server.work();
    let name = work.file_name().unwrap().to_string_lossy().into_owned();
    assert_ne!(name, format!("sopbook-serve-{}", server.child.id()), "a predictable name");
    assert!(!name.contains(&server.child.id().to_string()), "{name}");
    let mode = std::fs::metadata(&work).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "{mode:o}");
    let other = start();
    assert_ne!(other.work().file_name(), work.file_name());
    assert!(server.stop(libc::SIGTERM, Duration::from_secs(10)).success());
    assert!(!work.exists());
}

/// Someone who created `sopbook-serve-PID` (the old name) before `serve` started, with a site of
/// their own in it: `serve` neither uses nor removes it.
#[cfg(unix)]
#[test]
fn a_folder_planted_under_the_old_name_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    copy_dir(&fixture("clean"), &root);
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    // The shell plants the folder for its own PID, then becomes `sopbook serve` (same PID).
    let script = r#"planted="$TMPDIR/sopbook-serve-$$"; mkdir -p "$planted/site";
        printf 'PLANTADO <script>roubar()</script>' > "$planted/site/index.html";
        printf x > "$planted/site/404.html"; exec "$0" serve --port 0 "$1""#;
    let mut child = Command::new("sh")
        .args(["-c", script, env!("CARGO_BIN_EXE_sopbook")])
        .arg(&root)
        .env("TMPDIR", &tmp)
        .env("SOPBOOK_TODAY", crate::TODAY)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let port = announced_port(&mut child);
    let planted = tmp.join(format!("sopbook-serve-{}", child.id()));
    let answer = get_with_host(port, "/index.html", "localhost");
    let _ = child.kill();
    let _ = child.wait();
    let body = String::from_utf8_lossy(&answer.body);
    assert_eq!(answer.status, 200);
    assert!(!body.contains("PLANTADO") && body.contains("Base de teste"), "{body}");
    assert!(planted.join("site/index.html").is_file(), "the planted folder was touched");
}

/// Clients that send half a request and stop do not keep `serve` alive: SIGTERM, SIGINT (Ctrl+C)
/// or SIGHUP (the terminal closed) ends it within a few seconds, the private folder removed,
/// whatever they do.
#[cfg(unix)]
#[test]
fn half_sent_requests_do_not_delay_the_shutdown() {
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        let mut server = start();
        let work = server.work();
        let mut clients = Vec::new();
        for i in 0..8 {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            let half =
                ["GET /index.html HTTP/1.1\r\nHost: localhost\r\nX-Devagar: ", "GET /", "", "POST / HTTP/1.1\r\n"];
            stream.write_all(half[i % half.len()].as_bytes()).unwrap();
            clients.push(stream);
        }
        // One more that sent a whole request for the events and never reads them.
        let mut listener = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(listener, "GET /__sopbook/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let started = Instant::now();
        let status = server.stop(signal, Duration::from_secs(8));
        assert!(started.elapsed() < Duration::from_secs(8));
        assert!(status.success(), "signal {signal}: {status}");
        assert!(!work.exists(), "signal {signal}: the private folder was left behind");
        drop(clients);
    }
}

/// A client that sends its request slowly, or sends nothing, or keeps an idle connection after
/// an answer, is dropped after the header timeout (10 s), not kept forever.
#[test]
fn slow_and_idle_clients_are_dropped() {
    let server = start();
    let patience = Duration::from_secs(10 + 8);
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.write_all(b"GET /index.html HTTP/1.1\r\nHost: localhost\r\n").unwrap();
    let silent = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let mut idle = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    idle.write_all(b"GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let started = Instant::now();
    let closed_within = |mut stream: TcpStream, what: &str| {
        stream.set_read_timeout(Some(patience)).unwrap();
        let mut rest = Vec::new();
        let result = stream.read_to_end(&mut rest);
        let is_timeout = result
            .as_ref()
            .is_err_and(|e| matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut));
        assert!(!is_timeout, "{what}: still open after {patience:?}");
        assert!(started.elapsed() < patience, "{what}: {:?}", started.elapsed());
        rest
    };
    let answered = closed_within(idle, "an idle kept-alive connection");
    assert!(answered.starts_with(b"HTTP/1.1 200"), "the idle client got its page first");
    let slow_answer = closed_within(slow, "a request without its blank line");
    assert!(!slow_answer.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&slow_answer));
    closed_within(silent, "a connection that sends nothing");
    assert!(started.elapsed() >= Duration::from_secs(5), "not dropped before a slow network could send");
    assert_eq!(get(server.port, "/index.html").0, 200, "still serving");
}

/// 600 connections that each send half a request: `serve` holds a bounded number of them (the
/// rest wait in the kernel's queue), so its file descriptors never run out; when they go, it
/// answers at once.
#[cfg(target_os = "linux")]
#[test]
fn many_half_sent_connections_cannot_exhaust_file_descriptors() {
    let server = start();
    let fds = || std::fs::read_dir(format!("/proc/{}/fd", server.child.id())).unwrap().count();
    let before = fds();
    let clients: Vec<TcpStream> = (0..600)
        .filter_map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).ok()?;
            stream.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n").ok()?;
            Some(stream)
        })
        .collect();
    assert!(clients.len() >= 300, "only {} connections opened", clients.len());
    std::thread::sleep(Duration::from_millis(1000));
    let during = fds();
    assert!(during < before + 300, "{before} file descriptors before, {during} with {} clients", clients.len());
    drop(clients);
    let started = Instant::now();
    assert_eq!(get(server.port, "/index.html").0, 200);
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

/// The live-reload script is added to every HTML page, and the answers stay true: a HEAD has the
/// GET's `Content-Length`, which is the body's length; a `Range` on a page gets either the right
/// bytes of the page as served or the whole page with 200; ranges of other files still work.
#[test]
fn head_and_range_answers_match_the_served_page() {
    let server = start();
    let request = |method: &str, path: &str, extra: &str| {
        exchange(
            ("127.0.0.1", server.port),
            &format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\n{extra}Connection: close\r\n\r\n"),
        )
    };
    for path in [PAGE, "/", "/index.html", "/nao-existe.html"] {
        let get = request("GET", path, "");
        let page = String::from_utf8_lossy(&get.body).into_owned();
        assert!(page.contains("/__sopbook/live.js"), "{path}: {page}");
        assert!(page.trim_end().ends_with("</html>"), "the script goes inside the page: {path}");
        let length: usize = get.header("content-length").expect("a Content-Length").parse().unwrap();
        assert_eq!(length, get.body.len(), "{path}");
        let head = request("HEAD", path, "");
        assert_eq!(head.status, get.status, "{path}");
        assert_eq!(head.header("content-length"), get.header("content-length"), "HEAD {path}");
        assert!(head.body.is_empty(), "HEAD {path} has a body");

        let range = request("GET", path, "Range: bytes=10-99\r\n");
        match range.status {
            206 => {
                assert_eq!(range.body, &get.body[10..100], "{path}");
                assert_eq!(range.header("content-range"), Some(format!("bytes 10-99/{length}").as_str()));
            }
            200 | 404 => {
                assert_eq!(range.body, get.body, "{path}");
                assert_eq!(range.header("accept-ranges"), None, "{path}: ranges announced but not kept");
            }
            other => panic!("{path}: {other}"),
        }
    }
    let whole = request("GET", "/search/index.js", "");
    let part = request("GET", "/search/index.js", "Range: bytes=5-24\r\n");
    assert_eq!(part.status, 206);
    assert_eq!(part.body, &whole.body[5..25]);
    assert!(!String::from_utf8_lossy(&whole.body).contains("live.js"), "the script only goes into HTML");
}

/// A 12 MB page asked for by 16 clients that read slowly: `serve` streams it instead of holding
/// the whole page per request in memory (it used to hold it twice over, per request).
#[cfg(target_os = "linux")]
#[test]
fn large_pages_are_streamed_not_held_in_memory() {
    let big = format!(
        "title = \"Grande\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n\
         [steps.a]\ntext = \"{}\"\nend = \"resolution\"\n",
        "palavra ".repeat(12 * 1024 * 1024 / 8)
    );
    let server = start_with(move |root| std::fs::write(root.join("procedures/grande.toml"), big).unwrap(), &[]);
    let rss = || {
        let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap().to_string();
        line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() * 1024
    };
    let page = "/procedures/grande.html";
    let length = std::fs::metadata(server.work().join("site").join(&page[1..])).unwrap().len();
    assert!(length > 12_000_000, "{length}");
    let before = rss();
    // Each client reads the head and the first bytes, then stops reading.
    let clients: Vec<TcpStream> = (0..16)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
            write!(stream, "GET {page} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
            let mut first = [0; 4096];
            let read = stream.read(&mut first).unwrap();
            assert!(first[..read].starts_with(b"HTTP/1.1 200"));
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let during = rss();
    let grown = during.saturating_sub(before);
    eprintln!("memory grew by {} MB with 16 readers of a {} MB page", grown >> 20, length >> 20);
    assert!(grown < 16 * length / 4, "{} MB more memory for 16 readers of a {} MB page", grown >> 20, length >> 20);
    drop(clients);
}

/// SIGTERM while the first build is still running (a large base takes seconds): `serve` stops
/// and removes its private folder (it used to die by the signal and leave the folder, with
/// whatever the build had written, behind).
#[cfg(unix)]
#[test]
fn a_signal_during_the_first_build_removes_the_private_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("kb");
    copy_dir(&fixture("clean"), &root);
    let big = format!(
        "title = \"Grande\"\nsection = \"S\"\nowner = \"O\"\nupdated = 2099-01-01\n\
         [steps.a]\ntext = \"{}\"\nend = \"resolution\"\n",
        "palavra ".repeat(12 * 1024 * 1024 / 8)
    );
    std::fs::write(root.join("procedures/grande.toml"), big).unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sopbook"))
        // The default language (pt-BR), whatever the machine's locale.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(["serve", "--port", "0"])
        .arg(&root)
        .env("TMPDIR", &tmp)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::fs::read_dir(&tmp).unwrap().next().is_none() {
        assert!(Instant::now() < deadline, "no private folder");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(200)); // the build is under way
    // SAFETY: sends a signal to our own child process.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
    let deadline = Instant::now() + Duration::from_secs(8);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve still runs 8 s after SIGTERM during its first build");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut said = String::new();
    child.stderr.take().unwrap().read_to_string(&mut said).unwrap();
    assert!(!said.contains("servindo em"), "the signal came after the first build; make the base larger: {said}");
    assert!(status.success(), "{status}: {said}");
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0, "the private folder was left behind");
}

/// `serve` walks the scenarios of a saved procedure again: one that fails shows in the overlay
/// (an `error` event) and the last good site stays; fixing the scenario rebuilds.
#[test]
fn a_scenario_broken_by_an_edit_shows_in_the_overlay() {
    let scenario = "\n[[scenarios]]\nname = \"Abre na segunda tentativa\"\n\
                    answers = [\"Não, tentar de novo\", \"Sim\"]\nexpect = \"fim\"\n";
    let server = start_with(
        |root| {
            let file = root.join("procedures/suporte/reinstalar.toml");
            let text = std::fs::read_to_string(&file).unwrap();
            std::fs::write(&file, text + scenario).unwrap();
        },
        &[],
    );
    let rx = events(server.port);
    next_event(&rx, "reload");
    let file = server.root.join("procedures/suporte/reinstalar.toml");
    let passing = std::fs::read_to_string(&file).unwrap();
    // The editor renames an answer; the scenario still gives the old one.
    let edited = passing.replacen("{ when = \"Não, tentar de novo\"", "{ when = \"Não, tentar outra vez\"", 1);
    std::fs::write(&file, &edited).unwrap();
    let error: serde_json::Value = serde_json::from_str(&next_event_with(&rx, "error", "failing-scenario")).unwrap();
    let first = &error["errors"][0];
    assert_eq!(first["rule"], "failing-scenario");
    assert_eq!(first["file"], "procedures/suporte/reinstalar.toml");
    assert_eq!(first["message"], "a pergunta `abriu` não tem a resposta `Não, tentar de novo`");
    let line = edited.lines().position(|l| l.starts_with("answers = [\"Não, tentar de novo\"")).unwrap() + 1;
    assert_eq!(first["line"], line);

    std::fs::write(&file, edited.replace("answers = [\"Não, tentar de novo\"", "answers = [\"Não, tentar outra vez\""))
        .unwrap();
    next_event_with(&rx, "reload", "reinstalar");
}
