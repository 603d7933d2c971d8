//! A handbook's single-page edition: every chapter in order on one page,
//! for reading straight through and for printing (each chapter starts a
//! new printed page). Heading ids are prefixed with the chapter's id so
//! the page keeps unique ids and working in-page links.

use super::views::Link;
use crate::link::Site;
use crate::model::Kind;
use serde::Serialize;
use std::collections::HashMap;

/// What a handbook's pages show of the whole book: its contents and
/// where its single-page edition is.
#[derive(Serialize)]
pub struct HandbookView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub lang: &'a str,
    pub print_url: String,
    pub chapters: Vec<Link<'a>>,
}

/// Every handbook's view, by handbook page.
pub fn handbook_views(site: &Site) -> HashMap<usize, HandbookView<'_>> {
    site.pages
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p.kind, Kind::Handbook(_)))
        .map(|(i, p)| {
            let chapters = p
                .children
                .iter()
                .filter(|c| matches!(site.page(**c).kind, Kind::Chapter))
                .map(|c| Link::to(site, *c))
                .collect();
            let view = HandbookView {
                title: &p.title,
                url: &p.url,
                lang: p.content_lang(&site.config).as_str(),
                print_url: print_url(&p.url),
                chapters,
            };
            (i, view)
        })
        .collect()
}

/// The handbook a page belongs to: itself, or a chapter's parent.
pub fn handbook_of(site: &Site, i: usize) -> Option<usize> {
    let p = site.page(i);
    match p.kind {
        Kind::Handbook(_) => Some(i),
        Kind::Chapter => p
            .parent
            .filter(|h| matches!(site.page(*h).kind, Kind::Handbook(_))),
        _ => None,
    }
}

#[derive(Serialize)]
pub struct ChapterView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub lang: &'a str,
    pub content: String,
}

/// The chapters of handbook page `i`, in reading order.
pub fn chapters(site: &Site, i: usize) -> Vec<ChapterView<'_>> {
    site.page(i)
        .children
        .iter()
        .map(|c| site.page(*c))
        .filter(|c| matches!(c.kind, Kind::Chapter))
        .map(|c| ChapterView {
            id: &c.id,
            title: &c.title,
            url: &c.url,
            lang: c.content_lang(&site.config).as_str(),
            content: prefix_ids(&c.html.copy(), &c.id),
        })
        .collect()
}

/// `id="x"` → `id="{prefix}-x"` and `href="#x"` → `href="#{prefix}-x"`.
pub fn prefix_ids(html: &str, prefix: &str) -> String {
    html.replace(" id=\"", &format!(" id=\"{prefix}-"))
        .replace("href=\"#", &format!("href=\"#{prefix}-"))
}

/// `/handbooks/x/` → `/handbooks/x/print/`.
pub fn print_url(handbook_url: &str) -> String {
    format!("{handbook_url}print/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_in_page_links_are_prefixed() {
        assert_eq!(
            prefix_ids(
                r##"<h2 id="a">A</h2><a href="#a">x</a><a href="/b/#c">y</a>"##,
                "ch1"
            ),
            r##"<h2 id="ch1-a">A</h2><a href="#ch1-a">x</a><a href="/b/#c">y</a>"##
        );
    }
}
