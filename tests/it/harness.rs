//! A small fluent harness: write a fixture hub into a temporary folder, run
//! the real `oerhub` binary on it, and assert on exit code, messages and
//! output files.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;

pub const CONFIG: &str = "title: Test Hub\nbase_url: https://hub.test/\ndefault_language: en\nlanguages:\n  en: {name: English}\n  ru: {name: Русский}\nvocabularies:\n  areas:\n    law: {en: Law, ru: Право}\n";

/// The four languages of the hubs oerhub serves.
pub const FOUR: &str = "title: Test Hub\nbase_url: https://hub.test/\ndefault_language: en\nlanguages:\n  en: {name: English, locale: en-GB}\n  ru: {name: Русский}\n  pl: {name: Polski}\n  az: {name: Azərbaycanca}\n";

pub struct Hub {
    pub dir: Rc<tempfile::TempDir>,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub out: PathBuf,
    /// Keeps the fixture's folder alive while the run is inspected.
    _hub: Option<Rc<tempfile::TempDir>>,
}

impl Hub {
    /// A hub with the test settings and a home page.
    pub fn new() -> Hub {
        Hub::bare()
            .file("oerhub.yaml", CONFIG)
            .file("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
    }

    pub fn bare() -> Hub {
        Hub {
            dir: Rc::new(tempfile::tempdir().expect("temp dir")),
        }
    }

    pub fn file(self, rel: &str, text: &str) -> Hub {
        self.write(rel, text.as_bytes());
        self
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    /// Runs `oerhub <command> --root HUB <extra…>`.
    pub fn run(&self, command: &str, extra: &[&str]) -> Run {
        let root = self.root().to_str().unwrap().to_string();
        let mut args = vec![command, "--root", &root];
        args.extend_from_slice(extra);
        Run {
            _hub: Some(self.dir.clone()),
            ..oerhub(&args, self.out())
        }
    }

    /// `oerhub build` on a given day (`SOURCE_DATE_EPOCH`).
    pub fn build_on(&self, day: &str) -> Run {
        let secs = {
            let (y, rest) = day.split_once('-').unwrap();
            let (m, d) = rest.split_once('-').unwrap();
            let (y, m, d): (i64, i64, i64) =
                (y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap());
            // days_from_civil
            let y = y - i64::from(m <= 2);
            let era = y.div_euclid(400);
            let yoe = y - era * 400;
            let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            (era * 146_097 + doe - 719_468) * 86_400 + 43_200
        };
        let root = self.root().to_str().unwrap().to_string();
        let out = self.out();
        let out_s = out.to_str().unwrap().to_string();
        let epoch = secs.to_string();
        Run {
            _hub: Some(self.dir.clone()),
            ..oerhub_with_env(
                &["build", "--root", &root, "--out", &out_s],
                out,
                &[("SOURCE_DATE_EPOCH", &epoch)],
            )
        }
    }

    pub fn build(&self) -> Run {
        self.build_with(&[])
    }

    pub fn build_with(&self, extra: &[&str]) -> Run {
        let out = self.out();
        let mut args = vec!["build", "--root"];
        let root = self.root().to_str().unwrap().to_string();
        let out_s = out.to_str().unwrap().to_string();
        args.push(&root);
        args.push("--out");
        args.push(&out_s);
        args.extend_from_slice(extra);
        Run {
            _hub: Some(self.dir.clone()),
            ..oerhub(&args, out)
        }
    }
}

pub fn oerhub(args: &[&str], out: PathBuf) -> Run {
    oerhub_with_env(args, out, &[])
}

pub fn oerhub_with_env(args: &[&str], out: PathBuf, env: &[(&str, &str)]) -> Run {
    let o = Command::new(env!("CARGO_BIN_EXE_oerhub"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run oerhub");
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        out,
        _hub: None,
    }
}

impl Run {
    #[track_caller]
    pub fn ok(&self) -> &Run {
        assert_eq!(self.code, 0, "build failed:\n{}", self.stderr);
        self
    }

    /// The build failed with exit code 1 and printed `needle`.
    #[track_caller]
    pub fn fails_with(&self, needle: &str) -> &Run {
        assert_eq!(
            self.code, 1,
            "expected a content error, got {}:\n{}",
            self.code, self.stderr
        );
        assert!(
            self.stderr.contains(needle),
            "expected {needle:?} in:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn page(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out.join(rel).exists()
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Checks that every `hreflang` alternate in the head of every built page
/// names a built page that lists the first one back (and that a page with
/// alternates lists itself). Returns how many links were checked.
#[track_caller]
pub fn check_alternates(out: &Path, base: &str) -> usize {
    let mut alternates: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (path, bytes) in snapshot(out) {
        if !path.ends_with("index.html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        let url = format!("{base}{}", path.trim_end_matches("index.html"));
        let links: Vec<String> = html
            .split("<link rel=\"alternate\" hreflang=\"")
            .skip(1)
            .map(|s| {
                let href = &s[s.find("href=\"").unwrap() + 6..];
                href[..href.find('"').unwrap()].to_string()
            })
            .collect();
        alternates.insert(url, links);
    }
    let mut checked = 0;
    for (url, links) in &alternates {
        if links.is_empty() {
            continue;
        }
        assert!(links.contains(url), "{url} does not list itself");
        for other in links {
            let back = alternates
                .get(other)
                .unwrap_or_else(|| panic!("{url} names {other}, which was not built"));
            assert!(back.contains(url), "{other} does not link back to {url}");
            checked += 1;
        }
    }
    checked
}

/// A URL path as the file name it stands for (`%20` → space).
pub fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
