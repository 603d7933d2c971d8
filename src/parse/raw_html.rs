//! Reading the HTML authors write inside Markdown (and the HTML pages
//! oerhub writes, for `check`): its tags and attributes, well enough to
//! find anchors (`id` on any element, `name` on `<a>`), links (`href`,
//! `src`) and frames. Not a validating parser: the sanitiser (html5ever,
//! through ammonia) decides what a browser would make of broken markup;
//! this only reads what is plainly there.

/// One start tag: its lower-cased name and attributes (names lower-cased,
/// values with the few entities attribute values use decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Byte offset of the `<` in the text.
    pub at: usize,
    /// The tag's text, `<` to `>`.
    pub raw: &'a str,
}

impl Tag<'_> {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every start tag in `html`, in order. Comments are skipped.
pub fn tags(html: &str) -> Vec<Tag<'_>> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off;
        if html[at..].starts_with("<!--") {
            i = html[at..].find("-->").map_or(bytes.len(), |e| at + e + 3);
            continue;
        }
        let name_start = at + 1;
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i = at + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let (attrs, end) = attributes(html, name_start + name_len);
        out.push(Tag {
            name,
            attrs,
            at,
            raw: &html[at..end],
        });
        i = end;
    }
    out
}

/// The attributes from `from` to the tag's `>`, and the offset after it.
fn attributes(html: &str, from: usize) -> (Vec<(String, String)>, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut i = from;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (attrs, bytes.len());
        }
        if bytes[i] == b'>' {
            return (attrs, i + 1);
        }
        let start = i;
        while i < bytes.len() && !b" \t\r\n/>=".contains(&bytes[i]) {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = memchr::memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |e| i + 1 + e);
                    value = decode(&html[i + 1..end]);
                    i = (end + 1).min(bytes.len());
                }
                Some(_) => {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = decode(&html[start..i]);
                }
                None => {}
            }
        }
        if name.is_empty() {
            i += 1;
        } else {
            attrs.push((name, value));
        }
    }
}

/// The entities attribute values commonly hold.
fn decode(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The link targets a tag defines: its `id`, and its `name` on `<a>`.
pub fn anchors<'t>(tag: &'t Tag) -> impl Iterator<Item = &'t str> {
    let name = (tag.name == "a").then(|| tag.attr("name")).flatten();
    tag.attr("id")
        .into_iter()
        .chain(name)
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_attributes_and_anchors() {
        let html = r#"<p>x <a name="old-anchor">y</a> <span ID='s1' class=a>z</span><!-- <a id="no"> --><img src=pic.png alt="A &amp; B"></p>"#;
        let tags = tags(html);
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["p", "a", "span", "img"]);
        let found: Vec<&str> = tags.iter().flat_map(anchors).collect();
        assert_eq!(found, ["old-anchor", "s1"]);
        assert_eq!(tags[3].attr("src"), Some("pic.png"));
        assert_eq!(tags[3].attr("alt"), Some("A & B"));
        assert_eq!(tags[1].raw, "<a name=\"old-anchor\">");
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in [
            "<",
            "<a",
            "<a href=",
            "<a href='x",
            "<1>",
            "< a>",
            "<a b=\"c\"",
            "<!--",
        ] {
            let _ = tags(html);
        }
    }
}
