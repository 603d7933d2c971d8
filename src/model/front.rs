//! Front matter exactly as editors write it: one struct with every field of
//! every content type, each optional, unknown fields refused (serde then
//! reports the line and column, and `parse` adds a "did you mean"). Which
//! fields a type requires or allows is decided in `kind`, after `cascade`
//! has told each page its type.

use super::{Date, DateTime, Duration};
use serde::{Deserialize, Serialize};

/// Fields every page and section may carry, whatever its type.
pub const COMMON_FIELDS: &[&str] = &[
    "title",
    "menu_title",
    "description",
    "date",
    "updated",
    "weight",
    "draft",
    "slug",
    "aliases",
    "tags",
    "areas",
    "audiences",
    "countries",
    "authors",
    "license",
    "type",
    "cascade",
    "source_hash",
];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    // every page
    pub title: Option<String>,
    /// A short label for the site menu ("Podcast" for "Migration Matters:
    /// the podcast"); the title when absent. Not inherited: a translation
    /// without one shows its own title.
    pub menu_title: Option<String>,
    /// In a translation: the fingerprint of the original it was made from
    /// (`oerhub translations --mark-current` writes it).
    pub source_hash: Option<String>,
    pub description: Option<String>,
    pub date: Option<DateTime>,
    pub updated: Option<DateTime>,
    pub weight: Option<i64>,
    pub draft: Option<bool>,
    pub slug: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub areas: Vec<String>,
    #[serde(default)]
    pub audiences: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub license: Option<String>,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub cascade: Option<Cascade>,

    // course
    pub level: Option<String>,
    pub duration_hours: Option<f64>,
    #[serde(default)]
    pub learning_outcomes: Vec<String>,
    #[serde(default)]
    pub prerequisites: Vec<String>,
    #[serde(default)]
    pub trainers: Vec<String>,
    pub certificate: Option<bool>,
    pub pass_mark: Option<u8>,

    // lesson
    pub duration_minutes: Option<u32>,
    pub quiz: Option<Quiz>,

    // handbook
    #[serde(default, deserialize_with = "string_or_number")]
    pub edition: Option<String>,
    pub year: Option<i32>,
    pub publisher: Option<String>,
    pub pdf: Option<String>,

    // resource
    pub resource_type: Option<String>,
    pub file: Option<String>,
    pub url: Option<String>,
    #[serde(default)]
    pub formats: Vec<String>,

    // blueprint
    pub challenge: Option<String>,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub steps: Vec<String>,
    #[serde(default)]
    pub success_factors: Vec<String>,
    pub region: Option<String>,
    #[serde(default)]
    pub resources: Vec<String>,

    // podcast
    pub author: Option<String>,
    pub owner: Option<Owner>,
    pub artwork: Option<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    pub explicit: Option<bool>,
    pub copyright: Option<String>,

    // episode
    pub season: Option<u32>,
    pub episode: Option<u32>,
    pub audio: Option<Audio>,
    #[serde(default)]
    pub guests: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    pub transcript: Option<String>,
    #[serde(default)]
    pub chapters: Vec<ChapterMark>,

    // term
    pub term: Option<String>,
    pub definition: Option<String>,
    #[serde(default)]
    pub related: Vec<String>,
    pub source: Option<String>,

    // trainer
    pub name: Option<String>,
    pub organisation: Option<String>,
    pub sector: Option<String>,
    #[serde(default)]
    pub expertise: Vec<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    pub photo: Option<String>,

    // programme
    pub start: Option<DateTime>,
    pub end: Option<DateTime>,
    #[serde(default)]
    pub parts: Vec<Part>,
    #[serde(default)]
    pub target_groups: Vec<String>,
    pub application: Option<Application>,

    // session
    pub part: Option<u32>,
    pub location: Option<String>,
    pub online: Option<bool>,
}

/// What a section passes down to everything below it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cascade {
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub license: Option<String>,
    pub areas: Option<Vec<String>>,
    pub audiences: Option<Vec<String>>,
    pub countries: Option<Vec<String>>,
    pub authors: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    pub pass_mark: Option<u8>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    #[default]
    Single,
    Multiple,
    Truefalse,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub q: String,
    #[serde(rename = "type", default)]
    pub kind: QuestionType,
    #[serde(default)]
    pub options: Vec<String>,
    pub answer: Answer,
    pub explain: Option<String>,
}

/// A question's right answer as written: an option index, a list of them,
/// or `true` / `false`. The same written as text (`"0"`, `"0, 2"`,
/// `"true"`) is read alike: the web editor's forms write text, and editors
/// quote numbers by habit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    Bool(bool),
    Index(i64),
    Indexes(Vec<i64>),
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Answer, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Bool(bool),
            Index(i64),
            Indexes(Vec<i64>),
            Text(String),
        }
        match Written::deserialize(d)? {
            Written::Bool(b) => Ok(Answer::Bool(b)),
            Written::Index(i) => Ok(Answer::Index(i)),
            Written::Indexes(v) => Ok(Answer::Indexes(v)),
            Written::Text(t) => Answer::from_text(&t).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "the answer `{t}` is not an option number (0 is the first), numbers like `0, 2`, or true/false"
                ))
            }),
        }
    }
}

impl Answer {
    fn from_text(text: &str) -> Option<Answer> {
        let t = text.trim().trim_start_matches('[').trim_end_matches(']');
        match t {
            "true" => return Some(Answer::Bool(true)),
            "false" => return Some(Answer::Bool(false)),
            _ => {}
        }
        let numbers: Vec<i64> = t
            .split(',')
            .map(|n| n.trim().parse().ok())
            .collect::<Option<_>>()?;
        match numbers.as_slice() {
            [one] if !text.contains(',') && !text.contains('[') => Some(Answer::Index(*one)),
            _ => Some(Answer::Indexes(numbers)),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Audio {
    pub url: String,
    pub length_bytes: u64,
    pub mime: String,
    pub duration: Duration,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterMark {
    pub start: Duration,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub title: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    pub opens: Option<Date>,
    pub closes: Option<Date>,
    #[serde(default)]
    pub fields: Vec<ApplicationField>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationField {
    pub name: String,
    pub label: String,
    #[serde(rename = "type", default = "text_field")]
    pub kind: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub options: Vec<String>,
}

fn text_field() -> String {
    "text".into()
}

/// `edition: 2` and `edition: "2nd"` both mean something to an editor.
fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scalar {
        Text(String),
        Int(i64),
        Float(f64),
    }
    Ok(Option::<Scalar>::deserialize(d)?.map(|s| match s {
        Scalar::Text(s) => s,
        Scalar::Int(i) => i.to_string(),
        Scalar::Float(f) => f.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::Answer;

    #[test]
    fn answers_written_as_text_read_as_numbers() {
        let read = |y: &str| serde_yaml::from_str::<Answer>(y).ok();
        assert_eq!(read("1"), Some(Answer::Index(1)));
        assert_eq!(read("\"1\""), Some(Answer::Index(1)));
        assert_eq!(read("\"0, 2\""), Some(Answer::Indexes(vec![0, 2])));
        assert_eq!(read("[0, 2]"), Some(Answer::Indexes(vec![0, 2])));
        assert_eq!(read("\"[0]\""), Some(Answer::Indexes(vec![0])));
        assert_eq!(read("\"true\""), Some(Answer::Bool(true)));
        assert_eq!(read("\"the first\""), None);
    }
}
