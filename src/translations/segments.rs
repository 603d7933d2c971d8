//! A page cut into the segments a translator translates, and put back
//! together with their translations. Front matter segments come from
//! `fields`; body segments are the inline text of each block: a heading, a
//! paragraph, a list item, a table cell, a footnote. They keep their
//! inline Markdown as written (`**bold**`, `` `code` ``, `[link](url)`,
//! `![alt](image)`), with soft line breaks as spaces and hard ones as a
//! backslash and a newline; block markup (`##`, `- `, `> `, `|`), heading
//! ids and code blocks stay out of the segment and are kept on import.
//! Body segments are named `body.N` in order.

use crate::parse::markdown::github_id;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// One translatable string of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub id: String,
    pub text: String,
    /// 1-based line in the source file.
    pub line: u32,
    pub kind: Kind,
    pub place: Place,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Field,
    Heading,
    Paragraph,
    ListItem,
    TableCell,
    Quote,
    Footnote,
}

impl Kind {
    /// What the translator's tool shows beside the segment.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Field => "front matter",
            Kind::Heading => "heading",
            Kind::Paragraph => "paragraph",
            Kind::ListItem => "list item",
            Kind::TableCell => "table cell",
            Kind::Quote => "quotation or callout",
            Kind::Footnote => "footnote",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// A front matter string at this path of keys and indexes.
    Field(Vec<String>),
    /// Body bytes (relative to the body's start), the prefix a new line of
    /// the block needs (`  ` in a list item, `> ` in a quotation), and for
    /// a heading without an id of its own, the id the original's heading
    /// has, so that a translated heading keeps its anchor.
    Body {
        range: Range<usize>,
        prefix: String,
        pin_id: Option<String>,
    },
}

/// The body's segments. `first_line` is the body's first line in the
/// file; `reserved` the ids the theme gives every page (a heading named
/// like one gets a suffix, as when rendered).
pub fn body_segments(body: &str, first_line: u32, reserved: &HashSet<String>) -> Vec<Segment> {
    let mut cut = Cutter {
        body,
        first_line,
        out: Vec::new(),
        run: None,
        containers: Vec::new(),
        in_literal: 0,
        heading: None,
        used_ids: crate::parse::HeadingIds::taken(reserved.clone()),
    };
    for (event, range) in
        Parser::new_ext(body, crate::parse::markdown::options()).into_offset_iter()
    {
        cut.event(event, range);
    }
    cut.flush();
    for (n, s) in cut.out.iter_mut().enumerate() {
        s.id = format!("body.{n}");
    }
    cut.out
}

/// The inline text of one block being read.
struct Run {
    start: usize,
    cursor: usize,
    text: String,
    has_words: bool,
    after_break: bool,
}

struct HeadingSeen {
    explicit_id: bool,
    plain: String,
}

struct Cutter<'a> {
    body: &'a str,
    first_line: u32,
    out: Vec<Segment>,
    run: Option<Run>,
    containers: Vec<Kind>,
    /// Inside a code block or an HTML block, whose text is not translated.
    in_literal: u32,
    heading: Option<HeadingSeen>,
    used_ids: crate::parse::HeadingIds,
}

impl Cutter<'_> {
    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end, range),
            Event::Text(t) => {
                if let Some(h) = self.heading.as_mut() {
                    h.plain.push_str(&t);
                }
                if self.in_literal == 0 {
                    let words = t.chars().any(char::is_alphabetic);
                    self.leaf(range, words);
                }
            }
            Event::Code(t) => {
                if let Some(h) = self.heading.as_mut() {
                    h.plain.push_str(&t);
                }
                self.leaf(range, false);
            }
            Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_) => self.leaf(range, false),
            Event::SoftBreak => self.line_break(" "),
            Event::HardBreak => self.line_break("\\\n"),
            Event::Html(_) | Event::Rule | Event::TaskListMarker(_) => self.flush(),
        }
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        match tag {
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {
                let body = self.body;
                let run = self.run_at(range.start);
                run.gap_to(body, range.start);
            }
            other => {
                self.flush();
                match other {
                    Tag::Heading { id, .. } => {
                        self.heading = Some(HeadingSeen {
                            explicit_id: id.is_some(),
                            plain: String::new(),
                        });
                        if let Some(id) = id {
                            self.used_ids.unique(id.to_string());
                        }
                        self.containers.push(Kind::Heading);
                    }
                    Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                        self.in_literal += 1
                    }
                    Tag::Item => self.containers.push(Kind::ListItem),
                    Tag::TableCell => self.containers.push(Kind::TableCell),
                    Tag::BlockQuote(_) => self.containers.push(Kind::Quote),
                    Tag::FootnoteDefinition(_) => self.containers.push(Kind::Footnote),
                    _ => {}
                }
            }
        }
    }

    fn end(&mut self, end: TagEnd, range: Range<usize>) {
        match end {
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image => {
                if let Some(run) = self.run.as_mut() {
                    run.gap_to(self.body, range.end);
                }
            }
            other => {
                self.flush();
                match other {
                    TagEnd::Heading(_) => {
                        self.containers.pop();
                        if let Some(h) = self.heading.take() {
                            if !h.explicit_id {
                                let id = self.used_ids.unique(github_id(&h.plain));
                                // The heading's segment was flushed just now.
                                if let Some(Segment {
                                    kind: Kind::Heading,
                                    place: Place::Body { pin_id, .. },
                                    ..
                                }) = self.out.last_mut()
                                {
                                    *pin_id = Some(id);
                                }
                            }
                        }
                    }
                    TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                        self.in_literal = self.in_literal.saturating_sub(1)
                    }
                    TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::BlockQuote(_)
                    | TagEnd::FootnoteDefinition => {
                        self.containers.pop();
                    }
                    _ => {}
                }
            }
        }
    }

    fn run_at(&mut self, start: usize) -> &mut Run {
        self.run.get_or_insert_with(|| Run {
            start,
            cursor: start,
            text: String::new(),
            has_words: false,
            after_break: false,
        })
    }

    fn leaf(&mut self, range: Range<usize>, words: bool) {
        let body = self.body;
        let run = self.run_at(range.start);
        run.gap_to(body, range.end);
        run.has_words |= words;
    }

    fn line_break(&mut self, written: &str) {
        if let Some(run) = self.run.as_mut() {
            // Trailing spaces before the break are the break's.
            let kept = run.text.trim_end_matches([' ', '\t']).len();
            run.text.truncate(kept);
            run.text.push_str(written);
            run.after_break = true;
        }
    }

    fn flush(&mut self) {
        let Some(run) = self.run.take() else {
            return;
        };
        let text = run.text.trim().to_string();
        if !run.has_words || text.is_empty() {
            return;
        }
        let line_start = self.body[..run.start].rfind('\n').map_or(0, |i| i + 1);
        let prefix: String = self.body[line_start..run.start]
            .chars()
            .map(|c| if c == '>' { '>' } else { ' ' })
            .collect();
        let line = self.first_line + self.body[..run.start].matches('\n').count() as u32;
        let kind = match self.containers.last() {
            Some(k) => *k,
            None => Kind::Paragraph,
        };
        self.out.push(Segment {
            id: String::new(),
            text,
            line,
            kind,
            place: Place::Body {
                range: run.start..run.cursor,
                prefix,
                pin_id: None,
            },
        });
    }
}

impl Run {
    /// Takes the source up to `to` into the segment; after a line break,
    /// what comes before the next text is the block's indentation or `>`,
    /// not the segment's.
    fn gap_to(&mut self, body: &str, to: usize) {
        if to <= self.cursor {
            return;
        }
        let gap = &body[self.cursor..to];
        if self.after_break {
            let indent = gap
                .char_indices()
                .find(|(_, c)| !matches!(c, ' ' | '\t' | '>' | '\n' | '\r'))
                .map_or(gap.len(), |(i, _)| i);
            self.text.push_str(&gap[indent..]);
            self.after_break = false;
        } else {
            self.text.push_str(gap);
        }
        self.cursor = to;
    }
}

/// The source of each code block's contents: not translators' work, but
/// a translation may have its own (comments in the reader's language),
/// which an import keeps.
pub fn code_blocks(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<Range<usize>> = None;
    for (event, range) in
        Parser::new_ext(body, crate::parse::markdown::options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::CodeBlock(_)) => open = Some(range.end..range.end),
            Event::Text(_) => {
                if let Some(o) = open.as_mut() {
                    if o.start == o.end {
                        o.start = range.start;
                    }
                    o.end = range.end;
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(open.take().filter(|o| o.start < o.end)),
            _ => {}
        }
    }
    out
}

/// The body with each placed translation in its segment's place, and
/// each of `verbatim` (a range and its new text) in its own; in any
/// order, never overlapping.
pub fn rebuild_body(
    body: &str,
    translated: Vec<(&Segment, &str)>,
    verbatim: Vec<(Range<usize>, &str)>,
) -> String {
    let mut edits: Vec<(Range<usize>, String)> = verbatim
        .into_iter()
        .map(|(r, t)| (r, t.to_string()))
        .collect();
    for (segment, text) in translated {
        let Place::Body {
            range,
            prefix,
            pin_id,
        } = &segment.place
        else {
            continue;
        };
        let mut new = written(segment.kind, text, prefix);
        if let Some(id) = pin_id {
            if text.trim() != segment.text {
                new.push_str(&format!(" {{#{id}}}"));
            }
        }
        edits.push((range.clone(), new));
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(body.len() + body.len() / 4);
    let mut at = 0;
    for (range, new) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&body[at..range.start]);
        out.push_str(&new);
        at = range.end;
    }
    out.push_str(&body[at..]);
    out
}

/// A translation as Markdown in its block: one line in a heading or a
/// table cell (whose `|` must be escaped), else each new line indented
/// like the block.
fn written(kind: Kind, text: &str, prefix: &str) -> String {
    let text = text.trim();
    match kind {
        Kind::Heading => text.replace("\\\n", " ").replace('\n', " "),
        Kind::TableCell => {
            let one_line = text.replace("\\\n", " ").replace('\n', " ");
            let mut out = String::with_capacity(one_line.len());
            let mut escaped = false;
            for c in one_line.chars() {
                if c == '|' && !escaped {
                    out.push('\\');
                }
                escaped = c == '\\' && !escaped;
                out.push(c);
            }
            out
        }
        _ => text.replace('\n', &format!("\n{prefix}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<(String, Kind, u32)> {
        body_segments(body, 5, &HashSet::new())
            .into_iter()
            .map(|s| (s.text, s.kind, s.line))
            .collect()
    }

    #[test]
    fn blocks_become_segments_with_their_inline_markdown() {
        let body = "## Legal *basis*\n\nThe [1951 Convention](/law/) and `code`\nwrapped here.\n\n- First item\n  continued\n- **Second**\n\n```\nnot translated\n```\n\n| Term | Meaning |\n|---|---|\n| `x` | A word |\n\n> [!NOTE]\n> A note\n> on two lines.\n\nLine one  \nline two\n";
        let t = texts(body);
        let kinds: Vec<Kind> = t.iter().map(|x| x.1).collect();
        assert_eq!(
            t.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            [
                "Legal *basis*",
                "The [1951 Convention](/law/) and `code` wrapped here.",
                "First item continued",
                "**Second**",
                "Term",
                "Meaning",
                "A word",
                "A note on two lines.",
                "Line one\\\nline two",
            ]
        );
        assert_eq!(kinds[0], Kind::Heading);
        assert_eq!(kinds[2], Kind::ListItem);
        assert_eq!(kinds[4], Kind::TableCell);
        assert_eq!(kinds[7], Kind::Quote);
        assert_eq!(t[1].2, 7, "the paragraph's line in the file");
    }

    #[test]
    fn rebuilding_keeps_markup_code_and_anchors() {
        let body = "## Legal basis\n\n## Own {#own}\n\n- An item\n\n| A | B |\n|---|---|\n| one | two |\n\n```\ncode\n```\n";
        let segs = body_segments(body, 1, &HashSet::new());
        let tr = [
            "Правовая основа",
            "Своё",
            "Пункт\nна двух строках",
            "А",
            "Б",
            "один | два",
            "два",
        ];
        let pairs: Vec<(&Segment, &str)> = segs.iter().zip(tr).collect();
        let out = rebuild_body(body, pairs, Vec::new());
        assert_eq!(
            out,
            "## Правовая основа {#legal-basis}\n\n## Своё {#own}\n\n- Пункт\n  на двух строках\n\n| А | Б |\n|---|---|\n| один \\| два | два |\n\n```\ncode\n```\n"
        );
        // The rebuilt body cuts into the same blocks.
        assert_eq!(body_segments(&out, 1, &HashSet::new()).len(), segs.len());
    }

    #[test]
    fn code_blocks_are_found_whole() {
        let body = "Text\n\n```sh\n# a comment\nrun\n```\n\n- item\n\n      indented\n";
        let blocks: Vec<&str> = code_blocks(body).into_iter().map(|r| &body[r]).collect();
        assert_eq!(blocks, ["# a comment\nrun\n", "indented\n"]);
    }

    #[test]
    fn a_heading_named_like_the_themes_ids_keeps_its_suffix() {
        let reserved: HashSet<String> = ["main".to_string()].into();
        let segs = body_segments("## Main\n", 1, &reserved);
        let out = rebuild_body("## Main\n", vec![(&segs[0], "Главное")], Vec::new());
        assert_eq!(out, "## Главное {#main-1}\n");
    }
}
