//! `oerhub translations export` and `import`: their options checked, the
//! work done in `crate::translations`, and what was done said.

use super::{load_config, print_diagnostics, TranslationsAction};
use crate::config::Config;
use crate::model::Lang;
use crate::translations::{default_out, export, import, ExportOptions, ImportOptions};
use std::path::Path;

/// `--lang` checked as a language translated into (exit code 2 if not).
pub(super) fn translation_language(
    config: &Config,
    lang: Option<String>,
) -> Result<Option<Lang>, i32> {
    let Some(l) = lang.map(Lang::new) else {
        return Ok(None);
    };
    if config.language(&l).is_none() || l == config.default_language {
        let others: Vec<String> = config
            .languages()
            .filter(|x| **x != config.default_language)
            .map(|x| x.to_string())
            .collect();
        eprintln!(
            "error: `{l}` is not a translation language of this hub\n  hint: use one of: {}",
            others.join(", ")
        );
        return Err(2);
    }
    Ok(Some(l))
}

pub(super) fn run_action(root: &Path, lang: Option<String>, action: TranslationsAction) -> i32 {
    let config = match load_config(root) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let lang = match translation_language(&config, lang) {
        Ok(l) => l,
        Err(code) => return code,
    };
    match action {
        TranslationsAction::Export {
            exchange,
            out,
            per,
            paths,
        } => {
            let Some(lang) = lang else {
                eprintln!(
                    "error: say which language to export for\n  hint: add --lang, e.g. --lang ru"
                );
                return 2;
            };
            let out = out.unwrap_or_else(|| default_out(exchange));
            let opts = ExportOptions {
                lang: &lang,
                format: exchange,
                out: &out,
                per,
                paths: &paths,
            };
            match export(root, &config, &opts) {
                Ok(done) => {
                    print_diagnostics(done.warnings);
                    for p in &done.written {
                        println!("wrote {}", p.display());
                    }
                    eprintln!(
                        "{} file(s) written, {} unchanged; {} segment(s): {} translated, {} fuzzy, {} to translate",
                        done.written.len(),
                        done.unchanged,
                        done.units,
                        done.translated,
                        done.fuzzy,
                        done.units - done.translated
                    );
                    0
                }
                Err(diags) => {
                    print_diagnostics(diags);
                    1
                }
            }
        }
        TranslationsAction::Import {
            files,
            force,
            check,
        } => match import(root, &config, &files, ImportOptions { force, check }) {
            Ok(done) => {
                let placed_all = done.warnings.is_empty();
                print_diagnostics(done.warnings);
                let verb = if check { "would change" } else { "wrote" };
                for p in &done.changed {
                    println!("{verb} {}", p.display());
                }
                eprintln!(
                    "{} translation file(s) {}, {} unchanged; {} segment(s) translated ({} fuzzy), {} left in the original language",
                    done.changed.len(),
                    if check { "would change" } else { "written" },
                    done.unchanged,
                    done.translated,
                    done.fuzzy,
                    done.untranslated
                );
                i32::from(check && (!done.changed.is_empty() || !placed_all))
            }
            Err(diags) => {
                print_diagnostics(diags);
                1
            }
        },
    }
}
