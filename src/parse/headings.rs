//! Heading ids, GitHub's way (`## Legal basis` → `#legal-basis`, repeats
//! counted up), and whether a body uses `#` for its sections (then the
//! renderer moves every heading down a level, so the title is the page's
//! only `<h1>`).

use super::markdown::options;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
use std::collections::HashSet;

/// GitHub's heading ids: lowercase, letters, digits, `-` and `_` kept,
/// spaces become `-`, everything else dropped.
pub fn github_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            id.extend(c.to_lowercase());
        } else if c == ' ' {
            id.push('-');
        }
    }
    if id.is_empty() {
        "section".into()
    } else {
        id
    }
}

/// Whether a body has a level-1 heading (`# x`, or a line underlined with
/// `=`). Most bodies have no line that could be one, and are not parsed
/// for it.
pub(super) fn has_top_level_heading(body: &str) -> bool {
    let maybe = body.lines().any(|l| {
        let t = l.trim_start_matches(' ');
        let indent = l.len() - t.len();
        indent < 4
            && ((t.starts_with('#') && (t.len() == 1 || t[1..].starts_with([' ', '\t'])))
                || (t.starts_with('=') && t.trim_end().bytes().all(|b| b == b'=')))
    });
    maybe
        && Parser::new_ext(body, options()).any(|e| {
            matches!(
                e,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                })
            )
        })
}

/// The ids a page's headings have taken, GitHub's way: a second `same`
/// becomes `same-1`, a third `same-2`.
#[derive(Default)]
pub struct HeadingIds {
    pub(super) used: HashSet<String>,
    /// The next suffix to try per id, so that the n-th repeat of a heading
    /// does not try the n-1 taken before it (40,000 repeats took 75 s).
    next: std::collections::HashMap<String, u32>,
}

impl HeadingIds {
    /// Ids already taken before the page's own (the theme's).
    pub fn taken(used: HashSet<String>) -> HeadingIds {
        HeadingIds {
            used,
            ..HeadingIds::default()
        }
    }

    pub fn unique(&mut self, id: String) -> String {
        if self.used.insert(id.clone()) {
            return id;
        }
        let n = self.next.entry(id.clone()).or_insert(1);
        loop {
            let candidate = format!("{id}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}
