//! Templates of rendered Markdown: the HTML of a page with a marker where
//! each address that depends on the page goes, so that the pages showing
//! the same words in other languages (fallbacks) fill in their own
//! addresses instead of rendering the Markdown again.

/// Rendered HTML with markers where per-page addresses go.
#[derive(Debug)]
pub struct Template {
    pub(super) html: String,
    /// What each marker stands for: the link as written, and whether it
    /// is an image.
    pub(super) links: Vec<(String, bool)>,
}

/// The start of a marker, `oerhub-slot-N-`: only characters an address
/// keeps as they are, so it passes the HTML writer unchanged. A body that
/// contains it is rendered without a template.
pub(super) const SLOT: &str = "oerhub-slot-";

/// Searches for [`SLOT`] with SIMD: every original's body and HTML is
/// searched for it, and std's `str::find` read them at a tenth the speed.
static SLOT_FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(SLOT));

/// Where the first marker starts in `text`.
pub(super) fn find_slot(text: &str) -> Option<usize> {
    SLOT_FINDER.find(text.as_bytes())
}

/// How many markers `text` holds.
pub(super) fn count_slots(text: &str) -> usize {
    SLOT_FINDER.find_iter(text.as_bytes()).count()
}

impl Template {
    /// The HTML with every marker replaced by `address(link, is_image)`,
    /// escaped as the HTML writer escapes addresses.
    pub fn fill(&self, address: impl Fn(&str, bool) -> String) -> String {
        self.fill_numbered(|n| {
            let (link, is_image) = &self.links[n];
            address(link, *is_image)
        })
    }

    pub(super) fn fill_numbered(&self, address: impl Fn(usize) -> String) -> String {
        let mut html = String::with_capacity(self.html.len() + self.links.len() * 16);
        let mut rest = self.html.as_str();
        while let Some(at) = find_slot(rest) {
            html.push_str(&rest[..at]);
            let after = &rest[at + SLOT.len()..];
            let end = after.find('-').unwrap_or(after.len());
            match after[..end]
                .parse::<usize>()
                .ok()
                .filter(|n| *n < self.links.len())
            {
                Some(n) => {
                    let _ = pulldown_cmark_escape::escape_href(&mut html, &address(n));
                    rest = &after[(end + 1).min(after.len())..];
                }
                None => {
                    html.push_str(SLOT);
                    rest = after;
                }
            }
        }
        html.push_str(rest);
        html
    }
}
