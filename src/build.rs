//! The build: settings, UI strings and theme loaded, then the pipeline run
//! stage by stage. Returns the output in memory; the caller decides whether
//! to write it.

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::link::{link, LinkOptions, Site};
use crate::model::Lang;
use crate::parse::markdown::MdLabels;
use crate::render::{render, theme::Theme, Output};
use crate::timings::time;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// Relative links to files (`…/index.html`), for reading from `file://`.
    pub offline: bool,
    /// Put files into this output folder as they are rendered (staged until
    /// the build succeeds) instead of keeping the site in memory.
    pub spool_to: Option<PathBuf>,
    /// A check or a live preview, not a publication: outputs nobody will
    /// look at that take time to make (the whole-site archive) are skipped.
    pub preview: bool,
}

impl BuildOptions {
    /// A preview of the hub at `root` in memory: nothing written, the
    /// costly outputs nobody looks at skipped (`check`, `search`, `serve`).
    pub fn preview(root: &Path) -> BuildOptions {
        BuildOptions {
            root: root.to_path_buf(),
            drafts: false,
            base_url: None,
            offline: false,
            spool_to: None,
            preview: true,
        }
    }
}

pub struct Built {
    pub site: Site,
    pub output: Output,
    pub warnings: Diagnostics,
    /// What rendering needs again, for `serve` to re-render edited pages.
    pub i18n: Arc<I18n>,
    pub theme: Theme,
}

/// Runs every stage; `Err` carries every diagnostic (errors and warnings).
/// A site with content errors is still rendered (and the spool, if any,
/// cleared again), so that one run reports every problem `check` would.
pub fn build(opts: &BuildOptions) -> Result<Built, Diagnostics> {
    let (site, i18n, theme, mut diags) = linked(opts)?;
    // Offline links are rewritten after rendering, so that build keeps its
    // files in memory.
    let spool = match (&opts.spool_to, opts.offline) {
        (Some(out), false) => match crate::write::Spool::open(out, &site.config.output.keep) {
            Ok(spool) => Some(spool),
            Err(e) => {
                diags.push(crate::write::diagnostic(e));
                return Err(diags);
            }
        },
        _ => None,
    };
    let failing = diags.has_errors();
    match time("render", || {
        render(&site, &theme, Arc::clone(&i18n), spool, failing)
    }) {
        Ok((mut output, warnings)) if !failing => {
            if opts.offline {
                crate::render::offline::make_offline(&mut output);
            }
            diags.extend(warnings);
            Ok(Built {
                site,
                output,
                warnings: diags,
                i18n,
                theme,
            })
        }
        Ok((_, warnings)) => {
            diags.extend(warnings);
            Err(diags)
        }
        Err(e) => {
            diags.extend(e);
            Err(diags)
        }
    }
}

/// The stages up to the linked site, for tools that need the content but
/// not the pages (`oerhub search`). The diagnostics may hold content
/// errors; `Err` is for a hub whose settings, strings or theme fail, or
/// an interrupted run.
pub fn linked(opts: &BuildOptions) -> Result<(Site, Arc<I18n>, Theme, Diagnostics), Diagnostics> {
    let root = &opts.root;
    let mut diags = Diagnostics::new();
    let mut config = Config::load(root).map_err(Diagnostics::from)?;
    if let Some(url) = &opts.base_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(vec![Diagnostic::global(format!(
                "--base-url `{url}` is not an http(s) URL"
            ))]
            .into());
        }
        config.base_url = url.clone();
    }
    if opts.preview {
        config.packages.site_archive = false;
    }
    let (i18n, theme) = time("settings, strings, theme", || {
        (
            I18n::load(root, &config, crate::embedded::I18N),
            Theme::load(root, &config.theme, crate::embedded::THEME),
        )
    });
    let (i18n, theme) = match (i18n, theme) {
        (Ok(mut i), Ok(t)) => {
            diags.extend(std::mem::take(&mut i.warnings));
            (Arc::new(i), t)
        }
        (i, t) => {
            diags.extend(i.err().unwrap_or_default());
            diags.extend(t.err().unwrap_or_default());
            return Err(diags);
        }
    };

    let loaded = time("load", || crate::load::load(root, &config));
    diags.extend(loaded.diags);
    interrupted(&mut diags)?;
    let (mut parsed, parse_diags) = time("parse", || crate::parse::parse_all(loaded.sources));
    // A translation cannot be checked without its original: when the
    // original does not parse, its error is the one to fix first.
    let broken: std::collections::HashSet<&Path> = parse_diags
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.span.as_ref().map(|s| s.path.as_path()))
        .collect();
    let default = &config.default_language;
    parsed.retain(|p| {
        p.src.lang == *default
            || !broken.contains(
                Path::new(crate::load::CONTENT_DIR)
                    .join(p.src.canonical())
                    .as_path(),
            )
    });
    diags.extend(parse_diags);
    interrupted(&mut diags)?;
    let names = config.clone();
    let labels = |lang: &Lang| md_labels(&i18n, &names, lang);
    let (site, link_diags) = time("link", || {
        link(
            config,
            parsed,
            loaded.assets,
            loaded.statics,
            &LinkOptions {
                drafts: opts.drafts,
                labels: &labels,
                reserved_ids: &theme.ids(),
            },
        )
    });
    diags.extend(link_diags);
    interrupted(&mut diags)?;
    Ok((site, i18n, theme, diags))
}

/// Stops a build that was asked to stop (Ctrl-C) between two stages.
fn interrupted(diags: &mut Diagnostics) -> Result<(), Diagnostics> {
    if crate::interrupt::requested() {
        diags.push(crate::write::diagnostic(
            crate::write::WriteError::Interrupted,
        ));
        return Err(std::mem::take(diags));
    }
    Ok(())
}

pub fn md_labels(i18n: &I18n, config: &Config, lang: &Lang) -> MdLabels {
    let t = |key: &str| {
        i18n.t(lang, key, None, &[])
            .unwrap_or_else(|_| key.to_string())
    };
    MdLabels {
        media: crate::parse::media::MediaLabels {
            note: t("video_note"),
            watch: t("video_watch"),
            untitled: t("video_untitled"),
            download: t("video_download"),
        },
        lang: lang.to_string(),
        lang_name: config
            .language(lang)
            .map_or_else(|| lang.to_string(), |s| s.name.clone()),
        anchor: t("heading_anchor"),
        note: t("callout_note"),
        tip: t("callout_tip"),
        important: t("callout_important"),
        warning: t("callout_warning"),
        caution: t("callout_caution"),
    }
}

/// Refuses an output folder that a build would read back as the hub's
/// input (inside `content/`, say), or that holds the hub itself.
pub fn check_out(root: &Path, out: &Path) -> Result<(), String> {
    let (root, out) = (resolved(root), resolved(out));
    if root.starts_with(&out) {
        return Err(format!(
            "the output folder {} holds the hub itself",
            out.display()
        ));
    }
    for dir in crate::load::INPUT_DIRS {
        if out.starts_with(root.join(dir)) {
            return Err(format!(
                "the output folder {} is inside the hub's {dir}/ folder: every build would read the last one's output as input",
                out.display()
            ));
        }
    }
    Ok(())
}

/// `path` made absolute, with the symbolic links of the part that exists
/// resolved, so that two spellings of one place compare equal.
fn resolved(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canon) = existing.canonicalize() {
            return rest.iter().rev().fold(canon, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// The default output folder of a hub.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}
