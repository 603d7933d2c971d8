//! Nothing leaks, nothing lost: symbolic links out of the hub, builds
//! killed or interrupted at any point of their write, a full disk, two
//! builds into one folder, kept names, output folders inside the inputs,
//! slugs that mislead, and inputs small enough to type but slow to build.

use crate::harness::{oerhub_with_env, snapshot, Hub};
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Command;

/// A hub with a course (so it has packages) and a few pages.
fn hub() -> Hub {
    let mut hub = Hub::new()
        .file("content/c/_index.md", "---\ntitle: Asylum basics\ntype: course\nareas: [law]\ndescription: The basics.\ncascade: {type: lesson}\n---\nIntro.\n")
        .file("content/c/one.md", "---\ntitle: Lesson one\nweight: 1\n---\nThe first lesson.\n")
        .file("content/c/two.md", "---\ntitle: Lesson two\nweight: 2\n---\nThe second lesson.\n");
    for i in 0..12 {
        hub = hub.file(
            &format!("content/notes/n{i}.md"),
            &format!("---\ntitle: Note {i}\ntags: [t{i}]\n---\nNote {i}.\n"),
        );
    }
    hub
}

/// The output folder's files, without the stage of a killed build (hidden,
/// and removed by the next build).
fn site(out: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(out)
        .into_iter()
        .filter(|(p, _)| !p.starts_with(".oerhub-stage-"))
        .collect()
}

fn build_with_hook(hub: &Hub, hook: &str) -> std::process::ExitStatus {
    Command::new(env!("CARGO_BIN_EXE_oerhub"))
        .args(["build", "--root"])
        .arg(hub.root())
        .arg("--out")
        .arg(hub.out())
        .env("OERHUB_TEST_HOOK", hook)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run oerhub")
}

fn unzip_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut body = Vec::new();
        f.read_to_end(&mut body).unwrap();
        all.push_str(&String::from_utf8_lossy(&body));
    }
    all
}

#[test]
fn links_out_of_the_hub_are_errors_and_nothing_they_name_is_published() {
    let hub = hub().file("content/inside.txt", "shared text").file(
        ".git/config",
        "[http] extraheader = AUTHORIZATION: secret-token",
    );
    let link = |target: &str, at: &str| {
        std::os::unix::fs::symlink(target, hub.root().join(at)).unwrap();
    };
    link("/etc", "content/etcdir");
    link("/proc/self/environ", "content/env.txt");
    link("../.git/config", "content/gitconfig.txt");
    link("inside.txt", "content/alias.txt");
    std::fs::create_dir_all(hub.root().join("static")).unwrap();
    link("/etc/hostname", "static/host.txt");
    let run = hub.build();
    run.fails_with(
        "content/etcdir: error: a symbolic link to /etc, outside the hub; it is not followed",
    );
    run.fails_with(
        "content/env.txt: error: a symbolic link to /proc/self/environ, outside the hub",
    );
    run.fails_with("static/host.txt: error: a symbolic link to /etc/hostname, outside the hub");
    run.fails_with(
        "content/gitconfig.txt: error: a symbolic link to ../.git/config, a hidden file of the hub",
    );
    assert!(!run.stderr.contains("alias.txt"), "{}", run.stderr);
    assert!(!hub.out().exists());
    let check = hub.run("check", &[]);
    assert_eq!(check.code, 1);
    assert!(
        check
            .stdout
            .contains("content/etcdir: error: a symbolic link to /etc"),
        "{}",
        check.stdout
    );

    // Links inside the hub work as their targets.
    for bad in [
        "content/etcdir",
        "content/env.txt",
        "content/gitconfig.txt",
        "static/host.txt",
    ] {
        std::fs::remove_file(hub.root().join(bad)).unwrap();
    }
    let run = hub.build();
    run.ok();
    assert_eq!(run.page("alias.txt"), "shared text");
    let all = snapshot(&hub.out());
    assert!(!all
        .iter()
        .any(|(_, b)| String::from_utf8_lossy(b).contains("secret-token")));
}

#[test]
fn a_theme_or_strings_file_linked_out_of_the_hub_is_refused() {
    let hub = hub();
    std::fs::create_dir_all(hub.root().join("themes/default/templates")).unwrap();
    std::os::unix::fs::symlink(
        "/etc/passwd",
        hub.root().join("themes/default/templates/page.html"),
    )
    .unwrap();
    std::fs::create_dir_all(hub.root().join("i18n")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", hub.root().join("i18n/ru.yaml")).unwrap();
    let run = hub.build();
    run.fails_with("themes/default/templates/page.html: error: a symbolic link to /etc/passwd, outside the hub");
    run.fails_with("i18n/ru.yaml: error: a symbolic link to /etc/passwd, outside the hub");
    assert!(!run.stderr.contains("root:"), "{}", run.stderr);
}

/// A build killed while staging leaves its files in a stage folder; the
/// next build clears them and never reads them as its own.
#[test]
fn a_killed_builds_files_never_reach_the_next_build() {
    let hub = hub();
    hub.build().ok();
    let secret = "A sentence the editor deleted.";
    hub.write(
        "content/c/one.md",
        format!("---\ntitle: Lesson one\nweight: 1\n---\nThe first lesson. {secret}\n").as_bytes(),
    );
    for kill_at in [1, 2, 4, 6] {
        let status = build_with_hook(&hub, &format!("kill-after-put={kill_at}"));
        assert_eq!(status.signal(), Some(9), "killed after {kill_at} files");
    }
    hub.write(
        "content/c/one.md",
        b"---\ntitle: Lesson one\nweight: 1\n---\nThe first lesson.\n",
    );
    let run = hub.build();
    run.ok();
    for archive in [
        "bundles/offline-site.zip",
        "bundles/en/c.zip",
        "bundles/en/c.imscc",
    ] {
        assert!(
            !unzip_text(&hub.out().join(archive)).contains(secret),
            "{archive}"
        );
    }
    assert!(!snapshot(&hub.out())
        .iter()
        .any(|(p, b)| p.contains("oerhub-stage") || String::from_utf8_lossy(b).contains(secret)));
}

/// Killed at every step of putting the new site in place (and at points
/// while staging), the folder holds the old site, or a whole journal that
/// the next build finishes into the new site: never a mix.
#[test]
fn a_kill_at_any_point_of_the_write_leaves_the_old_site_or_the_new() {
    let hub = hub();
    hub.build().ok();
    let old = site(&hub.out());
    let edit = |n: u32| {
        // Words, a new page, a removed page, a new folder: every kind of step.
        hub.write(
            "content/c/one.md",
            format!("---\ntitle: Lesson one\nweight: 1\n---\nEdit {n}.\n").as_bytes(),
        );
        hub.write("content/fresh/new.md", b"---\ntitle: New\n---\nNew.\n");
        let _ = std::fs::remove_file(hub.root().join("content/notes/n3.md"));
    };
    edit(1);
    // The new site, built elsewhere from the same content, to compare with.
    let reference = tempfile::tempdir().unwrap();
    let new_out = reference.path().join("public");
    let r = oerhub_with_env(
        &[
            "build",
            "--root",
            hub.root().to_str().unwrap(),
            "--out",
            new_out.to_str().unwrap(),
        ],
        new_out.clone(),
        &[],
    );
    r.ok();
    let new = site(&new_out);
    assert_ne!(old, new);
    let mut killed_in_commit = 0;
    // Every one of the first steps, then a sample through to the last.
    let steps = (1..=20).chain((27..400).step_by(7));
    for step in steps {
        // Back to the old site, then the edit again, killed at `step`.
        std::fs::remove_dir_all(hub.out()).unwrap();
        for (rel, bytes) in &old {
            let p = hub.out().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        let status = build_with_hook(&hub, &format!("kill-after-step={step}"));
        if status.success() {
            assert_eq!(site(&hub.out()), new, "a build that was not killed");
            break;
        }
        assert_eq!(status.signal(), Some(9));
        killed_in_commit += 1;
        // The next build's first act: finish the journal.
        assert!(oerhub::write::recover(&hub.out()).unwrap());
        assert_eq!(
            site(&hub.out()),
            new,
            "killed after step {step}, then recovered"
        );
    }
    assert!(
        killed_in_commit > 20,
        "{killed_in_commit} kills during the commit"
    );
    // Killed while staging: the old site stays as it was.
    for put in [1, 5, 15, 40] {
        std::fs::remove_dir_all(hub.out()).unwrap();
        for (rel, bytes) in &old {
            let p = hub.out().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        let status = build_with_hook(&hub, &format!("kill-after-put={put}"));
        assert_eq!(status.signal(), Some(9));
        assert_eq!(site(&hub.out()), old, "killed after staging {put} files");
        oerhub::write::recover(&hub.out()).unwrap();
        assert_eq!(snapshot(&hub.out()), old, "the stage is cleared");
    }
}

#[test]
fn unchanged_files_keep_their_inode_and_time() {
    use std::os::unix::fs::MetadataExt;
    let hub = hub();
    hub.build().ok();
    let meta = |rel: &str| std::fs::metadata(hub.out().join(rel)).unwrap();
    let (ino, mtime) = (
        meta("notes/n1/index.html").ino(),
        meta("notes/n1/index.html").mtime_nsec(),
    );
    hub.write(
        "content/notes/n2.md",
        b"---\ntitle: Note 2\ntags: [t2]\n---\nChanged.\n",
    );
    hub.build().ok();
    assert_eq!(meta("notes/n1/index.html").ino(), ino);
    assert_eq!(meta("notes/n1/index.html").mtime_nsec(), mtime);
}

#[test]
fn ctrl_c_stops_the_build_and_leaves_the_old_site() {
    let hub = hub();
    hub.build().ok();
    let old = snapshot(&hub.out());
    hub.write(
        "content/c/one.md",
        b"---\ntitle: Lesson one\nweight: 1\n---\nChanged.\n",
    );
    for (signal, code) in [("-INT", 130), ("-TERM", 143)] {
        let child = Command::new(env!("CARGO_BIN_EXE_oerhub"))
            .args(["build", "--root"])
            .arg(hub.root())
            .env("OERHUB_TEST_HOOK", "sleep-after-lock=1500")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(700));
        Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{signal}: {stderr}");
        assert!(stderr.contains("Interrupted; "), "{stderr}");
        assert_eq!(snapshot(&hub.out()), old, "{signal}");
    }
}

#[test]
fn two_builds_into_one_folder_take_turns() {
    let hub = hub();
    let spawn = |hook: &str| {
        Command::new(env!("CARGO_BIN_EXE_oerhub"))
            .args(["build", "--root"])
            .arg(hub.root())
            .env("OERHUB_TEST_HOOK", hook)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let first = spawn("sleep-after-lock=1500");
    std::thread::sleep(std::time::Duration::from_millis(500));
    hub.write(
        "content/notes/n0.md",
        b"---\ntitle: Note 0\n---\nSecond build.\n",
    );
    let second = spawn("none");
    let (a, b) = (
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    );
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert!(String::from_utf8_lossy(&b.stderr).contains("Waiting for another oerhub build"));
    // The second build's site, whole.
    let page = std::fs::read_to_string(hub.out().join("notes/n0/index.html")).unwrap();
    assert!(page.contains("Second build."));
    let again = hub.build();
    assert!(again.ok().stderr.contains(" 0 written"), "{}", again.stderr);
}

#[test]
fn kept_names_survive_and_output_keep_is_honoured() {
    let hub = hub().file(
        "oerhub.yaml",
        &format!(
            "{}output:\n  keep: [downloads, .well-known/security.txt]\n",
            crate::harness::CONFIG
        ),
    );
    hub.build().ok();
    for (rel, text) in [
        (".git/HEAD", "ref: refs/heads/gh-pages"),
        ("CNAME", "hub.example.org"),
        ("downloads/big.iso", "iso"),
        (".well-known/security.txt", "Contact: x"),
        ("stray.html", "not ours"),
    ] {
        hub.write(&format!("public/{rel}"), text.as_bytes());
    }
    hub.build().ok();
    for kept in [
        ".git/HEAD",
        "CNAME",
        "downloads/big.iso",
        ".well-known/security.txt",
    ] {
        assert!(hub.out().join(kept).is_file(), "{kept} was removed");
    }
    assert!(!hub.out().join("stray.html").exists());

    // A publishing checkout (only `.git`) is a folder a build may fill.
    let checkout = self::hub();
    checkout.write("public/.git/HEAD", b"ref");
    checkout.build().ok();
    assert!(checkout.out().join(".git/HEAD").is_file());
}

#[test]
fn an_output_folder_inside_the_inputs_is_refused() {
    let hub = hub();
    for out in ["content/public", "static/site", "themes/x", "i18n/out", "."] {
        let run = hub.run(
            "build",
            &["--out", &hub.root().join(out).display().to_string()],
        );
        assert_eq!(run.code, 2, "--out {out}: {}", run.stderr);
    }
    let run = hub.run(
        "build",
        &[
            "--out",
            &hub.root().join("content/public").display().to_string(),
        ],
    );
    assert!(
        run.stderr.contains("inside the hub's content/ folder"),
        "{}",
        run.stderr
    );
    assert!(!hub.root().join("content/public").exists());
}

#[test]
fn a_full_disk_fails_with_its_own_code_and_leaves_nothing_behind() {
    if unsafe_root().is_none() {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    }
    let disk = tempfile::tempdir().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=20m", "tmpfs"])
        .arg(disk.path())
        .status()
        .unwrap();
    assert!(mounted.success());
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg("-l").arg(self.0).status();
        }
    }
    let _unmount = Unmount(disk.path());
    let out = disk.path().join("out");
    let hub = hub();
    let out_s = out.to_str().unwrap();
    let root = hub.root().to_str().unwrap();
    let build = || oerhub_with_env(&["build", "--root", root, "--out", out_s], out.clone(), &[]);
    build().ok();
    let before = snapshot(&out);
    let big: Vec<u8> = (0..30_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    hub.write("content/c/big.bin", &big);
    let run = build();
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("the disk is full"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("No space left").count(),
        1,
        "reported once: {}",
        run.stderr
    );
    assert_eq!(
        snapshot(&out),
        before,
        "the old site, and no temporary file"
    );
    // Space again: the next build goes through.
    std::fs::remove_file(hub.root().join("content/c/big.bin")).unwrap();
    hub.write("content/c/small.bin", b"small");
    build().ok();

    // Into an empty folder: the failure leaves it as it was, and the next
    // build takes it.
    let empty = disk.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    hub.write("content/c/big.bin", &big);
    let e = empty.to_str().unwrap();
    let run = oerhub_with_env(&["build", "--root", root, "--out", e], empty.clone(), &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(std::fs::read_dir(&empty).unwrap().count(), 0);
    std::fs::remove_file(hub.root().join("content/c/big.bin")).unwrap();
    oerhub_with_env(&["build", "--root", root, "--out", e], empty.clone(), &[]).ok();
}

/// Root can mount a tmpfs.
fn unsafe_root() -> Option<()> {
    let uid = Command::new("id").arg("-u").output().ok()?;
    (String::from_utf8_lossy(&uid.stdout).trim() == "0").then_some(())
}

#[test]
fn slugs_that_mislead_or_cannot_be_files_are_refused_at_their_line() {
    let hub = Hub::new()
        .file(
            "content/a.md",
            "---\ntitle: A\nslug: \"fdp\u{202E}exe\"\n---\n",
        )
        .file("content/b.md", "---\ntitle: B\nslug: CON\n---\n")
        .file(
            "content/c.md",
            &format!("---\ntitle: C\nslug: {}\n---\n", "x".repeat(300)),
        )
        .file("content/aux.md", "---\ntitle: Aux\n---\n")
        .file(
            "content/d.md",
            "---\ntitle: D\ndescription: \"a\u{0}b\"\n---\n",
        );
    let run = hub.build();
    run.fails_with("content/a.md:3:1: error: the slug `fdp\\u{202e}exe` contains `\\u{202e}`");
    run.fails_with("content/b.md:3:1: error: `CON` is a name Windows reserves");
    run.fails_with("content/c.md:3:1: error: the URL segment `xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…` is 300 bytes long");
    run.fails_with("content/aux.md: error: `aux` is a name Windows reserves");
    run.fails_with(
        "content/d.md:3:16: error: the front matter holds the invisible control character U+0000",
    );
}

#[test]
fn one_name_spelt_two_ways_is_one_url() {
    // "Café" composed (NFC) and decomposed (NFD, as macOS names files).
    let hub = Hub::new()
        .file(
            "oerhub.yaml",
            &crate::harness::CONFIG.replace("languages:", "slugs: unicode\nlanguages:"),
        )
        .file("content/caf\u{e9}.md", "---\ntitle: One\n---\n")
        .file("content/cafe\u{301}.md", "---\ntitle: Two\n---\n");
    hub.build().fails_with("both map to the URL /caf\u{e9}/");
}

#[test]
fn control_characters_in_the_text_are_left_out_with_a_warning() {
    let hub = Hub::new().file(
        "content/a.md",
        "---\ntitle: A\n---\nOne\n\nTwo \u{7}bell and \u{1b}[31mcolour.\n",
    );
    let run = hub.build();
    run.ok();
    assert!(
        run.stderr.contains(
            "content/a.md:6:5: warning: the text holds the invisible control character U+0007"
        ),
        "{}",
        run.stderr
    );
    let page = run.page("a/index.html");
    assert!(page.contains("Two bell and [31mcolour."), "{page}");
}

#[test]
fn nesting_beyond_the_limit_is_refused_at_its_line() {
    let deep = format!("---\ntitle: A\nx: {}\n---\n", "[".repeat(200_000));
    let hub = Hub::new().file("content/a.md", &deep);
    hub.build().fails_with(
        "content/a.md:3:67: error: the front matter nests lists and maps deeper than 64 levels",
    );
}

#[test]
fn many_tags_and_repeated_headings_build_whole() {
    let tags: String = (0..5000).map(|i| format!("  - tag{i}\n")).collect();
    let hub = Hub::new()
        .file(
            "content/a.md",
            &format!(
                "---\ntitle: A\ntags:\n{tags}---\n{}",
                "## Same\n\n".repeat(5000)
            ),
        )
        .file(
            "content/b.md",
            "---\ntitle: B\ntags: [tag7]\n---\n[see](a.md#same-4999)\n",
        );
    let run = hub.build();
    run.ok();
    assert!(run.exists("tags/tag4999/index.html"));
    assert!(run.exists("ru/tags/tag4999/index.html"));
    assert!(run.page("a/index.html").contains("id=\"same-4999\""));
    let term = run.page("tags/tag7/index.html");
    assert!(term.contains("/b/") && term.contains("/a/"));
    // A term's page does not list every other term.
    assert!(!term.contains("/tags/tag4998/"));
}
