//! A page's front matter cut into the strings a translator translates
//! (the fields `Words` fingerprints), each named by its path (`title`,
//! `quiz.questions.0.options.1`), and each put back at its path.

use super::segments::{Kind, Place, Segment};
use serde_yaml::Value;

/// Top-level front matter fields of one string, and of a list of strings.
const SCALARS: &[&str] = &[
    "title",
    "menu_title",
    "description",
    "challenge",
    "term",
    "definition",
    "organisation",
    "location",
    "name",
];
const LISTS: &[&str] = &[
    "learning_outcomes",
    "prerequisites",
    "tags",
    "actors",
    "steps",
    "success_factors",
    "expertise",
    "topics",
    "target_groups",
];
/// Strings inside structures; `*` is every item of a list.
const NESTED: &[&str] = &[
    "quiz.questions.*.q",
    "quiz.questions.*.options.*",
    "quiz.questions.*.explain",
    "chapters.*.title",
    "parts.*.title",
    "parts.*.description",
    "application.fields.*.label",
    "application.fields.*.options.*",
];

/// The top-level front matter keys that hold translatable words.
pub fn word_keys() -> impl Iterator<Item = &'static str> {
    SCALARS
        .iter()
        .chain(LISTS)
        .copied()
        .chain(["quiz", "chapters", "parts", "application"])
}

/// The translatable strings of a front matter mapping, in the order its
/// keys are written.
pub fn front_segments(front_text: &str, front: &Value) -> Vec<Segment> {
    let mut patterns: Vec<String> = SCALARS.iter().map(|s| s.to_string()).collect();
    patterns.extend(LISTS.iter().map(|l| format!("{l}.*")));
    patterns.extend(NESTED.iter().map(|n| n.to_string()));
    let order = |p: &String| {
        let top = p.split('.').next().unwrap_or_default();
        let keys: Vec<&str> = front
            .as_mapping()
            .map(|m| m.keys().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        keys.iter().position(|k| *k == top).unwrap_or(usize::MAX)
    };
    patterns.sort_by_key(order);
    let mut out = Vec::new();
    for pattern in &patterns {
        let parts: Vec<&str> = pattern.split('.').collect();
        expand(front, &parts, &mut Vec::new(), &mut |path, text| {
            out.push(Segment {
                id: path.join("."),
                text: text.to_string(),
                line: value_line(front_text, path, text),
                kind: Kind::Field,
                place: Place::Field(path.to_vec()),
            });
        });
    }
    // Questions before their options, as a reader meets them.
    out.sort_by_key(|s| (order(&s.id), field_order(&s.id)));
    out
}

/// `quiz.questions.2.options.1` sorts as (2, 1, 1): question, then the
/// field within it.
fn field_order(id: &str) -> Vec<usize> {
    id.split('.')
        .map(|p| match p {
            "q" | "title" | "label" => 0,
            "options" | "description" => 1,
            "explain" => 2,
            n => n.parse::<usize>().map_or(0, |n| n + 3),
        })
        .collect()
}

fn expand(
    value: &Value,
    pattern: &[&str],
    path: &mut Vec<String>,
    found: &mut dyn FnMut(&[String], &str),
) {
    let Some((first, rest)) = pattern.split_first() else {
        match value {
            Value::String(s) if !s.trim().is_empty() => found(path, s),
            _ => {}
        }
        return;
    };
    if *first == "*" {
        if let Value::Sequence(items) = value {
            for (n, item) in items.iter().enumerate() {
                path.push(n.to_string());
                expand(item, rest, path, found);
                path.pop();
            }
        }
    } else if let Some(v) = value.get(*first) {
        path.push(first.to_string());
        expand(v, rest, path, found);
        path.pop();
    }
}

/// The line (in the file, counting the opening `---`) where a field's
/// string is written: the first line at or after its top-level key that
/// holds the string's start.
fn value_line(front_text: &str, path: &[String], text: &str) -> u32 {
    let key = crate::config::key_line(front_text, &path[0]).unwrap_or(1);
    let needle: String = text.chars().take(24).collect();
    let found = front_text
        .lines()
        .enumerate()
        .skip(key as usize - 1)
        .find(|(_, l)| l.contains(needle.as_str()))
        .map_or(key, |(i, _)| i as u32 + 1);
    found + 1
}

/// `value` with the string at `path` replaced; false when the path does
/// not lead to a string.
pub fn set_field(value: &mut Value, path: &[String], text: &str) -> bool {
    let mut at = value;
    for key in path {
        let next = match key.parse::<usize>() {
            Ok(n) if at.is_sequence() => at.get_mut(n),
            _ => at.get_mut(key.as_str()),
        };
        match next {
            Some(v) => at = v,
            None => return false,
        }
    }
    if at.is_string() {
        *at = Value::String(text.to_string());
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_strings_by_path_in_written_order() {
        let text = "title: Rights\nweight: 2\nquiz:\n  questions:\n    - q: Who?\n      type: single\n      options: [A, B]\n      answer: 0\n      explain: Because.\nlearning_outcomes: [Know]\n";
        let v: Value = serde_yaml::from_str(text).unwrap();
        let segs = front_segments(text, &v);
        let ids: Vec<&str> = segs.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "title",
                "quiz.questions.0.q",
                "quiz.questions.0.options.0",
                "quiz.questions.0.options.1",
                "quiz.questions.0.explain",
                "learning_outcomes.0"
            ]
        );
        assert_eq!(segs[1].line, 6);
        let mut v = v;
        let Place::Field(path) = &segs[3].place else {
            panic!()
        };
        assert!(set_field(&mut v, path, "Б"));
        assert_eq!(v["quiz"]["questions"][0]["options"][1].as_str(), Some("Б"));
        assert_eq!(v["quiz"]["questions"][0]["type"].as_str(), Some("single"));
    }
}
