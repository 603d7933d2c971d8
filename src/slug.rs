//! URL slugs from titles and file names, for all the hub's scripts. With
//! `slugs: transliterate` Cyrillic, Polish and Azerbaijani letters become
//! ASCII ("Правовые основы" → `pravovye-osnovy`, "Qaçqınların hüquqları" →
//! `qacqinlarin-huquqlari`); with `slugs: unicode` letters are kept and only
//! lowercased. Either way a slug is one safe path segment.

use crate::config::SlugStyle;

pub fn slugify(text: &str, style: SlugStyle) -> String {
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
/// that cannot climb out of its folder.
pub fn check_slug(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("the slug is empty".into());
    }
    if slug == "." || slug == ".." || slug.starts_with('.') {
        return Err(format!("the slug `{slug}` starts with a dot"));
    }
    if let Some(c) = slug.chars().find(|c| {
        matches!(c, '/' | '\\' | ':' | '?' | '#' | '%') || c.is_control() || c.is_whitespace()
    }) {
        return Err(format!(
            "the slug `{slug}` contains `{}`",
            c.escape_default()
        ));
    }
    Ok(())
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
                    proptest::prop_assert!(check_slug(&slug).is_ok(), "{:?} → {:?}", title, slug);
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
