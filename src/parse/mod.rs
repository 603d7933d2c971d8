//! Stage 2, `parse`: split each source file into front matter and body and
//! read the front matter into the raw typed `FrontMatter`. YAML errors are
//! reported at their line in the file (the front matter starts on line 2).
//! Markdown bodies are rendered later, in `link`, once every page's URL is
//! known, so that internal links resolve in one pass.

mod headings;
pub mod highlight;
pub mod markdown;
pub mod maths;
pub mod media;
pub mod raw_html;
mod resolution;
pub mod sanitize;
pub mod template;

pub use headings::HeadingIds;

use crate::config::{key_line, yaml_error};
use crate::diag::{Diagnostic, Span};
use crate::load::SourceFile;
use crate::model::{FrontMatter, COMMON_FIELDS};
use rayon::prelude::*;

/// A source file with its front matter read.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub src: SourceFile,
    pub front: FrontMatter,
    /// Top-level keys present in the front matter, in order.
    pub keys: Vec<String>,
    /// Byte range of the front matter text in `src.text`.
    pub front_range: std::ops::Range<usize>,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    /// 1-based line of the body's first line.
    pub body_line: u32,
    /// What parsing mended and the editor should know.
    pub warnings: Vec<Diagnostic>,
}

impl Parsed {
    pub fn front_text(&self) -> &str {
        &self.src.text[self.front_range.clone()]
    }

    pub fn body(&self) -> &str {
        &self.src.text[self.body_start..]
    }

    /// Where a front matter field is written, for messages. `quiz.questions.N`
    /// points at the N-th question of the quiz.
    pub fn span_of(&self, field: &str) -> Span {
        let text = self.front_text();
        let line = if let Some(n) = field.strip_prefix("quiz.questions.") {
            let n: usize = n.parse().unwrap_or(0);
            let start = key_line(text, "quiz").unwrap_or(1) as usize;
            text.lines()
                .enumerate()
                .skip(start)
                .filter(|(_, l)| {
                    let t = l.trim_start();
                    t.starts_with("- q:") || t.starts_with("- {q:") || t.starts_with("-   q:")
                })
                .nth(n)
                .map(|(i, _)| i as u32 + 1)
                .or_else(|| key_line(text, "quiz"))
        } else {
            key_line(text, field.split('.').next().unwrap_or(field))
        };
        Span::new(&self.src.path, line.map_or(1, |l| l + 1), 1)
    }
}

pub fn parse_all(sources: Vec<SourceFile>) -> (Vec<Parsed>, Vec<Diagnostic>) {
    let results: Vec<Result<Parsed, Diagnostic>> = sources.into_par_iter().map(parse).collect();
    let mut parsed = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(mut p) => {
                diags.append(&mut p.warnings);
                parsed.push(p);
            }
            Err(d) => diags.push(d),
        }
    }
    (parsed, diags)
}

/// Lines at which front matter opens and closes.
struct Split {
    front: std::ops::Range<usize>,
    body_start: usize,
    body_line: u32,
}

fn split(text: &str) -> Result<Split, (u32, &'static str, &'static str)> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err((
            1,
            "the file does not start with front matter",
            "start the file with a `---` line, then `title: …`, then another `---` line",
        ));
    }
    let front_start = first.len();
    let mut offset = front_start;
    for (i, line) in lines.enumerate() {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Ok(Split {
                front: front_start..offset,
                body_start: offset + line.len(),
                body_line: i as u32 + 3,
            });
        }
        offset += line.len();
    }
    Err((
        1,
        "the front matter is not closed",
        "add a line with only `---` after the last front matter field",
    ))
}

/// The front matter text of a file, to tell an edit of the words from an
/// edit of the fields.
pub fn front_text(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    split(text).ok().map(|sp| &text[sp.front])
}

pub fn parse(mut src: SourceFile) -> Result<Parsed, Diagnostic> {
    if let Some(stripped) = src.text.strip_prefix('\u{feff}') {
        src.text = stripped.into();
    }
    let sp = split(&src.text).map_err(|(line, msg, hint)| {
        Diagnostic::error(Span::new(&src.path, line, 1), msg).with_hint(hint)
    })?;
    let text = &src.text[sp.front.clone()];
    let at_line = |line: u32| Span::new(&src.path, line, 1);

    // Tabs in YAML indentation are a classic Windows-editor mistake; name it.
    if let Some(i) = text.lines().position(|l| l.starts_with('\t')) {
        return Err(Diagnostic::error(
            at_line(i as u32 + 2),
            "front matter is indented with a tab",
        )
        .with_hint("YAML indents with spaces only; replace the tab with two spaces"));
    }
    if let Some((line, col)) = crate::yaml::too_deep(text) {
        return Err(Diagnostic::error(
            Span::new(&src.path, line + 1, col),
            format!(
                "the front matter nests lists and maps deeper than {} levels",
                crate::yaml::MAX_DEPTH
            ),
        )
        .with_hint("flatten it: no content type needs more than a few levels"));
    }
    if let Some((line, col, c)) = control_char(text) {
        return Err(Diagnostic::error(
            Span::new(&src.path, line + 1, col),
            format!(
                "the front matter holds the invisible control character U+{:04X}",
                c as u32
            ),
        )
        .with_hint("delete it (it often comes with text pasted from a PDF or a word processor); feeds and packages cannot carry it"));
    }
    let keys = if text.trim().is_empty() {
        Vec::new()
    } else {
        match serde_yaml::from_str::<serde_yaml::Value>(text) {
            Ok(serde_yaml::Value::Mapping(m)) => m
                .keys()
                .map(|k| k.as_str().map_or_else(|| format!("{k:?}"), str::to_string))
                .collect(),
            Ok(serde_yaml::Value::Null) => Vec::new(),
            Ok(_) => {
                return Err(Diagnostic::error(
                    at_line(2),
                    "front matter must be a list of `field: value` lines",
                )
                .with_hint("write e.g. `title: Legal basis` on its own line"))
            }
            Err(e) => return Err(yaml_error(&src.path, &e, 1, COMMON_FIELDS)),
        }
    };
    let front: FrontMatter = if keys.is_empty() {
        FrontMatter::default()
    } else {
        serde_yaml::from_str(text).map_err(|e| yaml_error(&src.path, &e, 1, all_fields()))?
    };
    let mut warnings = Vec::new();
    if let Some((line, col, c)) = control_char(&src.text[sp.body_start..]) {
        warnings.push(
            Diagnostic::warning(
                Span::new(&src.path, line + sp.body_line - 1, col),
                format!(
                    "the text holds the invisible control character U+{:04X}; it is left out of the page",
                    c as u32
                ),
            )
            .with_hint("delete it (it often comes with text pasted from a PDF or a word processor)"),
        );
        let (head, body) = src.text.split_at(sp.body_start);
        let clean: String = body.chars().filter(|c| !is_forbidden_control(*c)).collect();
        src.text = format!("{head}{clean}").into();
    }
    Ok(Parsed {
        src,
        front,
        keys,
        front_range: sp.front,
        body_start: sp.body_start,
        body_line: sp.body_line,
        warnings,
    })
}

/// The first control character in `text` that no page, feed or package
/// may carry (C0 but tab, line feed and carriage return; DEL; C1), with its
/// 1-based line and column.
pub fn control_char(text: &str) -> Option<(u32, u32, char)> {
    let at = text.find(is_forbidden_control)?;
    let line = text[..at].matches('\n').count() as u32 + 1;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let col = text[start..at].chars().count() as u32 + 1;
    text[at..].chars().next().map(|c| (line, col, c))
}

fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Every field any type allows, for "did you mean".
fn all_fields() -> &'static [&'static str] {
    use std::sync::OnceLock;
    static ALL: OnceLock<Vec<&'static str>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<&str> = COMMON_FIELDS.to_vec();
        for t in crate::model::ContentType::ALL {
            let (req, opt) = t.fields();
            v.extend(req.iter().chain(opt));
        }
        v.sort_unstable();
        v.dedup();
        v
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    fn src(text: &str) -> SourceFile {
        SourceFile {
            path: "content/a.md".into(),
            dir: String::new(),
            id: "a".into(),
            lang: Lang::new("en"),
            is_index: false,
            text: text.into(),
        }
    }

    #[test]
    fn splits_front_matter_and_body() {
        let p = parse(src("---\ntitle: A\n---\n# Hi\n")).unwrap();
        assert_eq!(p.front.title.as_deref(), Some("A"));
        assert_eq!(p.body(), "# Hi\n");
        assert_eq!(p.body_line, 4);
    }

    #[test]
    fn handles_bom_and_crlf() {
        let p = parse(src("\u{feff}---\r\ntitle: A\r\n---\r\nbody\r\n")).unwrap();
        assert_eq!(p.front.title.as_deref(), Some("A"));
        assert_eq!(p.body(), "body\r\n");
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let e = parse(src("---\ntitle: A\ndate: [\n---\n")).unwrap_err();
        assert!(e.span.unwrap().line >= 3, "{}", e.message);
    }

    #[test]
    fn unknown_field_suggests() {
        let e = parse(src("---\ntitle: A\ntitel: B\n---\n")).unwrap_err();
        assert_eq!(e.span.as_ref().unwrap().line, 3);
        assert_eq!(e.message, "unknown field `titel`");
        assert_eq!(e.hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn wrong_type_is_reported_at_its_line() {
        let e = parse(src("---\ntitle: A\nweight: heavy\n---\n")).unwrap_err();
        assert_eq!(e.span.as_ref().unwrap().line, 3);
        assert!(e.message.contains("weight"), "{}", e.message);
    }

    #[test]
    fn unclosed_and_missing_front_matter() {
        assert!(parse(src("---\ntitle: A\n"))
            .unwrap_err()
            .message
            .contains("not closed"));
        assert!(parse(src("# Hi"))
            .unwrap_err()
            .message
            .contains("does not start"));
        assert!(parse(src("")).is_err());
    }

    #[test]
    fn duplicate_keys_and_tabs() {
        assert!(parse(src("---\ntitle: A\ntitle: B\n---\n"))
            .unwrap_err()
            .message
            .contains("duplicate"));
        assert!(parse(src("---\ntags:\n\t- a\n---\n"))
            .unwrap_err()
            .message
            .contains("tab"));
    }

    #[test]
    fn control_characters_and_deep_nesting_are_refused_at_their_place() {
        let e = parse(src("---\ntitle: A\ndescription: \"bad\u{0}nul\"\n---\n")).unwrap_err();
        assert_eq!(e.span.as_ref().unwrap().line, 3);
        assert_eq!(e.span.as_ref().unwrap().col, 18);
        assert!(e.message.contains("U+0000"), "{}", e.message);
        let deep = format!("---\ntitle: A\ntags: {}\n---\n", "[".repeat(100_000));
        let e = parse(src(&deep)).unwrap_err();
        assert_eq!(e.span.as_ref().unwrap().line, 3);
        assert!(e.message.contains("deeper than 64"), "{}", e.message);
    }

    #[test]
    fn span_of_quiz_question() {
        let p = parse(src("---\ntitle: A\nquiz:\n  questions:\n    - q: one\n      answer: 0\n    - q: two\n      answer: 9\n---\n")).unwrap();
        assert_eq!(p.span_of("quiz.questions.1").line, 7);
        assert_eq!(p.span_of("title").line, 2);
    }
}
