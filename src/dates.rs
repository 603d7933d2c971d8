//! Dates in the reader's language, from CLDR through ICU4X: "25 listopada
//! 2026", "25 ноября 2026 г.", "25 noyabr 2026". Month names take the
//! grammatical case the language's long date pattern needs (the genitive in
//! Polish and Russian), which hand-made month tables get wrong.

use crate::config::Config;
use crate::diag::{Diagnostic, Span};
use crate::model::{Date, DateTime, Lang};
use icu_datetime::fieldsets::{YMD, YMDT};
use icu_datetime::input::{Date as IcuDate, DateTime as IcuDateTime, Time};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_locale_core::Locale;
use std::collections::BTreeMap;
use std::path::Path;

use icu_calendar::Gregorian;

struct Formatters {
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    date_time: FixedCalendarDateTimeFormatter<Gregorian, YMDT>,
}

/// One long-date and one date-and-time formatter per hub language.
pub struct DateFormats {
    by_lang: BTreeMap<Lang, Formatters>,
}

impl DateFormats {
    /// Each language formats with its `locale:` from `oerhub.yaml` when set
    /// (`en-GB` for "25 November 2026"), else with its own code.
    pub fn new(config: &Config, config_path: &Path) -> Result<DateFormats, Vec<Diagnostic>> {
        let mut by_lang = BTreeMap::new();
        let mut errors = Vec::new();
        for (lang, settings) in &config.languages.0 {
            let tag = settings.locale.as_deref().unwrap_or(lang.as_str());
            match Locale::try_from_str(tag)
                .map_err(|e| e.to_string())
                .and_then(|locale| formatters(&locale))
            {
                Ok(f) => {
                    by_lang.insert(lang.clone(), f);
                }
                Err(e) => errors.push(
                    Diagnostic::error(
                        Span::file(config_path),
                        format!("language `{lang}`: cannot format dates for locale `{tag}`: {e}"),
                    )
                    .with_hint("set `locale:` to a BCP 47 tag such as en-GB, ru, pl, az-Latn"),
                ),
            }
        }
        if errors.is_empty() {
            Ok(DateFormats { by_lang })
        } else {
            Err(errors)
        }
    }

    /// The long date, e.g. "25 listopada 2026"; `None` for an unknown language.
    pub fn date(&self, lang: &Lang, date: Date) -> Option<String> {
        let f = self.by_lang.get(lang)?;
        let d = icu_date(date)?;
        Some(f.date.format(&d).to_string())
    }

    /// The long date with hours and minutes, in the time's own offset (a
    /// session in Baku at 10:00+04:00 reads "10:00" everywhere). A value
    /// without a time formats as a date.
    pub fn date_time(&self, lang: &Lang, dt: DateTime) -> Option<String> {
        if !dt.has_time {
            return self.date(lang, dt.date);
        }
        let f = self.by_lang.get(lang)?;
        let value = IcuDateTime {
            date: icu_date(dt.date)?,
            time: Time::try_new(dt.hour, dt.minute, dt.second, 0).ok()?,
        };
        Some(f.date_time.format(&value).to_string())
    }
}

fn formatters(locale: &Locale) -> Result<Formatters, String> {
    let prefs = locale.clone().into();
    Ok(Formatters {
        date: FixedCalendarDateTimeFormatter::try_new(prefs, YMD::long())
            .map_err(|e| e.to_string())?,
        date_time: FixedCalendarDateTimeFormatter::try_new(prefs, YMD::long().with_time_hm())
            .map_err(|e| e.to_string())?,
    })
}

fn icu_date(d: Date) -> Option<IcuDate<Gregorian>> {
    IcuDate::try_new_gregorian(d.year, d.month, d.day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formats() -> DateFormats {
        let config: Config = serde_yaml::from_str(
            "title: t\nbase_url: https://x.org\ndefault_language: en\nlanguages:\n  en: {name: English, locale: en-GB}\n  ru: {name: Русский}\n  pl: {name: Polski}\n  az: {name: Azərbaycanca}\n",
        )
        .unwrap();
        DateFormats::new(&config, Path::new("oerhub.yaml")).unwrap()
    }

    #[test]
    fn long_dates_use_each_languages_month_forms() {
        let f = formats();
        let day = Date::parse("2026-11-25").unwrap();
        let got = |l: &str| f.date(&Lang::new(l), day).unwrap();
        assert_eq!(got("en"), "25 November 2026");
        assert_eq!(got("pl"), "25 listopada 2026");
        assert!(got("ru").starts_with("25 ноября 2026"), "{}", got("ru"));
        assert_eq!(got("az"), "25 noyabr 2026");
        // March is where nominative and genitive differ visibly in Polish.
        let march = Date::parse("2027-03-01").unwrap();
        assert_eq!(f.date(&Lang::new("pl"), march).unwrap(), "1 marca 2027");
        assert!(f
            .date(&Lang::new("ru"), march)
            .unwrap()
            .starts_with("1 марта 2027"));
    }

    #[test]
    fn times_keep_their_own_offset() {
        let f = formats();
        let dt = DateTime::parse("2026-10-01T10:30+04:00").unwrap();
        let en = f.date_time(&Lang::new("en"), dt).unwrap();
        assert!(
            en.contains("1 October 2026") && en.contains("10:30"),
            "{en}"
        );
        let pl = f.date_time(&Lang::new("pl"), dt).unwrap();
        assert!(
            pl.contains("1 października 2026") && pl.contains("10:30"),
            "{pl}"
        );
    }

    #[test]
    fn a_bad_locale_is_named() {
        let config: Config = serde_yaml::from_str(
            "title: t\nbase_url: https://x.org\ndefault_language: en\nlanguages:\n  en: {name: English, locale: 'not a locale'}\n",
        )
        .unwrap();
        let errs = DateFormats::new(&config, Path::new("oerhub.yaml"))
            .err()
            .unwrap();
        assert!(errs[0].message.contains("not a locale"));
    }
}
