//! XLIFF 1.2, the exchange format CAT tools (OmegaT, Trados, memoQ) read:
//! one `<file>` per original, one `<trans-unit>` per segment, plurals as
//! gettext-style groups (as translate-toolkit writes them). A fuzzy unit's
//! target has `state="needs-review-translation"`. Read back with
//! quick-xml, keeping each unit's line for messages.

use super::exchange::{Document, Exchange, Unit};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

const NS: &str = "urn:oasis:names:tc:xliff:document:1.2";

/// Text for XML: escaped, without the control characters XML 1.0 forbids.
fn text(s: &str) -> String {
    let allowed: String = s
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'))
        .collect();
    quick_xml::escape::escape(allowed.as_str()).into_owned()
}

pub fn write(x: &Exchange) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<xliff version=\"1.2\" xmlns=\"{NS}\">\n"));
    for d in &x.docs {
        file(&mut out, x, d);
    }
    out.push_str("</xliff>\n");
    out
}

fn file(out: &mut String, x: &Exchange, d: &Document) {
    out.push_str(&format!(
        "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"x-markdown\">\n",
        text(&d.path),
        text(&x.source_lang),
        text(&x.target_lang)
    ));
    out.push_str("    <header>\n      <tool tool-id=\"oerhub\" tool-name=\"oerhub\"/>\n");
    out.push_str(&format!(
        "      <note from=\"oerhub\">source-hash={} translation-hash={}</note>\n",
        text(&d.source_hash),
        text(d.translation_hash.as_deref().unwrap_or("none"))
    ));
    out.push_str(
        "      <note>Keep the Markdown as it is: [link text](address), `code`, **bold**, *italics*, ![image description](file), {placeholders}.</note>\n",
    );
    out.push_str("    </header>\n    <body>\n");
    for u in &d.units {
        if u.source.len() > 1 {
            out.push_str(&format!(
                "      <group id=\"{}\" restype=\"x-gettext-plurals\">\n",
                text(&u.id)
            ));
            for (n, t) in u.target.iter().enumerate() {
                let source = &u.source[n.min(1)];
                let id = format!("{}[{n}]", u.id);
                unit(out, &d.path, u, &id, source, t, "        ");
            }
            out.push_str("      </group>\n");
        } else {
            let target = u.target.first().map_or("", String::as_str);
            unit(out, &d.path, u, &u.id, &u.source[0], target, "      ");
        }
    }
    out.push_str("    </body>\n  </file>\n");
}

fn unit(out: &mut String, path: &str, u: &Unit, id: &str, source: &str, target: &str, pad: &str) {
    // A translation that is not fuzzy is the published one: approved.
    let approved = if !target.is_empty() && !u.fuzzy {
        " approved=\"yes\""
    } else {
        ""
    };
    out.push_str(&format!(
        "{pad}<trans-unit id=\"{}\"{approved} xml:space=\"preserve\">\n",
        text(id)
    ));
    out.push_str(&format!("{pad}  <source>{}</source>\n", text(source)));
    if !target.is_empty() {
        let state = if u.fuzzy {
            "needs-review-translation"
        } else {
            "translated"
        };
        out.push_str(&format!(
            "{pad}  <target state=\"{state}\">{}</target>\n",
            text(target)
        ));
    }
    if !u.note.is_empty() {
        out.push_str(&format!("{pad}  <note>{}</note>\n", text(&u.note)));
    }
    if let Some(p) = &u.previous {
        out.push_str(&format!(
            "{pad}  <note from=\"oerhub-previous-source\">{}</note>\n",
            text(p)
        ));
    }
    out.push_str(&format!(
        "{pad}  <context-group purpose=\"location\">\n{pad}    <context context-type=\"sourcefile\">{}</context>\n{pad}    <context context-type=\"linenumber\">{}</context>\n{pad}  </context-group>\n",
        text(path),
        u.line
    ));
    out.push_str(&format!("{pad}</trans-unit>\n"));
}

/// Where text being read goes.
#[derive(Clone, Copy, PartialEq)]
enum Reading {
    Nothing,
    Source,
    Target,
    Note,
    Previous,
    HeaderNote,
    Line,
}

pub fn read(xml: &str) -> Result<Exchange, (u32, String)> {
    let line_at = |pos: u64| xml[..(pos as usize).min(xml.len())].matches('\n').count() as u32 + 1;
    let mut reader = Reader::from_str(xml);
    let mut x = Exchange::default();
    let mut into = Reading::Nothing;
    let mut buf = String::new();
    let mut current: Option<Unit> = None;
    let mut group: Option<String> = None;
    // The plural form being read, in a plural group.
    let mut form: Option<usize> = None;
    let mut in_header = false;
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| (line_at(reader.error_position()), e.to_string()))?;
        match event {
            Event::Start(e) | Event::Empty(e) if !matches!(into, Reading::Nothing) => {
                // Inline markup a tool added inside a string (<g>, <mrk>):
                // its text is kept, the tags are not.
                let _ = e;
            }
            Event::Start(e) => match e.local_name().as_ref() {
                "file" => {
                    if let (Some(u), Some(d)) = (current.take(), x.docs.last_mut()) {
                        d.units.push(u);
                    }
                    x.docs.push(Document {
                        path: attr(&e, "original").unwrap_or_default(),
                        ..Document::default()
                    });
                    x.source_lang = attr(&e, "source-language").unwrap_or_default();
                    x.target_lang = attr(&e, "target-language").unwrap_or_default();
                }
                "header" => in_header = true,
                "group" if attr(&e, "restype").as_deref() == Some("x-gettext-plurals") => {
                    group = attr(&e, "id");
                }
                "trans-unit" => {
                    form = group.as_ref().map(|_| form.map_or(0, |f| f + 1));
                    if form.unwrap_or(0) == 0 {
                        if let (Some(u), Some(d)) = (current.take(), x.docs.last_mut()) {
                            d.units.push(u);
                        }
                        current = Some(Unit {
                            id: group
                                .clone()
                                .unwrap_or_else(|| attr(&e, "id").unwrap_or_default()),
                            source: Vec::new(),
                            target: Vec::new(),
                            fuzzy: false,
                            previous: None,
                            note: String::new(),
                            line: 0,
                            read_at: line_at(at),
                        });
                    }
                }
                "source" => start(&mut into, &mut buf, Reading::Source),
                "target" => {
                    if let Some(u) = current.as_mut() {
                        let state = attr(&e, "state").unwrap_or_default();
                        u.fuzzy |= state.starts_with("needs-") && state != "needs-translation";
                    }
                    start(&mut into, &mut buf, Reading::Target)
                }
                "note" if in_header => {
                    let what = if attr(&e, "from").as_deref() == Some("oerhub") {
                        Reading::HeaderNote
                    } else {
                        Reading::Nothing
                    };
                    start(&mut into, &mut buf, what)
                }
                "note" => {
                    let what = if attr(&e, "from").as_deref() == Some("oerhub-previous-source") {
                        Reading::Previous
                    } else {
                        Reading::Note
                    };
                    start(&mut into, &mut buf, what)
                }
                "context" if attr(&e, "context-type").as_deref() == Some("linenumber") => {
                    start(&mut into, &mut buf, Reading::Line)
                }
                _ => {}
            },
            Event::Text(t) if into != Reading::Nothing => buf.push_str(&t.xml10_content()),
            Event::CData(t) if into != Reading::Nothing => buf.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if into != Reading::Nothing => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                match c {
                    Some(c) => buf.push(c),
                    None => {
                        return Err((
                            line_at(at),
                            format!("`&{};` is not an entity XML knows", r.xml10_content()),
                        ))
                    }
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let closes = matches!(
                    (name.as_ref(), into),
                    ("source", Reading::Source)
                        | ("target", Reading::Target)
                        | (
                            "note",
                            Reading::Note | Reading::Previous | Reading::HeaderNote
                        )
                        | ("context", Reading::Line)
                );
                if closes {
                    let s = std::mem::take(&mut buf);
                    match (into, current.as_mut()) {
                        // A plural's forms after the second repeat its plural.
                        (Reading::Source, Some(u)) if form.unwrap_or(0) < 2 => u.source.push(s),
                        (Reading::Target, Some(u)) => u.target.push(s),
                        (Reading::Note, Some(u)) => u.note = s,
                        (Reading::Previous, Some(u)) => u.previous = Some(s),
                        (Reading::Line, Some(u)) => u.line = s.trim().parse().unwrap_or(0),
                        (Reading::HeaderNote, _) => {
                            let Some(d) = x.docs.last_mut() else {
                                continue;
                            };
                            for pair in s.split_whitespace() {
                                match pair.split_once('=') {
                                    Some(("source-hash", v)) => d.source_hash = v.into(),
                                    Some(("translation-hash", v)) if v != "none" => {
                                        d.translation_hash = Some(v.into())
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ => {}
                    }
                    into = Reading::Nothing;
                } else if into == Reading::Nothing {
                    match name.as_ref() {
                        "header" => in_header = false,
                        "group" => {
                            group = None;
                            form = None;
                        }
                        "trans-unit" => {
                            // A form left untranslated has no target.
                            if let Some(u) = current.as_mut() {
                                if u.target.len() < form.unwrap_or(0) + 1 {
                                    u.target.push(String::new());
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let (Some(u), Some(d)) = (current.take(), x.docs.last_mut()) {
        d.units.push(u);
    }
    if x.docs.is_empty() {
        return Err((1, "this XLIFF file has no <file> element".into()));
    }
    Ok(x)
}

fn start(into: &mut Reading, buf: &mut String, what: Reading) {
    *into = what;
    buf.clear();
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back() {
        let x = Exchange {
            source_lang: "en".into(),
            target_lang: "ru".into(),
            plural_forms: None,
            docs: vec![Document {
                path: "content/a & b.md".into(),
                source_hash: "0123456789abcdef".into(),
                translation_hash: Some("fedcba9876543210".into()),
                units: vec![
                    Unit {
                        id: "body.0".into(),
                        source: vec!["<b>Tags</b> & \"quotes\"\u{1}\nline".into()],
                        target: vec!["Теги".into()],
                        fuzzy: true,
                        previous: Some("Old".into()),
                        note: "paragraph".into(),
                        line: 9,
                        read_at: 0,
                    },
                    Unit {
                        id: "items".into(),
                        source: vec!["{n} item".into(), "{n} items".into()],
                        target: vec![
                            "{n} материал".into(),
                            String::new(),
                            "{n} материалов".into(),
                        ],
                        fuzzy: false,
                        previous: None,
                        note: String::new(),
                        line: 3,
                        read_at: 0,
                    },
                ],
            }],
            kept_header: Vec::new(),
        };
        let xml = write(&x);
        assert!(!xml.contains('\u{1}'));
        let mut back = read(&xml).unwrap();
        for u in &mut back.docs[0].units {
            u.read_at = 0;
        }
        let mut expected = x.clone();
        expected.docs[0].units[0].source[0] = "<b>Tags</b> & \"quotes\"\nline".into();
        assert_eq!(back, expected);
    }

    #[test]
    fn broken_xml_is_reported_at_its_line() {
        let err = read("<?xml version=\"1.0\"?>\n<xliff>\n<file>\n</xliff>\n").unwrap_err();
        assert!(err.0 >= 3, "{err:?}");
    }
}
