//! Content types and their typed data. `Kind::build` turns the raw front
//! matter of a page whose type is known into typed data, reporting every
//! missing required field and every field that does not belong to the type.

use super::front::{Answer, Application, Audio, ChapterMark, FrontMatter, Owner, Part, Quiz};
use super::{DateTime, QuestionType};
use crate::diag::{Diagnostic, Span};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentType {
    Page,
    Section,
    Course,
    Module,
    Lesson,
    Handbook,
    Chapter,
    Resource,
    Blueprint,
    Podcast,
    Episode,
    Term,
    Trainer,
    Programme,
    Session,
}

impl ContentType {
    pub const ALL: [ContentType; 15] = [
        ContentType::Page,
        ContentType::Section,
        ContentType::Course,
        ContentType::Module,
        ContentType::Lesson,
        ContentType::Handbook,
        ContentType::Chapter,
        ContentType::Resource,
        ContentType::Blueprint,
        ContentType::Podcast,
        ContentType::Episode,
        ContentType::Term,
        ContentType::Trainer,
        ContentType::Programme,
        ContentType::Session,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ContentType::Page => "page",
            ContentType::Section => "section",
            ContentType::Course => "course",
            ContentType::Module => "module",
            ContentType::Lesson => "lesson",
            ContentType::Handbook => "handbook",
            ContentType::Chapter => "chapter",
            ContentType::Resource => "resource",
            ContentType::Blueprint => "blueprint",
            ContentType::Podcast => "podcast",
            ContentType::Episode => "episode",
            ContentType::Term => "term",
            ContentType::Trainer => "trainer",
            ContentType::Programme => "programme",
            ContentType::Session => "session",
        }
    }

    pub fn from_name(name: &str) -> Option<ContentType> {
        ContentType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Whether this type is written as a folder's `_index.md`.
    pub fn is_section(self) -> bool {
        matches!(
            self,
            ContentType::Section
                | ContentType::Course
                | ContentType::Module
                | ContentType::Handbook
                | ContentType::Podcast
                | ContentType::Programme
        )
    }

    /// Fields this type adds to the common ones, required ones first.
    pub fn fields(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            ContentType::Page
            | ContentType::Section
            | ContentType::Module
            | ContentType::Chapter => (&[], &[]),
            ContentType::Course => (
                &["description", "areas"],
                &[
                    "level",
                    "duration_hours",
                    "learning_outcomes",
                    "prerequisites",
                    "trainers",
                    "certificate",
                    "pass_mark",
                ],
            ),
            ContentType::Lesson => (&[], &["duration_minutes", "quiz"]),
            ContentType::Handbook => (&[], &["edition", "year", "publisher", "pdf"]),
            ContentType::Resource => (
                &["resource_type"],
                &["file", "url", "year", "publisher", "formats"],
            ),
            ContentType::Blueprint => (
                &["challenge", "actors", "steps"],
                &["success_factors", "region", "resources"],
            ),
            ContentType::Podcast => (
                &["description", "author", "owner", "artwork"],
                &["categories", "explicit", "copyright"],
            ),
            ContentType::Episode => (
                &["season", "episode", "date", "audio"],
                &["guests", "topics", "transcript", "chapters"],
            ),
            ContentType::Term => (&["term", "definition"], &["related", "source"]),
            ContentType::Trainer => (
                &["name"],
                &["organisation", "sector", "expertise", "languages", "photo"],
            ),
            ContentType::Programme => (
                &["start", "end"],
                &["parts", "target_groups", "application"],
            ),
            ContentType::Session => (
                &["start"],
                &["end", "part", "location", "online", "trainers"],
            ),
        }
    }

    /// Whether `field` may appear in this type's front matter.
    pub fn allows(self, field: &str) -> bool {
        let (req, opt) = self.fields();
        super::COMMON_FIELDS.contains(&field) || req.contains(&field) || opt.contains(&field)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Beginner => "beginner",
            Level::Intermediate => "intermediate",
            Level::Advanced => "advanced",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Course {
    pub level: Option<Level>,
    pub duration_hours: Option<f64>,
    pub learning_outcomes: Vec<String>,
    pub prerequisites: Vec<String>,
    pub trainers: Vec<String>,
    pub certificate: bool,
    pub pass_mark: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct Lesson {
    pub duration_minutes: Option<u32>,
    pub quiz: Option<Quiz>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Handbook {
    pub edition: Option<String>,
    pub year: Option<i32>,
    pub publisher: Option<String>,
    pub pdf: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Resource {
    pub resource_type: String,
    pub file: Option<String>,
    pub url: Option<String>,
    pub year: Option<i32>,
    pub publisher: Option<String>,
    pub formats: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Blueprint {
    pub challenge: String,
    pub actors: Vec<String>,
    pub steps: Vec<String>,
    pub success_factors: Vec<String>,
    pub region: Option<String>,
    pub resources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Podcast {
    pub author: String,
    pub owner: Owner,
    pub artwork: String,
    pub categories: Vec<String>,
    pub explicit: bool,
    pub copyright: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Episode {
    pub season: u32,
    pub episode: u32,
    pub audio: Audio,
    pub guests: Vec<String>,
    pub topics: Vec<String>,
    pub transcript: Option<String>,
    pub chapters: Vec<ChapterMark>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub term: String,
    pub definition: String,
    pub related: Vec<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sector {
    State,
    NonState,
}

impl Sector {
    pub fn name(self) -> &'static str {
        match self {
            Sector::State => "state",
            Sector::NonState => "non-state",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Trainer {
    pub name: String,
    pub organisation: Option<String>,
    pub sector: Option<Sector>,
    pub expertise: Vec<String>,
    pub languages: Vec<String>,
    pub photo: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Programme {
    pub start: DateTime,
    pub end: DateTime,
    pub parts: Vec<Part>,
    pub target_groups: Vec<String>,
    pub application: Option<Application>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Session {
    pub start: DateTime,
    pub end: Option<DateTime>,
    pub part: Option<u32>,
    pub location: Option<String>,
    pub online: bool,
    pub trainers: Vec<String>,
}

/// A page's type with its typed data.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Kind {
    Page,
    Section,
    Course(Course),
    Module,
    Lesson(Lesson),
    Handbook(Handbook),
    Chapter,
    Resource(Resource),
    Blueprint(Blueprint),
    Podcast(Podcast),
    Episode(Episode),
    Term(Term),
    Trainer(Trainer),
    Programme(Programme),
    Session(Session),
}

/// Reports problems with a page's front matter at the line of the field.
pub struct FieldReporter<'a> {
    pub span_of: &'a dyn Fn(&str) -> Span,
    pub diags: Vec<Diagnostic>,
}

impl FieldReporter<'_> {
    fn error(&mut self, field: &str, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error((self.span_of)(field), message);
        d.hint = hint;
        self.diags.push(d);
    }

    fn required<T>(&mut self, ct: ContentType, field: &str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.error(
                field,
                format!(
                    "{} {} needs `{field}`",
                    if ct.name().starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    },
                    ct.name()
                ),
                Some(format!("add `{field}:` to the front matter")),
            );
        }
        value
    }
}

impl Kind {
    pub fn content_type(&self) -> ContentType {
        match self {
            Kind::Page => ContentType::Page,
            Kind::Section => ContentType::Section,
            Kind::Course(_) => ContentType::Course,
            Kind::Module => ContentType::Module,
            Kind::Lesson(_) => ContentType::Lesson,
            Kind::Handbook(_) => ContentType::Handbook,
            Kind::Chapter => ContentType::Chapter,
            Kind::Resource(_) => ContentType::Resource,
            Kind::Blueprint(_) => ContentType::Blueprint,
            Kind::Podcast(_) => ContentType::Podcast,
            Kind::Episode(_) => ContentType::Episode,
            Kind::Term(_) => ContentType::Term,
            Kind::Trainer(_) => ContentType::Trainer,
            Kind::Programme(_) => ContentType::Programme,
            Kind::Session(_) => ContentType::Session,
        }
    }

    /// Typed data for `ct` from `fm`, taking the fields it uses. Returns
    /// `None` when a required field is missing or a value is invalid; every
    /// problem is in `rep`.
    pub fn build(ct: ContentType, fm: &mut FrontMatter, rep: &mut FieldReporter) -> Option<Kind> {
        let before = rep.diags.len();
        let kind = match ct {
            ContentType::Page => Kind::Page,
            ContentType::Section => Kind::Section,
            ContentType::Module => Kind::Module,
            ContentType::Chapter => Kind::Chapter,
            ContentType::Course => {
                rep.required(ct, "description", fm.description.as_ref());
                if fm.areas.is_empty() {
                    rep.error(
                        "areas",
                        "a course needs at least one of `areas`".into(),
                        Some("add `areas: [...]` with values from `vocabularies.areas` in oerhub.yaml".into()),
                    );
                }
                let level = match fm.level.as_deref() {
                    None => None,
                    Some("beginner") => Some(Level::Beginner),
                    Some("intermediate") => Some(Level::Intermediate),
                    Some("advanced") => Some(Level::Advanced),
                    Some(other) => {
                        rep.error(
                            "level",
                            format!("unknown level `{other}`"),
                            Some("use one of: beginner, intermediate, advanced".into()),
                        );
                        None
                    }
                };
                let pass_mark = fm.pass_mark.unwrap_or(70);
                check_percent(rep, "pass_mark", pass_mark);
                Kind::Course(Course {
                    level,
                    duration_hours: fm.duration_hours,
                    learning_outcomes: std::mem::take(&mut fm.learning_outcomes),
                    prerequisites: std::mem::take(&mut fm.prerequisites),
                    trainers: std::mem::take(&mut fm.trainers),
                    certificate: fm.certificate.unwrap_or(false),
                    pass_mark,
                })
            }
            ContentType::Lesson => {
                let quiz = fm.quiz.take();
                if let Some(quiz) = &quiz {
                    check_quiz(rep, quiz);
                }
                Kind::Lesson(Lesson {
                    duration_minutes: fm.duration_minutes,
                    quiz,
                })
            }
            ContentType::Handbook => Kind::Handbook(Handbook {
                edition: fm.edition.take(),
                year: fm.year,
                publisher: fm.publisher.take(),
                pdf: fm.pdf.take(),
            }),
            ContentType::Resource => {
                let resource_type = rep.required(ct, "resource_type", fm.resource_type.take());
                match (&fm.file, &fm.url) {
                    (None, None) => rep.error(
                        "resource_type",
                        "a resource needs `file` (a file beside the page) or `url`".into(),
                        Some("add `file: name.pdf` or `url: https://…`".into()),
                    ),
                    (Some(_), Some(_)) => rep.error(
                        "url",
                        "a resource has either `file` or `url`, not both".into(),
                        None,
                    ),
                    _ => {}
                }
                if let Some(url) = &fm.url {
                    check_http_url(rep, "url", url);
                }
                Kind::Resource(Resource {
                    resource_type: resource_type.unwrap_or_default(),
                    file: fm.file.take(),
                    url: fm.url.take(),
                    year: fm.year,
                    publisher: fm.publisher.take(),
                    formats: std::mem::take(&mut fm.formats),
                })
            }
            ContentType::Blueprint => {
                let challenge = rep.required(ct, "challenge", fm.challenge.take());
                for field in ["actors", "steps"] {
                    let list = if field == "actors" {
                        &fm.actors
                    } else {
                        &fm.steps
                    };
                    if list.is_empty() {
                        rep.error(field, format!("a blueprint needs `{field}` (a list)"), None);
                    }
                }
                Kind::Blueprint(Blueprint {
                    challenge: challenge.unwrap_or_default(),
                    actors: std::mem::take(&mut fm.actors),
                    steps: std::mem::take(&mut fm.steps),
                    success_factors: std::mem::take(&mut fm.success_factors),
                    region: fm.region.take(),
                    resources: std::mem::take(&mut fm.resources),
                })
            }
            ContentType::Podcast => {
                rep.required(ct, "description", fm.description.as_ref());
                let author = rep.required(ct, "author", fm.author.take());
                let owner = rep.required(ct, "owner", fm.owner.take());
                let artwork = rep.required(ct, "artwork", fm.artwork.take());
                Kind::Podcast(Podcast {
                    author: author.unwrap_or_default(),
                    owner: owner.unwrap_or(Owner {
                        name: String::new(),
                        email: String::new(),
                    }),
                    artwork: artwork.unwrap_or_default(),
                    categories: std::mem::take(&mut fm.categories),
                    explicit: fm.explicit.unwrap_or(false),
                    copyright: fm.copyright.take(),
                })
            }
            ContentType::Episode => {
                let season = rep.required(ct, "season", fm.season);
                let episode = rep.required(ct, "episode", fm.episode);
                rep.required(ct, "date", fm.date);
                let audio = rep.required(ct, "audio", fm.audio.take());
                if let Some(audio) = &audio {
                    check_http_url(rep, "audio", &audio.url);
                }
                let chapters = std::mem::take(&mut fm.chapters);
                if let Some(audio) = &audio {
                    for c in &chapters {
                        if c.start > audio.duration {
                            rep.error(
                                "chapters",
                                format!(
                                    "chapter `{}` starts at {} after the episode ends ({})",
                                    c.title, c.start, audio.duration
                                ),
                                None,
                            );
                        }
                    }
                }
                Kind::Episode(Episode {
                    season: season.unwrap_or(0),
                    episode: episode.unwrap_or(0),
                    audio: audio?,
                    guests: std::mem::take(&mut fm.guests),
                    topics: std::mem::take(&mut fm.topics),
                    transcript: fm.transcript.take(),
                    chapters,
                })
            }
            ContentType::Term => {
                let term = rep.required(ct, "term", fm.term.take());
                let definition = rep.required(ct, "definition", fm.definition.take());
                Kind::Term(Term {
                    term: term.unwrap_or_default(),
                    definition: definition.unwrap_or_default(),
                    related: std::mem::take(&mut fm.related),
                    source: fm.source.take(),
                })
            }
            ContentType::Trainer => {
                let name = rep.required(ct, "name", fm.name.take());
                let sector = match fm.sector.as_deref() {
                    None => None,
                    Some("state") => Some(Sector::State),
                    Some("non-state") => Some(Sector::NonState),
                    Some(other) => {
                        rep.error(
                            "sector",
                            format!("unknown sector `{other}`"),
                            Some("use `state` or `non-state`".into()),
                        );
                        None
                    }
                };
                Kind::Trainer(Trainer {
                    name: name.unwrap_or_default(),
                    organisation: fm.organisation.take(),
                    sector,
                    expertise: std::mem::take(&mut fm.expertise),
                    languages: std::mem::take(&mut fm.languages),
                    photo: fm.photo.take(),
                })
            }
            ContentType::Programme => {
                let start = rep.required(ct, "start", fm.start);
                let end = rep.required(ct, "end", fm.end);
                if let (Some(s), Some(e)) = (start, end) {
                    if e.unix_seconds() < s.unix_seconds() {
                        rep.error("end", "the programme ends before it starts".into(), None);
                    }
                }
                if let Some(app) = &fm.application {
                    if let (Some(o), Some(c)) = (app.opens, app.closes) {
                        if c < o {
                            rep.error(
                                "application",
                                "applications close before they open".into(),
                                None,
                            );
                        }
                    }
                    for f in &app.fields {
                        const TYPES: [&str; 8] = [
                            "text", "email", "tel", "textarea", "select", "date", "checkbox", "url",
                        ];
                        if !TYPES.contains(&f.kind.as_str()) {
                            rep.error(
                                "application",
                                format!("form field `{}` has unknown type `{}`", f.name, f.kind),
                                Some(format!("use one of: {}", TYPES.join(", "))),
                            );
                        }
                        if f.kind == "select" && f.options.is_empty() {
                            rep.error(
                                "application",
                                format!("form field `{}` is a select without `options`", f.name),
                                None,
                            );
                        }
                    }
                }
                Kind::Programme(Programme {
                    start: start?,
                    end: end?,
                    parts: std::mem::take(&mut fm.parts),
                    target_groups: std::mem::take(&mut fm.target_groups),
                    application: fm.application.take(),
                })
            }
            ContentType::Session => {
                let start = rep.required(ct, "start", fm.start);
                if let (Some(s), Some(e)) = (start, fm.end) {
                    if e.unix_seconds() < s.unix_seconds() {
                        rep.error("end", "the session ends before it starts".into(), None);
                    }
                }
                Kind::Session(Session {
                    start: start?,
                    end: fm.end,
                    part: fm.part,
                    location: fm.location.take(),
                    online: fm.online.unwrap_or(false),
                    trainers: std::mem::take(&mut fm.trainers),
                })
            }
        };
        (rep.diags.len() == before).then_some(kind)
    }

    /// Trainer ids this page names (courses and sessions teach; episodes host guests).
    pub fn trainer_refs(&self) -> &[String] {
        match self {
            Kind::Course(c) => &c.trainers,
            Kind::Session(s) => &s.trainers,
            _ => &[],
        }
    }
}

fn check_percent(rep: &mut FieldReporter, field: &str, value: u8) {
    if value > 100 {
        rep.error(
            field,
            format!("`{field}` is a percentage, {value} is over 100"),
            None,
        );
    }
}

fn check_http_url(rep: &mut FieldReporter, field: &str, url: &str) {
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        rep.error(
            field,
            format!("`{url}` is not an http(s) URL"),
            Some("write the full address, starting with https://".into()),
        );
    }
}

fn check_quiz(rep: &mut FieldReporter, quiz: &Quiz) {
    if let Some(p) = quiz.pass_mark {
        check_percent(rep, "quiz", p);
    }
    if quiz.questions.is_empty() {
        rep.error("quiz", "the quiz has no questions".into(), None);
    }
    for (i, q) in quiz.questions.iter().enumerate() {
        let at = format!("quiz.questions.{i}");
        let n = q.options.len() as i64;
        let in_range = |a: i64| (0..n).contains(&a);
        let problem = match (q.kind, &q.answer) {
            (QuestionType::Truefalse, Answer::Bool(_)) => None,
            (QuestionType::Truefalse, _) => {
                Some("a truefalse question's answer is `true` or `false`".to_string())
            }
            (_, _) if q.options.len() < 2 => {
                Some("a question needs at least two `options`".to_string())
            }
            (QuestionType::Single, Answer::Index(a)) if in_range(*a) => None,
            (QuestionType::Single, Answer::Indexes(_)) => Some(
                "a single-choice question has one answer; use `type: multiple` for several"
                    .to_string(),
            ),
            (QuestionType::Multiple, Answer::Indexes(v))
                if !v.is_empty() && v.iter().all(|a| in_range(*a)) =>
            {
                let mut sorted = v.clone();
                sorted.sort_unstable();
                sorted.dedup();
                (sorted.len() != v.len()).then(|| "an answer index is listed twice".to_string())
            }
            (QuestionType::Multiple, Answer::Index(a)) if in_range(*a) => None,
            (_, Answer::Bool(_)) => {
                Some("the answer is an option index (0 is the first option)".to_string())
            }
            _ => Some(format!(
                "the answer is out of range: there are {n} options, numbered 0 to {}",
                n - 1
            )),
        };
        if let Some(p) = problem {
            rep.error(&at, format!("quiz question {}: {p}", i + 1), None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(ct: ContentType, yaml: &str) -> (Option<Kind>, Vec<String>) {
        let mut fm: FrontMatter = serde_yaml::from_str(yaml).unwrap();
        let span_of = |f: &str| Span::new(f.to_string(), 1, 1);
        let mut rep = FieldReporter {
            span_of: &span_of,
            diags: vec![],
        };
        let kind = Kind::build(ct, &mut fm, &mut rep);
        (kind, rep.diags.into_iter().map(|d| d.message).collect())
    }

    #[test]
    fn course_requires_description_and_areas() {
        let (k, errs) = build(ContentType::Course, "title: x");
        assert!(k.is_none());
        assert_eq!(errs.len(), 2, "{errs:?}");
    }

    #[test]
    fn quiz_answers_are_checked() {
        let yaml = "title: x\nquiz:\n  questions:\n    - q: a\n      options: [x, y]\n      answer: 2\n    - q: b\n      options: [x, y]\n      answer: [0, 1]\n    - q: c\n      options: [x]\n      answer: 0\n    - q: d\n      type: truefalse\n      answer: true\n    - q: e\n      type: multiple\n      options: [x, y, z]\n      answer: [0, 2]\n";
        let (_, errs) = build(ContentType::Lesson, yaml);
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(errs[0].contains("question 1") && errs[0].contains("out of range"));
        assert!(errs[1].contains("question 2") && errs[1].contains("single-choice"));
        assert!(errs[2].contains("question 3") && errs[2].contains("two `options`"));
    }

    #[test]
    fn episode_audio_must_be_http() {
        let yaml = "title: x\nseason: 1\nepisode: 1\ndate: 2026-01-01\naudio: {url: ftp://x/a.mp3, length_bytes: 1, mime: audio/mpeg, duration: '00:10'}";
        let (k, errs) = build(ContentType::Episode, yaml);
        assert!(k.is_none());
        assert!(errs[0].contains("not an http(s) URL"));
    }

    #[test]
    fn every_type_has_a_unique_name() {
        for t in ContentType::ALL {
            assert_eq!(ContentType::from_name(t.name()), Some(t));
        }
    }
}
