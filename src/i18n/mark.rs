//! Stand-in strings marked with their language on the page. A string
//! borrowed from another language (the hub's default, when a language
//! has no strings of its own) leaves the template function wrapped in
//! marks naming that language; after rendering, this pass turns them
//! into `<span lang="en">…</span>` where the text is content, and drops
//! them where no element can go (attributes, `<title>`, `<option>`,
//! scripts), so a screen reader reads an English label as English on a
//! Spanish page. A page without marks is returned untouched.

use super::{MARK_END, MARK_LANG_END, MARK_START};

/// Whether `html` holds a mark at all (a quick check before [`apply`]).
pub fn has_marks(html: &[u8]) -> bool {
    let mut buf = [0u8; 4];
    memchr::memmem::find(html, MARK_START.encode_utf8(&mut buf).as_bytes()).is_some()
}

/// Elements whose content is text only: marks inside them are dropped.
const TEXT_ONLY: &[&str] = &["title", "option", "textarea", "script", "style"];

/// `html` with every mark turned into a `lang` span or dropped.
pub fn apply(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    let mut text_only: Option<&str> = None;
    // Spans opened in content that a matching end mark closes.
    let mut open: Vec<bool> = Vec::new();
    let mut chars = html.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            MARK_START => {
                let rest = &html[i + c.len_utf8()..];
                // Not one of ours (text that holds the noncharacter): kept.
                let Some(lang) = rest
                    .find(MARK_LANG_END)
                    .map(|end| &rest[..end])
                    .filter(|l| is_tag(l) && l.len() <= 35)
                else {
                    out.push(c);
                    continue;
                };
                let end = lang.len();
                // Skip the language and its end mark.
                while let Some((j, _)) = chars.peek() {
                    if *j > i + c.len_utf8() + end {
                        break;
                    }
                    chars.next();
                }
                let as_span = !in_tag && text_only.is_none();
                if as_span {
                    out.push_str("<span lang=\"");
                    out.push_str(lang);
                    out.push_str("\">");
                }
                open.push(as_span);
            }
            MARK_END if !open.is_empty() => {
                if open.pop() == Some(true) {
                    out.push_str("</span>");
                }
            }
            '<' if !in_tag && text_only.is_none() => {
                in_tag = true;
                let name = tag_name(&html[i + 1..]);
                if let Some(t) = TEXT_ONLY.iter().find(|t| name.eq_ignore_ascii_case(t)) {
                    text_only = Some(t);
                }
                out.push(c);
            }
            '<' if text_only.is_some() => {
                // The text-only element ends at its own end tag.
                let rest = &html[i + 1..];
                if let Some(t) = text_only {
                    if rest
                        .strip_prefix('/')
                        .is_some_and(|r| r.len() >= t.len() && r[..t.len()].eq_ignore_ascii_case(t))
                    {
                        text_only = None;
                        in_tag = true;
                    }
                }
                out.push(c);
            }
            '"' | '\'' if in_tag => {
                match quote {
                    Some(q) if q == c => quote = None,
                    None => quote = Some(c),
                    _ => {}
                }
                out.push(c);
            }
            '>' if in_tag && quote.is_none() => {
                in_tag = false;
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The element name at the start of a tag's text (after `<`).
fn tag_name(rest: &str) -> &str {
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

/// A language tag as `lang` takes it (letters, digits, hyphens).
fn is_tag(lang: &str) -> bool {
    !lang.is_empty() && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(lang: &str, text: &str) -> String {
        format!("{MARK_START}{lang}{MARK_LANG_END}{text}{MARK_END}")
    }

    #[test]
    fn marks_become_spans_in_text_and_vanish_elsewhere() {
        let html = format!(
            "<title>{} · Hub</title><nav aria-label=\"{}\"><a href=\"/\">{}</a></nav><select><option>{}</option></select><script>var s=\"{}\";</script><p>{}</p>",
            m("en", "Search"),
            m("en", "Main"),
            m("en", "Home"),
            m("en", "All"),
            m("en", "x"),
            m("en", "Found in <b>two</b>")
        );
        assert!(has_marks(html.as_bytes()));
        let out = apply(&html);
        assert_eq!(
            out,
            "<title>Search · Hub</title><nav aria-label=\"Main\"><a href=\"/\"><span lang=\"en\">Home</span></a></nav><select><option>All</option></select><script>var s=\"x\";</script><p><span lang=\"en\">Found in <b>two</b></span></p>"
        );
        assert!(!has_marks(out.as_bytes()));
    }

    #[test]
    fn nested_marks_nest_spans() {
        let inner = m("en", "in English");
        let outer = m("de", &format!("verfügbar {inner}"));
        assert_eq!(
            apply(&format!("<p>{outer}</p>")),
            "<p><span lang=\"de\">verfügbar <span lang=\"en\">in English</span></span></p>"
        );
    }

    #[test]
    fn noncharacters_in_content_are_not_taken_for_marks() {
        let text = "<p>a\u{FDD0}b c\u{FDD1}d\u{FDD2}</p>";
        assert_eq!(apply(text), text);
    }

    #[test]
    fn a_page_without_marks_is_left_alone() {
        let html = "<p title='a > b'>x</p>";
        assert!(!has_marks(html.as_bytes()));
        assert_eq!(apply(html), html);
    }
}
