//! GNU gettext PO, written the way `msgcat` writes it (strings wrapped at
//! 79 columns, after spaces and `\n`) so that a platform committing the
//! file back changes only what was translated; read back with the lines
//! each entry came from. Each segment is one entry, its id the `msgctxt`.

use super::exchange::{Document, Exchange, Unit};

const WIDTH: usize = 79;
const OWN_FIELDS: &[&str] = &[
    "Project-Id-Version",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
    "X-Generator",
    "X-Oerhub-Source-Language",
    "X-Oerhub-Page",
];

/// The header line that records one original: its path, its fingerprint
/// and its translation's when exported.
pub fn page_field(d: &Document) -> String {
    format!(
        "{} source={} translation={}",
        d.path,
        d.source_hash,
        d.translation_hash.as_deref().unwrap_or("none")
    )
}

/// A unit's `msgctxt`: its id, prefixed with its original's path when the
/// file holds several.
fn context(x: &Exchange, d: &Document, u: &Unit) -> String {
    if x.docs.len() > 1 {
        format!("{}#{}", d.path, u.id)
    } else {
        u.id.clone()
    }
}

pub fn write(x: &Exchange) -> String {
    let mut out = String::new();
    let what = match x.docs.as_slice() {
        [one] => one.path.clone(),
        many => format!("{} originals", many.len()),
    };
    out.push_str(&format!(
        "# {what} translated from {} into {}, for oerhub.\n",
        x.source_lang, x.target_lang
    ));
    out.push_str(
        "# Translate each msgstr. Keep the Markdown as it is: [link text](address),\n# `code`, **bold**, *italics*, ![image description](file), {placeholders}.\n",
    );
    let mut header = vec![
        ("Project-Id-Version".to_string(), "oerhub".to_string()),
        ("Language".into(), x.target_lang.clone()),
        ("MIME-Version".into(), "1.0".into()),
        ("Content-Type".into(), "text/plain; charset=UTF-8".into()),
        ("Content-Transfer-Encoding".into(), "8bit".into()),
    ];
    if let Some(p) = &x.plural_forms {
        header.push(("Plural-Forms".into(), p.clone()));
    }
    // Fields a platform fills in; given once, then kept as it wrote them.
    let today = format!("{} 00:00+0000", crate::model::Date::today());
    for (field, value) in [
        ("PO-Revision-Date", today.as_str()),
        ("Last-Translator", "none yet"),
        ("Language-Team", x.target_lang.as_str()),
    ] {
        if !x.kept_header.iter().any(|(k, _)| k == field) {
            header.push((field.to_string(), value.to_string()));
        }
    }
    header.extend(x.kept_header.iter().cloned());
    header.push(("X-Generator".into(), "oerhub".into()));
    header.push(("X-Oerhub-Source-Language".into(), x.source_lang.clone()));
    for d in &x.docs {
        header.push(("X-Oerhub-Page".into(), page_field(d)));
    }
    let fields: String = header.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    out.push_str("msgid \"\"\n");
    out.push_str(&quoted("msgstr", &fields));
    for (d, u) in x
        .docs
        .iter()
        .flat_map(|d| d.units.iter().map(move |u| (d, u)))
    {
        out.push('\n');
        if !u.note.is_empty() {
            out.push_str(&format!("#. {}\n", u.note));
        }
        out.push_str(&format!("#: {}:{}\n", d.path, u.line));
        if u.fuzzy {
            out.push_str("#, fuzzy\n");
        }
        if let Some(p) = &u.previous {
            out.push_str(&quoted("#| msgid", p).replace("\n\"", "\n#| \""));
        }
        out.push_str(&quoted("msgctxt", &context(x, d, u)));
        out.push_str(&quoted("msgid", &u.source[0]));
        if let Some(plural) = u.source.get(1) {
            out.push_str(&quoted("msgid_plural", plural));
            for (n, t) in u.target.iter().enumerate() {
                out.push_str(&quoted(&format!("msgstr[{n}]"), t));
            }
        } else {
            out.push_str(&quoted(
                "msgstr",
                u.target.first().map_or("", String::as_str),
            ));
        }
    }
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `keyword "text"`, on one line when it fits, else as `keyword ""`
/// followed by lines broken after spaces and newlines.
fn quoted(keyword: &str, text: &str) -> String {
    let escaped = escape(text);
    let one = format!("{keyword} \"{escaped}\"\n");
    let has_inner_newline = escaped.trim_end_matches("\\n").contains("\\n");
    if one.chars().count() <= WIDTH && !has_inner_newline {
        return one;
    }
    let mut out = format!("{keyword} \"\"\n");
    let mut line = String::new();
    let mut width = 0;
    for piece in pieces(&escaped) {
        let w = piece.chars().count();
        if width + w > WIDTH - 2 && !line.is_empty() {
            out.push_str(&format!("\"{line}\"\n"));
            line.clear();
            width = 0;
        }
        line.push_str(piece);
        width += w;
        if piece.ends_with("\\n") && !piece.ends_with("\\\\n") {
            out.push_str(&format!("\"{line}\"\n"));
            line.clear();
            width = 0;
        }
    }
    if !line.is_empty() {
        out.push_str(&format!("\"{line}\"\n"));
    }
    out
}

/// The escaped text cut after each space and each `\n`.
fn pieces(escaped: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = escaped.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && i + 1 < bytes.len() {
            i += 2;
            if bytes[i - 1] == b'n' {
                out.push(&escaped[start..i]);
                start = i;
            }
            continue;
        }
        i += 1;
        if bytes[i - 1] == b' ' {
            out.push(&escaped[start..i]);
            start = i;
        }
    }
    if start < escaped.len() {
        out.push(&escaped[start..]);
    }
    out
}

/// `content/a b.md source=… translation=…` read back (the path may hold
/// spaces; the fingerprints do not).
fn read_page_field(v: &str) -> Document {
    let mut parts = v.rsplitn(3, ' ');
    let translation = parts.next().unwrap_or_default();
    let source = parts.next().unwrap_or_default();
    let path = parts.next().unwrap_or_default();
    let hash = |s: &str, key: &str| s.strip_prefix(key).unwrap_or_default().to_string();
    let translation = hash(translation, "translation=");
    Document {
        path: path.to_string(),
        source_hash: hash(source, "source="),
        translation_hash: (translation != "none" && !translation.is_empty()).then_some(translation),
        units: Vec::new(),
    }
}

fn unescape(s: &str, line: u32) -> Result<String, (u32, String)> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('a') => out.push('\u{7}'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('v') => out.push('\u{b}'),
            other => {
                return Err((
                    line,
                    format!(
                        "`\\{}` is not an escape PO knows",
                        other.map(String::from).unwrap_or_default()
                    ),
                ))
            }
        }
    }
    Ok(out)
}

/// The string of a `keyword "text"` or `"text"` line.
fn string_of(rest: &str, line: u32) -> Result<String, (u32, String)> {
    let t = rest.trim();
    if t.len() < 2 || !t.starts_with('"') || !t.ends_with('"') {
        return Err((
            line,
            "a PO string must be written in double quotes".to_string(),
        ));
    }
    unescape(&t[1..t.len() - 1], line)
}

#[derive(Default)]
struct Entry {
    ctxt: Option<String>,
    id: Option<String>,
    id_plural: Option<String>,
    strs: Vec<(usize, String)>,
    fuzzy: bool,
    previous: Option<String>,
    note: String,
    line: u32,
    /// The line of its msgctxt (else its msgid): where messages point.
    first_line: u32,
    /// The string a continuation line adds to.
    last: Option<Field>,
}

#[derive(Clone, Copy)]
enum Field {
    Ctxt,
    Id,
    IdPlural,
    Str(usize),
    Previous,
}

pub fn read(text: &str) -> Result<Exchange, (u32, String)> {
    let mut entries = Vec::new();
    let mut e = Entry::default();
    for (n, raw) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let n = n as u32 + 1;
        let l = raw.trim();
        if l.is_empty() {
            if e.id.is_some() {
                entries.push(std::mem::take(&mut e));
            }
            continue;
        }
        if l.starts_with("#~") {
            continue;
        }
        if let Some(rest) = l.strip_prefix("#|") {
            let rest = rest.trim_start();
            if let Some(s) = rest.strip_prefix("msgid ") {
                e.previous = Some(string_of(s, n)?);
                e.last = Some(Field::Previous);
            } else if rest.starts_with('"') {
                if let (Some(Field::Previous), Some(p)) = (e.last, e.previous.as_mut()) {
                    p.push_str(&string_of(rest, n)?);
                }
            }
            continue;
        }
        if let Some(flags) = l.strip_prefix("#,") {
            e.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            continue;
        }
        if let Some(note) = l.strip_prefix("#.") {
            e.note = note.trim().to_string();
            continue;
        }
        if let Some(r) = l.strip_prefix("#:") {
            e.line = r
                .trim()
                .rsplit_once(':')
                .and_then(|(_, n)| n.parse().ok())
                .unwrap_or(0);
            continue;
        }
        if l.starts_with('#') {
            continue;
        }
        if l.starts_with('"') {
            let s = string_of(l, n)?;
            match e.last {
                Some(Field::Ctxt) => e.ctxt.get_or_insert_with(String::new).push_str(&s),
                Some(Field::Id) => e.id.get_or_insert_with(String::new).push_str(&s),
                Some(Field::IdPlural) => e.id_plural.get_or_insert_with(String::new).push_str(&s),
                Some(Field::Str(i)) => {
                    if let Some((_, t)) = e.strs.iter_mut().find(|(k, _)| *k == i) {
                        t.push_str(&s);
                    }
                }
                Some(Field::Previous) | None => {
                    return Err((n, "a string continues nothing".to_string()))
                }
            }
            continue;
        }
        let (keyword, rest) = l.split_once(' ').unwrap_or((l, ""));
        let s = string_of(rest, n)?;
        if keyword == "msgctxt" && e.id.is_some() {
            entries.push(std::mem::take(&mut e));
        }
        if e.first_line == 0 && (keyword == "msgctxt" || keyword == "msgid") {
            e.first_line = n;
        }
        match keyword {
            "msgctxt" => {
                e.ctxt = Some(s);
                e.last = Some(Field::Ctxt);
            }
            "msgid" => {
                if e.id.is_some() {
                    entries.push(std::mem::take(&mut e));
                    e.first_line = n;
                }
                e.id = Some(s);
                e.last = Some(Field::Id);
            }
            "msgid_plural" => {
                e.id_plural = Some(s);
                e.last = Some(Field::IdPlural);
            }
            "msgstr" => {
                e.strs.push((0, s));
                e.last = Some(Field::Str(0));
            }
            k if k.starts_with("msgstr[") && k.ends_with(']') => {
                let i: usize = k[7..k.len() - 1]
                    .parse()
                    .map_err(|_| (n, format!("`{k}` has no form number")))?;
                e.strs.push((i, s));
                e.last = Some(Field::Str(i));
            }
            other => return Err((n, format!("`{other}` is not a PO keyword"))),
        }
    }
    if e.id.is_some() {
        entries.push(e);
    }
    let mut x = Exchange::default();
    let mut has_header = false;
    for e in entries {
        if e.ctxt.is_none() && e.id.as_deref() == Some("") {
            has_header = true;
            let fields = e.strs.first().map(|(_, s)| s.as_str()).unwrap_or("");
            for line in fields.lines() {
                let Some((k, v)) = line.split_once(':') else {
                    continue;
                };
                let v = v.trim().to_string();
                match k.trim() {
                    "Language" => x.target_lang = v,
                    "Plural-Forms" => x.plural_forms = Some(v),
                    "X-Oerhub-Source-Language" => x.source_lang = v,
                    "X-Oerhub-Page" => x.docs.push(read_page_field(&v)),
                    k if OWN_FIELDS.contains(&k) => {}
                    k => x.kept_header.push((k.to_string(), v)),
                }
            }
            continue;
        }
        let Some(ctxt) = e.ctxt else {
            return Err((
                e.first_line,
                "this entry has no msgctxt, which names the segment it translates".into(),
            ));
        };
        let (doc, id) = match ctxt.rsplit_once('#') {
            Some((path, id)) if x.docs.len() > 1 => {
                (x.docs.iter().position(|d| d.path == path), id)
            }
            _ => ((x.docs.len() == 1).then_some(0), ctxt.as_str()),
        };
        let Some(doc) = doc else {
            return Err((
                e.first_line,
                format!("the msgctxt `{ctxt}` names no original of this file's header"),
            ));
        };
        let mut source = vec![e.id.unwrap_or_default()];
        source.extend(e.id_plural);
        let mut strs = e.strs;
        strs.sort_by_key(|(i, _)| *i);
        x.docs[doc].units.push(Unit {
            id: id.to_string(),
            source,
            target: strs.into_iter().map(|(_, s)| s).collect(),
            fuzzy: e.fuzzy,
            previous: e.previous,
            note: e.note,
            line: e.line,
            read_at: e.first_line,
        });
    }
    if !has_header || x.docs.is_empty() {
        return Err((
            1,
            "this PO file was not exported by oerhub (its header has no X-Oerhub-Page)".into(),
        ));
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Exchange {
        Exchange {
            source_lang: "en".into(),
            target_lang: "ru".into(),
            plural_forms: None,
            docs: vec![Document {
            path: "content/a b.md".into(),
            source_hash: "0123456789abcdef".into(),
            translation_hash: None,
            units: vec![
                Unit {
                    id: "title".into(),
                    source: vec!["Rights \"and\" duties".into()],
                    target: vec!["Права".into()],
                    fuzzy: false,
                    previous: None,
                    note: "front matter".into(),
                    line: 2,
                    read_at: 0,
                },
                Unit {
                    id: "body.0".into(),
                    source: vec!["A long paragraph that goes on and on, well past the width of one line in a PO file, with a hard\\\nbreak.".into()],
                    target: vec![String::new()],
                    fuzzy: true,
                    previous: Some("An older paragraph".into()),
                    note: "paragraph".into(),
                    line: 7,
                    read_at: 0,
                },
            ],
            }],
            kept_header: vec![
                ("PO-Revision-Date".into(), "2026-12-01 10:00+0100".into()),
                ("Last-Translator".into(), "Anna <a@example.org>".into()),
                ("Language-Team".into(), "Russian".into()),
            ],
        }
    }

    #[test]
    fn what_is_written_reads_back() {
        let x = sample();
        let text = write(&x);
        assert!(text.contains("msgctxt \"body.0\"\nmsgid \"\"\n\"A long paragraph"));
        assert!(text.contains("#, fuzzy\n#| msgid \"An older paragraph\"\n"));
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
        let mut back = read(&text).unwrap();
        for u in &mut back.docs[0].units {
            u.read_at = 0;
        }
        assert_eq!(back, x);
        // Two originals in one file: each unit's msgctxt names its own.
        let mut two = x.clone();
        let mut other = x.docs[0].clone();
        other.path = "content/c.md".into();
        other.translation_hash = Some("fedcba9876543210".into());
        two.docs.push(other);
        let text = write(&two);
        assert!(text.contains("msgctxt \"content/c.md#title\""), "{text}");
        assert!(
            text.contains(
                "\"X-Oerhub-Page: content/a b.md source=0123456789abcdef translation=none\\n\""
            ),
            "{text}"
        );
        let mut back = read(&text).unwrap();
        for u in back.docs.iter_mut().flat_map(|d| &mut d.units) {
            u.read_at = 0;
        }
        assert_eq!(back, two);
    }

    #[test]
    fn plural_entries_and_errors_at_their_line() {
        let text = "msgid \"\"\nmsgstr \"X-Oerhub-Page: i18n/en.yaml source=1 translation=none\\n\"\n\nmsgctxt \"items\"\nmsgid \"{n} item\"\nmsgid_plural \"{n} items\"\nmsgstr[0] \"{n} материал\"\nmsgstr[2] \"{n} материалов\"\nmsgstr[1] \"{n} материала\"\n";
        let x = read(text).unwrap();
        let u = &x.docs[0].units[0];
        assert_eq!(u.source, ["{n} item", "{n} items"]);
        assert_eq!(u.target[2], "{n} материалов");
        assert_eq!(u.read_at, 4);
        let bad = text.replace("msgstr[0] \"{n} материал\"", "msgstr[0] {n}");
        assert_eq!(read(&bad).unwrap_err().0, 7);
    }
}
