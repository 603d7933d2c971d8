//! Which index terms a query word stands for, and how well each matches.
//! The browser cannot stem (no stemmer runs in `search.js`), so it
//! compares the normalised query word with the index's stems; `oerhub
//! search` uses this same rule over tantivy's term dictionary, plus the
//! word's own stem, so both find the same pages. `search.js`'s `matches`
//! is this function, written again in JavaScript: change both together.
//!
//! A term `t` matches a query word `q` (both normalised and folded):
//! - exactly (weight 1);
//! - as a stem that begins the word, at least 3 letters and 40% of it
//!   ("мигрант" for "мигрантов"; English stems spell a final y as i,
//!   "countri" for "country") (0.9);
//! - sharing a beginning of at least 4 letters that leaves at most 3
//!   letters of either ("мігранти" for "мігрантів", "migraca" for
//!   "migracoes"): the inflected forms of languages without a stemmer,
//!   and stems rewritten at the end ("national" for "nationaux") (0.8);
//! - as the start of a longer term, when the word has at least 3
//!   letters (typing: "migr" finds "migrant") (0.6).

/// The weight of term `t` for query word `q`, or `None`.
pub fn weight(t: &str, q: &str) -> Option<f32> {
    if t == q {
        return Some(1.0);
    }
    let tn = t.chars().count();
    let qn = q.chars().count();
    if begins(q, t) && tn >= 3.max((qn * 2).div_ceil(5)) {
        return Some(0.9);
    }
    let shared = t.chars().zip(q.chars()).take_while(|(a, b)| a == b).count();
    if shared >= 4 && shared + 3 >= tn.max(qn) {
        return Some(0.8);
    }
    if qn >= 3 && t.starts_with(q) {
        return Some(0.6);
    }
    None
}

/// Whether stem `t` begins `word` (with English final y spelt i).
fn begins(word: &str, t: &str) -> bool {
    if word.starts_with(t) {
        return true;
    }
    match t.strip_suffix('i') {
        Some(head) => word.starts_with(head) && word[head.len()..].starts_with('y'),
        None => false,
    }
}

/// The beginning every term matching `q` shares with it: its first two
/// letters (or all of a shorter word), which is also how the browser's
/// index is sharded, so a dictionary scan over that prefix sees every
/// candidate the browser sees.
pub fn scan_prefix(q: &str) -> &str {
    match q.char_indices().nth(2) {
        Some((i, _)) => &q[..i],
        None => q,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_follow_the_documented_rule() {
        assert_eq!(weight("migrant", "migrant"), Some(1.0));
        assert_eq!(weight("мигрант", "мигрантов"), Some(0.9));
        assert_eq!(weight("countri", "country"), Some(0.9));
        assert_eq!(weight("мігранти", "мігрантів"), Some(0.8));
        assert_eq!(weight("national", "nationaux"), Some(0.8));
        assert_eq!(weight("migrants", "migr"), Some(0.6));
        assert_eq!(weight("mi", "migrant"), None, "too short a stem");
        assert_eq!(weight("asylum", "migrant"), None);
        assert_eq!(weight("integration", "integr"), Some(0.6));
    }

    #[test]
    fn every_match_starts_with_the_scan_prefix() {
        for (t, q) in [
            ("мигрант", "мигрантов"),
            ("national", "nationaux"),
            ("ab", "ab"),
            ("cri", "cry"),
        ] {
            assert!(weight(t, q).is_some());
            assert!(t.starts_with(scan_prefix(q)), "{t} {q}");
        }
    }
}
