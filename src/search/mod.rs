//! Search: one text analysis (`analyze`, with each language's rules in
//! `languages`), the browser index built with it (`browser`), written as
//! script files so search works from `file://`, and the editors' search
//! (`editor`), which matches query words to terms by the same rule as the
//! browser (`matching`).

pub mod analyze;
pub mod browser;
pub mod editor;
pub mod languages;
pub mod matching;
