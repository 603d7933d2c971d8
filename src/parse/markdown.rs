//! Markdown to HTML with pulldown-cmark. The event stream is rewritten on
//! its way to the HTML writer: headings get GitHub-style ids and a
//! self-link, fenced code is highlighted by class, GitHub alerts become
//! callouts, and every link and image is resolved through a `LinkResolver`
//! (source paths become output URLs; missing targets become diagnostics at
//! the link's line).

use super::highlight::highlight;
pub use super::template::Template;
use super::template::{count_slots, find_slot, SLOT};
use crate::config::RawHtml;
use crate::diag::{Class, Diagnostic, LineIndex, Span};
use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use std::collections::HashSet;
use std::path::Path;

pub use super::headings::github_id;
use super::headings::{has_top_level_heading, HeadingIds};
pub use super::resolution::{AnchorCheck, LinkResolver, Problem, Resolution, TermRef};

/// UI words the Markdown output needs, in the page's language.
pub struct MdLabels {
    pub anchor: String,
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
    pub media: super::media::MediaLabels,
    /// The language's code and name, for a video's captions track.
    pub lang: String,
    pub lang_name: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Default)]
pub struct MdOutput {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Ids of every heading (and explicit `{#id}`), for anchor checks.
    pub anchors: Vec<String>,
    pub anchor_checks: Vec<(AnchorCheck, Span)>,
    /// Plain text of the first paragraph, for listings and descriptions.
    pub summary: String,
    /// Plain text of the whole body, for search.
    pub text: String,
    /// Whether the body has a code block (its page links the highlighting
    /// stylesheet).
    pub has_code: bool,
    pub diags: Vec<Diagnostic>,
    /// The addresses of the links this stage resolved and checked, as
    /// written into the HTML: the built page's check leaves them be.
    pub resolved: Vec<String>,
    /// Whether the HTML depends on the page it was rendered for: a link
    /// resolved to another page, a file or a glossary term (whose
    /// addresses differ by language), not only to anchors and outside
    /// addresses.
    pub per_page: bool,
    /// With `MdInput::template`: the HTML again, with each address that
    /// depends on the page left as a marker, for other pages showing the
    /// same words to fill in their own (see [`Template::fill`]).
    pub template: Option<Template>,
}

/// A heading being collected: level, explicit id, classes, inner events, plain text.
type OpenHeading<'a> = (
    HeadingLevel,
    Option<String>,
    Vec<String>,
    Vec<Event<'a>>,
    String,
);

pub struct MdInput<'a> {
    pub body: &'a str,
    /// 1-based line of the body's first line in the file.
    pub body_line: u32,
    pub path: &'a Path,
    pub labels: &'a MdLabels,
    pub resolver: &'a dyn LinkResolver,
    /// Whether to collect the body's plain text (for search).
    pub want_text: bool,
    /// What becomes of HTML written in the Markdown.
    pub raw_html: RawHtml,
    /// Keep a [`Template`] too: other pages show these words.
    pub template: bool,
    /// Ids the theme gives every page (`main`, `toc-title` …): a heading
    /// counts past them, and raw HTML may not take them.
    pub reserved_ids: &'a HashSet<String>,
    /// The hub's `markdown` and `media` settings.
    pub settings: &'a crate::config::MarkdownSettings,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

fn options_for(settings: &crate::config::MarkdownSettings) -> Options {
    if settings.math {
        options() | Options::ENABLE_MATH
    } else {
        options()
    }
}

pub fn render(input: &MdInput) -> MdOutput {
    let mut out = MdOutput::default();
    // Lines are counted only for a page that has something to report.
    let lines = std::cell::OnceCell::new();
    let span_at = |offset: usize| {
        let lines = lines.get_or_init(|| LineIndex::new(input.body));
        let (line, col) = lines.line_col(input.body, offset);
        Span::new(input.path, line + input.body_line - 1, col)
    };
    let mut events: Vec<Event> = Vec::new();
    // The page's title is its only <h1>: a body that uses `#` for its
    // sections has every heading moved one level down.
    let shift = has_top_level_heading(input.body);
    let mut used_ids = HeadingIds::taken(input.reserved_ids.clone());
    let mut heading: Option<OpenHeading> = None;
    let mut code: Option<(String, String)> = None;
    let mut first_para: Option<String> = None;
    let mut in_first_para = false;
    // The definition to show when the link being written is a marked term.
    let mut open_term: Option<String> = None;
    let mut terms_marked = 0;

    // The image being read: where it starts, its address, its alt text so far.
    let mut image: Option<(usize, String, String)> = None;
    let mut raw_html_seen = false;
    // Per-page addresses, when a template is wanted: (link, is image, this
    // page's address), in marker order. None when the sanitiser may run,
    // since it writes addresses its own way.
    let sanitised = input.raw_html == RawHtml::Sanitize && input.body.contains('<');
    let mut slots: Option<Vec<(String, bool, String)>> =
        (input.template && !sanitised && find_slot(input.body).is_none()).then(Vec::new);
    // The author's own HTML, handled by the hub's policy before anything
    // else sees it (the HTML this renderer adds is never touched).
    let mut frames = super::media::Frames::default();
    // A video file being read: its player's address and captions, and its
    // alt text so far.
    let mut video: Option<(String, Option<String>, String)> = None;
    let mut maths = super::maths::Maths::default();
    let source = Parser::new_ext(input.body, options_for(input.settings))
        .into_offset_iter()
        .map(|(event, range)| match (event, input.raw_html) {
            (Event::Html(h) | Event::InlineHtml(h), RawHtml::Escape) => (Event::Text(h), range),
            (event @ (Event::Html(_) | Event::InlineHtml(_)), policy) => {
                raw_html_seen |= policy == RawHtml::Sanitize;
                (event, range)
            }
            (event, _) => (event, range),
        });
    for (event, range) in source {
        if let Some((_, body)) = code.as_mut() {
            match event {
                Event::Text(t) => body.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, body) = code.take().unwrap_or_default();
                    events.push(Event::Html(code_html(&lang, &body).into()));
                    out.has_code = true;
                }
                _ => {}
            }
            continue;
        }
        if let Some((_, _, alt)) = video.as_mut() {
            match &event {
                Event::Text(t) | Event::Code(t) => {
                    alt.push_str(t);
                    if let Some((_, _, image_alt)) = image.as_mut() {
                        image_alt.push_str(t);
                    }
                    continue;
                }
                Event::End(TagEnd::Image) => {}
                _ => continue,
            }
        }
        match &event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((range.start, dest_url.to_string(), String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, alt)) = image.as_mut() {
                    alt.push_str(t);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((src, captions, alt)) = video.take() {
                    let track = captions.as_deref().map(|c| {
                        (
                            c,
                            input.labels.lang.as_str(),
                            input.labels.lang_name.as_str(),
                        )
                    });
                    events.push(Event::Html(
                        super::media::video(&src, alt.trim(), track, &input.labels.media).into(),
                    ));
                }
                if let Some((at, url, _)) = image.take().filter(|(_, _, alt)| alt.trim().is_empty())
                {
                    out.diags.push(
                        Diagnostic::of_class(Class::AltText, span_at(at), format!("the image `{url}` has no alt text"))
                            .with_hint(format!("say what it shows for readers who cannot see it: ![A map of the region]({url})")),
                    );
                }
            }
            _ => {}
        }
        let event = match event {
            Event::Start(Tag::Link { ref dest_url, .. }) if dest_url.starts_with("term:") => {
                let id = &dest_url["term:".len()..];
                match input.resolver.term(id) {
                    Ok(term) => {
                        out.per_page = true;
                        out.resolved.push(term.url.clone());
                        terms_marked += 1;
                        let tip = format!("term-{terms_marked}");
                        open_term = Some(format!(
                            "</a><span class=\"term-def\" role=\"tooltip\" id=\"{tip}\">{}</span></span>",
                            escape_html(&term.definition)
                        ));
                        Event::InlineHtml(
                            format!(
                                "<span class=\"term\"><a class=\"term-ref\" href=\"{}\" aria-describedby=\"{tip}\">",
                                escape_html(&term.url)
                            )
                            .into(),
                        )
                    }
                    Err(Resolution::Broken(problem)) => {
                        out.diags.push(problem.at(span_at(range.start)));
                        event
                    }
                    Err(_) => event,
                }
            }
            Event::End(TagEnd::Link) if open_term.is_some() => {
                Event::InlineHtml(open_term.take().unwrap_or_default().into())
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = resolve(
                    input,
                    &dest_url,
                    false,
                    range.start,
                    &span_at,
                    &mut out,
                    slots.as_mut(),
                );
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let is_video = super::media::is_video_file(&dest_url);
                let captions = is_video
                    .then(|| super::media::captions_for(&dest_url))
                    .and_then(|vtt| match input.resolver.resolve(&vtt, true) {
                        Resolution::Internal { url, .. } => {
                            out.resolved.push(url.clone());
                            Some(url)
                        }
                        _ => None,
                    });
                let dest_url = resolve(
                    input,
                    &dest_url,
                    true,
                    range.start,
                    &span_at,
                    &mut out,
                    // A player's address goes into its markup as it is (a
                    // file's address is the same in every language).
                    if is_video { None } else { slots.as_mut() },
                );
                if is_video {
                    video = Some((dest_url.to_string(), captions, String::new()));
                    continue;
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => other,
        };
        if let Some((_, _, _, inner, text)) = heading.as_mut() {
            match event {
                Event::End(TagEnd::Heading(_)) => {
                    let (level, id, classes, inner, text) = heading.take().expect("in a heading");
                    let id = used_ids.unique(id.unwrap_or_else(|| github_id(&text)));
                    let n = if shift {
                        (level as u8 + 1).min(6)
                    } else {
                        level as u8
                    };
                    out.anchors.push(id.clone());
                    if (2..=3).contains(&n) {
                        out.toc.push(TocEntry {
                            level: n,
                            id: id.clone(),
                            title: text.trim().to_string(),
                        });
                    }
                    let class = if classes.is_empty() {
                        String::new()
                    } else {
                        format!(" class=\"{}\"", escape_html(&classes.join(" ")))
                    };
                    events.push(Event::Html(
                        format!("<h{n} id=\"{}\"{class}>", escape_html(&id)).into(),
                    ));
                    events.extend(inner);
                    events.push(Event::Html(
                        format!(
                            " <a class=\"anchor\" href=\"#{}\"><span class=\"visually-hidden\">{}</span><span aria-hidden=\"true\">#</span></a></h{n}>\n",
                            escape_html(&id),
                            escape_html(&input.labels.anchor)
                        )
                        .into(),
                    ));
                    out.text.push_str(&text);
                    out.text.push('\n');
                }
                Event::Text(ref t) | Event::Code(ref t) => {
                    text.push_str(t);
                    inner.push(event);
                }
                // `### Reading <a id="more"></a>`: an anchor inside a heading.
                Event::InlineHtml(ref h) if input.raw_html != RawHtml::Escape => {
                    html_anchors(h, range.start, input, &mut out, &mut used_ids, &span_at);
                    inner.push(event);
                }
                other => inner.push(other),
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                heading = Some((
                    level,
                    id.map(|s| s.to_string()),
                    classes.iter().map(|c| c.to_string()).collect(),
                    Vec::new(),
                    String::new(),
                ));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = callout(kind, input.labels);
                events.push(Event::Html(
                    format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{}</p>\n", escape_html(label)).into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => events.push(Event::Html("</div>\n".into())),
            Event::Start(Tag::Paragraph) => {
                in_first_para = first_para.is_none();
                if in_first_para {
                    first_para = Some(String::new());
                }
                events.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                in_first_para = false;
                out.text.push('\n');
                events.push(Event::End(TagEnd::Paragraph));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if in_first_para {
                    if let Some(p) = first_para.as_mut() {
                        p.push_str(t);
                    }
                }
                out.text.push_str(t);
                out.text.push(' ');
                events.push(event);
            }
            Event::Html(ref h) | Event::InlineHtml(ref h) if input.raw_html != RawHtml::Escape => {
                let at = range.start;
                let h = frames.rewrite(
                    h,
                    input.raw_html,
                    &input.settings.embed_hosts,
                    &input.labels.media,
                    &mut |offset, dropped| {
                        out.diags
                            .push(super::media::removed(span_at(at + offset), dropped))
                    },
                );
                html_anchors(&h, range.start, input, &mut out, &mut used_ids, &span_at);
                let is_block = matches!(event, Event::Html(_));
                events.push(if is_block {
                    Event::Html(h.into())
                } else {
                    Event::InlineHtml(h.into())
                });
            }
            Event::InlineMath(tex) | Event::DisplayMath(tex) => {
                let display = input.body[range.clone()].starts_with("$$");
                let inner = range.start + if display { 2 } else { 1 };
                match maths.add(&tex, display) {
                    Ok(marker) => events.push(Event::Html(marker.into())),
                    Err((offset, message)) => {
                        out.diags.push(
                            Diagnostic::error(span_at(inner + offset), message)
                                .with_hint("write the formula in LaTeX that MathML can show (see docs/content-format.md), or put it in `code`"),
                        );
                        events.push(Event::Html(
                            format!("<code class=\"math-error\">{}</code>", escape_html(&tex))
                                .into(),
                        ));
                    }
                }
                out.text.push_str(&tex);
                out.text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak => {
                if in_first_para {
                    if let Some(p) = first_para.as_mut() {
                        p.push(' ');
                    }
                }
                out.text.push(' ');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    out.summary = truncate_words(first_para.as_deref().unwrap_or("").trim(), 300);
    out.html.reserve(input.body.len() + input.body.len() / 4);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    if raw_html_seen {
        out.html = super::sanitize::sanitize(&out.html);
    }
    // After the sanitiser, which keeps no MathML.
    maths.fill(&mut out.html);
    if let Some(slots) = slots.filter(|s| !s.is_empty()) {
        // Markers went into the HTML: this page's own addresses go back in.
        let (links, own): (Vec<_>, Vec<_>) = slots
            .into_iter()
            .map(|(link, is_image, url)| ((link, is_image), url))
            .unzip();
        let template = Template {
            html: std::mem::take(&mut out.html),
            links,
        };
        // Text can still spell a marker through an entity (`oerhub&#45;…`):
        // then the markers are not only ours, and the page renders plainly.
        if count_slots(&template.html) != template.links.len() {
            return render(&MdInput {
                template: false,
                ..*input
            });
        }
        out.html = template.fill_numbered(|n| own[n].clone());
        // A marked term's definition is in this page's language: pages in
        // other languages render their own.
        if terms_marked == 0 {
            out.template = Some(template);
        }
    }
    // A body stays in memory until its page is rendered.
    fit(&mut out.html);
    if input.want_text {
        fit(&mut out.text);
    } else {
        out.text = String::new();
    }
    out
}

/// The anchors (`id`s, `<a name>`s) an author's HTML at `offset` defines,
/// added to the page's; one the theme gives every page is an error.
fn html_anchors(
    html: &str,
    offset: usize,
    input: &MdInput,
    out: &mut MdOutput,
    used_ids: &mut HeadingIds,
    span_at: &dyn Fn(usize) -> Span,
) {
    for tag in super::raw_html::tags(html) {
        for id in super::raw_html::anchors(&tag) {
            if input.reserved_ids.contains(id) {
                out.diags.push(
                    Diagnostic::error(
                        span_at(offset + tag.at),
                        format!("the id `{id}` is one the theme gives every page"),
                    )
                    .with_hint(format!("choose another, e.g. `{id}-1`")),
                );
            } else {
                used_ids.used.insert(id.to_string());
                out.anchors.push(id.to_string());
            }
        }
    }
}

/// `s` moved to an allocation of its own length. `shrink_to_fit` is not
/// enough: the allocator may keep a block up to twice the size in place,
/// and a buffer grown by doubling often is.
pub fn fit(s: &mut String) {
    if s.capacity() > s.len() + s.len() / 16 {
        *s = s.as_str().to_owned();
    }
}

fn resolve<'a>(
    input: &MdInput,
    dest: &CowStr<'a>,
    is_image: bool,
    offset: usize,
    span_at: &dyn Fn(usize) -> Span,
    out: &mut MdOutput,
    slots: Option<&mut Vec<(String, bool, String)>>,
) -> CowStr<'a> {
    match input.resolver.resolve(dest, is_image) {
        Resolution::Keep => dest.clone(),
        Resolution::Internal { url, check } => {
            if let Some(c) = check {
                out.anchor_checks.push((c, span_at(offset)));
            }
            out.resolved.push(url.clone());
            if url.starts_with('#') {
                return url.into();
            }
            out.per_page = true;
            match slots {
                Some(slots) => {
                    let marker = format!("{SLOT}{}-", slots.len());
                    slots.push((dest.to_string(), is_image, url));
                    marker.into()
                }
                None => url.into(),
            }
        }
        Resolution::Broken(problem) => {
            let url = problem.url.clone();
            out.resolved.extend(url.clone());
            out.diags.push(problem.at(span_at(offset)));
            // A page that fails the build may still be shown (a preview, a
            // check): a refused address never reaches the HTML, but a
            // missing file's own place may.
            url.map_or_else(|| "#".into(), Into::into)
        }
    }
}

fn callout(kind: BlockQuoteKind, labels: &MdLabels) -> (&'static str, &str) {
    match kind {
        BlockQuoteKind::Note => ("note", &labels.note),
        BlockQuoteKind::Tip => ("tip", &labels.tip),
        BlockQuoteKind::Important => ("important", &labels.important),
        BlockQuoteKind::Warning => ("warning", &labels.warning),
        BlockQuoteKind::Caution => ("caution", &labels.caution),
    }
}

fn code_html(lang: &str, body: &str) -> String {
    let token = lang.split([',', ' ', '{']).next().unwrap_or("").trim();
    let inner = highlight(body, token).unwrap_or_else(|| escape_html(body));
    if token.is_empty() {
        format!("<pre class=\"code\"><code>{inner}</code></pre>\n")
    } else {
        let t = escape_html(token);
        format!("<pre class=\"code\" data-lang=\"{t}\"><code class=\"language-{t}\">{inner}</code></pre>\n")
    }
}

pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    // Runs of harmless text are copied whole; the five special characters
    // are all ASCII, so byte positions are character boundaries.
    let mut done = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[done..i]);
        out.push_str(entity);
        done = i + 1;
    }
    out.push_str(&s[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoLinks;
    impl LinkResolver for NoLinks {
        fn resolve(&self, dest: &str, _: bool) -> Resolution {
            if dest.starts_with("missing") {
                Resolution::Broken(Problem::new("no such page", ""))
            } else if dest.ends_with(".md") {
                Resolution::Internal {
                    url: "/resolved/".into(),
                    check: None,
                }
            } else {
                Resolution::Keep
            }
        }
    }

    fn labels() -> MdLabels {
        MdLabels {
            anchor: "Link to this section".into(),
            note: "Note".into(),
            tip: "Tip".into(),
            important: "Important".into(),
            warning: "Warning".into(),
            caution: "Caution".into(),
            media: Default::default(),
            lang: "en".into(),
            lang_name: "English".into(),
        }
    }

    fn md(body: &str) -> MdOutput {
        render(&MdInput {
            body,
            body_line: 5,
            path: Path::new("content/a.md"),
            labels: &labels(),
            resolver: &NoLinks,
            want_text: true,
            raw_html: RawHtml::Sanitize,
            template: false,
            reserved_ids: &reserved(),
            settings: &crate::config::MarkdownSettings::default(),
        })
    }

    fn reserved() -> HashSet<String> {
        HashSet::from(["main".to_string()])
    }

    /// Resolves `x.md` to a page under `prefix`, as pages in different
    /// languages do.
    struct InLanguage(&'static str);
    impl LinkResolver for InLanguage {
        fn resolve(&self, dest: &str, _: bool) -> Resolution {
            match dest.strip_suffix(".md") {
                Some(page) => Resolution::Internal {
                    url: format!("{}/{page}/?q='a&b'", self.0),
                    check: None,
                },
                None => Resolution::Keep,
            }
        }
    }

    fn render_with(body: &str, resolver: &dyn LinkResolver, template: bool) -> MdOutput {
        render(&MdInput {
            body,
            body_line: 1,
            path: Path::new("content/a.md"),
            labels: &labels(),
            resolver,
            want_text: false,
            raw_html: RawHtml::Escape,
            template,
            reserved_ids: &reserved(),
            settings: &crate::config::MarkdownSettings::default(),
        })
    }

    #[test]
    fn a_template_fills_in_each_pages_own_addresses() {
        let body = "## A [head](h.md)\n\nSee [x](x.md), ![m](m.md) and [out](https://e.org) [#](#a).\n\n[^1]\n\n[^1]: In [y](y.md).\n";
        let (en, ru) = (InLanguage(""), InLanguage("/ru"));
        let with = render_with(body, &en, true);
        assert_eq!(
            with.html,
            render_with(body, &en, false).html,
            "the page's own HTML"
        );
        assert!(!with.html.contains(SLOT), "{}", with.html);
        let template = with.template.expect("a template");
        let filled = template.fill(|link, is_image| match ru.resolve(link, is_image) {
            Resolution::Internal { url, .. } => url,
            _ => link.to_string(),
        });
        assert_eq!(filled, render_with(body, &ru, false).html);
        assert!(
            filled.contains("href=\"/ru/x/?q=&#x27;a&amp;b&#x27;\""),
            "{filled}"
        );

        // A body holding the marker's own text gets no template, and keeps
        // its words, written out or through entities.
        for body in [
            "[x](x.md) oerhub-slot-0-\n",
            "[x](x.md) oerhub&#45;slot&#45;0&#45;\n",
        ] {
            let out = render_with(body, &en, true);
            assert!(out.template.is_none(), "{body}");
            assert_eq!(out.html, render_with(body, &en, false).html);
            assert!(
                out.html.contains("oerhub-slot-0-") && out.html.contains("href=\"/x/"),
                "{}",
                out.html
            );
        }
    }

    #[test]
    fn headings_get_github_ids() {
        let out = md("## Legal basis\n\n## Legal basis\n\n### Правовые основы\n");
        assert_eq!(
            out.anchors,
            ["legal-basis", "legal-basis-1", "правовые-основы"]
        );
        assert!(out.html.contains("<h2 id=\"legal-basis\">Legal basis"));
        assert_eq!(out.toc.len(), 3);
    }

    #[test]
    fn ids_and_names_in_raw_html_are_anchors_and_the_themes_are_not_theirs() {
        let out = md("<a name=\"old\"></a>\n\nText <span id=\"inline\">x</span>.\n\n## Main\n\n## Old\n\n<div id=\"main\">no</div>\n");
        assert_eq!(out.anchors, ["old", "inline", "main-1", "old-1"]);
        assert!(out.html.contains("<a name=\"old\">"), "{}", out.html);
        let said: Vec<String> = out.diags.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            ["content/a.md:13:1: error: the id `main` is one the theme gives every page\n  hint: choose another, e.g. `main-1`"]
        );
    }

    #[test]
    fn a_body_using_hash_for_its_sections_moves_them_down_one_level() {
        let out = md("# Intro\n\nText.\n\n## Detail\n\n# Next\n\n```sh\n# a comment\n```\n");
        assert!(out.html.contains("<h2 id=\"intro\">"), "{}", out.html);
        assert!(out.html.contains("<h3 id=\"detail\">"), "{}", out.html);
        assert!(!out.html.contains("<h1"), "{}", out.html);
        let toc: Vec<(u8, &str)> = out.toc.iter().map(|t| (t.level, t.id.as_str())).collect();
        assert_eq!(toc, [(2, "intro"), (3, "detail"), (2, "next")]);
        let plain = md("## Only\n\n```sh\n# not a heading\n```\n");
        assert!(plain.html.contains("<h2 id=\"only\">"), "{}", plain.html);
    }

    #[test]
    fn repeated_headings_count_up_past_ids_taken_by_hand() {
        let out = md("## Same\n\n## Same-1\n\n## Same\n\n## Same\n");
        assert_eq!(out.anchors, ["same", "same-1", "same-2", "same-3"]);
        let many = "## Same\n\n".repeat(5000);
        let out = md(&many);
        assert_eq!(out.anchors.len(), 5000);
        assert_eq!(out.anchors[4999], "same-4999");
    }

    #[test]
    fn links_resolve_and_errors_have_lines() {
        let out = md("See [x](a.md).\n\nAnd [y](missing.md) and [z](https://example.org).\n");
        assert!(
            !out.html.contains("missing.md"),
            "a refused address is not written"
        );
        assert!(out.html.contains("href=\"/resolved/\""));
        assert!(out.html.contains("href=\"https://example.org\""));
        assert_eq!(out.diags.len(), 1);
        assert_eq!(out.diags[0].span.as_ref().unwrap().line, 7);
    }

    #[test]
    fn images_without_alt_text_are_reported() {
        let out = md("Text.\n\n![](a.png) ![A chart](b.png) ![ ](c.png)\n");
        let said: Vec<&str> = out.diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            said,
            [
                "the image `a.png` has no alt text",
                "the image `c.png` has no alt text"
            ]
        );
        assert_eq!(out.diags[0].class(), Some(Class::AltText));
        assert_eq!(out.diags[0].span.as_ref().unwrap().col, 1);
    }

    #[test]
    fn alerts_become_callouts() {
        let out = md("> [!WARNING]\n> Check the deadline.\n");
        assert!(out.html.contains("callout-warning"), "{}", out.html);
        assert!(out.html.contains("Warning</p>"));
    }

    #[test]
    fn code_is_highlighted_by_class() {
        let out = md("```yaml\nkey: value\n```\n\n```nolang\n<b>\n```\n");
        assert!(out.html.contains("hl-"), "{}", out.html);
        assert!(out.html.contains("&lt;b&gt;"));
    }

    #[test]
    fn tables_footnotes_tasks_strikethrough() {
        let out = md(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ text[^1]\n\n[^1]: A note.\n",
        );
        for needle in ["<table>", "checkbox", "<del>", "footnote"] {
            assert!(out.html.contains(needle), "{needle} in {}", out.html);
        }
    }

    #[test]
    fn summary_is_first_paragraph() {
        let out = md("# T\n\nFirst *para* here.\n\nSecond.\n");
        assert_eq!(out.summary, "First para here.");
    }

    #[test]
    fn truncates_on_words() {
        assert_eq!(truncate_words("one two three", 9), "one two…");
    }
}
