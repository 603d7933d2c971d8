//! Search: one text analysis (`analyze`) and the browser index built with
//! it (`browser`), written as script files so search works from `file://`.

pub mod analyze;
pub mod browser;
pub mod editor;
