//! A programme's sessions as an iCalendar feed (RFC 5545), one per
//! programme and language, so participants can subscribe in any calendar
//! application. Times keep the offset they were written with (a
//! `VTIMEZONE` per offset), text is escaped, long lines are folded at 75
//! octets, and every line ends in CRLF.

use crate::link::{progress_id, Site};
use crate::model::{DateTime, Kind};
use std::collections::BTreeSet;
use std::fmt::Write;

/// The calendar of programme page `programme` with its sessions.
pub fn programme_calendar(site: &Site, programme: usize) -> String {
    let p = site.page(programme);
    let base = site.config.base();
    let host = base
        .split("://")
        .nth(1)
        .unwrap_or(base)
        .split('/')
        .next()
        .unwrap_or("oerhub");
    let sessions: Vec<usize> = p
        .children
        .iter()
        .copied()
        .filter(|c| matches!(site.page(*c).kind, Kind::Session(_)))
        .collect();
    let parts = match &p.kind {
        Kind::Programme(x) => x.parts.as_slice(),
        _ => &[],
    };

    // DTSTAMP must not change from build to build: the newest date the
    // programme or a session was written or updated.
    let stamp = std::iter::once(programme)
        .chain(sessions.iter().copied())
        .filter_map(|i| site.page(i).updated.or(site.page(i).date))
        .max_by_key(|d| d.unix_seconds())
        .or(match &p.kind {
            Kind::Programme(x) => Some(x.start),
            _ => None,
        });

    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//oerhub//{}//EN", crate::VERSION),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(&p.title)),
    ];
    let offsets: BTreeSet<i16> = sessions
        .iter()
        .filter_map(|s| match &site.page(*s).kind {
            Kind::Session(x) => x
                .start
                .has_time
                .then(|| x.start.offset_minutes.unwrap_or(0)),
            _ => None,
        })
        .collect();
    for offset in &offsets {
        let o = format_offset(*offset);
        lines.extend([
            "BEGIN:VTIMEZONE".into(),
            format!("TZID:{}", tzid(*offset)),
            "BEGIN:STANDARD".into(),
            "DTSTART:19700101T000000".into(),
            format!("TZOFFSETFROM:{o}"),
            format!("TZOFFSETTO:{o}"),
            format!("TZNAME:{}", tzid(*offset)),
            "END:STANDARD".into(),
            "END:VTIMEZONE".into(),
        ]);
    }
    for &s in &sessions {
        let sp = site.page(s);
        let Kind::Session(session) = &sp.kind else {
            continue;
        };
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!(
            "UID:{}-{}@{host}",
            progress_id(sp).replace('/', "-"),
            sp.lang
        ));
        if let Some(stamp) = stamp {
            lines.push(format!("DTSTAMP:{}", utc(stamp)));
        }
        lines.push(format!("DTSTART{}", when(session.start)));
        if let Some(end) = session.end {
            lines.push(format!("DTEND{}", when(end)));
        }
        lines.push(format!("SUMMARY:{}", escape(&sp.title)));
        let about = sp.description.as_deref().unwrap_or(&sp.summary);
        if !about.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(about)));
        }
        if let Some(place) = &session.location {
            lines.push(format!("LOCATION:{}", escape(place)));
        }
        if let Some(part) = session
            .part
            .and_then(|n| parts.get((n as usize).wrapping_sub(1)))
        {
            lines.push(format!("CATEGORIES:{}", escape(&part.title)));
        }
        lines.push(format!("URL:{base}{}", sp.url));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());

    let mut out = String::new();
    for line in &lines {
        fold_into(&mut out, line);
    }
    out
}

/// `;TZID=UTC+04:00:20261006T100000`, or `;VALUE=DATE:20261006` for a day.
fn when(dt: DateTime) -> String {
    let d = dt.date;
    if !dt.has_time {
        return format!(";VALUE=DATE:{:04}{:02}{:02}", d.year, d.month, d.day);
    }
    format!(
        ";TZID={}:{:04}{:02}{:02}T{:02}{:02}{:02}",
        tzid(dt.offset_minutes.unwrap_or(0)),
        d.year,
        d.month,
        d.day,
        dt.hour,
        dt.minute,
        dt.second
    )
}

/// A moment in UTC: `20261006T060000Z`.
fn utc(dt: DateTime) -> String {
    let secs = dt.unix_seconds();
    let d = crate::model::Date::from_days_since_epoch(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        d.year,
        d.month,
        d.day,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// A fixed-offset zone's id, `UTC+0400`: no `:`, which would need quoting
/// in a parameter value.
fn tzid(offset: i16) -> String {
    format!("UTC{}", format_offset(offset))
}

/// Minutes east of UTC as `+0400`.
fn format_offset(minutes: i16) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}{:02}", m / 60, m % 60)
}

/// TEXT values escape backslash, semicolon, comma and newlines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded into pieces of at most 75 octets (continuations
/// start with a space), never splitting a UTF-8 character, each ended by CRLF.
pub fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        fold_into(&mut out, &format!("SUMMARY:{}", "ü".repeat(60)));
        for piece in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(piece.len() <= 75, "{} octets", piece.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "ü".repeat(60)));
    }

    #[test]
    fn times_keep_their_offset_and_stamps_are_utc() {
        let dt = DateTime::parse("2026-10-06T10:00+04:00").unwrap();
        assert_eq!(when(dt), ";TZID=UTC+0400:20261006T100000");
        assert_eq!(utc(dt), "20261006T060000Z");
        let day = DateTime::parse("2026-10-06").unwrap();
        assert_eq!(when(day), ";VALUE=DATE:20261006");
        assert_eq!(format_offset(-330), "-0530");
    }
}
