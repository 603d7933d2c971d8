//! docs/first-hub.md, followed as a newcomer would: every `oerhub` command
//! of its `sh` blocks, in order, from an empty folder (`cd` moves; `cargo
//! install` is this build's binary; `serve` runs until stopped, so it is
//! started and asked for the home page once).

use std::path::PathBuf;
use std::process::Command;

fn commands() -> Vec<String> {
    let guide = include_str!("../../docs/first-hub.md");
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in guide.lines() {
        if line.starts_with("```") {
            in_sh = !in_sh && line == "```sh";
            continue;
        }
        if in_sh && !line.trim().is_empty() {
            out.push(line.trim().to_string());
        }
    }
    out
}

#[test]
fn the_first_hub_guide_works_as_written() {
    let commands = commands();
    assert!(commands.len() >= 9, "{commands:?}");
    let dir = tempfile::tempdir().unwrap();
    let mut cwd: PathBuf = dir.path().into();
    for line in &commands {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words[..] {
            ["cargo", "install", ..] => continue,
            ["cd", to] => {
                cwd = cwd.join(to);
                continue;
            }
            ["oerhub", "serve"] => {
                serve_once(&cwd);
                continue;
            }
            ["oerhub", ref args @ ..] => {
                let run = Command::new(env!("CARGO_BIN_EXE_oerhub"))
                    .args(args)
                    .current_dir(&cwd)
                    .output()
                    .unwrap();
                assert!(
                    run.status.success(),
                    "`{line}` failed:\n{}{}",
                    String::from_utf8_lossy(&run.stdout),
                    String::from_utf8_lossy(&run.stderr)
                );
                if args[0] == "check" {
                    let said = String::from_utf8_lossy(&run.stdout);
                    assert!(said.contains("0 errors"), "{said}");
                }
            }
            _ => panic!("the guide runs `{line}`, which this test does not know"),
        }
    }
    let public = cwd.join("public");
    for page in [
        "index.html",
        "ru/index.html",
        "courses/first-contact/working-with-interpreters/index.html",
        "ru/courses/first-contact/working-with-interpreters/index.html",
        "library/annual-report/index.html",
        "packages/index.html",
    ] {
        assert!(public.join(page).exists(), "the guide promises {page}");
    }
    let ignored = std::fs::read_to_string(cwd.join(".gitignore")).unwrap();
    assert!(ignored.lines().any(|l| l == "public/"));
}

/// `oerhub serve` on a free port answers the home page, then is stopped.
fn serve_once(cwd: &std::path::Path) {
    let server = crate::serve::serve_in(cwd, &[]);
    let (status, home) = crate::serve::ask(
        server.port,
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 200, "{home}");
    assert!(home.contains("My Learning Hub"), "{home}");
}
