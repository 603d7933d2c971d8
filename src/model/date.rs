//! Calendar dates, date-times with an optional UTC offset, and durations, as
//! editors write them in front matter. Parsed strictly so that a typo is an
//! error at its line, not a silently wrong date in a feed.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25");
        let mut it = s.trim().splitn(3, '-');
        let (y, m, d) = (it.next(), it.next(), it.next());
        let (Some(y), Some(m), Some(d)) = (y, m, d) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        let day: u8 = d.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(format!("`{s}` is not a real calendar date"));
        }
        Ok(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), for weekday and timestamp maths.
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of `days_since_epoch` (Howard Hinnant's civil_from_days).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The build's date (UTC): `SOURCE_DATE_EPOCH` when set, so that
    /// builds are reproducible, else the clock.
    pub fn today() -> Date {
        let secs = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            });
        Date::from_days_since_epoch(secs.div_euclid(86_400))
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(&self) -> u8 {
        ((self.days_since_epoch() + 3).rem_euclid(7)) as u8
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date with an optional time of day and UTC offset (in minutes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub has_time: bool,
    pub offset_minutes: Option<i16>,
}

impl DateTime {
    pub fn parse(s: &str) -> Result<DateTime, String> {
        let s = s.trim();
        let bad = || {
            format!("`{s}` is not a date-time; write YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][+HH:MM|Z]")
        };
        let (date_part, rest) = match s.find(['T', ' ']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        let date = Date::parse(date_part)?;
        let Some(rest) = rest else {
            return Ok(DateTime::from(date));
        };
        let (time, offset) = if let Some(t) = rest.strip_suffix('Z') {
            (t, Some(0))
        } else if let Some(i) = rest.rfind(['+', '-']) {
            let off = &rest[i..];
            let sign: i16 = if off.starts_with('-') { -1 } else { 1 };
            let (h, m) = off[1..].split_once(':').ok_or_else(bad)?;
            let h: i16 = h.parse().map_err(|_| bad())?;
            let m: i16 = m.parse().map_err(|_| bad())?;
            if h > 14 || m > 59 {
                return Err(bad());
            }
            (&rest[..i], Some(sign * (h * 60 + m)))
        } else {
            (rest, None)
        };
        let mut parts = time.split(':');
        let hour: u8 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let minute: u8 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let second: u8 = match parts.next() {
            Some(p) => p.parse().map_err(|_| bad())?,
            None => 0,
        };
        if parts.next().is_some() || hour > 23 || minute > 59 || second > 60 {
            return Err(bad());
        }
        Ok(DateTime {
            date,
            hour,
            minute,
            second,
            has_time: true,
            offset_minutes: offset,
        })
    }

    /// Seconds since the Unix epoch, taking the offset into account (a
    /// missing offset is read as UTC).
    pub fn unix_seconds(&self) -> i64 {
        self.date.days_since_epoch() * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.offset_minutes.unwrap_or(0)) * 60
    }
}

impl From<Date> for DateTime {
    fn from(date: Date) -> Self {
        DateTime {
            date,
            hour: 0,
            minute: 0,
            second: 0,
            has_time: false,
            offset_minutes: None,
        }
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)?;
        if self.has_time {
            write!(f, "T{:02}:{:02}:{:02}", self.hour, self.minute, self.second)?;
            match self.offset_minutes {
                Some(0) => f.write_str("Z")?,
                Some(m) => {
                    let sign = if m < 0 { '-' } else { '+' };
                    write!(f, "{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60)?
                }
                None => {}
            }
        }
        Ok(())
    }
}

/// A length of time written `HH:MM:SS` or `MM:SS` (podcast durations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Duration {
    pub seconds: u32,
}

impl Duration {
    pub fn parse(s: &str) -> Result<Duration, String> {
        let bad = || format!("`{s}` is not a duration; write HH:MM:SS or MM:SS, e.g. 00:31:12");
        let parts: Vec<&str> = s.trim().split(':').collect();
        if !(2..=3).contains(&parts.len()) {
            return Err(bad());
        }
        let mut nums = Vec::with_capacity(3);
        for p in &parts {
            if p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            nums.push(p.parse::<u32>().map_err(|_| bad())?);
        }
        let (h, m, sec) = match nums[..] {
            [m, s] => (0, m, s),
            [h, m, s] => (h, m, s),
            _ => return Err(bad()),
        };
        if sec > 59 || (parts.len() == 3 && m > 59) {
            return Err(bad());
        }
        Ok(Duration {
            seconds: h * 3600 + m * 60 + sec,
        })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.seconds;
        write!(f, "{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

macro_rules! serde_via_str {
    ($t:ty, $what:literal) => {
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl de::Visitor<'_> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_str<E: de::Error>(self, s: &str) -> Result<$t, E> {
                        <$t>::parse(s).map_err(E::custom)
                    }
                }
                d.deserialize_str(V)
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    };
}

serde_via_str!(Date, "a date written YYYY-MM-DD");
serde_via_str!(DateTime, "a date-time written YYYY-MM-DDTHH:MM");
serde_via_str!(Duration, "a duration written HH:MM:SS");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2026-11-25",
            "1969-12-31",
            "2400-03-01",
        ] {
            let d = Date::parse(text).unwrap();
            assert_eq!(
                Date::from_days_since_epoch(d.days_since_epoch()),
                d,
                "{text}"
            );
        }
    }

    #[test]
    fn parses_dates_strictly() {
        assert_eq!(Date::parse("2026-11-25").unwrap().to_string(), "2026-11-25");
        assert!(Date::parse("2026-02-30").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("26-11-25").is_err());
        assert!(Date::parse("2026/11/25").is_err());
    }

    #[test]
    fn weekday_and_epoch() {
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(Date::parse("2026-11-25").unwrap().weekday(), 2); // a Wednesday
    }

    #[test]
    fn parses_date_times() {
        let dt = DateTime::parse("2026-10-06T10:00:00+04:00").unwrap();
        assert_eq!(dt.to_string(), "2026-10-06T10:00:00+04:00");
        assert_eq!(dt.unix_seconds() % 86_400, 6 * 3600);
        assert_eq!(
            DateTime::parse("2026-10-06T10:00Z").unwrap().offset_minutes,
            Some(0)
        );
        assert!(!DateTime::parse("2026-10-06").unwrap().has_time);
        assert!(DateTime::parse("2026-10-06T25:00").is_err());
    }

    #[test]
    fn parses_durations() {
        assert_eq!(Duration::parse("00:31:12").unwrap().seconds, 1872);
        assert_eq!(Duration::parse("31:12").unwrap().seconds, 1872);
        assert!(Duration::parse("1:2:3:4").is_err());
        assert!(Duration::parse("00:61:00").is_err());
        assert!(Duration::parse("abc").is_err());
    }
}
