//! The browser's search index, per language, as script files (so it loads
//! from `file://`, where `fetch` of JSON is blocked): a small head with
//! document lengths, term shards keyed by a stem's first two letters, and
//! document fragments of 4 pages each. A one-word query loads the head,
//! one shard and the fragments of its top results, never the whole index.

use super::analyze::Analyzer;
use crate::link::{Page, Site};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// For one term: (document, its frequency in the title, the headings and
/// the body), by document.
/// Frequencies saturate at 65,535 (BM25 has long stopped counting).
type Postings = Vec<(u32, [u16; 3])>;

/// Postings as a shard holds them: one flat list of each document's
/// distance from the one before, then its frequencies, written as the body
/// count alone when the word is in neither title nor headings (most
/// are), else `[title, headings, body]`. `[3,1,4,[1,0,2]]` is documents 3
/// and 7, written plainly `[[3,[0,0,1]],[7,[1,0,2]]]`; a body-only posting
/// takes a third of its plain size. The 10,000-page corpus's index is 40%
/// smaller, for the reader to download and the build to write.
struct Packed<'a>(&'a Postings);

impl Serialize for Packed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.0.len() * 2))?;
        let mut previous = 0;
        for (doc, tf) in self.0 {
            seq.serialize_element(&(doc - previous))?;
            previous = *doc;
            match tf {
                [0, 0, body] => seq.serialize_element(body)?,
                all => seq.serialize_element(all)?,
            }
        }
        seq.end()
    }
}

/// Pages per document fragment.
pub const FRAGMENT: usize = 4;
/// The fields, scored separately with BM25 and summed with boosts (title
/// 6, headings 3, body 1), as `oerhub search` scores them with tantivy.
const TITLE: usize = 0;
const HEADINGS: usize = 1;
const BODY: usize = 2;
/// Characters of text kept per page for snippets and phrase checks.
const TEXT_KEPT: usize = 800;

#[derive(Serialize)]
struct Head<'a> {
    lang: &'a str,
    /// How the language's words were normalised, for the query side.
    analysis: super::languages::BrowserRules<'a>,
    /// Each document's length in words per field, for BM25.
    lengths: Vec<[u32; 3]>,
    fragment: usize,
    shards: Vec<String>,
}

#[derive(Serialize)]
struct Doc<'a> {
    u: &'a str,
    t: &'a str,
    y: &'static str,
    a: &'a [String],
    e: &'a str,
    x: String,
}

/// The index files of every language: site path → content.
/// Each file is handed to `keep` as soon as it is made (the build writes
/// it out), so the index is never in memory whole; what `keep` returns is
/// collected.
pub fn index_files<T, F>(site: &Site, keep: &F) -> Vec<T>
where
    T: Send,
    F: Fn(String, String) -> T + Sync,
{
    let langs: Vec<&crate::model::Lang> = site.languages().collect();
    langs
        .par_iter()
        .flat_map_iter(|lang| language_files(site, lang, keep))
        .collect()
}

fn language_files<T, F>(site: &Site, lang: &crate::model::Lang, keep: &F) -> Vec<T>
where
    T: Send,
    F: Fn(String, String) -> T + Sync,
{
    let mut files = Vec::new();
    let analyzer = Analyzer::new(lang);
    let docs: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| p.lang == *lang && !p.fallback && !p.implicit)
        .collect();
    // Pages are read in a few parallel chunks, each with its own word
    // table; the tables then meet in one list of stems, so every token is
    // hashed once and every distinct word is stemmed once per chunk.
    let chunk = docs
        .len()
        .div_ceil(rayon::current_num_threads() * 2)
        .max(64);
    let chunks: Vec<Chunk> = docs
        .par_chunks(chunk)
        .map(|pages| Chunk::read(&analyzer, pages))
        .collect();
    let mut stem_ids: HashMap<String, u32> = HashMap::default();
    let mut terms: Vec<(String, Postings)> = Vec::new();
    let mut lengths = Vec::with_capacity(docs.len());
    let mut d: u32 = 0;
    for chunk in chunks {
        let global: Vec<u32> = chunk
            .stems
            .into_iter()
            .map(|stem| match stem_ids.get(&stem) {
                Some(id) => *id,
                None => {
                    let id = terms.len() as u32;
                    terms.push((stem.clone(), Vec::new()));
                    stem_ids.insert(stem, id);
                    id
                }
            })
            .collect();
        for (words, length) in chunk.pages {
            lengths.push(length);
            for (word, tf) in words {
                let list = &mut terms[global[word as usize] as usize].1;
                match list.last_mut() {
                    // Two words of this page with one stem ("migrant", "migrants").
                    Some((last, sum)) if *last == d => {
                        for f in 0..3 {
                            sum[f] = sum[f].saturating_add(tf[f]);
                        }
                    }
                    _ => list.push((d, tf)),
                }
            }
            d += 1;
        }
    }
    let prefix = format!("search/{lang}");
    let mut shards: BTreeMap<String, BTreeMap<&str, Packed>> = BTreeMap::new();
    for (stem, postings) in &terms {
        shards
            .entry(shard_key(stem))
            .or_default()
            .insert(stem, Packed(postings));
    }
    files.par_extend(shards.par_iter().map(|(key, terms)| {
        keep(
            format!("{prefix}/t-{key}.js"),
            script("oerhubShard", lang.as_str(), key, &terms),
        )
    }));
    files.par_extend(docs.par_chunks(FRAGMENT).enumerate().map(|(n, chunk)| {
        let list: Vec<Doc> = chunk
            .iter()
            .map(|p| Doc {
                u: &p.url,
                t: &p.title,
                y: p.content_type().name(),
                a: &p.areas,
                e: p.description.as_deref().unwrap_or(&p.summary),
                x: first_chars(&p.text, TEXT_KEPT).to_string(),
            })
            .collect();
        keep(
            format!("{prefix}/d-{n}.js"),
            script("oerhubDocs", lang.as_str(), &n.to_string(), &list),
        )
    }));
    let head = Head {
        lang: lang.as_str(),
        analysis: analyzer.rules().for_browser(),
        lengths,
        fragment: FRAGMENT,
        shards: shards.into_keys().collect(),
    };
    files.push(keep(
        format!("{prefix}/index.js"),
        script("oerhubHead", lang.as_str(), "", &head),
    ));
    files
}

/// A page's words: (id in its chunk's word table, frequency per field).
type PageWords = Vec<(u32, [u16; 3])>;

/// A run of pages read together: each page's words as ids into the
/// chunk's word table with their frequency per field, the field lengths
/// BM25 needs, and the stem of every word in the table.
struct Chunk {
    pages: Vec<(PageWords, [u32; 3])>,
    stems: Vec<String>,
}

impl Chunk {
    fn read<'a>(analyzer: &Analyzer, pages: &[&'a Page]) -> Chunk {
        let mut table: HashMap<String, u32> = HashMap::default();
        // Words as written, to their id: most tokens repeat a form already
        // seen, and skip lower-casing and folding.
        let mut written: HashMap<&'a str, u32> = HashMap::default();
        let mut words: Vec<String> = Vec::new();
        // Per page: the frequencies of the words it uses, by word id.
        let mut tf: Vec<[u16; 3]> = Vec::new();
        let mut touched: Vec<u32> = Vec::new();
        let mut word = String::new();
        let mut out = Vec::with_capacity(pages.len());
        for p in pages {
            let mut length = [0u32; 3];
            let mut add = |text: &'a str, field: usize| {
                for w in super::analyze::words(text) {
                    let id = match written.get(w) {
                        Some(id) => *id,
                        None => {
                            analyzer.normalise_into(w, &mut word);
                            let id = match table.get(word.as_str()) {
                                Some(id) => *id,
                                None => {
                                    let id = words.len() as u32;
                                    words.push(word.clone());
                                    table.insert(word.clone(), id);
                                    tf.push([0; 3]);
                                    id
                                }
                            };
                            written.insert(w, id);
                            id
                        }
                    };
                    let counts = &mut tf[id as usize];
                    if *counts == [0; 3] {
                        touched.push(id);
                    }
                    counts[field] = counts[field].saturating_add(1);
                    length[field] += 1;
                }
            };
            add(&p.title, TITLE);
            for h in &p.toc {
                add(&h.title, HEADINGS);
            }
            if let Some(desc) = &p.description {
                add(desc, BODY);
            }
            add(&p.text, BODY);
            let used = touched
                .drain(..)
                .map(|id| (id, std::mem::take(&mut tf[id as usize])))
                .collect();
            out.push((used, length));
        }
        let stems = words.iter().map(|w| analyzer.stem(w)).collect();
        Chunk { pages: out, stems }
    }
}

/// The first `n` characters of `text`.
fn first_chars(text: &str, n: usize) -> &str {
    match text.char_indices().nth(n) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// A stem's shard: its first two characters, as lower-case hex of their
/// UTF-8 bytes (safe in any file system and URL).
pub fn shard_key(stem: &str) -> String {
    let head: String = stem.chars().take(2).collect();
    head.bytes().map(|b| format!("{b:02x}")).collect()
}

/// `window.oerhubShard("ru","d0bc",{…});` with the JSON made safe inside a
/// script: no `</script>` can end it early.
fn script(call: &str, lang: &str, key: &str, data: &impl Serialize) -> String {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(json.len() + 40);
    out.push_str(&format!("window.{call}({lang:?},{key:?},"));
    // One pass, and none at all for the common shard with nothing to escape.
    let mut rest = json.as_str();
    while let Some(i) = rest.find(['<', '\u{2028}', '\u{2029}']) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().unwrap_or('<');
        match c {
            '<' if rest[i..].starts_with("</") => out.push_str("<\\/"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
        rest = &rest[i + c.len_utf8()..];
        if c == '<' && rest.starts_with('/') {
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out.push_str(");\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_chars_counts_characters_not_bytes() {
        assert_eq!(first_chars("привет", 3), "при");
        assert_eq!(first_chars("ab", 5), "ab");
    }

    #[test]
    fn shard_keys_are_hex_of_two_letters() {
        assert_eq!(shard_key("migrant"), "6d69");
        assert_eq!(shard_key("м"), "d0bc");
    }

    #[test]
    fn postings_are_packed_by_distance_and_body_count() {
        let postings: Postings = vec![(3, [0, 0, 1]), (7, [1, 0, 2]), (8, [0, 0, 5])];
        let json = serde_json::to_string(&Packed(&postings)).unwrap();
        assert_eq!(json, "[3,1,4,[1,0,2],1,5]");
    }

    #[test]
    fn scripts_cannot_be_closed_by_content() {
        let s = script(
            "f",
            "en",
            "k",
            &vec!["</script><img onerror=x>", "a\u{2028}b<c"],
        );
        assert!(!s.contains("</script>"), "{s}");
        assert_eq!(
            s,
            "window.f(\"en\",\"k\",[\"<\\/script><img onerror=x>\",\"a\\u2028b<c\"]);\n"
        );
    }
}
