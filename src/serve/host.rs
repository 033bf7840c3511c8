//! The `Host` check against DNS rebinding: a web page of `evil.example`, whose name the attacker
//! then points at 127.0.0.1, could otherwise read the preview and its event stream from the
//! editor's own browser. Its requests say `Host: evil.example`; those of the editor's say
//! `localhost`, `127.0.0.1`, `[::1]` or the address the connection reached (with `--bind
//! 0.0.0.0`, any address of this machine), with the server's port or none.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::connections::Reached;
use crate::t;

/// Refuses requests that name another host: 421 (Misdirected Request), or 400 without exactly
/// one `Host`.
pub async fn check(request: Request, next: Next) -> Response {
    let Some(Reached(reached)) = request.extensions().get::<Reached>().copied() else {
        return next.run(request).await; // not from a connection of ours (unit tests)
    };
    let mut hosts = request.headers().get_all(header::HOST).iter();
    let (Some(host), None) = (hosts.next(), hosts.next()) else {
        return (StatusCode::BAD_REQUEST, format!("{}\n", t!("serve-host-one"))).into_response();
    };
    // An absolute URI (`GET http://x/ HTTP/1.1`) names its host too: both must be this one.
    let named = [host.to_str().ok(), request.uri().authority().map(|a| a.as_str())];
    let absolute_ok = request.uri().authority().is_none() || named[1].is_some_and(|a| allowed(a, reached));
    if named[0].is_some_and(|h| allowed(h, reached)) && absolute_ok {
        return next.run(request).await;
    }
    let message = format!("{}\n", t!("serve-host-other", port = reached.port(), reached = reached.to_string()));
    (StatusCode::MISDIRECTED_REQUEST, message).into_response()
}

/// Whether `host` (a `Host` header: `name[:port]`) names this server, reached at `reached`.
pub fn allowed(host: &str, reached: SocketAddr) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        // `[::1]` alone has colons inside its brackets, and no port.
        Some((name, port)) if !port.contains(']') => (name, Some(port)),
        _ => (host, None),
    };
    let port_ok = match port {
        None => true,
        Some(port) => port.parse::<u16>().is_ok_and(|p| p == reached.port()) && !port.starts_with('+'),
    };
    port_ok && names_this_machine(name, reached.ip())
}

fn names_this_machine(name: &str, reached: IpAddr) -> bool {
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix('.').unwrap_or(&name);
    if name == "localhost" {
        return true;
    }
    let ip: Option<IpAddr> = match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(inner) => inner.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        None => name.parse::<Ipv4Addr>().ok().map(IpAddr::V4),
    };
    let loopback = [IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(Ipv6Addr::LOCALHOST)];
    ip.is_some_and(|ip| ip == reached || loopback.contains(&ip) || canonical(ip) == canonical(reached))
}

/// `::ffff:1.2.3.4` and `1.2.3.4` are the same address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machine_with_its_port() {
        let loopback: SocketAddr = "127.0.0.1:3000".parse().unwrap();
        for yes in [
            "localhost:3000",
            "localhost",
            "LOCALHOST:3000",
            "localhost.:3000",
            "127.0.0.1:3000",
            "[::1]:3000",
            "[::1]",
        ] {
            assert!(allowed(yes, loopback), "{yes}");
        }
        for no in [
            "evil.example:3000",
            "evil.example",
            "localhost:3001",
            "localhost:",
            "localhost:+3000",
            "localhost:3000@evil.example",
            "evil.example:3000#localhost:3000",
            "127.0.0.1.nip.io:3000",
            "127.1:3000",
            "0x7f.0.0.1:3000",
            "2130706433:3000",
            "10.0.0.1:3000",
            "[::2]:3000",
            "",
        ] {
            assert!(!allowed(no, loopback), "{no}");
        }
        let lan: SocketAddr = "192.168.0.10:3000".parse().unwrap();
        assert!(allowed("192.168.0.10:3000", lan));
        assert!(allowed("localhost:3000", lan));
        assert!(!allowed("192.168.0.11:3000", lan));
        let mapped: SocketAddr = "[::ffff:192.168.0.10]:3000".parse().unwrap();
        assert!(allowed("192.168.0.10:3000", mapped));
    }
}
