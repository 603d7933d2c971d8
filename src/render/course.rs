//! What course, module, lesson and certificate templates see: the course
//! outline with language-independent progress ids, built once per course
//! and language and shared by every page of the course.

use super::views::Link;
use crate::link::{progress_id, Site};
use crate::model::Kind;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
pub struct CourseView<'a> {
    /// The progress key: the same in every language.
    pub id: String,
    pub title: &'a str,
    pub url: &'a str,
    pub lang: &'a str,
    pub hours: Option<f64>,
    pub pass_mark: u8,
    pub certificate_url: Option<String>,
    pub first_lesson: Option<Link<'a>>,
    pub modules: Vec<ModuleView<'a>>,
    pub lesson_count: usize,
    pub minutes: u32,
    /// Ids of lessons with a quiz; each must be passed for the certificate.
    pub quiz_ids: Vec<String>,
}

#[derive(Serialize)]
pub struct ModuleView<'a> {
    /// `None` for lessons placed straight in the course.
    pub title: Option<&'a str>,
    pub url: Option<&'a str>,
    pub lang: &'a str,
    pub lessons: Vec<LessonLink<'a>>,
}

#[derive(Serialize)]
pub struct LessonLink<'a> {
    pub id: String,
    pub title: &'a str,
    pub url: &'a str,
    /// The title's language (differs for a fallback).
    pub lang: &'a str,
    pub minutes: Option<u32>,
    pub quiz: bool,
}

/// Every course's view, by course page.
pub fn course_views(site: &Site) -> HashMap<usize, CourseView<'_>> {
    site.courses
        .iter()
        .map(|(&i, outline)| {
            let p = site.page(i);
            let Kind::Course(course) = &p.kind else {
                unreachable!("outlines are built for courses only")
            };
            let lesson = |l: usize| {
                let lp = site.page(l);
                let (minutes, quiz) = match &lp.kind {
                    Kind::Lesson(x) => (x.duration_minutes, x.quiz.is_some()),
                    _ => (None, false),
                };
                LessonLink {
                    id: progress_id(lp),
                    title: &lp.title,
                    url: &lp.url,
                    lang: lp.content_lang(&site.config).as_str(),
                    minutes,
                    quiz,
                }
            };
            let modules: Vec<ModuleView> = outline
                .modules
                .iter()
                .map(|(m, lessons)| ModuleView {
                    title: (*m != i).then(|| site.page(*m).title.as_str()),
                    url: (*m != i).then(|| site.page(*m).url.as_str()),
                    lang: site.page(*m).content_lang(&site.config).as_str(),
                    lessons: lessons.iter().map(|l| lesson(*l)).collect(),
                })
                .collect();
            let all: Vec<&LessonLink> = modules.iter().flat_map(|m| &m.lessons).collect();
            let view = CourseView {
                id: progress_id(p),
                title: &p.title,
                url: &p.url,
                lang: p.content_lang(&site.config).as_str(),
                hours: course.duration_hours,
                pass_mark: course.pass_mark,
                certificate_url: course.certificate.then(|| certificate_url(&p.url)),
                first_lesson: outline.lessons.first().map(|l| Link::to(site, *l)),
                lesson_count: all.len(),
                minutes: all.iter().filter_map(|l| l.minutes).sum(),
                quiz_ids: all
                    .iter()
                    .filter(|l| l.quiz)
                    .map(|l| l.id.clone())
                    .collect(),
                modules,
            };
            (i, view)
        })
        .collect()
}

/// Where a course's certificate page is: `/courses/x/certificate/`.
pub fn certificate_url(course_url: &str) -> String {
    format!("{course_url}certificate/")
}

/// Previous and next lessons across module boundaries.
pub fn lesson_neighbours(site: &Site, i: usize) -> Option<(Option<Link<'_>>, Option<Link<'_>>)> {
    let outline = site.courses.get(&site.page(i).course?)?;
    let pos = outline.lessons.iter().position(|l| *l == i)?;
    Some((
        pos.checked_sub(1)
            .map(|k| Link::to(site, outline.lessons[k])),
        outline.lessons.get(pos + 1).map(|k| Link::to(site, *k)),
    ))
}
