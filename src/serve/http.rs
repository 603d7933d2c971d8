//! The dev server's answers: the site from memory (no file is ever read
//! from disk, so no path can reach outside the site), the live-reload
//! script and event stream, the site's own 404 page for unknown paths.

use super::{Served, Shared};
use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response};

const LIVE_JS: &str = include_str!("live.js");
const LIVE_TAG: &str = "<script src=\"/__oerhub/live.js\"></script>";

pub fn handle(request: Request, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::empty(405));
        return;
    }
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    match path.as_str() {
        "/__oerhub/live.js" => {
            let _ = request.respond(with_type(Response::from_string(LIVE_JS), "text/javascript"));
        }
        "/__oerhub/events" => events(request, shared),
        _ => {
            let (status, bytes, kind) = lookup(&shared.read(), &path);
            let response = match bytes {
                Lookup::Body(body) => {
                    let body = if kind.starts_with("text/html") {
                        inject(&body)
                    } else {
                        body
                    };
                    with_type(Response::from_data(body), kind).with_status_code(status)
                }
                Lookup::Redirect(to) => Response::from_data(Vec::new())
                    .with_status_code(301)
                    .with_header(header("Location", &to)),
            };
            let _ = request.respond(response.with_header(header("Cache-Control", "no-store")));
        }
    }
}

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
/// rebuild, written as they happen (the response is written by hand so
/// that nothing buffers an event).
fn events(request: Request, shared: &Shared) {
    let (tx, rx) = mpsc::channel::<String>();
    // A newcomer learns at once whether the site is broken.
    let first = match &shared.read().error {
        Some(e) => super::event("errors", e),
        None => super::event("ok", ""),
    };
    shared.subscribe(tx);
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
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

fn with_type<R: std::io::Read>(r: Response<R>, kind: &str) -> Response<R> {
    r.with_header(header("Content-Type", kind))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
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
    fn the_script_goes_before_the_end_of_the_body() {
        assert_eq!(
            String::from_utf8(inject(b"<body>a</body></html>")).unwrap(),
            format!("<body>a{LIVE_TAG}</body></html>")
        );
    }
}
