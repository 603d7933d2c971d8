//! The text analysis search uses, the same for the browser index and the
//! editors' search: words split on anything that is not a letter or digit,
//! lower-cased the language's way (Azerbaijani I/ı and İ/i), folded only
//! where folding does not change meaning (English accents, Russian ё),
//! and reduced to a stem: Snowball for English, Russian and Polish, and
//! for Azerbaijani, which has no published stemmer, the suffix stripper
//! below.

use crate::model::Lang;
use snowstem::{Algorithm, Stemmer};

/// One language's analysis.
pub struct Analyzer {
    lang: Lang,
    stemmer: Option<Stemmer>,
}

impl Analyzer {
    pub fn new(lang: &Lang) -> Analyzer {
        let algorithm = match lang.as_str() {
            "en" => Some(Algorithm::English),
            "ru" => Some(Algorithm::Russian),
            "pl" => Some(Algorithm::Polish),
            _ => None,
        };
        Analyzer {
            lang: lang.clone(),
            stemmer: algorithm.map(Stemmer::create),
        }
    }

    /// Lower case and folding, without stemming (what the browser also does).
    pub fn normalise(&self, word: &str) -> String {
        let mut out = String::with_capacity(word.len());
        self.normalise_into(word, &mut out);
        out
    }

    /// [`Analyzer::normalise`] into a reused buffer (indexing calls it for
    /// every word of every page).
    pub fn normalise_into(&self, word: &str, out: &mut String) {
        out.clear();
        let turkic = matches!(self.lang.as_str(), "az" | "tr");
        // Most words are ASCII (English, code, numbers): lower-cased byte by
        // byte, except the Turkic capital I.
        if word.is_ascii() && !(turkic && word.contains('I')) {
            out.push_str(word);
            out.make_ascii_lowercase();
            return;
        }
        if self.lang.as_str() == "en" {
            for c in word.chars() {
                out.extend(c.to_lowercase().map(fold_latin));
            }
            return;
        }
        for c in word.chars() {
            match c {
                'I' if turkic => out.push('ı'),
                'İ' if turkic => out.push('i'),
                'ё' | 'Ё' if self.lang.as_str() == "ru" => out.push('е'),
                // Basic Cyrillic without the Unicode case tables.
                'а'..='я' => out.push(c),
                'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
                c => out.extend(c.to_lowercase()),
            }
        }
    }

    pub fn stem(&self, word: &str) -> String {
        match (&self.stemmer, self.lang.as_str()) {
            (Some(s), _) => s.stem(word).into_owned(),
            (None, "az") => stem_azerbaijani(word).to_string(),
            _ => word.to_string(),
        }
    }
}

/// The words of `text` with their byte offsets.
pub fn words_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out.into_iter()
}

/// Runs of letters and digits (a word may hold an apostrophe or hyphen
/// inside: "non-refoulement" is one word for the reader, two here).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// A letter or digit, with the Unicode table consulted only outside the
/// scripts of the hub's languages: ASCII, Latin-1 and Latin Extended
/// letters (Polish ą ł ż, Azerbaijani ç ğ ı ö ş ü), IPA letters (ə) and
/// basic Cyrillic are answered by range.
fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '×' | '÷' => false,
        'À'..='ʯ' | 'А'..='я' => true,
        _ => c.is_alphanumeric(),
    }
}

/// English words written with accents (café, naïve, rôle) fold to ASCII.
fn fold_latin(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        c => c,
    }
}

/// Azerbaijani endings, longest first within each group, in every vowel
/// harmony variant: plural, possessive, case and copula suffixes. They are
/// stripped from the end repeatedly ("miqrantlarından" → "miqrantların"
/// → "miqrantlar" → "miqrant") while at least four letters remain, so the
/// inflected forms of a noun share its stem. Derivational suffixes
/// (-çı, -lıq, -sız …) are kept: they make other words.
const AZ_SUFFIXES: &[&str] = &[
    // case endings after a possessive: -ından, -ində …
    "ından", "indən", "undan", "ündən", "ında", "ində", "unda", "ündə", "ına", "inə", "una", "ünə",
    "ını", "ini", "unu", "ünü",
    // genitive, accusative, dative, locative, ablative, instrumental
    "nın", "nin", "nun", "nün", "dan", "dən", "tan", "tən", "nı", "ni", "nu", "nü", "ya", "yə",
    "da", "də", "ta", "tə", "la", "lə", "ilə", // copula
    "dır", "dir", "dur", "dür", "tır", "tir", "tur", "tür", // plural
    "lar", "lər", // possessive
    "ımız", "imiz", "umuz", "ümüz", "ınız", "iniz", "unuz", "ünüz", "sı", "si", "su", "sü", "ım",
    "im", "um", "üm", "ın", "in", "un", "ün",
    // single-vowel endings (accusative, dative, 3rd person possessive)
    "ı", "i", "u", "ü", "a", "ə",
];

/// The stem of an Azerbaijani word (lower-cased already).
pub fn stem_azerbaijani(word: &str) -> &str {
    let mut stem = word;
    'strip: loop {
        for suffix in AZ_SUFFIXES {
            if let Some(rest) = stem.strip_suffix(suffix) {
                if rest.chars().count() >= 4 {
                    stem = rest;
                    continue 'strip;
                }
            }
        }
        return stem;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(lang: &str, text: &str) -> Vec<String> {
        let analyzer = Analyzer::new(&Lang::new(lang));
        words(text)
            .map(|w| analyzer.stem(&analyzer.normalise(w)))
            .collect()
    }

    #[test]
    fn english_folds_and_stems() {
        assert_eq!(
            stems("en", "Migrants' rôle, MIGRATION"),
            ["migrant", "role", "migrat"]
        );
    }

    #[test]
    fn russian_inflections_share_a_stem() {
        let s = stems("ru", "мигранты мигрантов мигрантам Ёлка");
        assert_eq!(s[0], s[1]);
        assert_eq!(s[1], s[2]);
        assert!(s[3].starts_with("елк"), "{s:?}");
    }

    #[test]
    fn polish_inflections_share_a_stem_and_keep_their_letters() {
        let s = stems("pl", "migracja migracji uchodźcy uchodźców");
        assert_eq!(s[0], s[1]);
        assert_eq!(s[2], s[3]);
        assert!(s[2].contains('ź'), "Polish letters are not folded: {s:?}");
    }

    #[test]
    fn word_characters_by_range_agree_with_unicode() {
        for c in ('\u{80}'..='\u{2AF}').chain('\u{400}'..='\u{4FF}') {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
        assert_eq!(
            words("Zażółć, gəlin × 2÷3").collect::<Vec<_>>(),
            ["Zażółć", "gəlin", "2", "3"]
        );
    }

    #[test]
    fn azerbaijani_suffixes_are_stripped_with_vowel_harmony() {
        let s = stems("az", "miqrantlar miqrantların miqrantlardan miqrant");
        assert!(s.iter().all(|x| x == "miqrant"), "{s:?}");
        // Roots that end like a suffix lose it too; all forms still meet.
        let s = stems("az", "qaçqınların qaçqınlara qaçqınlar qaçqın");
        assert!(s.iter().all(|x| *x == s[3]), "{s:?}");
        let s = stems("az", "ölkələrdə ölkə");
        assert_eq!(s[0], s[1]);
        // Turkic capitals: İ is i, I is ı.
        assert_eq!(stems("az", "İnteqrasiya"), stems("az", "inteqrasiya"));
        assert_eq!(Analyzer::new(&Lang::new("az")).normalise("IŞIQ"), "ışıq");
    }
}
