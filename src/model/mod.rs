//! The typed model of a hub's content: languages, dates, the raw front
//! matter as editors write it, and the typed content kinds built from it.

mod date;
mod front;
pub mod kind;
mod lang;
mod merge;

pub use date::{Date, DateTime, Duration};
pub use front::{
    Application, ApplicationField, Audio, Cascade, ChapterMark, FrontMatter, Owner, Part, Question,
    QuestionType, Quiz, COMMON_FIELDS,
};
pub use kind::{
    Blueprint, ContentType, Course, Episode, Handbook, Kind, Lesson, Podcast, Programme, Resource,
    Session, Term, Trainer,
};
pub use lang::Lang;

/// "a lesson", "an episode": a type's name with its article.
pub fn article(name: &str) -> String {
    let an = name.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {name}", if an { "an" } else { "a" })
}
