//! What search does with each language, chosen from its code: the case
//! rules, the letters folded together because readers type them either
//! way without changing the meaning, and the stemmer. A language not
//! named here is lower-cased and normalised (NFC) only; search then
//! finds its inflected forms by prefix (see `matching`).
//!
//! Folding is per language because a mark that is decoration in one
//! language is a letter in another: `é` is `e` to a French or Spanish
//! reader, but `ñ` is not `n` in Spanish ("año", "ano"), `ö` is not `o`
//! in Swedish or Hungarian, and `ə` is its own letter in Azerbaijani.

use snowstem::Algorithm;
use std::collections::BTreeMap;

/// How a language's words become stems.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stemming {
    Snowball(Algorithm),
    /// oerhub's own suffix stripper (`analyze::stem_azerbaijani`).
    Azerbaijani,
    /// No stemmer: words are kept whole and matched by prefix.
    None,
}

/// One language's analysis rules, as data: the browser receives the same
/// table in its index head (`Rules::for_browser`), so both sides fold alike.
#[derive(Clone, Debug)]
pub struct Rules {
    /// Turkic case: `I` is `ı`, `İ` is `i`.
    pub turkic: bool,
    /// Lower-case letter → what it becomes (often an empty string: a mark).
    pub fold: BTreeMap<char, String>,
    /// Letter pairs written for one letter, replaced left to right
    /// (German `ue` for `ü`); a pair starting with `q` + `u` is kept.
    pub digraphs: &'static [(&'static str, &'static str)],
    /// Word beginnings removed when at least three letters remain (the
    /// Arabic article and the conjunctions and prepositions joined to it).
    pub prefixes: &'static [&'static str],
    pub stemming: Stemming,
}

/// Characters inside words that are not letters: joiners (Persian,
/// Indic scripts) and the soft hyphen. They are dropped.
const INVISIBLE: &[char] = &['\u{200C}', '\u{200D}', '\u{AD}'];

/// How Latin letters with marks fold, per language.
#[derive(Clone, Copy)]
enum Latin {
    /// Keep every letter (marks are letters in the language).
    Keep,
    /// Fold every letter with a mark to its base letter, except these.
    FoldExcept(&'static [char]),
}

const GERMAN_DIGRAPHS: &[(&str, &str)] = &[("ae", "a"), ("oe", "o"), ("ue", "u")];
const ARABIC_PREFIXES: &[&str] = &["وال", "بال", "كال", "فال", "لل", "ال"];

impl Rules {
    /// The rules for a language code (`pt-BR` is Portuguese, `nb` Norwegian).
    pub fn for_code(code: &str) -> Rules {
        let primary = code.split(['-', '_']).next().unwrap_or(code);
        let primary = primary.to_ascii_lowercase();
        use Algorithm as A;
        let (latin, stemming) = match primary.as_str() {
            "en" => (Latin::FoldExcept(&[]), Stemming::Snowball(A::English)),
            "fr" => (Latin::FoldExcept(&[]), Stemming::Snowball(A::French)),
            "es" => (Latin::FoldExcept(&['ñ']), Stemming::Snowball(A::Spanish)),
            "pt" => (Latin::FoldExcept(&[]), Stemming::Snowball(A::Portuguese)),
            "it" => (Latin::FoldExcept(&[]), Stemming::Snowball(A::Italian)),
            "nl" => (Latin::FoldExcept(&[]), Stemming::Snowball(A::Dutch)),
            // Snowball's German treats ä/ae, ö/oe, ü/ue and ß/ss alike.
            "de" => (Latin::FoldExcept(&[]), Stemming::Snowball(A::German)),
            // Turkish readers without a Turkish keyboard type c g i o s u.
            "tr" => (Latin::FoldExcept(&[]), Stemming::Snowball(A::Turkish)),
            "da" => (Latin::Keep, Stemming::Snowball(A::Danish)),
            "sv" => (Latin::Keep, Stemming::Snowball(A::Swedish)),
            "nb" | "nn" | "no" => (Latin::Keep, Stemming::Snowball(A::Norwegian)),
            "fi" => (Latin::Keep, Stemming::Snowball(A::Finnish)),
            "hu" => (Latin::Keep, Stemming::Snowball(A::Hungarian)),
            "cs" => (Latin::Keep, Stemming::Snowball(A::Czech)),
            "ro" => (Latin::Keep, Stemming::Snowball(A::Romanian)),
            "pl" => (Latin::Keep, Stemming::Snowball(A::Polish)),
            "ru" => (Latin::Keep, Stemming::Snowball(A::Russian)),
            "el" => (Latin::Keep, Stemming::Snowball(A::Greek)),
            "ar" => (Latin::Keep, Stemming::Snowball(A::Arabic)),
            "ta" => (Latin::Keep, Stemming::Snowball(A::Tamil)),
            "az" => (Latin::Keep, Stemming::Azerbaijani),
            _ => (Latin::Keep, Stemming::None),
        };
        let mut fold: BTreeMap<char, String> =
            INVISIBLE.iter().map(|c| (*c, String::new())).collect();
        if let Latin::FoldExcept(keep) = latin {
            fold.extend(latin_folds(keep));
        }
        let extra: &[(char, &str)] = match primary.as_str() {
            "ru" => &[('ё', "е")],
            // Romanian ș and ț are often typed with a cedilla.
            "ro" => &[('ş', "ș"), ('ţ', "ț")],
            "el" => &[
                ('ά', "α"),
                ('έ', "ε"),
                ('ή', "η"),
                ('ί', "ι"),
                ('ϊ', "ι"),
                ('ΐ', "ι"),
                ('ό', "ο"),
                ('ύ', "υ"),
                ('ϋ', "υ"),
                ('ΰ', "υ"),
                ('ώ', "ω"),
                ('ς', "σ"),
            ],
            "ar" | "fa" | "ur" | "ps" | "ckb" | "sd" | "ug" => &[
                ('أ', "ا"),
                ('إ', "ا"),
                ('آ', "ا"),
                ('ٱ', "ا"),
                ('\u{640}', ""), // tatweel
            ],
            _ => &[],
        };
        fold.extend(extra.iter().map(|(c, s)| (*c, s.to_string())));
        if matches!(primary.as_str(), "fa" | "ur" | "ps" | "ckb") {
            // Arabic letter forms typed for the Persian ones.
            fold.insert('ي', "ی".into());
            fold.insert('ى', "ی".into());
            fold.insert('ك', "ک".into());
        }
        if matches!(
            primary.as_str(),
            "ar" | "fa" | "ur" | "ps" | "ckb" | "sd" | "ug"
        ) {
            // Short vowels and other marks, mostly left unwritten.
            for c in ('\u{64B}'..='\u{65F}').chain(['\u{670}']) {
                fold.insert(c, String::new());
            }
        }
        if matches!(primary.as_str(), "he" | "yi") {
            // Vowel points and cantillation marks.
            for c in '\u{591}'..='\u{5C7}' {
                if !matches!(c, '\u{5BE}' | '\u{5C0}' | '\u{5C3}' | '\u{5C6}') {
                    fold.insert(c, String::new());
                }
            }
        }
        Rules {
            turkic: matches!(primary.as_str(), "tr" | "az"),
            fold,
            digraphs: if primary == "de" {
                GERMAN_DIGRAPHS
            } else {
                &[]
            },
            prefixes: if primary == "ar" {
                ARABIC_PREFIXES
            } else {
                &[]
            },
            stemming,
        }
    }

    /// The rules as the browser's index head carries them.
    pub fn for_browser(&self) -> BrowserRules<'_> {
        BrowserRules {
            case: if self.turkic { "tr" } else { "" },
            fold: &self.fold,
            digraphs: self.digraphs,
            prefixes: self.prefixes,
        }
    }
}

/// [`Rules`] for `search.js`: what it needs to normalise a query word
/// exactly as the index's words were.
#[derive(serde::Serialize)]
pub struct BrowserRules<'a> {
    case: &'static str,
    fold: &'a BTreeMap<char, String>,
    digraphs: &'static [(&'static str, &'static str)],
    prefixes: &'static [&'static str],
}

/// Lower-case Latin letters with marks (Latin-1 to Latin Extended-B and
/// Latin Extended Additional) → their base letters, from their Unicode
/// decompositions, plus the ligatures and ß that have none.
fn latin_folds(keep: &[char]) -> impl Iterator<Item = (char, String)> + '_ {
    let nfd = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd();
    let marked = ('\u{C0}'..='\u{24F}')
        .chain('\u{1E00}'..='\u{1EFF}')
        .filter(|c| c.is_lowercase())
        .filter_map(move |c| {
            let mut buf = [0u8; 4];
            let d = nfd.normalize(c.encode_utf8(&mut buf)).into_owned();
            let mut chars = d.chars();
            let base = chars.next()?;
            let marks_only = chars.all(|m| ('\u{300}'..='\u{36F}').contains(&m));
            (base.is_ascii_lowercase() && marks_only && d.len() > 1).then(|| (c, base.to_string()))
        });
    let special = [
        ('ß', "ss"),
        ('œ', "oe"),
        ('æ', "ae"),
        ('ı', "i"),
        ('ł', "l"),
        ('ø', "o"),
        ('đ', "d"),
    ]
    .into_iter()
    .map(|(c, s)| (c, s.to_string()));
    marked
        .chain(special)
        .filter(move |(c, _)| !keep.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_choose_their_stemmer() {
        assert_eq!(
            Rules::for_code("pt-BR").stemming,
            Stemming::Snowball(Algorithm::Portuguese)
        );
        assert_eq!(
            Rules::for_code("nb").stemming,
            Stemming::Snowball(Algorithm::Norwegian)
        );
        assert_eq!(Rules::for_code("az").stemming, Stemming::Azerbaijani);
        assert_eq!(Rules::for_code("uk").stemming, Stemming::None);
        assert_eq!(Rules::for_code("xx").stemming, Stemming::None);
    }

    #[test]
    fn folding_keeps_the_letters_a_language_reads_as_its_own() {
        let es = Rules::for_code("es");
        assert_eq!(es.fold.get(&'ó').map(String::as_str), Some("o"));
        assert!(!es.fold.contains_key(&'ñ'), "año is not ano");
        let sv = Rules::for_code("sv");
        assert!(!sv.fold.contains_key(&'ö'));
        let de = Rules::for_code("de");
        assert_eq!(de.fold.get(&'ß').map(String::as_str), Some("ss"));
        assert_eq!(de.fold.get(&'ü').map(String::as_str), Some("u"));
        let tr = Rules::for_code("tr");
        assert_eq!(tr.fold.get(&'ş').map(String::as_str), Some("s"));
        assert_eq!(tr.fold.get(&'ı').map(String::as_str), Some("i"));
        assert!(!Rules::for_code("az").fold.contains_key(&'ə'));
        assert!(!Rules::for_code("pl").fold.contains_key(&'ł'));
    }
}
