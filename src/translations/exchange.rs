//! What a PO or an XLIFF file carries between oerhub and a translator's
//! tool: pages' (or the UI strings') segments for one language, with the
//! fingerprints that tell on import what the translator worked from.

/// One exchange file: the originals of a page, a section or the whole
/// hub (`--per`), or the UI strings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exchange {
    /// The originals' language and the translation's.
    pub source_lang: String,
    pub target_lang: String,
    /// The gettext plural formula of the target language, for plural units.
    pub plural_forms: Option<String>,
    pub docs: Vec<Document>,
    /// Header fields a translation platform wrote (PO), kept on re-export.
    pub kept_header: Vec<(String, String)>,
}

/// One original and its units.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The original, relative to the hub (`content/intro.md`,
    /// `i18n/en.yaml`).
    pub path: String,
    /// The original's fingerprint when exported (`source_hash:`).
    pub source_hash: String,
    /// The translation file's fingerprint when exported, `None` when it
    /// did not exist: an import refuses to overwrite a file changed since.
    pub translation_hash: Option<String>,
    pub units: Vec<Unit>,
}

impl Exchange {
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.docs.iter().flat_map(|d| &d.units)
    }

    pub fn doc(&self, path: &str) -> Option<&Document> {
        self.docs.iter().find(|d| d.path == path)
    }
}

/// How many originals an export puts in one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Per {
    /// One file per page (the default)
    #[default]
    Page,
    /// One file per folder of content/: fewer components on a platform
    Section,
    /// One file for every page of the hub
    Hub,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The segment's id: `title`, `body.3`, a UI string's key.
    pub id: String,
    /// The original's words: one string, or a plural's singular and plural.
    pub source: Vec<String>,
    /// The translation: one string, or one per plural form of the target
    /// language; empty strings where untranslated.
    pub target: Vec<String>,
    pub fuzzy: bool,
    /// The original's words when last translated, for a fuzzy unit.
    pub previous: Option<String>,
    /// What the segment is (`heading`, `front matter`), for the translator.
    pub note: String,
    /// Where the segment is in the original: its line.
    pub line: u32,
    /// The line of the exchange file the unit was read from (0 when made).
    pub read_at: u32,
}

impl Unit {
    pub fn is_translated(&self) -> bool {
        !self.target.is_empty() && self.target.iter().all(|t| !t.trim().is_empty())
    }
}

/// The exchange file's own format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// GNU gettext PO (Weblate, Pontoon, Crowdin, Poedit)
    Po,
    /// XLIFF 1.2 (OmegaT, Trados, memoQ)
    Xliff,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Po => "po",
            Format::Xliff => "xlf",
        }
    }

    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()? {
            "po" => Some(Format::Po),
            "xlf" | "xliff" => Some(Format::Xliff),
            _ => None,
        }
    }

    pub fn write(self, x: &Exchange) -> String {
        match self {
            Format::Po => super::po::write(x),
            Format::Xliff => super::xliff::write(x),
        }
    }

    /// The exchange file read back; errors are (line, message).
    pub fn read(self, text: &str) -> Result<Exchange, (u32, String)> {
        match self {
            Format::Po => super::po::read(text),
            Format::Xliff => super::xliff::read(text),
        }
    }
}
