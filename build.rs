//! Prepares what the binary embeds: the default theme (`themes/default/`)
//! and UI strings (`i18n/`), listed as `include_bytes!` so `oerhub init`
//! and hubs without their own theme work from the binary alone, plus the
//! version string. Only lists files, so it stays cheap.

use std::fmt::Write as _;
use std::path::Path;

fn list(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            list(&path, base, out);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push(rel);
        }
    }
}

fn table(name: &str, dir: &str, keep: fn(&str) -> bool) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = root.join(dir);
    let mut files = Vec::new();
    list(&base, &base, &mut files);
    files.retain(|f| keep(f));
    let mut s = format!("pub static {name}: &[(&str, &[u8])] = &[\n");
    for f in files {
        let abs = base.join(&f).display().to_string().replace('\\', "/");
        let _ = writeln!(s, "    ({f:?}, include_bytes!({abs:?})),");
    }
    s.push_str("];\n");
    s
}

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=i18n");
    println!("cargo:rerun-if-changed=content/_index.md");
    let out = std::env::var("OUT_DIR").unwrap();
    let mut code = table("THEME", "themes/default", |_| true);
    // The strings files only: the demo's i18n/ may also hold translators'
    // exchange files (i18n/po/…) and i18n/imported.txt.
    code.push_str(&table("I18N", "i18n", |f| {
        !f.contains('/') && f.ends_with(".yaml")
    }));
    std::fs::write(Path::new(&out).join("embedded.rs"), code).unwrap();
    let version = std::env::var("CARGO_PKG_VERSION").unwrap();
    println!("cargo:rustc-env=OERHUB_VERSION=oerhub {version}");
}
