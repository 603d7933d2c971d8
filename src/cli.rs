//! The command line: parsed with clap, run, and turned into an exit code
//! (0 success, 1 content errors, 2 usage errors, 3 the disk or system
//! failed, 130/143 interrupted). Diagnostics are printed here and nowhere
//! else.

use crate::build::{build, default_out, BuildOptions};
use crate::diag::Diagnostic;
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Instant;

mod translations;

#[derive(Parser, Debug)]
#[command(
    name = "oerhub",
    version = env!("CARGO_PKG_VERSION"),
    about = "Builds open educational resource hubs: Markdown courses, handbooks, a library, a podcast and more, in several languages, into a static website",
    long_about = None,
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site from the hub's content into a folder of static files
    Build {
        /// The hub folder (the one with oerhub.yaml)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also build pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Publish under this address instead of oerhub.yaml's base_url
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Make every link relative and name its file, so the site reads
        /// from a folder or USB stick without a server (file://)
        #[arg(long)]
        offline: bool,
        /// Print every problem (by default, long runs of one kind are
        /// counted after the first 20 and summarised)
        #[arg(long)]
        all: bool,
    },
    /// Show how much of the hub is translated per language and section,
    /// which translations are stale, and what to translate next; export
    /// pages for translators' tools and import their work
    Translations {
        #[command(subcommand)]
        action: Option<TranslationsAction>,
        /// The hub folder (the one with oerhub.yaml)
        #[arg(long, default_value = ".", value_name = "DIR", global = true)]
        root: PathBuf,
        /// Only this language (export: the language to translate into)
        #[arg(long, value_name = "CODE", global = true)]
        lang: Option<String>,
        /// Report for people or for scripts
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Record that the translations in these files or folders are up to
        /// date with their originals (writes `source_hash:`), instead of reporting
        #[arg(long, value_name = "PATH", num_args = 1..)]
        mark_current: Vec<PathBuf>,
    },
    /// Serve the site on 127.0.0.1 while you edit: saving a file rebuilds
    /// it and reloads the page; errors show over the page
    Serve {
        /// The hub folder (the one with oerhub.yaml)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// The port (0 picks a free one)
        #[arg(long, default_value_t = 1111, value_name = "N")]
        port: u16,
        /// Also show pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Check the hub without publishing: front matter, vocabularies, links
    /// and anchors, assets, alt text, translations (exit 1 on errors)
    Check {
        /// The hub folder (the one with oerhub.yaml)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// For people, for scripts, or GitHub Actions annotations
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Print every problem (by default, people see long runs of one kind
        /// counted after the first 20 and summarised; JSON and GitHub
        /// formats always carry all)
        #[arg(long)]
        all: bool,
    },
    /// Scaffold a page of a type, with its fields explained (never
    /// overwrites a file)
    New {
        /// page, section, course, module, lesson, handbook, chapter, resource,
        /// blueprint, podcast, episode, term, trainer, programme or session
        #[arg(value_name = "TYPE")]
        kind: String,
        /// Where under content/, e.g. courses/asylum-basics
        #[arg(value_name = "PATH")]
        path: String,
        /// Write the translation in this language (the original must exist)
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// The hub folder (the one with oerhub.yaml)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
    /// Search the hub's content (for editors; the site has its own search)
    Search {
        /// Words to find; "quoted words" must appear together
        #[arg(value_name = "QUERY")]
        query: String,
        /// The hub folder (the one with oerhub.yaml)
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// The language to search [default: the hub's default language]
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// Results for people or for scripts
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// How many results
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Create a new hub in DIR with the default theme, UI strings and a sample page
    Init {
        /// The folder to create (must be empty or not exist)
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

/// `oerhub translations export` and `import`.
#[derive(Subcommand, Debug)]
pub enum TranslationsAction {
    /// Write PO or XLIFF files of the pages, the UI strings and the
    /// vocabularies' labels for --lang, filled with the translations there
    /// are; segments whose original changed come fuzzy
    Export {
        /// PO for translation platforms (Weblate, Pontoon), XLIFF 1.2 for
        /// CAT tools (OmegaT, Trados, memoQ)
        #[arg(long = "format", value_name = "FORMAT", value_enum, default_value_t = crate::translations::Format::Po)]
        exchange: crate::translations::Format,
        /// The folder to write in [default: ROOT/i18n/po or ROOT/i18n/xliff]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// One file per page, per folder of content/, or for the whole hub
        #[arg(long, value_enum, default_value_t = crate::translations::Per::Page)]
        per: crate::translations::Per,
        /// Only these pages or folders (`i18n` for the UI strings) [default: all]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Write the translations in PO or XLIFF files (or folders of them)
    /// into the hub: page.LANG.md files, i18n/LANG.yaml, oerhub.yaml's labels
    Import {
        /// Exchange files (.po, .xlf) or folders of them
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        /// Overwrite translations edited since the files were exported
        #[arg(long)]
        force: bool,
        /// Write nothing; fail (exit 1) if an import would change a file
        #[arg(long)]
        check: bool,
    },
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
}

pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Build {
            root,
            out,
            drafts,
            base_url,
            offline,
            all,
        } => run_build(&root, out, drafts, base_url, offline, all),
        Command::Translations {
            action: Some(action),
            root,
            lang,
            ..
        } => translations::run_action(&root, lang, action),
        Command::Translations {
            action: None,
            root,
            lang,
            format,
            mark_current,
        } => run_translations(&root, lang, format, &mark_current),
        Command::Check { root, format, all } => run_check(&root, format, all),
        Command::Serve { root, port, drafts } => match not_a_hub(&root) {
            Some(code) => code,
            None => crate::serve::serve(&root, port, drafts),
        },
        Command::New {
            kind,
            path,
            lang,
            root,
        } => run_new(&root, &kind, &path, lang),
        Command::Search {
            query,
            root,
            lang,
            format,
            limit,
        } => run_search(&root, &query, lang, format, limit),
        Command::Init { dir } => match crate::init::init(&dir) {
            Ok(()) => {
                println!(
                    "Created a hub in {}. Next: oerhub build --root {}",
                    dir.display(),
                    dir.display()
                );
                0
            }
            Err(msg) => {
                eprintln!("error: {msg}");
                2
            }
        },
    }
}

fn run_build(
    root: &Path,
    out: Option<PathBuf>,
    drafts: bool,
    base_url: Option<String>,
    offline: bool,
    all: bool,
) -> i32 {
    let started = Instant::now();
    if let Some(code) = not_a_hub(root) {
        return code;
    }
    let out = out.unwrap_or_else(|| default_out(root));
    if let Err(why) = crate::build::check_out(root, &out) {
        eprintln!("error: {why}\n  hint: choose an output folder outside the hub's content, static, themes, i18n and licenses folders, e.g. --out public");
        return 2;
    }
    crate::interrupt::install();
    let opts = BuildOptions {
        root: root.to_path_buf(),
        drafts,
        base_url,
        offline,
        spool_to: Some(out.clone()),
        preview: false,
    };
    let built = build(&opts);
    crate::timings::done();
    match built {
        Ok(mut built) => {
            eprint!(
                "{}",
                crate::report::human(&built.warnings.into_sorted(), all)
            );
            let files = built.output.len();
            let keep = &built.site.config.output.keep;
            let written = crate::timings::time("write", || match built.output.take_spool() {
                Some(spool) => spool.commit(built.output.paths()),
                None => crate::write::write(&built.output, &out, keep),
            });
            crate::timings::done();
            match written {
                Ok(stats) => {
                    let pages = built.site.pages.len();
                    eprintln!(
                        "Built {pages} pages ({} files: {} written, {} unchanged, {} removed) into {} in {} ms",
                        files,
                        stats.written,
                        stats.unchanged,
                        stats.removed,
                        out.display(),
                        started.elapsed().as_millis()
                    );
                    // The process ends here: freeing the site's hundreds of
                    // thousands of allocations one by one would only delay
                    // it (tens of milliseconds at 10,000 pages).
                    std::mem::forget(built.site);
                    // A signal that came while the files moved into place
                    // waited for them; the site is whole.
                    crate::interrupt::exit_code().unwrap_or(0)
                }
                Err(e) => {
                    let code = write_exit_code(&e);
                    print_diagnostics(vec![crate::write::diagnostic(e)]);
                    eprintln!("{} was left as it was.", out.display());
                    code
                }
            }
        }
        Err(diags) => {
            let sorted = diags.into_sorted();
            let code_of = |code: &str| sorted.iter().any(|d| d.code == Some(code));
            if code_of(crate::write::INTERRUPTED_CODE) {
                eprintln!("Interrupted; {} was left as it was.", out.display());
                return crate::interrupt::exit_code().unwrap_or(EXIT_IO);
            }
            let errors = sorted.iter().filter(|d| d.is_error()).count();
            let code = if code_of(crate::write::IO_CODE) {
                EXIT_IO
            } else if code_of(crate::write::REFUSED_CODE) {
                2
            } else {
                1
            };
            eprint!("{}", crate::report::human(&sorted, all));
            eprintln!(
                "Build failed with {errors} error{}; {} was left as it was.",
                if errors == 1 { "" } else { "s" },
                out.display()
            );
            code
        }
    }
}

/// The exit code of a build the disk or the system stopped (full, no
/// permission): neither the content's fault (1) nor the command's (2).
pub const EXIT_IO: i32 = 3;

fn write_exit_code(e: &crate::write::WriteError) -> i32 {
    match e {
        crate::write::WriteError::Io { .. } => EXIT_IO,
        crate::write::WriteError::Refused(_) => 2,
        crate::write::WriteError::Interrupted => crate::interrupt::exit_code().unwrap_or(EXIT_IO),
    }
}

fn run_translations(root: &Path, lang: Option<String>, format: Format, mark: &[PathBuf]) -> i32 {
    use crate::translations::{coverage, mark_current, Marked};
    let config = match load_config(root) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let lang = match translations::translation_language(&config, lang) {
        Ok(l) => l,
        Err(code) => return code,
    };
    if !mark.is_empty() {
        return match mark_current(root, &config, mark, lang.as_ref()) {
            Ok(done) => {
                let updated = done
                    .iter()
                    .filter(|m| matches!(m, Marked::Updated(_)))
                    .count();
                for m in &done {
                    if let Marked::Updated(p) = m {
                        println!("marked current: {}", p.display());
                    }
                }
                eprintln!(
                    "{updated} translation(s) marked current, {} already were",
                    done.len() - updated
                );
                0
            }
            Err(diags) => {
                print_diagnostics(diags);
                1
            }
        };
    }
    let (report, diags) = coverage(root, &config, lang.as_ref());
    let failed = diags.iter().any(Diagnostic::is_error);
    print_diagnostics(diags);
    match format {
        Format::Human => print!("{}", report.human()),
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("a report serialises")
        ),
    }
    i32::from(failed)
}

fn run_search(root: &Path, query: &str, lang: Option<String>, format: Format, limit: usize) -> i32 {
    let opts = BuildOptions::preview(root);
    let (site, _, _, diags) = match crate::build::linked(&opts) {
        Ok(x) => x,
        Err(diags) => {
            print_diagnostics(diags.into_sorted());
            eprintln!("The hub's settings, strings or theme have errors; fix them to search it.");
            return 1;
        }
    };
    // An editor searches a hub while mending it: its errors are counted,
    // not printed (`oerhub check` lists them), and what parsed is searched.
    let errors = diags.error_count();
    if errors > 0 {
        eprintln!(
            "note: the hub has {errors} content error{} (`oerhub check` lists them); searching the pages that could be read",
            if errors == 1 { "" } else { "s" }
        );
    }
    let lang = lang.map_or_else(
        || site.config.default_language.clone(),
        crate::model::Lang::new,
    );
    if site.config.language(&lang).is_none() {
        eprintln!("error: `{lang}` is not a language of this hub");
        return 2;
    }
    let cache = root.join(".oerhub-cache");
    match crate::search::editor::search(&site, &cache, &lang, query, limit) {
        Ok(hits) => {
            match format {
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&hits).expect("hits serialise")
                ),
                Format::Human => {
                    for h in &hits {
                        println!("{:>6.2}  {}  {}  ({})", h.score, h.title, h.url, h.kind);
                    }
                    if hits.is_empty() {
                        eprintln!("Nothing found for {query:?} in {lang}.");
                    }
                }
            }
            0
        }
        Err(e) => {
            eprintln!("error: search index: {e}");
            1
        }
    }
}

fn run_new(root: &Path, kind: &str, path: &str, lang: Option<String>) -> i32 {
    let Some(kind) = crate::model::ContentType::from_name(kind) else {
        let names: Vec<&str> = crate::model::ContentType::ALL
            .iter()
            .map(|t| t.name())
            .collect();
        eprintln!(
            "error: `{kind}` is not a content type\n  hint: one of {}",
            names.join(", ")
        );
        return 2;
    };
    let config = match load_config(root) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let lang = lang.map(crate::model::Lang::new);
    match crate::scaffold::new_page(root, &config, kind, path, lang.as_ref()) {
        Ok(created) => {
            for f in &created.files {
                let shown = f.strip_prefix(root).unwrap_or(f);
                println!("Created {}", shown.display());
            }
            for todo in &created.todo {
                println!("To do: {todo}");
            }
            0
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            2
        }
    }
}

/// The hub's settings, or the exit code after printing why they fail.
pub(crate) fn load_config(root: &Path) -> Result<crate::config::Config, i32> {
    crate::config::Config::load(root).map_err(|diags| {
        print_diagnostics(diags);
        2
    })
}

/// Exit code 2, with a hint, when `root` has no settings file.
fn not_a_hub(root: &Path) -> Option<i32> {
    if root.join(crate::config::CONFIG_FILE).is_file() {
        return None;
    }
    eprintln!(
        "error: {} has no {}\n  hint: run oerhub in a hub folder, pass --root DIR, or create one with `oerhub init DIR`",
        root.display(),
        crate::config::CONFIG_FILE
    );
    Some(2)
}

fn run_check(root: &Path, format: CheckFormat, all: bool) -> i32 {
    if let Some(code) = not_a_hub(root) {
        return code;
    }
    let diags = crate::check::check(root);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match format {
        CheckFormat::Human => {
            print!("{}", crate::report::human(&diags, all));
            println!(
                "{errors} error{}, {warnings} warning{}",
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            );
        }
        CheckFormat::Json => {
            let report = serde_json::json!({
                "errors": errors,
                "warnings": warnings,
                "diagnostics": diags,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&report).expect("diagnostics serialise")
            );
        }
        CheckFormat::Github => {
            for d in &diags {
                println!("{}", crate::check::github_annotation(d));
            }
        }
    }
    i32::from(errors > 0)
}

pub(crate) fn print_diagnostics(diags: Vec<Diagnostic>) {
    for d in diags {
        eprintln!("{d}");
    }
}
