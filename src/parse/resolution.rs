//! How the Markdown renderer asks about a link: the stage that knows the
//! site (`link`) answers with a [`Resolution`], and a link that leads
//! nowhere comes back as a [`Problem`] the renderer reports at the link's
//! line.

use crate::diag::{Class, Diagnostic, Span};

/// What a link destination turned out to be.
pub enum Resolution {
    /// Left as written: an external URL, `mailto:`, a pure `#anchor` on the same page.
    Keep,
    /// Rewritten to `url`; when `anchor` is set, the target page must have it.
    Internal {
        url: String,
        check: Option<AnchorCheck>,
    },
    Broken(Problem),
}

/// What is wrong with a link, for its diagnostic.
pub struct Problem {
    pub message: String,
    pub hint: Option<String>,
    /// The class whose level the hub sets, if the problem has one.
    pub class: Option<Class>,
    /// The missing page or file.
    pub target: Option<String>,
    /// The address to write when the hub lets the problem through as a
    /// warning (a missing image's place, so copying it in later fixes the
    /// page); `#` otherwise.
    pub url: Option<String>,
}

impl Problem {
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            hint: Some(hint.into()),
            class: None,
            target: None,
            url: None,
        }
    }

    pub fn of(class: Class, message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem {
            class: Some(class),
            ..Problem::new(message, hint)
        }
    }

    pub fn about(mut self, target: impl Into<String>) -> Problem {
        self.target = Some(target.into());
        self
    }

    /// The diagnostic at `span`.
    pub fn at(self, span: Span) -> Diagnostic {
        let mut d = match self.class {
            Some(class) => Diagnostic::of_class(class, span, self.message),
            None => Diagnostic::error(span, self.message),
        };
        d.hint = self.hint;
        d.target = self.target.map(String::into_boxed_str);
        d
    }
}

#[derive(Debug, Clone)]
pub struct AnchorCheck {
    /// Index of the target page in the site.
    pub target: usize,
    pub anchor: String,
    /// The link as written (`../x.md#a`).
    pub dest: String,
}

pub trait LinkResolver {
    fn resolve(&self, dest: &str, is_image: bool) -> Resolution;

    /// A glossary term marked in the text (`[asylum](term:asylum-seeker)`):
    /// the term page's URL and its definition in the reader's language.
    fn term(&self, id: &str) -> Result<TermRef, Resolution> {
        Err(Resolution::Broken(Problem {
            hint: None,
            ..Problem::new(format!("`term:{id}` links need a glossary"), "")
        }))
    }
}

/// A marked term: where its page is and what it means.
pub struct TermRef {
    pub url: String,
    pub definition: String,
}
