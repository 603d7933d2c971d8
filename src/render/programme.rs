//! What the programme template sees: its sessions in a timeline grouped
//! by part, its calendar feed, and its application form with the state it
//! is in on the build date (the page's script re-checks on the reader's
//! date, so a form opens on time without a rebuild).

use crate::link::{progress_id, Site};
use crate::model::{ApplicationField, Date, DateTime, Kind};
use serde::Serialize;

#[derive(Serialize)]
pub struct ProgrammeView<'a> {
    pub calendar_url: String,
    pub parts: Vec<PartView<'a>>,
    pub session_count: usize,
    pub application: Option<ApplicationView<'a>>,
}

#[derive(Serialize)]
pub struct PartView<'a> {
    /// 1-based; 0 for sessions that name no part.
    pub number: usize,
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub sessions: Vec<SessionLink<'a>>,
}

#[derive(Serialize)]
pub struct SessionLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub lang: &'a str,
    pub start: String,
    pub end: Option<String>,
    pub location: Option<&'a str>,
    pub online: bool,
    /// On the build date: `past`, `next` (the first one still to come) or
    /// `later`. The page's script brings it up to the reader's date.
    pub state: &'static str,
}

#[derive(Serialize)]
pub struct ApplicationView<'a> {
    /// `open`, `upcoming` or `closed` on the build date.
    pub state: &'static str,
    pub opens: Option<String>,
    pub closes: Option<String>,
    /// The Netlify form name: the same in every language, so all
    /// applications land in one list.
    pub form_name: String,
    pub fields: &'a [ApplicationField],
}

pub fn programme_view(site: &Site, i: usize, today: Date) -> Option<ProgrammeView<'_>> {
    let p = site.page(i);
    let Kind::Programme(programme) = &p.kind else {
        return None;
    };
    let mut sessions: Vec<(usize, DateTime, Option<u32>)> = p
        .children
        .iter()
        .filter_map(|c| match &site.page(*c).kind {
            Kind::Session(s) => Some((*c, s.start, s.part)),
            _ => None,
        })
        .collect();
    sessions.sort_by_key(|(c, start, _)| (start.unix_seconds(), *c));
    let next = sessions
        .iter()
        .find(|(_, start, _)| start.date >= today)
        .map(|(c, _, _)| *c);
    let link = |c: usize| {
        let sp = site.page(c);
        let Kind::Session(s) = &sp.kind else {
            unreachable!("filtered to sessions")
        };
        SessionLink {
            title: &sp.title,
            url: &sp.url,
            lang: sp.content_lang(&site.config).as_str(),
            start: s.start.to_string(),
            end: s.end.map(|e| e.to_string()),
            location: s.location.as_deref(),
            online: s.online,
            state: if Some(c) == next {
                "next"
            } else if s.start.date < today {
                "past"
            } else {
                "later"
            },
        }
    };
    let mut parts: Vec<PartView> = programme
        .parts
        .iter()
        .enumerate()
        .map(|(n, part)| PartView {
            number: n + 1,
            title: Some(&part.title),
            description: part.description.as_deref(),
            sessions: sessions
                .iter()
                .filter(|(_, _, sp)| *sp == Some(n as u32 + 1))
                .map(|(c, _, _)| link(*c))
                .collect(),
        })
        .collect();
    let unparted: Vec<SessionLink> = sessions
        .iter()
        .filter(|(_, _, sp)| sp.is_none_or(|n| n == 0 || n as usize > programme.parts.len()))
        .map(|(c, _, _)| link(*c))
        .collect();
    if !unparted.is_empty() {
        parts.push(PartView {
            number: 0,
            title: None,
            description: None,
            sessions: unparted,
        });
    }
    let application = programme.application.as_ref().map(|a| {
        let state = match (a.opens, a.closes) {
            (Some(o), _) if today < o => "upcoming",
            (_, Some(c)) if today > c => "closed",
            _ => "open",
        };
        ApplicationView {
            state,
            opens: a.opens.map(|d| d.to_string()),
            closes: a.closes.map(|d| d.to_string()),
            form_name: format!("apply-{}", progress_id(p).replace('/', "-")),
            fields: &a.fields,
        }
    });
    Some(ProgrammeView {
        calendar_url: calendar_url(&p.url),
        session_count: sessions.len(),
        parts,
        application,
    })
}

/// `/programmes/school/` → `/programmes/school/calendar.ics`.
pub fn calendar_url(programme_url: &str) -> String {
    format!("{programme_url}calendar.ics")
}
