//! `oerhub serve`: the site built in memory and served on 127.0.0.1 only,
//! rebuilt when the hub's files change, the open pages reloaded. A build
//! that fails keeps the last good site in place and shows its errors over
//! the page until they are fixed.

mod http;

use crate::build::{build, BuildOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// The site being served.
pub struct Served {
    pub files: Arc<BTreeMap<String, Vec<u8>>>,
    /// The last build's errors, when it failed (the files are the last good ones).
    pub error: Option<String>,
}

/// What the server threads share.
pub struct Shared {
    served: RwLock<Arc<Served>>,
    clients: Mutex<Vec<Sender<String>>>,
}

impl Shared {
    fn current(&self) -> Arc<Served> {
        Arc::clone(&self.served.read().unwrap_or_else(|e| e.into_inner()))
    }

    fn replace(&self, served: Served) {
        *self.served.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(served);
    }

    fn subscribe(&self, tx: Sender<String>) {
        self.clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(tx);
    }

    /// Sends `event` to every open page; pages that left are forgotten.
    fn broadcast(&self, event: &str) {
        self.clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|tx| tx.send(event.to_string()).is_ok());
    }
}

/// A server-sent event: its name, and its data line by line.
fn event(name: &str, data: &str) -> String {
    let mut out = format!("event: {name}\n");
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// Folders and files whose changes rebuild the site.
const WATCHED: [&str; 5] = ["content", "themes", "i18n", "static", "licenses"];

pub fn serve(root: &Path, port: u16, drafts: bool) -> i32 {
    let server = match tiny_http::Server::http(("127.0.0.1", port)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}\n  hint: choose another port with --port N (0 picks a free one)");
            return 2;
        }
    };
    let port = server.server_addr().to_ip().map_or(port, |a| a.port());
    let opts = BuildOptions {
        root: root.to_path_buf(),
        drafts,
        base_url: Some(format!("http://127.0.0.1:{port}/")),
        offline: false,
        spool_to: None,
        preview: true,
    };
    let shared = Arc::new(Shared {
        served: RwLock::new(Arc::new(Served {
            files: Arc::new(BTreeMap::new()),
            error: None,
        })),
        clients: Mutex::new(Vec::new()),
    });
    rebuild(&opts, &shared, "start");

    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(move |res| {
        let _ = tx.send(res);
    }) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", root.display());
            return 1;
        }
    };
    use notify::Watcher as _;
    for dir in WATCHED.iter().map(|d| root.join(d)).filter(|d| d.is_dir()) {
        if let Err(e) = watcher.watch(&dir, notify::RecursiveMode::Recursive) {
            eprintln!("error: cannot watch {}: {e}", dir.display());
            return 1;
        }
    }
    // The settings file is watched through its folder: editors replace it.
    if let Err(e) = watcher.watch(root, notify::RecursiveMode::NonRecursive) {
        eprintln!("error: cannot watch {}: {e}", root.display());
        return 1;
    }

    let http_shared = Arc::clone(&shared);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let shared = Arc::clone(&http_shared);
            std::thread::spawn(move || http::handle(request, &shared));
        }
    });
    println!(
        "Serving {} at http://127.0.0.1:{port}/ ; saving a file rebuilds and reloads the page (Ctrl+C stops)",
        root.display()
    );
    loop {
        let Some(changed) = next_change(&rx, root) else {
            return 0;
        };
        rebuild(&opts, &shared, &changed.display().to_string());
    }
}

/// Waits for a change worth a rebuild, then for the burst it starts to
/// settle (editors write a file in several steps; a save-all writes many).
fn next_change(rx: &Receiver<notify::Result<notify::Event>>, root: &Path) -> Option<PathBuf> {
    let first = loop {
        match rx.recv() {
            Ok(Ok(event)) => {
                if let Some(path) = relevant(&event, root) {
                    break path;
                }
            }
            Ok(Err(_)) => continue,
            Err(_) => return None,
        }
    };
    let deadline = Instant::now() + Duration::from_millis(300);
    while let Ok(_more) = rx.recv_timeout(Duration::from_millis(15)) {
        if Instant::now() > deadline {
            break;
        }
    }
    Some(first)
}

/// The hub file an event is about, unless it is noise: reads, editors'
/// swap and backup files, files outside what the site is made of.
fn relevant(event: &notify::Event, root: &Path) -> Option<PathBuf> {
    if matches!(event.kind, notify::EventKind::Access(_)) {
        return None;
    }
    event
        .paths
        .iter()
        .find(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            let noise = name.starts_with('.')
                || name.ends_with('~')
                || name.ends_with(".swp")
                || name.ends_with(".tmp");
            let rel = p.strip_prefix(root).unwrap_or(p);
            let ours = rel == Path::new(crate::config::CONFIG_FILE)
                || WATCHED.iter().any(|d| rel.starts_with(d));
            !noise && ours
        })
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
}

/// Builds the site again; on success the open pages reload, on failure
/// they show the errors and the last good site stays.
fn rebuild(opts: &BuildOptions, shared: &Shared, why: &str) {
    let started = Instant::now();
    match build(opts) {
        Ok(built) => {
            for d in built.warnings.into_sorted() {
                eprintln!("{d}");
            }
            let pages = built.site.pages.len();
            shared.replace(Served {
                files: Arc::new(built.output.files),
                error: None,
            });
            shared.broadcast(&event("ok", ""));
            shared.broadcast(&event("reload", why));
            eprintln!(
                "Built {pages} pages in {} ms ({why})",
                started.elapsed().as_millis()
            );
        }
        Err(diags) => {
            let text: Vec<String> = diags
                .into_sorted()
                .iter()
                .map(ToString::to_string)
                .collect();
            let text = text.join("\n");
            eprintln!("{text}\nThe build failed; the last good site is still served.");
            let files = Arc::clone(&shared.current().files);
            shared.replace(Served {
                files,
                error: Some(text.clone()),
            });
            shared.broadcast(&event("errors", &text));
        }
    }
}
