//! Diagnostics are data: every stage pushes `Diagnostic`s into a list and
//! keeps going, so one run reports every content error at once. At the end
//! they are sorted (so output is deterministic under rayon) and printed by
//! one of the printers in `cli`.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a problem is: a file (relative to the hub root) and a 1-based line
/// and column. Line 0 means "the whole file".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Span {
    pub path: PathBuf,
    pub line: u32,
    pub col: u32,
}

impl Span {
    pub fn new(path: impl Into<PathBuf>, line: u32, col: u32) -> Self {
        Span {
            path: path.into(),
            line,
            col,
        }
    }

    pub fn file(path: impl Into<PathBuf>) -> Self {
        Span::new(path, 0, 0)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display().to_string().replace('\\', "/");
        if self.line == 0 {
            write!(f, "{path}")
        } else {
            write!(f, "{path}:{}:{}", self.line, self.col.max(1))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A class of problem whose level a hub sets under `checks:` in
/// `oerhub.yaml` (as Zola's `link_checker.internal_level` and Hugo's
/// `refLinksErrorLevel` do): long runs of one class are summarised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// A link to a page or section that does not exist.
    BrokenLinks,
    /// A link to an `#anchor` its page does not have.
    BrokenAnchors,
    /// A link, image or front matter field naming a file that does not exist.
    MissingFiles,
    /// An image without alt text.
    AltText,
    /// Markup the sanitiser removed (frames, styles, scripts).
    RemovedHtml,
    /// A translation older than its original.
    StaleTranslations,
}

impl Class {
    pub const ALL: [Class; 6] = [
        Class::BrokenLinks,
        Class::BrokenAnchors,
        Class::MissingFiles,
        Class::AltText,
        Class::RemovedHtml,
        Class::StaleTranslations,
    ];

    /// The diagnostic code (in JSON reports).
    pub fn code(self) -> &'static str {
        match self {
            Class::BrokenLinks => "broken-link",
            Class::BrokenAnchors => "broken-anchor",
            Class::MissingFiles => "missing-file",
            Class::AltText => "alt-text",
            Class::RemovedHtml => "removed-html",
            Class::StaleTranslations => "stale-translation",
        }
    }

    /// The key under `checks:`.
    pub fn key(self) -> &'static str {
        match self {
            Class::BrokenLinks => "broken_links",
            Class::BrokenAnchors => "broken_anchors",
            Class::MissingFiles => "missing_files",
            Class::AltText => "alt_text",
            Class::RemovedHtml => "removed_html",
            Class::StaleTranslations => "stale_translations",
        }
    }

    pub fn of_code(code: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The level when the hub sets none: what each was before levels existed.
    pub fn default_severity(self) -> Severity {
        match self {
            Class::RemovedHtml | Class::StaleTranslations => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub span: Option<Span>,
    pub message: String,
    pub hint: Option<String>,
    /// What kind of problem, for checks that treat a kind specially
    /// (`oerhub check` holds missing alt text as an error).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// What the problem is about when it is not where it is reported: the
    /// missing file or page, for summaries of long runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Box<str>>,
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span: Some(span),
            message: message.into(),
            hint: None,
            code: None,
            target: None,
        }
    }

    /// A problem of a class whose level the hub sets (see [`Class`]); it
    /// starts at the class's default level.
    pub fn of_class(class: Class, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: class.default_severity(),
            code: Some(class.code()),
            ..Diagnostic::error(span, message)
        }
    }

    pub fn with_target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into().into_boxed_str());
        self
    }

    pub fn class(&self) -> Option<Class> {
        self.code.and_then(Class::of_code)
    }

    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, message)
        }
    }

    /// An error that belongs to no file (a bad command-line value, say).
    pub fn global(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span: None,
            message: message.into(),
            hint: None,
            code: None,
            target: None,
        }
    }

    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (Option<&Span>, &str) {
        (self.span.as_ref(), &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.span {
            Some(span) => write!(f, "{span}: {level}: {}", self.message)?,
            None => write!(f, "{level}: {}", self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Where a front matter field is written in a file (its first line that
/// starts with `field:`), for messages about pages whose spans are gone.
pub fn field_span(root: &Path, path: &Path, field: &str) -> Span {
    let text = std::fs::read_to_string(root.join(path)).unwrap_or_default();
    let key = format!("{field}:");
    text.lines()
        .skip(1)
        .take_while(|l| l.trim_end() != "---")
        .position(|l| l.starts_with(&key))
        .map_or_else(|| Span::file(path), |i| Span::new(path, i as u32 + 2, 1))
}

/// The diagnostics of one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorted by file, line, column and message; exact duplicates removed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then(a.severity.cmp(&b.severity))
        });
        self.0.dedup();
        self.0
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(v: Vec<Diagnostic>) -> Self {
        Diagnostics(v)
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Byte offset → 1-based line and column (in characters), for Markdown
/// spans reported by pulldown-cmark as byte ranges.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let end = offset.min(text.len());
        let col = text.get(start..end).map_or(1, |s| s.chars().count() + 1);
        (line as u32 + 1, col as u32)
    }
}

/// "did you mean" for a misspelt name, from a list of the valid ones.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

/// A path relative to `root` for messages, falling back to the path itself.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\nцд x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), (2, 4));
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(
            did_you_mean("titel", ["title", "date"]),
            Some("did you mean `title`?".into())
        );
        assert_eq!(did_you_mean("zzz", ["title", "date"]), None);
    }

    #[test]
    fn display_is_path_line_col() {
        let d = Diagnostic::error(Span::new("content/a.md", 3, 5), "bad").with_hint("fix it");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:5: error: bad\n  hint: fix it"
        );
    }

    #[test]
    fn sorting_is_by_place() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error(Span::new("b.md", 1, 1), "x"));
        ds.push(Diagnostic::error(Span::new("a.md", 9, 1), "y"));
        ds.push(Diagnostic::error(Span::new("a.md", 2, 1), "z"));
        let msgs: Vec<_> = ds.into_sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(msgs, ["z", "y", "x"]);
    }
}
