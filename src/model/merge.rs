//! Translations inherit what they do not say: a Russian lesson that only
//! translates the title, description and body keeps the English version's
//! weight, quiz structure, trainers, audio and dates. Translators then edit
//! words, never structure.

use super::FrontMatter;

macro_rules! inherit {
    ($dst:ident, $src:ident; opt: $($o:ident),*; vec: $($v:ident),*) => {
        $( if $dst.$o.is_none() { $dst.$o = $src.$o.clone(); } )*
        $( if $dst.$v.is_empty() { $dst.$v = $src.$v.clone(); } )*
    };
}

impl FrontMatter {
    /// Fills what `self` (a translation) leaves out from `source` (the
    /// default-language version). Aliases are not inherited: they name
    /// one URL each.
    pub fn inherit_from(&mut self, source: &FrontMatter) {
        let (d, s) = (self, source);
        inherit!(d, s;
            opt: title, description, date, updated, weight, draft, slug, license, type_name, cascade,
                 level, duration_hours, certificate, pass_mark, duration_minutes, quiz, edition, year,
                 publisher, pdf, resource_type, file, url, challenge, region, author, owner, artwork,
                 explicit, copyright, season, episode, audio, transcript, term, definition, source,
                 name, organisation, sector, photo, start, end, application, part, location, online;
            vec: tags, areas, audiences, countries, authors, learning_outcomes, prerequisites,
                 trainers, formats, actors, steps, success_factors, resources, categories, guests,
                 topics, chapters, related, expertise, languages, parts, target_groups);
    }
}

impl FrontMatter {
    /// Where a translation changes structure it may only reword: a quiz's
    /// questions, types, option counts and answers; a programme's parts; a
    /// podcast's chapter times; an application form's fields. Each entry is
    /// (front matter field, what differs).
    pub fn structure_differences(&self, source: &FrontMatter) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let (Some(mine), Some(theirs)) = (&self.quiz, &source.quiz) {
            if mine.pass_mark != theirs.pass_mark {
                out.push(("quiz".into(), "the quiz's `pass_mark` differs".into()));
            }
            if mine.questions.len() != theirs.questions.len() {
                out.push((
                    "quiz".into(),
                    format!(
                        "the quiz has a different number of questions ({}, the original {})",
                        mine.questions.len(),
                        theirs.questions.len()
                    ),
                ));
            }
            for (n, (q, o)) in mine.questions.iter().zip(&theirs.questions).enumerate() {
                let field = format!("quiz.questions.{n}");
                if q.kind != o.kind {
                    out.push((
                        field.clone(),
                        format!("question {} has another `type`", n + 1),
                    ));
                } else if q.options.len() != o.options.len() {
                    out.push((
                        field.clone(),
                        format!(
                            "question {} has a different number of options ({}, the original {})",
                            n + 1,
                            q.options.len(),
                            o.options.len()
                        ),
                    ));
                } else if q.answer != o.answer {
                    out.push((field, format!("question {} has another `answer`", n + 1)));
                }
            }
        }
        if !self.parts.is_empty() && self.parts.len() != source.parts.len() {
            out.push((
                "parts".into(),
                format!(
                    "a different number of parts ({}, the original {})",
                    self.parts.len(),
                    source.parts.len()
                ),
            ));
        }
        if !self.chapters.is_empty() {
            let starts = |c: &[super::ChapterMark]| c.iter().map(|m| m.start).collect::<Vec<_>>();
            if starts(&self.chapters) != starts(&source.chapters) {
                out.push(("chapters".into(), "chapter start times differ".into()));
            }
        }
        if let (Some(mine), Some(theirs)) = (&self.application, &source.application) {
            let shape = |a: &super::Application| {
                a.fields
                    .iter()
                    .map(|f| (f.name.clone(), f.kind.clone(), f.required, f.options.len()))
                    .collect::<Vec<_>>()
            };
            if mine.opens != theirs.opens || mine.closes != theirs.closes {
                out.push(("application".into(), "the application dates differ".into()));
            }
            if shape(mine) != shape(theirs) {
                out.push((
                    "application".into(),
                    "the form's fields (names, types, required, option counts) differ".into(),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translated_quiz_may_reword_but_not_regrade() {
        let en: FrontMatter =
            serde_yaml::from_str("quiz: {questions: [{q: Who?, options: [A, B], answer: 0}]}")
                .unwrap();
        let same: FrontMatter =
            serde_yaml::from_str("quiz: {questions: [{q: Кто?, options: [А, Б], answer: 0}]}")
                .unwrap();
        assert!(same.structure_differences(&en).is_empty());
        let regraded: FrontMatter =
            serde_yaml::from_str("quiz: {questions: [{q: Кто?, options: [А, Б], answer: 1}]}")
                .unwrap();
        let d = regraded.structure_differences(&en);
        assert_eq!(d[0].0, "quiz.questions.0");
        assert!(d[0].1.contains("answer"));
        let fewer: FrontMatter =
            serde_yaml::from_str("quiz: {questions: [{q: Кто?, options: [А], answer: 0}]}")
                .unwrap();
        assert!(fewer.structure_differences(&en)[0]
            .1
            .contains("(1, the original 2)"));
    }

    #[test]
    fn translation_keeps_its_words_and_inherits_structure() {
        let en: FrontMatter =
            serde_yaml::from_str("title: Intro\nweight: 3\ntrainers: [a]\naliases: [/old/]")
                .unwrap();
        let mut ru: FrontMatter = serde_yaml::from_str("title: Введение").unwrap();
        ru.inherit_from(&en);
        assert_eq!(ru.title.as_deref(), Some("Введение"));
        assert_eq!(ru.weight, Some(3));
        assert_eq!(ru.trainers, ["a"]);
        assert!(ru.aliases.is_empty());
    }
}
