//! `oerhub serve`: the site built in memory and served on 127.0.0.1 only,
//! rebuilt when the hub's files change, the open pages reloaded. An edit of
//! a page's words re-renders that page at once (`incremental`) and a full
//! build follows in the background; other edits build in full. A build
//! that fails keeps the last good site in place and shows its errors over
//! the page until they are fixed.

mod conn;
mod http;
mod incremental;

use crate::build::{build, BuildOptions, Built};
use crate::diag::Diagnostics;
use incremental::{Live, Outcome};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// The site being served.
#[derive(Default)]
pub struct Served {
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// The last build's errors, when it failed (the files are the last good ones).
    pub error: Option<String>,
}

/// What the server threads share.
pub struct Shared {
    served: RwLock<Served>,
    clients: Mutex<Vec<Sender<String>>>,
}

impl Shared {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, Served> {
        self.served.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Served> {
        self.served.write().unwrap_or_else(|e| e.into_inner())
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
const WATCHED: [&str; 5] = crate::load::INPUT_DIRS;

/// What the main loop hears: the file system, and builds run in the background.
enum Msg {
    Fs(notify::Result<notify::Event>),
    Built(u64, Box<Result<Built, Diagnostics>>),
}

pub fn serve(root: &Path, port: u16, drafts: bool) -> i32 {
    // Watched paths come back as they were given: an absolute root makes
    // every event's path comparable with the hub's own.
    let root = &root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let listener = match std::net::TcpListener::bind(("127.0.0.1", port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}\n  hint: choose another port with --port N (0 picks a free one)");
            return 2;
        }
    };
    let port = listener.local_addr().map_or(port, |a| a.port());
    let opts = BuildOptions {
        drafts,
        base_url: Some(format!("http://127.0.0.1:{port}/")),
        ..BuildOptions::preview(root)
    };
    let shared = Arc::new(Shared {
        served: RwLock::new(Served::default()),
        clients: Mutex::new(Vec::new()),
    });
    let (tx, rx) = mpsc::channel();
    let fs_tx = tx.clone();
    let mut watcher = match notify::recommended_watcher(move |res| {
        let _ = fs_tx.send(Msg::Fs(res));
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
    let mut state = State {
        opts,
        root: root.to_path_buf(),
        shared: Arc::clone(&shared),
        tx,
        live: None,
        edits: 0,
        background: false,
    };
    state.full("start");

    let http_shared = Arc::clone(&shared);
    std::thread::spawn(move || {
        for stream in listener.incoming().filter_map(Result::ok) {
            let Some(conn) = conn::Conn::accept(stream) else {
                continue;
            };
            let shared = Arc::clone(&http_shared);
            std::thread::spawn(move || http::serve_connection(conn, &shared, port));
        }
    });
    println!(
        "Serving {} at http://127.0.0.1:{port}/ ; saving a file rebuilds and reloads the page (Ctrl+C stops)",
        root.display()
    );
    state.run(&rx);
    0
}

struct State {
    opts: BuildOptions,
    root: PathBuf,
    shared: Arc<Shared>,
    tx: Sender<Msg>,
    live: Option<Live>,
    /// Edits applied so far; a background build made before the latest is stale.
    edits: u64,
    background: bool,
}

impl State {
    fn run(&mut self, rx: &Receiver<Msg>) {
        while let Ok(msg) = rx.recv() {
            match msg {
                Msg::Built(edits, result) => self.background_done(edits, *result),
                Msg::Fs(event) => {
                    let Some(first) = event.ok().and_then(|e| relevant(&e, &self.root)) else {
                        continue;
                    };
                    let (changed, later) = settle(rx, &self.root, first);
                    self.changed(&changed);
                    for (edits, result) in later {
                        self.background_done(edits, result);
                    }
                }
            }
        }
    }

    /// One burst of saves: the fast path when it applies, else a full build.
    fn changed(&mut self, changed: &BTreeSet<PathBuf>) {
        let started = Instant::now();
        let why = changed
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let healthy = self.shared.read().error.is_none();
        if let (Some(live), [one], true) = (
            self.live.as_mut(),
            changed.iter().collect::<Vec<_>>().as_slice(),
            healthy,
        ) {
            match live.patch(&self.root, one) {
                Outcome::Patched(files) => {
                    let n = files.len();
                    {
                        let mut served = self.shared.write();
                        for (path, html) in files {
                            served.files.insert(path, Arc::new(html));
                        }
                    }
                    self.edits += 1;
                    self.shared.broadcast(&event("reload", &why));
                    eprintln!(
                        "Updated {n} page{} in {} ms ({why}); the rest follows in the background",
                        if n == 1 { "" } else { "s" },
                        started.elapsed().as_millis()
                    );
                    self.start_background();
                    return;
                }
                Outcome::Full(reason) => {
                    eprintln!("{why}: {reason}; building in full");
                }
            }
        }
        self.edits += 1;
        self.full(&why);
    }

    /// A full build now; on success the open pages reload, on failure they
    /// show the errors and the last good site stays.
    fn full(&mut self, why: &str) {
        let started = Instant::now();
        let result = build(&self.opts);
        let pages = result.as_ref().map_or(0, |b| b.site.pages.len());
        self.apply(result, true);
        if self.shared.read().error.is_none() {
            eprintln!(
                "Built {pages} pages in {} ms ({why})",
                started.elapsed().as_millis()
            );
        }
    }

    fn start_background(&mut self) {
        if self.background {
            return;
        }
        self.background = true;
        let (opts, tx, edits) = (self.opts.clone(), self.tx.clone(), self.edits);
        std::thread::spawn(move || {
            let result = build(&opts);
            let _ = tx.send(Msg::Built(edits, Box::new(result)));
        });
    }

    fn background_done(&mut self, edits: u64, result: Result<Built, Diagnostics>) {
        self.background = false;
        if edits != self.edits {
            // Saves came in meanwhile: this build already missed them.
            self.start_background();
            return;
        }
        let ok = result.is_ok();
        self.apply(result, false);
        if ok {
            eprintln!("The rest of the site is up to date");
        }
    }

    /// Serves a build's result. `reload`: the pages reload (a build the
    /// editor waits for), else they are only told the site is healthy.
    fn apply(&mut self, result: Result<Built, Diagnostics>, reload: bool) {
        crate::timings::done();
        match result {
            Ok(built) => {
                for d in built.warnings.into_sorted() {
                    eprintln!("{d}");
                }
                let files = built
                    .output
                    .files
                    .into_iter()
                    .map(|(k, v)| (k, Arc::new(v)))
                    .collect();
                *self.shared.write() = Served { files, error: None };
                match Live::new(built.site, built.i18n, built.theme, &self.root) {
                    Ok(live) => self.live = Some(live),
                    Err(e) => {
                        eprintln!("{e}");
                        self.live = None;
                    }
                }
                self.shared.broadcast(&event("ok", ""));
                if reload {
                    self.shared.broadcast(&event("reload", ""));
                }
            }
            Err(diags) => {
                let text: Vec<String> = diags
                    .into_sorted()
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                let text = text.join("\n");
                eprintln!("{text}\nThe build failed; the last good site is still served.");
                self.shared.write().error = Some(text.clone());
                self.shared.broadcast(&event("errors", &text));
            }
        }
    }
}

/// Waits for the burst a change starts to settle (editors write a file in
/// several steps; a save-all writes many); returns the files it touched and
/// any background build that finished meanwhile.
#[allow(clippy::type_complexity)]
fn settle(
    rx: &Receiver<Msg>,
    root: &Path,
    first: PathBuf,
) -> (BTreeSet<PathBuf>, Vec<(u64, Result<Built, Diagnostics>)>) {
    let mut changed = BTreeSet::from([first]);
    let mut later = Vec::new();
    let deadline = Instant::now() + Duration::from_millis(300);
    while let Ok(msg) = rx.recv_timeout(Duration::from_millis(15)) {
        match msg {
            Msg::Fs(Ok(e)) => changed.extend(relevant(&e, root)),
            Msg::Fs(Err(_)) => {}
            Msg::Built(edits, result) => later.push((edits, *result)),
        }
        if Instant::now() > deadline {
            break;
        }
    }
    (changed, later)
}

/// The hub file an event is about, unless it is noise: reads, editors'
/// scratch, swap and backup files (the names the build itself ignores),
/// files outside what the site is made of. A save by rename (a scratch
/// file renamed over the page) is about the page it lands on.
fn relevant(event: &notify::Event, root: &Path) -> Option<PathBuf> {
    if matches!(event.kind, notify::EventKind::Access(_)) {
        return None;
    }
    event
        .paths
        .iter()
        .rev()
        .find(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            let rel = p.strip_prefix(root).unwrap_or(p);
            let ours = rel == Path::new(crate::config::CONFIG_FILE)
                || WATCHED.iter().any(|d| rel.starts_with(d));
            !crate::load::is_ignored(&name) && ours
        })
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
}
