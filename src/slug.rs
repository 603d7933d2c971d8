//! URL slugs from titles and file names, for all the hub's scripts. With
//! `slugs: transliterate` Cyrillic, Polish and Azerbaijani letters become
//! ASCII ("Правовые основы" → `pravovye-osnovy`, "Qaçqınların hüquqları" →
//! `qacqinlarin-huquqlari`); with `slugs: unicode` letters are kept and only
//! lowercased. Either way a slug is one safe path segment: NFC-normalised
//! (so "café" typed and "café" pasted from a Mac make one URL), with no
//! invisible or direction-changing characters, no name Windows reserves,
//! and at most 255 bytes (what file systems allow in one name).

use crate::config::SlugStyle;
use std::borrow::Cow;

/// The longest path segment file systems accept, in bytes.
pub const MAX_SEGMENT: usize = 255;

/// `text` in Unicode normalisation form C.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

pub fn slugify(text: &str, style: SlugStyle) -> String {
    let text = nfc(text);
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        let piece: Option<std::borrow::Cow<str>> = if c.is_ascii_alphanumeric() {
            Some(c.to_ascii_lowercase().to_string().into())
        } else if c.is_alphanumeric() {
            match style {
                SlugStyle::Transliterate => transliterate(c).map(Into::into),
                SlugStyle::Unicode => Some(lower(c).into()),
            }
        } else if c == '_' {
            Some("_".into())
        } else {
            None
        };
        match piece {
            Some(p) if !p.is_empty() => {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push_str(&p);
            }
            Some(_) => {}
            None => pending_dash = true,
        }
    }
    out
}

/// Lowercase, with dotted capital İ → i (not "i̇", which has a combining dot).
fn lower(c: char) -> String {
    match c {
        'İ' => "i".into(),
        _ => c.to_lowercase().collect(),
    }
}

/// ASCII for one letter, or `None` for letters with no mapping (dropped,
/// so an unknown script never yields a path character).
fn transliterate(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        // Russian (BGN/PCGN-like, as used in Russian URLs)
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' | 'є' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ї' => "yi",
        'ґ' => "g",
        // Polish
        'ą' => "a",
        'ć' => "c",
        'ę' => "e",
        'ł' => "l",
        'ń' => "n",
        'ó' => "o",
        'ś' => "s",
        'ź' | 'ż' => "z",
        // Azerbaijani and other Turkic (dotless ı and dotted İ both → i)
        'ə' => "e",
        'ä' => "a",
        'ç' => "c",
        'ğ' => "g",
        'ı' => "i",
        'ö' => "o",
        'ş' => "s",
        'ü' => "u",
        // Common Western European letters
        'á' | 'à' | 'â' | 'ã' | 'å' => "a",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'ô' | 'ò' | 'õ' => "o",
        'ú' | 'ù' | 'û' => "u",
        'ñ' => "n",
        'ß' => "ss",
        'æ' => "ae",
        'ø' => "o",
        'œ' => "oe",
        _ if c == 'İ' => "i",
        _ => return None,
    })
}

/// Why a slug written by an editor is refused: it must be one path segment
/// that cannot climb out of its folder (see the module docs). Check its
/// [`nfc`] form.
pub fn check_slug(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("the slug is empty".into());
    }
    if slug == "." || slug == ".." || slug.starts_with('.') {
        return Err(format!("the slug `{slug}` starts with a dot"));
    }
    if let Some(c) = slug.chars().find(|c| {
        matches!(
            c,
            '/' | '\\' | ':' | '?' | '#' | '%' | '*' | '"' | '<' | '>' | '|'
        ) || c.is_control()
            || c.is_whitespace()
            || is_invisible(*c)
    }) {
        return Err(format!(
            "the slug `{}` contains `{}`",
            slug.escape_default(),
            c.escape_unicode()
        ));
    }
    segment_problem(slug).map_or(Ok(()), Err)
}

/// Why a URL segment, however it was made, cannot be a folder name on
/// every system the site is built or checked out on.
pub fn segment_problem(segment: &str) -> Option<String> {
    if segment.len() > MAX_SEGMENT {
        return Some(format!(
            "the URL segment `{}…` is {} bytes long; file systems allow {MAX_SEGMENT}",
            segment.chars().take(40).collect::<String>(),
            segment.len()
        ));
    }
    if is_windows_reserved(segment) {
        return Some(format!(
            "`{segment}` is a name Windows reserves for a device; the site could not be checked out or unpacked there"
        ));
    }
    None
}

/// Characters that change text direction or show nothing: in a URL they
/// make one address look like another (U+202E turns `fdp.exe` around).
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// `CON`, `aux`, `com1`, `lpt9.txt`…: device names on Windows, with or
/// without an extension, in any case; and names ending in a dot or space,
/// which Windows cannot make.
fn is_windows_reserved(segment: &str) -> bool {
    if segment.ends_with(['.', ' ']) {
        return true;
    }
    let stem = segment
        .split('.')
        .next()
        .unwrap_or(segment)
        .to_ascii_lowercase();
    let stem = stem.trim_end();
    matches!(stem, "con" | "prn" | "aux" | "nul")
        || ["com", "lpt"].iter().any(|dev| {
            stem.strip_prefix(dev).is_some_and(|n| {
                matches!(
                    n,
                    "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
                )
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use SlugStyle::*;

    #[test]
    fn transliterates_each_script() {
        assert_eq!(slugify("Правовые основы", Transliterate), "pravovye-osnovy");
        assert_eq!(
            slugify("Qaçqınların hüquqları", Transliterate),
            "qacqinlarin-huquqlari"
        );
        assert_eq!(
            slugify("Źródła prawa i ochrona", Transliterate),
            "zrodla-prawa-i-ochrona"
        );
        assert_eq!(
            slugify("İnteqrasiya və İnkişaf", Transliterate),
            "inteqrasiya-ve-inkisaf"
        );
        assert_eq!(
            slugify("Legal basis: the 1951 Convention!", Transliterate),
            "legal-basis-the-1951-convention"
        );
    }

    #[test]
    fn unicode_keeps_letters() {
        assert_eq!(slugify("Правовые основы", Unicode), "правовые-основы");
        assert_eq!(slugify("İnteqrasiya", Unicode), "inteqrasiya");
    }

    #[test]
    fn nfc_and_nfd_make_one_slug() {
        let (nfc, nfd) = ("caf\u{e9}-na\u{ef}ve", "cafe\u{301}-nai\u{308}ve");
        assert_eq!(slugify(nfc, Unicode), slugify(nfd, Unicode));
        assert_eq!(slugify(nfd, Transliterate), "cafe-naive");
    }

    #[test]
    fn slugs_that_mislead_or_break_checkouts_are_refused() {
        assert!(check_slug("exe.\u{202E}fdp").is_err());
        assert!(check_slug("a\u{200B}b").is_err());
        for reserved in ["CON", "aux", "Nul.txt", "com1", "LPT9", "x."] {
            assert!(check_slug(reserved).is_err(), "{reserved}");
        }
        for fine in ["console", "auxiliary", "com10", "nullable"] {
            assert!(check_slug(fine).is_ok(), "{fine}");
        }
        assert!(check_slug(&"a".repeat(255)).is_ok());
        assert!(check_slug(&"a".repeat(256))
            .unwrap_err()
            .contains("256 bytes"));
    }

    #[test]
    fn slugs_are_single_segments() {
        assert!(check_slug("../../x").is_err());
        assert!(check_slug("a/b").is_err());
        assert!(check_slug("..").is_err());
        assert!(check_slug("legal-basis").is_ok());
        assert!(check_slug("правовые-основы").is_ok());
    }

    proptest::proptest! {
        /// Any title gives the same slug every time, one safe path segment,
        /// plain ASCII when transliterating, and slugging it again changes
        /// nothing.
        #[test]
        fn slugs_are_stable_safe_and_idempotent(title in "\\PC{0,60}|[а-яА-ЯёЁąćęłńóśźżĄĆĘŁŃÓŚŹŻəğıöşüçƏĞİÖŞÜÇ ./_-]{0,40}") {
            for style in [SlugStyle::Transliterate, SlugStyle::Unicode] {
                let slug = slugify(&title, style);
                proptest::prop_assert_eq!(&slug, &slugify(&title, style));
                if !slug.is_empty() {
                    // Made slugs are safe; a reserved name or an overlong
                    // one is reported by the caller, at the page.
                    proptest::prop_assert!(check_slug(&slug).is_ok() || segment_problem(&slug).is_some(), "{:?} → {:?}", title, slug);
                    proptest::prop_assert_eq!(&slugify(&slug, style), &slug);
                }
                if style == SlugStyle::Transliterate {
                    proptest::prop_assert!(slug
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'));
                }
            }
        }
    }
}
