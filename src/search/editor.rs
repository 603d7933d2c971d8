//! `oerhub search`: full-text search for editors over the hub's content,
//! with tantivy. The index is built with the same analysis as the
//! browser's (a tantivy tokenizer over `analyze`), kept under the hub's
//! `.oerhub-cache/search/<lang>/` and rebuilt only when the content or
//! the analysis changed. Query words find terms by the browser's rule
//! (`matching`), so both find the same pages.

use super::analyze::{words_at, Analyzer};
use crate::link::Site;
use crate::model::Lang;
use std::path::Path;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{doc, Index, TantivyDocument, Term};

/// Changes whenever the analysis changes, so cached indexes are rebuilt.
const ANALYSIS_VERSION: &str = "2: per-language folding, Snowball for 20 languages";

/// Our analysis as a tantivy tokenizer: one token per word, its stem.
#[derive(Clone)]
pub struct StemTokenizer(Arc<Analyzer>);

pub struct StemStream {
    tokens: Vec<Token>,
    at: usize,
}

impl Tokenizer for StemTokenizer {
    type TokenStream<'a> = StemStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> StemStream {
        let tokens = words_at(text)
            .enumerate()
            .map(|(position, (offset, word))| Token {
                offset_from: offset,
                offset_to: offset + word.len(),
                position,
                text: self.0.stem(&self.0.normalise(word)),
                position_length: 1,
            })
            .collect();
        StemStream { tokens, at: 0 }
    }
}

impl TokenStream for StemStream {
    fn advance(&mut self) -> bool {
        self.at += 1;
        self.at <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.at - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.at - 1]
    }
}

struct Fields {
    url: Field,
    title: Field,
    headings: Field,
    body: Field,
    kind: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("oerhub")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        url: b.add_text_field("url", STRING | STORED),
        title: b.add_text_field("title", text.clone().set_stored()),
        headings: b.add_text_field("headings", text.clone()),
        body: b.add_text_field("body", text),
        kind: b.add_text_field("type", STRING | STORED),
    };
    (b.build(), fields)
}

/// One hit: what `oerhub search` prints.
#[derive(Debug, serde::Serialize)]
pub struct Hit {
    pub score: f32,
    pub title: String,
    pub url: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// Searches the pages of `lang` for `query` (words, "phrases").
pub fn search(
    site: &Site,
    cache: &Path,
    lang: &Lang,
    query: &str,
    limit: usize,
) -> Result<Vec<Hit>, String> {
    let (schema, f) = schema();
    let fingerprint = content_fingerprint(site, lang);
    let dir = cache.join("search").join(lang.as_str());
    let stamp = dir.join("content.fingerprint");
    let fresh = std::fs::read_to_string(&stamp).ok().as_deref() == Some(fingerprint.as_str());
    let index = if fresh {
        Index::open_in_dir(&dir).map_err(|e| e.to_string())?
    } else {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let index = Index::create_in_dir(&dir, schema).map_err(|e| e.to_string())?;
        register(&index, lang);
        let mut writer = index
            .writer::<TantivyDocument>(50_000_000)
            .map_err(|e| e.to_string())?;
        for p in site
            .pages
            .iter()
            .filter(|p| p.lang == *lang && !p.fallback && !p.implicit)
        {
            let headings: Vec<&str> = p.toc.iter().map(|h| h.title.as_str()).collect();
            let body = format!("{}\n{}", p.description.as_deref().unwrap_or(""), p.text);
            writer
                .add_document(doc!(
                    f.url => p.url.clone(),
                    f.title => p.title.clone(),
                    f.headings => headings.join("\n"),
                    f.body => body,
                    f.kind => p.content_type().name(),
                ))
                .map_err(|e| e.to_string())?;
        }
        writer.commit().map_err(|e| e.to_string())?;
        std::fs::write(&stamp, &fingerprint).map_err(|e| e.to_string())?;
        index
    };
    register(&index, lang);
    let reader = index.reader().map_err(|e| e.to_string())?;
    let searcher = reader.searcher();
    let analyzer = Analyzer::new(lang);
    let fields = [(f.title, 6.0), (f.headings, 3.0), (f.body, 1.0)];
    let built = build_query(&searcher, &analyzer, &fields, query).map_err(|e| e.to_string())?;
    let collector = TopDocs::with_limit(limit);
    // Pages with every word first, as the browser ranks them; else any.
    let mut top = searcher
        .search(&built.all, &collector)
        .map_err(|e| e.to_string())?;
    if top.is_empty() {
        top = searcher
            .search(&built.any, &collector)
            .map_err(|e| e.to_string())?;
    }
    let text = |d: &TantivyDocument, field: Field| {
        d.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    top.into_iter()
        .map(|(score, address)| {
            let d: TantivyDocument = searcher.doc(address).map_err(|e| e.to_string())?;
            Ok(Hit {
                score,
                title: text(&d, f.title),
                url: text(&d, f.url),
                kind: text(&d, f.kind),
            })
        })
        .collect()
}

/// A query as pages with every word, and with any word (each "phrase"
/// required in both).
struct Built {
    all: BooleanQuery,
    any: BooleanQuery,
}

/// Per query word, the best of the terms it stands for (`matching`),
/// each term scored over the fields with their boosts; phrases as
/// phrase queries on their words' stems.
fn build_query(
    searcher: &tantivy::Searcher,
    analyzer: &Analyzer,
    fields: &[(Field, f32)],
    query: &str,
) -> tantivy::Result<Built> {
    let mut phrases = Vec::new();
    let mut rest = String::new();
    for (i, part) in query.split('"').enumerate() {
        if i % 2 == 1 && !part.trim().is_empty() {
            phrases.push(part.to_string());
        }
        rest.push(' ');
        rest.push_str(part);
    }
    let mut per_word: Vec<Box<dyn Query>> = Vec::new();
    for word in super::analyze::words(&rest) {
        let q = analyzer.normalise(word);
        let own = analyzer.stem(&q);
        let mut terms: std::collections::BTreeMap<String, f32> = candidates(searcher, fields, &q)?
            .into_iter()
            .filter_map(|t| super::matching::weight(&t, &q).map(|w| (t, w)))
            .collect();
        terms.insert(own, 1.0);
        let disjuncts: Vec<Box<dyn Query>> = terms
            .into_iter()
            .map(|(t, w)| Box::new(BoostQuery::new(over_fields(fields, &t), w)) as Box<dyn Query>)
            .collect();
        per_word.push(Box::new(DisjunctionMaxQuery::new(disjuncts)));
    }
    let phrase_queries: Vec<Box<dyn Query>> = phrases
        .iter()
        .filter_map(|p| {
            let stems: Vec<String> = super::analyze::words(p)
                .map(|w| analyzer.stem(&analyzer.normalise(w)))
                .collect();
            (stems.len() > 1).then(|| {
                let per_field: Vec<(Occur, Box<dyn Query>)> = fields
                    .iter()
                    .map(|(field, _)| {
                        let terms = stems
                            .iter()
                            .map(|s| Term::from_field_text(*field, s))
                            .collect();
                        (
                            Occur::Should,
                            Box::new(PhraseQuery::new(terms)) as Box<dyn Query>,
                        )
                    })
                    .collect();
                Box::new(BooleanQuery::new(per_field)) as Box<dyn Query>
            })
        })
        .collect();
    let with = |occur: Occur| {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            per_word.iter().map(|q| (occur, q.box_clone())).collect();
        clauses.extend(phrase_queries.iter().map(|q| (Occur::Must, q.box_clone())));
        BooleanQuery::new(clauses)
    };
    Ok(Built {
        all: with(Occur::Must),
        any: with(Occur::Should),
    })
}

/// A term scored in every field with the field's boost, summed.
fn over_fields(fields: &[(Field, f32)], term: &str) -> Box<dyn Query> {
    let clauses = fields
        .iter()
        .map(|(field, boost)| {
            let q = TermQuery::new(
                Term::from_field_text(*field, term),
                IndexRecordOption::WithFreqs,
            );
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(q), *boost)) as Box<dyn Query>,
            )
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// The terms of any field that begin as `q` does (see `matching::scan_prefix`).
fn candidates(
    searcher: &tantivy::Searcher,
    fields: &[(Field, f32)],
    q: &str,
) -> tantivy::Result<std::collections::BTreeSet<String>> {
    let prefix = super::matching::scan_prefix(q);
    let mut out = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        for (field, _) in fields {
            let index = segment.inverted_index(*field)?;
            let mut stream = index.terms().range().ge(prefix.as_bytes()).into_stream()?;
            while stream.advance() {
                let key = stream.key();
                if !key.starts_with(prefix.as_bytes()) {
                    break;
                }
                if let Ok(t) = std::str::from_utf8(key) {
                    out.insert(t.to_string());
                }
            }
        }
    }
    Ok(out)
}

fn register(index: &Index, lang: &Lang) {
    index
        .tokenizers()
        .register("oerhub", StemTokenizer(Arc::new(Analyzer::new(lang))));
}

/// Changes whenever a page of `lang` changes, so the cache is rebuilt.
fn content_fingerprint(site: &Site, lang: &Lang) -> String {
    let mut h = crate::translations::Fnv64::new();
    h.write(crate::VERSION.as_bytes());
    h.write(ANALYSIS_VERSION.as_bytes());
    for p in site.pages.iter().filter(|p| p.lang == *lang && !p.fallback) {
        h.write(p.url.as_bytes());
        h.write(p.title.as_bytes());
        h.write(p.text.as_bytes());
    }
    format!("{:016x}", h.finish())
}
