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
/// the body).
type Postings = Vec<(usize, [u32; 3])>;

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
pub fn index_files(site: &Site) -> Vec<(String, String)> {
    let langs: Vec<&crate::model::Lang> = site.languages().collect();
    langs
        .par_iter()
        .flat_map_iter(|lang| language_files(site, lang))
        .collect()
}

fn language_files(site: &Site, lang: &crate::model::Lang) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let analyzer = Analyzer::new(lang);
    let docs: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| p.lang == *lang && !p.fallback && !p.implicit)
        .collect();
    // Words counted per page in parallel; each distinct word stemmed once.
    let counted: Vec<(WordCounts, [u32; 3])> =
        docs.par_iter().map(|p| count_words(&analyzer, p)).collect();
    let mut stems: HashMap<String, usize> = HashMap::default();
    let mut by_stem: HashMap<String, usize> = HashMap::default();
    let mut terms: Vec<(String, Postings)> = Vec::new();
    let mut lengths = Vec::with_capacity(docs.len());
    for (d, (counts, length)) in counted.into_iter().enumerate() {
        lengths.push(length);
        for (word, tf) in counts {
            let id = match stems.get(&word) {
                Some(id) => *id,
                None => {
                    let stem = analyzer.stem(&word);
                    let id = *by_stem.entry(stem).or_insert_with_key(|stem| {
                        terms.push((stem.clone(), Vec::new()));
                        terms.len() - 1
                    });
                    stems.insert(word, id);
                    id
                }
            };
            let list = &mut terms[id].1;
            match list.last_mut() {
                // Two words of this page with one stem ("migrant", "migrants").
                Some((last, sum)) if *last == d => {
                    for f in 0..3 {
                        sum[f] += tf[f];
                    }
                }
                _ => list.push((d, tf)),
            }
        }
    }
    let prefix = format!("search/{lang}");
    let mut shards: BTreeMap<String, BTreeMap<&str, &Postings>> = BTreeMap::new();
    for (stem, postings) in &terms {
        shards
            .entry(shard_key(stem))
            .or_default()
            .insert(stem, postings);
    }
    for (key, terms) in &shards {
        files.push((
            format!("{prefix}/t-{key}.js"),
            script("oerhubShard", lang.as_str(), key, &terms),
        ));
    }
    for (n, chunk) in docs.chunks(FRAGMENT).enumerate() {
        let list: Vec<Doc> = chunk
            .iter()
            .map(|p| Doc {
                u: &p.url,
                t: &p.title,
                y: p.content_type().name(),
                a: &p.areas,
                e: p.description.as_deref().unwrap_or(&p.summary),
                x: p.text.chars().take(TEXT_KEPT).collect(),
            })
            .collect();
        files.push((
            format!("{prefix}/d-{n}.js"),
            script("oerhubDocs", lang.as_str(), &n.to_string(), &list),
        ));
    }
    let head = Head {
        lang: lang.as_str(),
        lengths,
        fragment: FRAGMENT,
        shards: shards.into_keys().collect(),
    };
    files.push((
        format!("{prefix}/index.js"),
        script("oerhubHead", lang.as_str(), "", &head),
    ));
    files
}

/// A page's words, lower-cased and folded, with their frequency per field.
type WordCounts = HashMap<String, [u32; 3]>;

/// Counts the words of a page's title, headings and body (its description
/// counts as body), and the field lengths BM25 needs.
fn count_words(analyzer: &Analyzer, p: &Page) -> (WordCounts, [u32; 3]) {
    let mut counts: WordCounts = HashMap::default();
    let mut length = [0u32; 3];
    let mut word = String::new();
    let mut add = |text: &str, field: usize| {
        for w in super::analyze::words(text) {
            analyzer.normalise_into(w, &mut word);
            match counts.get_mut(word.as_str()) {
                Some(tf) => tf[field] += 1,
                None => {
                    let mut tf = [0; 3];
                    tf[field] = 1;
                    counts.insert(word.clone(), tf);
                }
            }
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
    (counts, length)
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
    let json = serde_json::to_string(data)
        .unwrap_or_else(|_| "null".into())
        .replace("</", "<\\/")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    format!("window.{call}({lang:?},{key:?},{json});\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_keys_are_hex_of_two_letters() {
        assert_eq!(shard_key("migrant"), "6d69");
        assert_eq!(shard_key("м"), "d0bc");
    }

    #[test]
    fn scripts_cannot_be_closed_by_content() {
        let s = script("f", "en", "k", &vec!["</script><img onerror=x>"]);
        assert!(!s.contains("</script>"), "{s}");
    }
}
