//! The dev server's front door: only requests addressed to it are
//! answered, heads and bodies are bounded, and a link out of the hub
//! serves nothing.

use crate::harness::Hub;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

pub struct Server {
    child: Child,
    pub port: u16,
    /// What the server says on stderr, line by line.
    said: std::sync::mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(hub: &Hub) -> Server {
    serve_in(hub.root(), &["--root".as_ref(), hub.root().as_os_str()])
}

/// `oerhub serve` on a free port, run in `dir` with `args`.
pub fn serve_in(dir: &std::path::Path, args: &[&std::ffi::OsStr]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oerhub"))
        .args(["serve", "--port", "0"])
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, said) = std::sync::mpsc::channel();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
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
    Server { child, port, said }
}

impl Server {
    /// The first line the server says that contains `needle`, waiting up
    /// to `secs` seconds for it.
    fn wait_for(&self, needle: &str, secs: u64) -> Option<String> {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        while let Some(left) = until.checked_duration_since(std::time::Instant::now()) {
            match self.said.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return Some(line),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
        None
    }
}

/// Sends `request` and returns the status and the whole answer.
pub fn ask(port: u16, request: &str) -> (u16, String) {
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

/// Editors that save by rename (JetBrains' `x.md___jb_tmp___`, gedit's
/// `.goutputstream-…`) or the way vim does (the page moved to `x.md~`, a
/// new one written) get the same fast path as a save in place: the page is
/// updated without a full build.
#[test]
fn every_kind_of_editor_save_takes_the_fast_path() {
    let hub = Hub::new().file("content/a.md", "---\ntitle: A\n---\nFirst.\n");
    let server = serve(&hub);
    assert!(server.wait_for("Built", 60).is_some());
    let page = hub.root().join("content/a.md");
    type Save<'a> = (&'a str, &'a dyn Fn(&str));
    let saves: [Save; 4] = [
        ("in place", &|text| std::fs::write(&page, text).unwrap()),
        ("jetbrains", &|text| {
            let tmp = hub.root().join("content/a.md___jb_tmp___");
            std::fs::write(&tmp, text).unwrap();
            std::fs::rename(&tmp, &page).unwrap();
        }),
        ("gedit", &|text| {
            let tmp = hub.root().join("content/.goutputstream-QX81ZB");
            std::fs::write(&tmp, text).unwrap();
            std::fs::rename(&tmp, &page).unwrap();
        }),
        ("vim", &|text| {
            let backup = hub.root().join("content/a.md~");
            std::fs::rename(&page, &backup).unwrap();
            std::fs::write(&page, text).unwrap();
            std::fs::remove_file(&backup).unwrap();
        }),
    ];
    for (n, (kind, save)) in saves.iter().enumerate() {
        save(&format!("---\ntitle: A\n---\nEdit {n}.\n"));
        let said = server.wait_for("Updated", 30);
        assert!(
            said.as_deref().is_some_and(|l| l.contains("content/a.md")),
            "{kind}: {said:?}"
        );
        let (_, body) = ask(
            server.port,
            &format!(
                "GET /a/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
                server.port
            ),
        );
        assert!(body.contains(&format!("Edit {n}.")), "{kind}");
        // Let the background build that follows finish before the next save.
        assert!(server.wait_for("up to date", 60).is_some(), "{kind}");
    }
}
