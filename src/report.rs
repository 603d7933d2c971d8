//! Diagnostics as people read them. A hub brought in from elsewhere can
//! have thousands of problems with one cause (its images not copied yet):
//! printed one by one they bury the rest. So, unless `--all` is given,
//! each kind of problem shows its first [`SHOWN_PER_KIND`], the rest are
//! counted, and a summary at the end says, for each long kind, how many,
//! where most of them are, and the likely common cause. JSON and GitHub
//! formats always carry every diagnostic.

use crate::diag::{Class, Diagnostic, Severity};
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub const SHOWN_PER_KIND: usize = 20;

/// What groups diagnostics into a kind: their class, or else their
/// message with its quoted names taken out ("unknown field ``").
fn kind(d: &Diagnostic) -> String {
    if let Some(class) = d.class() {
        return class.key().to_string();
    }
    let mut shape = String::new();
    let mut quoted = false;
    for c in d.message.chars() {
        if c == '`' {
            quoted = !quoted;
            shape.push(c);
        } else if !quoted {
            shape.push(c);
        }
    }
    shape
}

/// `diags` (sorted) as text: every one when `all`, else each kind's first
/// ones and a summary of the long kinds.
pub fn human(diags: &[Diagnostic], all: bool) -> String {
    let mut out = String::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for d in diags {
        let n = seen.entry(kind(d)).or_default();
        *n += 1;
        if all || *n <= SHOWN_PER_KIND {
            let _ = writeln!(out, "{d}");
        }
    }
    let long: Vec<(&String, &usize)> = seen.iter().filter(|(_, n)| **n > SHOWN_PER_KIND).collect();
    if all || long.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "\nsummary ({SHOWN_PER_KIND} of each kind are shown above; `--all` shows every one):"
    );
    for (key, &count) in long {
        let members: Vec<&Diagnostic> = diags.iter().filter(|d| kind(d) == *key).collect();
        let _ = writeln!(out, "{}", summary(key, count, &members));
    }
    out
}

/// One long kind: its count and level, where most of them are, and a hint.
fn summary(key: &str, count: usize, members: &[&Diagnostic]) -> String {
    let level = if members.iter().any(|d| d.severity == Severity::Error) {
        "errors"
    } else {
        "warnings"
    };
    let class = members.first().and_then(|d| d.class());
    let name = match class {
        Some(_) => key.to_string(),
        None => format!("\"{key}\""),
    };
    let places = top_folders(members.iter().filter_map(|d| d.span.as_ref()).map(|s| {
        let path = s.path.to_string_lossy().replace('\\', "/");
        folder_of(&path)
    }));
    let mut line = format!(
        "  {} {name} ({level}), most in {}",
        thousands(count),
        places
            .iter()
            .map(|(f, n)| format!("{f} ({})", thousands(*n)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(hint) = class.map(|c| cause(c, members)) {
        let _ = write!(line, "\n    hint: {hint}");
    }
    line
}

/// The likely common cause of many problems of one class, and what to do.
fn cause(class: Class, members: &[&Diagnostic]) -> String {
    let already_warn = members.iter().all(|d| d.severity == Severity::Warning);
    let warn = if already_warn {
        "the build goes on meanwhile (they are warnings)".to_string()
    } else {
        format!(
            "set `checks: {{{}: warn}}` in oerhub.yaml while you do",
            class.key()
        )
    };
    let targets: Vec<&str> = members.iter().filter_map(|d| d.target.as_deref()).collect();
    match (class, common_folder(&targets)) {
        (Class::MissingFiles, Some((folder, n))) => format!(
            "{} of them are under {folder}: copy the files into that folder, or {warn}",
            thousands(n)
        ),
        (Class::MissingFiles, None) => format!("copy the files these pages use into the hub, or {warn}"),
        (Class::BrokenLinks, _) => format!(
            "link to pages by their source file (`../law/intro.md`) so oerhub rewrites the address; mend them, or {warn}"
        ),
        (Class::BrokenAnchors, _) => format!(
            "give headings the ids links use (`## Legal basis {{#legal-basis}}`), or {warn}"
        ),
        (Class::AltText, _) => format!("describe each image for readers who cannot see it, or {warn}"),
        (Class::RemovedHtml, _) => format!(
            "allow the markup a trusted hub needs (`markdown: {{raw_html: allow}}`, or video hosts under `media:`), or {warn}"
        ),
        (Class::StaleTranslations, _) => format!(
            "update the translations, then `oerhub translations --mark-current`; or {warn}"
        ),
    }
}

/// The deepest folder that holds most (at least three in five) of
/// `paths`, with how many it holds: one folder per lesson says less than
/// the folder they all share.
fn common_folder(paths: &[&str]) -> Option<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for path in paths {
        for (i, _) in path.match_indices('/') {
            *counts.entry(&path[..=i]).or_default() += 1;
        }
    }
    let enough = paths.len() * 3 / 5;
    counts
        .into_iter()
        .filter(|(_, n)| *n > 0 && *n >= enough)
        .max_by_key(|(folder, n)| (folder.matches('/').count(), *n))
        .map(|(folder, n)| (folder.to_string(), n))
}

/// `content/a/b.md` → `content/a/`.
fn folder_of(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/"),
        None => "./".to_string(),
    }
}

/// The three folders that hold most of `folders`, with their counts.
fn top_folders(folders: impl Iterator<Item = String>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for f in folders {
        *counts.entry(f).or_default() += 1;
    }
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list.truncate(3);
    list
}

/// 1234567 → "1,234,567".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;

    fn missing(i: usize) -> Diagnostic {
        Diagnostic::of_class(
            Class::MissingFiles,
            Span::new(format!("content/lessons/l{i}.md"), 3, 1),
            format!("the link `images/p{i}.png` points to content/images/p{i}.png, which does not exist"),
        )
        .with_target(format!("content/images/p{i}.png"))
    }

    #[test]
    fn a_flood_of_one_kind_is_counted_and_summarised() {
        let mut diags: Vec<Diagnostic> = (0..1384).map(missing).collect();
        diags.push(Diagnostic::error(
            Span::new("content/a.md", 2, 1),
            "unknown field `titel`",
        ));
        let text = human(&diags, false);
        assert_eq!(
            text.matches("points to content/images").count(),
            SHOWN_PER_KIND
        );
        assert!(text.contains("unknown field `titel`"));
        assert!(
            text.contains("  1,384 missing_files (errors), most in content/lessons/ (1,384)"),
            "{text}"
        );
        assert!(text.contains("hint: 1,384 of them are under content/images/: copy the files into that folder, or set `checks: {missing_files: warn}` in oerhub.yaml while you do"), "{text}");
        assert_eq!(
            human(&diags, true)
                .matches("points to content/images")
                .count(),
            1384
        );
    }

    #[test]
    fn the_common_folder_is_the_deepest_that_holds_most() {
        let paths = [
            "content/lessons/a/1.png",
            "content/lessons/a/2.png",
            "content/lessons/b/1.png",
            "content/lessons/c/1.png",
            "static/x.css",
        ];
        assert_eq!(
            common_folder(&paths),
            Some(("content/lessons/".to_string(), 4))
        );
        let one = [
            "content/images/a.png",
            "content/images/b.png",
            "content/x/c.png",
        ];
        assert_eq!(
            common_folder(&one),
            Some(("content/images/".to_string(), 2))
        );
    }

    #[test]
    fn messages_without_a_class_group_by_their_shape() {
        let diags: Vec<Diagnostic> = (0..30)
            .map(|i| {
                Diagnostic::error(
                    Span::new(format!("content/x{i}.md"), 1, 1),
                    format!("unknown field `f{i}`"),
                )
            })
            .collect();
        let text = human(&diags, false);
        assert_eq!(text.matches("error: unknown field").count(), SHOWN_PER_KIND);
        assert!(text.contains("30 \"unknown field ``\" (errors)"), "{text}");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
