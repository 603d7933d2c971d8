//! Metadata for machines: AMB/LRMI records for learning resources,
//! schema.org JSON-LD for the other pages, the Atom feed of updates, and
//! the bulk file OER aggregators harvest in one request.

pub mod amb;
pub mod atom;
pub mod ld;

use crate::link::Site;
use rayon::prelude::*;

/// Where the bulk metadata file is published.
pub const BULK_URL: &str = "/bundles/metadata.jsonl";

/// Every learning resource's AMB record, one JSON object per line, in URL
/// order (translations are records of their own).
pub fn bulk(site: &Site) -> String {
    let mut lines: Vec<(&str, String)> = site
        .pages
        .par_iter()
        .enumerate()
        .filter(|(_, p)| !p.fallback)
        .filter_map(|(i, p)| amb::record(site, i).map(|r| (p.url.as_str(), r.to_string())))
        .collect();
    lines.sort();
    let mut out = String::with_capacity(lines.iter().map(|(_, l)| l.len() + 1).sum());
    for (_, line) in lines {
        out.push_str(&line);
        out.push('\n');
    }
    out
}
