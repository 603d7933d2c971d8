//! `oerhub search`: full-text search for editors over the hub's content,
//! with tantivy. The index is built with the same analysis as the
//! browser's (a tantivy tokenizer over `analyze`), kept under the hub's
//! `.oerhub-cache/search/<lang>/` and rebuilt only when the content changed.

use super::analyze::{words_at, Analyzer};
use crate::link::Site;
use crate::model::Lang;
use std::path::Path;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{doc, Index, TantivyDocument};

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
    let mut parser = QueryParser::for_index(&index, vec![f.title, f.headings, f.body]);
    parser.set_field_boost(f.title, 6.0);
    parser.set_field_boost(f.headings, 3.0);
    let (parsed, _) = parser.parse_query_lenient(query);
    let top = searcher
        .search(&parsed, &TopDocs::with_limit(limit))
        .map_err(|e| e.to_string())?;
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

fn register(index: &Index, lang: &Lang) {
    index
        .tokenizers()
        .register("oerhub", StemTokenizer(Arc::new(Analyzer::new(lang))));
}

/// Changes whenever a page of `lang` changes, so the cache is rebuilt.
fn content_fingerprint(site: &Site, lang: &Lang) -> String {
    let mut h = crate::translations::Fnv64::new();
    h.write(crate::VERSION.as_bytes());
    for p in site.pages.iter().filter(|p| p.lang == *lang && !p.fallback) {
        h.write(p.url.as_bytes());
        h.write(p.title.as_bytes());
        h.write(p.text.as_bytes());
    }
    format!("{:016x}", h.finish())
}
