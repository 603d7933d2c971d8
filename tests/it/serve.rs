//! The dev server's front door: only requests addressed to it are
//! answered, heads and bodies are bounded, and a link out of the hub
//! serves nothing.

use crate::harness::Hub;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(hub: &Hub) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oerhub"))
        .args(["serve", "--port", "0", "--root"])
        .arg(hub.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    Server { child, port }
}

/// Sends `request` and returns the status and the whole answer.
fn ask(port: u16, request: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, answer)
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap()
}

#[test]
fn answers_only_requests_for_itself_within_bounds() {
    let hub = Hub::new().file("content/a.md", "---\ntitle: A\n---\nA.\n");
    let server = serve(&hub);
    let port = server.port;
    let get = |host: &str| {
        ask(
            port,
            &format!("GET /a/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, body) = get(&host);
        assert_eq!(status, 200, "{host}: {body}");
        assert!(body.contains("<h1"), "{body}");
    }
    // DNS rebinding: a page on another name that resolves to 127.0.0.1.
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("127.0.0.1:{}", port + 1),
    ] {
        let (status, body) = get(&host);
        assert_eq!(status, 421, "{host}");
        assert!(!body.contains("<h1"), "{body}");
    }
    let (status, _) = ask(port, "GET /a/ HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 421, "no Host at all");
    let (status, _) = ask(port, &format!("POST /a/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"));
    assert_eq!(status, 405);
    let (status, _) = ask(port, &format!("GET /a/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n"));
    assert_eq!(status, 413);
    let (status, _) = ask(
        port,
        &format!(
            "GET /{} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n",
            "a".repeat(20_000)
        ),
    );
    assert_eq!(status, 414);

    // A header of 500 MB: refused after the first kilobytes, memory flat.
    let before = rss_kib(server.child.id());
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Big: ").as_bytes())
        .unwrap();
    let chunk = vec![b'a'; 1 << 20];
    let mut sent = 0usize;
    while sent < 500 << 20 {
        if s.write_all(&chunk).is_err() {
            break;
        }
        sent += chunk.len();
    }
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(
        answer.starts_with("HTTP/1.1 431"),
        "{answer:?} after {sent} bytes"
    );
    let after = rss_kib(server.child.id());
    assert!(after < before + 16 * 1024, "{before} KiB → {after} KiB");
    assert_eq!(get(&format!("127.0.0.1:{port}")).0, 200, "still serving");
}

#[test]
fn a_link_out_of_the_hub_serves_nothing() {
    let hub = Hub::new().file("content/a.md", "---\ntitle: A\n---\nA.\n");
    std::os::unix::fs::symlink("/etc", hub.root().join("content/etcdir")).unwrap();
    let server = serve(&hub);
    let port = server.port;
    let (status, body) = ask(
        port,
        &format!(
            "GET /etcdir/hostname HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_ne!(status, 200);
    let hostname = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    assert!(
        hostname.trim().is_empty() || !body.contains(hostname.trim()),
        "{body}"
    );
    assert!(
        body.contains("a symbolic link to /etc, outside the hub"),
        "{body}"
    );
}
