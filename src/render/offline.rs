//! The site for reading without a server: every site-rooted link in every
//! HTML page (`href="/ru/courses/x/"`) becomes relative to the page and
//! names the file (`../../ru/courses/x/index.html`), so the folder works
//! from `file://`, from a USB stick, or unpacked anywhere.

use super::Output;

/// Attributes whose site-rooted values are rewritten.
const ATTRIBUTES: [&str; 3] = ["href", "src", "action"];

/// Rewrites every HTML file of `output` in place.
pub fn make_offline(output: &mut Output) {
    for (path, bytes) in output.files.iter_mut() {
        if !path.ends_with(".html") {
            continue;
        }
        let Ok(html) = std::str::from_utf8(bytes) else {
            continue;
        };
        let up = "../".repeat(path.matches('/').count());
        *bytes = relativise(html, &up).into_bytes();
    }
}

/// `html` with each rooted link made relative through `up` (the way from
/// the page's folder back to the site root, e.g. `../../`). One pass:
/// every `="/` is checked for being one of the link attributes, and a
/// redirect's `url=/` is handled alike.
pub fn relativise(html: &str, up: &str) -> String {
    rewrite_links(html, |url| offline_url(url, up))
}

/// `html` with the value of every site-rooted link (see [`relativise`])
/// replaced by what `rewrite` makes of it.
pub fn rewrite_links(html: &str, mut rewrite: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 20);
    let mut done = 0;
    let bytes = html.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        let value_start = if bytes[i] == b'/' && bytes[i + 1] != b'/' && is_link_start(html, i) {
            Some(i)
        } else {
            None
        };
        let Some(start) = value_start else {
            i += 1;
            continue;
        };
        let end = html[start..]
            .find(['"', '\''])
            .map_or(html.len(), |e| start + e);
        out.push_str(&html[done..start]);
        out.push_str(&rewrite(&html[start..end]));
        done = end;
        i = end;
    }
    out.push_str(&html[done..]);
    out
}

/// Whether the `/` at `at` opens the value of a link attribute
/// (`href="/`) or of a redirect (`content="0; url=/`).
fn is_link_start(html: &str, at: usize) -> bool {
    let before = &html[..at];
    if before.ends_with("url=") {
        return before.ends_with("content=\"0; url=");
    }
    let Some(before) = before.strip_suffix("=\"") else {
        return false;
    };
    ATTRIBUTES.iter().any(|a| {
        before.ends_with(a)
            && before[..before.len() - a.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace)
    })
}

/// `/ru/x/#top` → `{up}ru/x/index.html#top`; `/assets/a.css` → `{up}assets/a.css`.
pub fn offline_url(url: &str, up: &str) -> String {
    let split = url.find(['?', '#']).unwrap_or(url.len());
    let (path, tail) = url.split_at(split);
    let mut out = String::with_capacity(url.len() + up.len() + 10);
    out.push_str(if up.is_empty() { "./" } else { up });
    out.push_str(&path[1..]);
    if path.ends_with('/') {
        out.push_str("index.html");
    }
    out.push_str(tail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rooted_links_become_relative_files() {
        let html = r##"<a href="/ru/courses/x/#q">x</a><link href="/assets/a.css"><a href="https://e.org/">e</a><a href="#top">t</a><a href="//cdn">c</a>"##;
        assert_eq!(
            relativise(html, "../../"),
            r##"<a href="../../ru/courses/x/index.html#q">x</a><link href="../../assets/a.css"><a href="https://e.org/">e</a><a href="#top">t</a><a href="//cdn">c</a>"##
        );
    }

    #[test]
    fn the_root_page_links_down() {
        assert_eq!(
            relativise(r#"<a href="/">home</a> <img src="/a.png">"#, ""),
            r#"<a href="./index.html">home</a> <img src="./a.png">"#
        );
    }

    #[test]
    fn redirects_follow() {
        assert_eq!(
            relativise(
                r#"<meta http-equiv="refresh" content="0; url=/new/">"#,
                "../"
            ),
            r#"<meta http-equiv="refresh" content="0; url=../new/index.html">"#
        );
    }

    #[test]
    fn text_is_left_alone() {
        let html = "<p>write href=&quot;/x&quot; in HTML</p>";
        assert_eq!(relativise(html, "../"), html);
    }
}
