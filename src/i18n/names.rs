//! Languages named in the reader's language ("Speaks Polish, English,
//! Ukrainian", never "PL, EN, UK", where UK reads as a country) and the
//! direction each language is written in, both from CLDR through ICU4X:
//! display names from `icu_experimental` (the home of ICU4X's display
//! names until they stabilise), directions from the script CLDR's likely
//! subtags give a language (`icu_locale`), so Arabic, Persian, Hebrew,
//! Urdu, Pashto, Sorani, Dhivehi, Yiddish… are right to left without a
//! hand-kept list.

use crate::model::Lang;
use icu_experimental::displaynames::multi::LanguageDisplayNames;
use icu_experimental::displaynames::DisplayNamesOptions;
use icu_locale::{Direction, LocaleDirectionality};
use icu_locale_core::{LanguageIdentifier, Locale};
use std::collections::BTreeMap;

/// Languages CLDR's likely-subtags data does not know, with the
/// language whose script they are written in (Dari is Persian as
/// written in Afghanistan).
const ALIASES: &[(&str, &str)] = &[("prs", "fa")];

/// One set of display names per reader language of the hub.
pub struct LanguageNames {
    by_reader: BTreeMap<Lang, LanguageDisplayNames>,
}

impl LanguageNames {
    pub fn new<'a>(readers: impl Iterator<Item = &'a Lang>) -> LanguageNames {
        let by_reader = readers
            .filter_map(|l| {
                let locale = Locale::try_from_str(l.as_str()).ok()?;
                let names =
                    LanguageDisplayNames::try_new(locale.into(), DisplayNamesOptions::default())
                        .ok()?;
                Some((l.clone(), names))
            })
            .collect();
        LanguageNames { by_reader }
    }

    /// The name of language `code` in language `reader`, as CLDR writes
    /// it inside a sentence ("польский" in Russian, "Polish" in English);
    /// `None` when CLDR has none.
    pub fn name(&self, reader: &Lang, code: &str) -> Option<String> {
        let names = self.by_reader.get(reader)?;
        let id = LanguageIdentifier::try_from_str(code).ok()?;
        names.of(id.language).map(str::to_string)
    }

    /// Languages `codes` named and joined the reader's way ("Ukrainian,
    /// Polish and English"; "الأوكرانية والبولندية والإنجليزية"), with
    /// CLDR's list patterns.
    pub fn list(&self, reader: &Lang, codes: &[&str]) -> String {
        let names: Vec<String> = codes
            .iter()
            .map(|c| self.name(reader, c).unwrap_or_else(|| c.to_string()))
            .collect();
        let formatter = Locale::try_from_str(reader.as_str())
            .ok()
            .and_then(|l| icu_list::ListFormatter::try_new_and(l.into(), Default::default()).ok());
        match formatter {
            Some(f) => writeable::Writeable::write_to_string(&f.format(names.iter())).into_owned(),
            None => names.join(", "),
        }
    }

    /// [`LanguageNames::name`] with its first letter capitalised, for a
    /// name standing alone (a table cell): "Польский".
    pub fn standalone(&self, reader: &Lang, code: &str) -> Option<String> {
        self.name(reader, code).map(|n| capitalise(&n, reader))
    }
}

/// [`LanguageNames::standalone`] for one reader, made on the spot (the
/// names are compiled into the binary, so this costs a lookup), for code
/// that has no `I18n` at hand.
pub fn standalone_in(reader: &Lang, code: &str) -> Option<String> {
    LanguageNames::new(std::iter::once(reader)).standalone(reader, code)
}

/// The first letter in upper case, the Turkic way for tr and az (i → İ).
fn capitalise(name: &str, lang: &Lang) -> String {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let turkic = matches!(lang.as_str().split('-').next(), Some("tr" | "az"));
    let upper: String = match first {
        'i' if turkic => "İ".into(),
        c => c.to_uppercase().collect(),
    };
    upper + chars.as_str()
}

/// The direction of a language's script.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    Ltr,
    Rtl,
}

impl Dir {
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Ltr => "ltr",
            Dir::Rtl => "rtl",
        }
    }
}

/// The direction `code` is written in: from its script when the tag
/// names one (`az-Arab`), else from the script CLDR gives the language;
/// left to right when CLDR does not know it.
pub fn direction(code: &str) -> Dir {
    let code = ALIASES
        .iter()
        .find(|(alias, _)| code.eq_ignore_ascii_case(alias))
        .map_or(code, |(_, to)| *to);
    let Ok(id) = LanguageIdentifier::try_from_str(code) else {
        return Dir::Ltr;
    };
    match LocaleDirectionality::new_extended().get(&id) {
        Some(Direction::RightToLeft) => Dir::Rtl,
        _ => Dir::Ltr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_scripts_come_from_cldr() {
        for code in [
            "ar", "fa", "prs", "he", "ur", "ps", "ckb", "dv", "yi", "az-Arab",
        ] {
            assert_eq!(direction(code), Dir::Rtl, "{code}");
        }
        for code in ["en", "uk", "az", "tr", "ku", "xx-nonsense", ""] {
            assert_eq!(direction(code), Dir::Ltr, "{code}");
        }
    }

    #[test]
    fn languages_are_named_in_the_readers_language() {
        let readers = [
            Lang::new("en"),
            Lang::new("ru"),
            Lang::new("tr"),
            Lang::new("ar"),
        ];
        let names = LanguageNames::new(readers.iter());
        assert_eq!(names.name(&readers[0], "uk").as_deref(), Some("Ukrainian"));
        assert_eq!(names.name(&readers[1], "pl").as_deref(), Some("польский"));
        assert_eq!(
            names.standalone(&readers[1], "pl").as_deref(),
            Some("Польский")
        );
        assert_eq!(names.name(&readers[3], "en").as_deref(), Some("الإنجليزية"));
        assert_eq!(
            names.standalone(&Lang::new("az"), "en"),
            None,
            "az is no reader here"
        );
        let az = [Lang::new("az")];
        let az_names = LanguageNames::new(az.iter());
        assert_eq!(
            az_names.standalone(&az[0], "en").as_deref(),
            Some("İngilis")
        );
        assert_eq!(names.name(&readers[0], "not a code"), None);
        assert_eq!(
            names.list(&readers[0], &["uk", "pl", "en"]),
            "Ukrainian, Polish, and English"
        );
        assert_eq!(
            names.list(&readers[3], &["uk", "en"]),
            "الأوكرانية والإنجليزية"
        );
    }
}
