//! The text analysis search uses, the same for the browser index, the
//! editors' search and the query side: words split on anything that is
//! not a letter, mark or digit; normalised (NFC), lower-cased the
//! language's way (Turkic I/ı and İ/i) and folded where folding keeps
//! the meaning (`languages`); then reduced to a stem: Snowball for the
//! languages it covers, for Azerbaijani the suffix stripper below, and
//! for the others the word itself (matched by prefix, see `matching`).
//! A stem is folded again, since a stemmer may write back a letter the
//! folding removed (Turkish `ç`), so every term is in folded letters.

use super::languages::{Rules, Stemming};
use crate::model::Lang;
use snowstem::Stemmer;

/// One language's analysis.
pub struct Analyzer {
    rules: Rules,
    stemmer: Option<Stemmer>,
}

impl Analyzer {
    pub fn new(lang: &Lang) -> Analyzer {
        let rules = Rules::for_code(lang.as_str());
        let stemmer = match rules.stemming {
            Stemming::Snowball(a) => Some(Stemmer::create(a)),
            _ => None,
        };
        Analyzer { rules, stemmer }
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Normalised, lower-cased and folded, without stemming: what the
    /// browser does to a query word.
    pub fn normalise(&self, word: &str) -> String {
        let mut out = String::with_capacity(word.len());
        self.normalise_into(word, &mut out);
        out
    }

    /// [`Analyzer::normalise`] into a reused buffer (indexing calls it for
    /// every word of every page).
    pub fn normalise_into(&self, word: &str, out: &mut String) {
        out.clear();
        let turkic = self.rules.turkic;
        // Most words are ASCII (English, code, numbers): lower-cased byte by
        // byte, except the Turkic capital I and German letter pairs.
        if word.is_ascii() && !(turkic && word.contains('I')) && self.rules.digraphs.is_empty() {
            out.push_str(word);
            out.make_ascii_lowercase();
            return;
        }
        let nfc = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
        let word = nfc.normalize(word);
        let mut lower = String::with_capacity(word.len());
        for c in word.chars() {
            match c {
                'I' if turkic => lower.push('ı'),
                'İ' if turkic => lower.push('i'),
                // Basic Cyrillic without the Unicode case tables.
                'а'..='я' => lower.push(c),
                'А'..='Я' => lower.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
                c => lower.extend(c.to_lowercase()),
            }
        }
        let folded = self.fold(&lower);
        let joined = replace_digraphs(&folded, self.rules.digraphs);
        let mut rest = joined.as_str();
        for prefix in self.rules.prefixes {
            if let Some(r) = rest.strip_prefix(prefix) {
                if r.chars().count() >= 3 {
                    rest = r;
                    break;
                }
            }
        }
        out.push_str(rest);
    }

    /// Every letter through the language's fold table.
    fn fold(&self, word: &str) -> String {
        if self.rules.fold.is_empty() || word.is_ascii() {
            return word.to_string();
        }
        let mut out = String::with_capacity(word.len());
        for c in word.chars() {
            match self.rules.fold.get(&c) {
                Some(s) => out.push_str(s),
                None => out.push(c),
            }
        }
        out
    }

    /// The index term of a normalised word: its stem, folded.
    pub fn stem(&self, word: &str) -> String {
        match (&self.stemmer, self.rules.stemming) {
            (Some(s), _) => self.fold(&s.stem(word)),
            (None, Stemming::Azerbaijani) => stem_azerbaijani(word).to_string(),
            _ => word.to_string(),
        }
    }

    /// Whether this language has a stemmer (else terms are whole words).
    pub fn stems(&self) -> bool {
        self.rules.stemming != Stemming::None
    }
}

/// Letter pairs replaced left to right; `qu` is always kept ("Quelle").
fn replace_digraphs(word: &str, digraphs: &[(&str, &str)]) -> String {
    if digraphs.is_empty() {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    let mut rest = word;
    'next: while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("qu") {
            out.push_str("qu");
            rest = r;
            continue;
        }
        for (pair, one) in digraphs {
            if let Some(r) = rest.strip_prefix(pair) {
                out.push_str(one);
                rest = r;
                continue 'next;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
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

/// Runs of letters, marks and digits (a word may hold an apostrophe or
/// hyphen inside: "non-refoulement" is one word for the reader, two here).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// A letter, mark or digit (or a joiner or soft hyphen inside a word),
/// with the Unicode tables consulted only outside the common scripts:
/// ASCII, Latin-1 and Latin Extended letters (Polish ą ł ż, Azerbaijani
/// ç ğ ı ö ş ü), IPA letters (ə) and basic Cyrillic are answered by
/// range. Marks count so that an Arabic word with its vowels or a Hindi
/// word with its vowel signs stays one word, as `search.js` splits it.
fn is_word_char(c: char) -> bool {
    use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '×' | '÷' => false,
        'À'..='ʯ' | 'А'..='я' => true,
        '\u{200C}' | '\u{200D}' | '\u{AD}' => true,
        _ => {
            c.is_alphanumeric()
                || GeneralCategoryGroup::Mark
                    .contains(icu_properties::CodePointMapData::<GeneralCategory>::new().get(c))
        }
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

    /// Every form in `forms` meets at one term.
    #[track_caller]
    fn meet(lang: &str, forms: &str) {
        let s = stems(lang, forms);
        assert!(s.iter().all(|x| *x == s[0]), "{lang}: {forms} → {s:?}");
    }

    #[test]
    fn inflected_and_unaccented_forms_meet_in_each_language() {
        meet("es", "lección lecciones leccion LECCIONES");
        meet("es", "migración migraciones migracion");
        meet("es", "refugiados refugiado");
        meet("fr", "données donnees donnée");
        meet("fr", "intégration integration intégrés");
        meet("fr", "réfugiés refugies réfugié");
        meet("pt", "refugiados refugiado");
        meet("pt", "proteção protecao");
        meet("pt", "migrações migracoes");
        meet("de", "Flüchtlinge Fluechtlinge Fluchtlinge Flüchtling");
        meet("de", "Straße Strasse");
        meet("de", "Staatsangehörigkeit Staatsangehorigkeit");
        meet("tr", "göçmenler gocmenler GÖÇMENLER");
        meet("tr", "sığınmanın siginmanin sığınma");
        meet("tr", "kadınların kadinlarin KADINLARIN");
        meet("it", "integrazione integrazioni");
        meet("it", "città citta");
        meet("nl", "asielzoekers asielzoeker");
        meet("el", "πρόσφυγες προσφυγες");
        meet("ru", "ёлка елка");
    }

    #[test]
    fn meaning_letters_are_kept() {
        assert_ne!(stems("es", "año"), stems("es", "ano"));
        assert_ne!(stems("sv", "för"), stems("sv", "for"));
        assert!(stems("pl", "uchodźcy")[0].contains('ź'));
    }

    #[test]
    fn arabic_marks_and_the_article_fold_away() {
        let a = Analyzer::new(&Lang::new("ar"));
        // One word with its short vowels, and the same word unvowelled.
        assert_eq!(words("اللَّاجِئِين").count(), 1);
        assert_eq!(a.normalise("اللَّاجِئِين"), a.normalise("اللاجئين"));
        assert_eq!(a.normalise("اللاجئين"), "لاجئين");
        assert_eq!(a.normalise("أسرة"), "اسرة");
        meet("ar", "اللاجئين لاجئين");
    }

    #[test]
    fn languages_without_a_stemmer_are_normalised_and_lower_cased() {
        let uk = Analyzer::new(&Lang::new("uk"));
        assert!(!uk.stems());
        assert_eq!(uk.stem(&uk.normalise("Мігрантів")), "мігрантів");
        // Decomposed input (e + combining acute) is composed first.
        let vi = Analyzer::new(&Lang::new("vi"));
        assert_eq!(vi.normalise("Vie\u{301}t"), "viét");
        assert_eq!(words("Vie\u{301}t Nam").count(), 2);
        // Hindi vowel signs are marks inside the word.
        assert_eq!(words("शरणार्थी").collect::<Vec<_>>(), ["शरणार्थी"]);
        // Persian: the zero-width non-joiner stays inside the word and goes.
        let fa = Analyzer::new(&Lang::new("fa"));
        assert_eq!(words("می\u{200c}خواهم").count(), 1);
        assert_eq!(fa.normalise("می\u{200c}خواهم"), "میخواهم");
        assert_eq!(fa.normalise("كتاب"), "کتاب");
    }

    #[test]
    fn word_characters_by_range_agree_with_unicode() {
        use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
        let gc = icu_properties::CodePointMapData::<GeneralCategory>::new();
        for c in ('\u{80}'..='\u{2AF}').chain('\u{400}'..='\u{4FF}') {
            let letter = c.is_alphanumeric() || GeneralCategoryGroup::Mark.contains(gc.get(c));
            assert_eq!(is_word_char(c), letter || c == '\u{AD}', "{c:?}");
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
