//! Courses as learners walk them: course → modules → lessons, in reading
//! order, with one flat lesson sequence so "next" crosses module
//! boundaries. A lesson outside a course stands alone (an open series of
//! lessons is common); a module must sit inside a course.
//! Progress is keyed by ids that are the same in every language (the
//! default-language source path), so switching language keeps it.

use super::Page;
use crate::diag::{Diagnostic, Span};
use crate::model::{ContentType, Kind};
use std::collections::HashMap;

/// One course in one language.
#[derive(Debug, Clone)]
pub struct Outline {
    /// The course page.
    pub course: usize,
    /// Modules in order, each with its lessons in order.
    pub modules: Vec<(usize, Vec<usize>)>,
    /// Every lesson in reading order, across modules.
    pub lessons: Vec<usize>,
}

/// The language-independent id of a page, e.g.
/// `courses/asylum/core/non-refoulement` (its default-language source
/// path without `.md`; a section's folder).
pub fn progress_id(p: &Page) -> String {
    if p.is_index {
        p.dir.clone()
    } else if p.dir.is_empty() {
        p.id.clone()
    } else {
        format!("{}/{}", p.dir, p.id)
    }
}

/// Every course's outline (by course page), and for every page inside a
/// course the course it belongs to.
pub fn outlines(
    root: &std::path::Path,
    pages: &[Page],
) -> (HashMap<usize, Outline>, Vec<Option<usize>>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut courses = HashMap::new();
    let mut course_of = vec![None; pages.len()];
    for (i, p) in pages.iter().enumerate() {
        if p.content_type() != ContentType::Course {
            continue;
        }
        course_of[i] = Some(i);
        // Lessons straight under the course come first, as an unnamed module.
        let mut modules: Vec<(usize, Vec<usize>)> = Vec::new();
        let loose: Vec<usize> = p
            .children
            .iter()
            .copied()
            .filter(|c| pages[*c].content_type() == ContentType::Lesson)
            .collect();
        if !loose.is_empty() {
            modules.push((i, loose));
        }
        for &c in &p.children {
            course_of[c] = Some(i);
            if pages[c].content_type() != ContentType::Module {
                continue;
            }
            let lessons: Vec<usize> = pages[c]
                .children
                .iter()
                .copied()
                .filter(|l| pages[*l].content_type() == ContentType::Lesson)
                .collect();
            for &l in &pages[c].children {
                course_of[l] = Some(i);
            }
            modules.push((c, lessons));
        }
        let outline = Outline {
            course: i,
            lessons: modules
                .iter()
                .flat_map(|(_, l)| l.iter().copied())
                .collect(),
            modules,
        };
        courses.insert(i, outline);
    }
    for (i, p) in pages.iter().enumerate() {
        if p.fallback || course_of[i].is_some() || !matches!(p.kind, Kind::Module) {
            continue;
        }
        // At the `type:` that made it a module: its own, or its section's
        // `cascade`.
        let own = crate::diag::field_span(root, &p.path, "type");
        let span = if own.line > 0 {
            own
        } else {
            p.parent
                .map(|s| crate::diag::field_span(root, &pages[s].path, "cascade"))
                .filter(|s| s.line > 0)
                .unwrap_or_else(|| Span::new(&p.path, 1, 1))
        };
        diags.push(
            Diagnostic::error(span, "this module is not inside a course")
                .with_hint("a module is a part of a course: move its folder into a course's folder (one whose _index.md says `type: course`), or remove `type: module` to make it a plain section; lessons may stand alone"),
        );
    }
    (courses, course_of, diags)
}
