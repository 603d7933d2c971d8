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

#[cfg(test)]
mod tests {
    use super::*;

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
