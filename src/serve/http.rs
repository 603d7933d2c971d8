//! The dev server's answers: the site from memory (no file is ever read
//! from disk, so no path can reach outside the site), the live-reload
//! script and event stream, the site's own 404 page for unknown paths.
//! Only requests addressed to the server itself (`Host: 127.0.0.1:PORT`,
//! `localhost:PORT` or `[::1]:PORT`) are answered: a web page elsewhere
//! that points its own name at 127.0.0.1 (DNS rebinding) gets 421, not
//! the preview.

use super::conn::{Conn, Next, Request};
use super::{Served, Shared};
use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

const LIVE_JS: &str = include_str!("live.js");
const LIVE_TAG: &str = "<script src=\"/__oerhub/live.js\"></script>";

/// Serves one connection, request after request.
pub fn serve_connection(mut conn: Conn, shared: &Shared, port: u16) {
    loop {
        let request = match conn.next() {
            Next::Request(r) => r,
            Next::Closed => return,
            Next::Refused(status, reason) => {
                let _ = conn.respond(status, &TEXT, reason.as_bytes(), true, false);
                return;
            }
        };
        if !addressed_to_us(request.host.as_deref(), port) {
            let body = "This server answers only requests for 127.0.0.1, localhost or [::1] on its own port.";
            let _ = conn.respond(421, &TEXT, body.as_bytes(), true, false);
            return;
        }
        let keep_alive = request.keep_alive;
        if !answer(&mut conn, &request, shared) || !keep_alive {
            return;
        }
    }
}

const TEXT: [(&str, &str); 1] = [("Content-Type", "text/plain; charset=utf-8")];

/// Whether `host` names this server: the loopback address it listens on,
/// by number or as localhost, with its port or without one. (A page that
/// rebinds its own name to 127.0.0.1 sends that name, so it is refused
/// whatever the port.)
pub fn addressed_to_us(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return false;
    };
    let host = host.to_ascii_lowercase();
    let (name, given) = match host.rsplit_once(':') {
        Some((name, p)) if !p.contains(']') => (name, p.parse::<u16>().ok()),
        _ => (host.as_str(), Some(port)),
    };
    matches!(name, "127.0.0.1" | "localhost" | "[::1]") && given == Some(port)
}

/// Answers one request; `false` when the connection is done (a stream of
/// events ended, or the client left).
fn answer(conn: &mut Conn, request: &Request, shared: &Shared) -> bool {
    let with_body = match request.method.as_str() {
        "GET" => true,
        "HEAD" => false,
        _ => {
            let _ = conn.respond(
                405,
                &[("Allow", "GET, HEAD")],
                b"",
                true,
                request.keep_alive,
            );
            return true;
        }
    };
    let path = request
        .target
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    let keep_alive = request.keep_alive;
    let sent = match path.as_str() {
        "/__oerhub/live.js" => conn.respond(
            200,
            &[("Content-Type", "text/javascript; charset=utf-8"), NO_STORE],
            LIVE_JS.as_bytes(),
            with_body,
            keep_alive,
        ),
        "/__oerhub/events" => {
            events(conn, shared);
            return false;
        }
        _ => {
            let (status, found, kind) = lookup(&shared.read(), &path);
            match found {
                Lookup::Body(body) => {
                    let body = if kind.starts_with("text/html") {
                        inject(&body)
                    } else {
                        body
                    };
                    conn.respond(
                        status,
                        &[("Content-Type", kind), NO_STORE],
                        &body,
                        with_body,
                        keep_alive,
                    )
                }
                Lookup::Redirect(to) => conn.respond(
                    301,
                    &[("Location", &to), NO_STORE],
                    b"",
                    with_body,
                    keep_alive,
                ),
            }
        }
    };
    sent.is_ok()
}

const NO_STORE: (&str, &str) = ("Cache-Control", "no-store");

enum Lookup {
    Body(Vec<u8>),
    Redirect(String),
}

/// The file for a URL path, as a static host answers: folders by their
/// `index.html`, a folder without its slash redirected, anything else the
/// site's 404 page (in the language of the path).
fn lookup(served: &Served, path: &str) -> (u16, Lookup, &'static str) {
    if served.files.is_empty() {
        let page = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>oerhub</title></head><body><h1>oerhub</h1><pre>{}</pre></body></html>",
            crate::parse::markdown::escape_html(served.error.as_deref().unwrap_or(""))
        );
        return (
            500,
            Lookup::Body(page.into_bytes()),
            "text/html; charset=utf-8",
        );
    }
    let decoded = crate::link::decode_path(path.trim_start_matches('/'));
    let key = if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded.clone()
    };
    if let Some(bytes) = served.files.get(&key) {
        return (200, Lookup::Body(bytes.to_vec()), content_type(&key));
    }
    if served.files.contains_key(&format!("{decoded}/index.html")) {
        return (301, Lookup::Redirect(format!("/{decoded}/")), "text/plain");
    }
    let lang_404 = decoded
        .split('/')
        .next()
        .map(|first| format!("{first}/404.html"))
        .filter(|p| served.files.contains_key(p))
        .unwrap_or_else(|| "404.html".into());
    let body = served
        .files
        .get(&lang_404)
        .map_or_else(|| b"Not found".to_vec(), |b| b.to_vec());
    (404, Lookup::Body(body), "text/html; charset=utf-8")
}

/// `html` with the live-reload script before its closing `</body>`.
fn inject(html: &[u8]) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + LIVE_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(LIVE_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A server-sent event stream: the reload and error events of every
/// rebuild, written as they happen.
fn events(conn: &mut Conn, shared: &Shared) {
    let (tx, rx) = mpsc::channel::<String>();
    // A newcomer learns at once whether the site is broken.
    let first = match &shared.read().error {
        Some(e) => super::event("errors", e),
        None => super::event("ok", ""),
    };
    shared.subscribe(tx);
    let writer = conn.stream();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.write_all(first.as_bytes()))
        .and_then(|()| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let chunk = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => event,
            // A comment now and then notices a reader that went away.
            Err(mpsc::RecvTimeoutError::Timeout) => ":\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(chunk.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" | "jsonl" => "application/json",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        "yml" | "yaml" => "text/yaml; charset=utf-8",
        "vtt" => "text/vtt; charset=utf-8",
        "mp3" => "audio/mpeg",
        "zip" | "imscc" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::Arc;

    fn served() -> Served {
        let mut files = HashMap::new();
        for (k, v) in [
            ("index.html", &b"<body>home</body>"[..]),
            ("ru/x/index.html", b"x"),
            ("404.html", b"lost"),
            ("ru/404.html", b"ru lost"),
        ] {
            files.insert(k.to_string(), Arc::new(v.to_vec()));
        }
        Served { files, error: None }
    }

    #[test]
    fn paths_map_like_a_static_host() {
        let s = served();
        assert!(matches!(lookup(&s, "/"), (200, Lookup::Body(_), _)));
        assert!(matches!(lookup(&s, "/ru/x"), (301, Lookup::Redirect(to), _) if to == "/ru/x/"));
        assert!(matches!(lookup(&s, "/ru/nope/"), (404, Lookup::Body(b), _) if b == b"ru lost"));
        assert!(matches!(lookup(&s, "/../Cargo.toml"), (404, Lookup::Body(b), _) if b == b"lost"));
        assert!(matches!(lookup(&s, "/%2e%2e/Cargo.toml"), (404, _, _)));
    }

    #[test]
    fn only_requests_for_this_server_are_answered() {
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
            "127.0.0.1",
            "[::1]",
        ] {
            assert!(addressed_to_us(Some(host), 1111), "{host}");
        }
        for host in [
            "evil.example:1111",
            "evil.example",
            "127.0.0.1:2222",
            "localhost.evil.example:1111",
            "",
        ] {
            assert!(!addressed_to_us(Some(host), 1111), "{host}");
        }
        assert!(!addressed_to_us(None, 1111));
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        assert_eq!(
            String::from_utf8(inject(b"<body>a</body></html>")).unwrap(),
            format!("<body>a{LIVE_TAG}</body></html>")
        );
    }
}
