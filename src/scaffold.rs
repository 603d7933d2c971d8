//! `oerhub new TYPE PATH [--lang L]`: a page of a type, with every field
//! the type takes (required ones filled in with values that build, the
//! others as comments that explain them), written where the hub expects
//! it. It never overwrites a file.

use crate::config::Config;
use crate::model::{ContentType, Date, Lang};
use std::path::{Path, PathBuf};

/// What `new` wrote, for the message.
pub struct Created {
    pub files: Vec<PathBuf>,
    /// What the hub must still declare for the page to build.
    pub todo: Vec<String>,
}

/// Writes the scaffold of `kind` at `path` (relative to `content/`, with
/// or without the `content/` prefix and `.md`) in `lang`.
pub fn new_page(
    root: &Path,
    config: &Config,
    kind: ContentType,
    path: &str,
    lang: Option<&Lang>,
) -> Result<Created, String> {
    let rel = clean(path)?;
    let lang = lang.unwrap_or(&config.default_language);
    if config.language(lang).is_none() {
        return Err(format!("`{lang}` is not a language of this hub"));
    }
    let suffix = if *lang == config.default_language {
        String::new()
    } else {
        format!(".{lang}")
    };
    let file = if kind.is_section() {
        format!("{rel}/_index{suffix}.md")
    } else {
        format!("{rel}{suffix}.md")
    };
    let target = root.join(crate::load::CONTENT_DIR).join(&file);
    if target.exists() {
        return Err(format!(
            "{} already exists; oerhub new does not overwrite files",
            Path::new(crate::load::CONTENT_DIR).join(&file).display()
        ));
    }
    let text = if *lang == config.default_language {
        original(config, kind, lang, &rel)
    } else {
        let original = if kind.is_section() {
            format!("{rel}/_index.md")
        } else {
            format!("{rel}.md")
        };
        let source = root.join(crate::load::CONTENT_DIR).join(&original);
        if !source.exists() {
            return Err(format!(
                "a translation needs its original: content/{original} does not exist (create it first with `oerhub new {} {rel}`)",
                kind.name()
            ));
        }
        let text =
            std::fs::read_to_string(&source).map_err(|e| format!("{}: {e}", source.display()))?;
        translation(&text)
    };
    let mut files = vec![write(&target, text.as_bytes())?];
    if kind == ContentType::Podcast && *lang == config.default_language {
        let cover = target.with_file_name("cover.png");
        if !cover.exists() {
            files.push(write(&cover, crate::embedded::PLACEHOLDER_COVER)?);
        }
    }
    let todo = if *lang == config.default_language {
        undeclared(config, kind)
    } else {
        Vec::new()
    };
    Ok(Created { files, todo })
}

/// The vocabularies a type requires a value from that `oerhub.yaml` leaves
/// empty: the scaffold writes a placeholder value, which the hub must declare.
fn undeclared(config: &Config, kind: ContentType) -> Vec<String> {
    let v = &config.vocabularies;
    let needs: &[(&str, &crate::config::Vocabulary, &str)] = match kind {
        ContentType::Course => &[("areas", &v.areas, "law")],
        ContentType::Resource => &[("resource_type", &v.resource_type, "report")],
        _ => &[],
    };
    needs
        .iter()
        .filter(|(_, vocabulary, _)| vocabulary.is_empty())
        .map(|(name, _, value)| {
            format!(
                "oerhub.yaml declares no {name}; add the value the page uses under `vocabularies:`, e.g.\n    {name}:\n      {value}: {{{lang}: {title}}}",
                lang = config.default_language,
                title = crate::link::humanise(value),
            )
        })
        .collect()
}

/// `content/courses/x.md` → `courses/x`; refuses paths that leave `content/`.
fn clean(path: &str) -> Result<String, String> {
    let p = path.replace('\\', "/");
    let p = p.strip_prefix("content/").unwrap_or(&p);
    let p = p.strip_suffix(".md").unwrap_or(p);
    let p = p.trim_matches('/');
    let p = p.strip_suffix("/_index").unwrap_or(p);
    if p.is_empty()
        || p.split('/')
            .any(|s| s.is_empty() || s == "." || s == ".." || s.starts_with('.'))
    {
        return Err(format!(
            "`{path}` is not a path inside content/; write it like courses/asylum-basics"
        ));
    }
    Ok(p.to_string())
}

fn write(path: &Path, bytes: &[u8]) -> Result<PathBuf, String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    // `create_new`: a file that appeared meanwhile is not overwritten either.
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    std::io::Write::write_all(&mut f, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.to_path_buf())
}

/// The first value of a vocabulary, so the scaffold builds as it is.
fn first(vocabulary: &crate::config::Vocabulary, fallback: &str) -> String {
    vocabulary
        .keys()
        .next()
        .cloned()
        .unwrap_or_else(|| fallback.to_string())
}

fn original(config: &Config, kind: ContentType, lang: &Lang, rel: &str) -> String {
    let today = Date::today();
    let area = first(&config.vocabularies.areas, "law");
    let title = crate::link::humanise(rel);
    let common = format!(
        "title: \"{title}\"\n\
         description: \"One or two sentences on what the reader gets from this page (shown in listings, search and link previews).\"\n\
         # date: {today}\n\
         # areas: [{area}]          # values from vocabularies.areas in oerhub.yaml\n\
         # audiences: []\n\
         # tags: []\n\
         # authors: []\n"
    );
    let typed = match kind {
        ContentType::Page => String::new(),
        ContentType::Section => "# cascade: {type: resource}   # the type of every page in this section\n".into(),
        ContentType::Course => format!(
            "type: course\n\
             cascade: {{type: lesson}}      # pages in the course are lessons, folders are modules\n\
             areas: [{area}]               # required: at least one, from vocabularies.areas\n\
             level: beginner               # beginner, intermediate or advanced\n\
             duration_hours: 2\n\
             learning_outcomes:\n  - Explain …\n  - Apply …\n\
             # prerequisites: []\n\
             # trainers: []              # ids of trainer pages (their file names)\n\
             certificate: true             # a certificate page once every lesson is done\n\
             pass_mark: 80                 # percent, for every quiz of the course\n"
        ),
        ContentType::Module => "type: module\n# weight: 1                 # order among the course's modules\n".into(),
        ContentType::Lesson => "type: lesson\n\
             # weight: 1                 # order within the module\n\
             duration_minutes: 20\n\
             # quiz:                     # graded in the browser; answers are indexes from 0\n\
             #   questions:\n\
             #     - q: Which statement is true?\n\
             #       options: [The first, The second]\n\
             #       answer: 0\n\
             #       explain: Why the first is right.\n".into(),
        ContentType::Handbook => format!(
            "type: handbook\n\
             cascade: {{type: chapter}}\n\
             # edition: \"1st edition\"\n\
             year: {}\n\
             # publisher: \"\"\n\
             # pdf: handbook.pdf         # a PDF beside this file\n",
            today.year
        ),
        ContentType::Chapter => "type: chapter\nweight: 1                     # order in the handbook\n".into(),
        ContentType::Resource => format!(
            "type: resource\n\
             resource_type: {}            # from vocabularies.resource_type\n\
             url: \"https://www.example.org/\"  # or `file: report.pdf`, a file beside this page\n\
             # year: {}\n\
             # publisher: \"\"\n\
             # formats: [PDF]\n",
            first(&config.vocabularies.resource_type, "report"),
            today.year
        ),
        ContentType::Blueprint => "type: blueprint\n\
             challenge: \"The problem this way of working solves.\"\n\
             actors:\n  - Municipality\n  - NGO\n\
             steps:\n  - First step\n  - Second step\n\
             # success_factors: []\n\
             # region: \"\"\n\
             # resources: []            # ids of library resources\n".into(),
        ContentType::Podcast => format!(
            "type: podcast\n\
             cascade: {{type: episode}}\n\
             author: \"{org}\"\n\
             owner: {{name: \"{org}\", email: podcast@example.org}}\n\
             artwork: cover.png            # square JPEG or PNG, 1400–3000 px (a placeholder was written)\n\
             categories: [Education]\n\
             explicit: false\n",
            org = config.organisation.as_ref().map_or(config.title.as_str(), |o| o.name.as_str())
        ),
        ContentType::Episode => format!(
            "type: episode\n\
             season: 1\n\
             episode: 1\n\
             date: {today}\n\
             audio:\n  url: \"https://www.example.org/audio/episode.mp3\"\n  length_bytes: 1000000     # the file's size, for podcast apps\n  mime: audio/mpeg\n  duration: \"00:30:00\"\n\
             # guests: []                # ids of trainer pages\n\
             # transcript: episode.vtt   # WebVTT beside this file\n\
             # chapters:\n\
             #   - {{start: \"00:00:00\", title: Welcome}}\n"
        ),
        ContentType::Term => format!(
            "type: term\n\
             term: \"{title}\"\n\
             definition: \"A one-sentence definition, shown where pages mark the term.\"\n\
             # related: []\n\
             # source: \"\"\n"
        ),
        ContentType::Trainer => format!(
            "type: trainer\n\
             name: \"{title}\"\n\
             # organisation: \"\"\n\
             # sector: state             # state or non-state\n\
             # expertise: []\n\
             # languages: [{lang}]\n\
             # photo: photo.jpg\n"
        ),
        ContentType::Programme => format!(
            "type: programme\n\
             cascade: {{type: session}}\n\
             start: {today}\n\
             end: {today}\n\
             # parts:\n\
             #   - title: Introduction\n\
             # target_groups: []\n\
             # application:               # a form Netlify Forms accepts\n\
             #   opens: {today}\n\
             #   closes: {today}\n"
        ),
        ContentType::Session => format!(
            "type: session\n\
             start: {today}T10:00:00\n\
             # end: {today}T12:00:00\n\
             # part: 1\n\
             # location: \"\"\n\
             # online: false\n\
             # trainers: []\n"
        ),
    };
    let body = match kind {
        ContentType::Course => "Who the course is for and what it covers.\n",
        ContentType::Lesson => "## What you will learn\n\nWrite the lesson here.\n",
        ContentType::Term => "A longer explanation, with examples and sources.\n",
        _ => "Write here. Link to other pages by their source file, for example `[the glossary](@/glossary/_index.md)`.\n",
    };
    format!("---\n{common}{typed}---\n\n{body}")
}

/// A translation: the original's words to translate (its title,
/// description and the like, so the page builds from the start); every
/// other field comes from the original.
fn translation(original: &str) -> String {
    let front = original
        .trim_start_matches('\u{feff}')
        .strip_prefix("---")
        .and_then(|rest| rest.split("\n---").next())
        .unwrap_or("");
    let words: String = front
        .lines()
        .filter(|l| {
            ["title:", "description:", "term:", "definition:", "name:"]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    format!(
        "---\n\
         # Translate these; every other field comes from the original. When the\n\
         # translation is done, run `oerhub translations --mark-current` on this file.\n\
         {words}\
         ---\n\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_content() {
        assert_eq!(clean("content/courses/x.md").unwrap(), "courses/x");
        assert_eq!(clean("courses/x/_index.md").unwrap(), "courses/x");
        assert!(clean("../x").is_err());
        assert!(clean("a//b").is_err());
        assert!(clean("").is_err());
    }

    #[test]
    fn titles_come_from_the_file_name() {
        assert_eq!(
            crate::link::humanise("courses/asylum-basics"),
            "Asylum basics"
        );
    }
}
