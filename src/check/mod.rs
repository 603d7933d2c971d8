//! `oerhub check`: every problem of the hub, each at its level (see
//! `checks:` in `oerhub.yaml`), without publishing anything. It is the
//! build's own checking, run in memory: front matter, vocabularies, links
//! and anchors at their line in Markdown, the links of every built page
//! ([`site_links`]), images without alt text, translations older than
//! their original. A build that succeeds has checked all of it, so
//! `check` after a clean build finds nothing new. For people, for scripts
//! (JSON) and for GitHub Actions (annotations).

pub mod site_links;

use crate::build::{build, BuildOptions};
use crate::diag::{Diagnostic, Severity};
use std::path::Path;

/// Every problem of the hub at `root`, sorted.
pub fn check(root: &Path) -> Vec<Diagnostic> {
    let built = build(&BuildOptions::preview(root));
    crate::timings::done();
    match built {
        Err(diags) => diags.into_sorted(),
        Ok(built) => built.warnings.into_sorted(),
    }
}

/// One GitHub Actions workflow command per diagnostic.
pub fn github_annotation(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = Vec::new();
    if let Some(span) = &d.span {
        props.push(format!(
            "file={}",
            escape_property(&span.path.display().to_string().replace('\\', "/"))
        ));
        if span.line > 0 {
            props.push(format!("line={}", span.line));
            props.push(format!("col={}", span.col.max(1)));
        }
    }
    props.push("title=oerhub".to_string());
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message.push_str("\nhint: ");
        message.push_str(hint);
    }
    format!("::{level} {}::{}", props.join(","), escape_data(&message))
}

/// GitHub's escaping of a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// … and of its properties, which also end at `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;

    #[test]
    fn annotations_escape_what_github_reads_as_syntax() {
        let d = Diagnostic::error(Span::new("content/a,b.md", 3, 7), "50% done\nnext")
            .with_hint("fix: it");
        assert_eq!(
            github_annotation(&d),
            "::error file=content/a%2Cb.md,line=3,col=7,title=oerhub::50%25 done%0Anext%0Ahint: fix: it"
        );
    }

    #[test]
    fn paths_decode_as_file_names() {
        assert_eq!(crate::link::decode_path("a%20b%zz"), "a b%zz");
    }
}
