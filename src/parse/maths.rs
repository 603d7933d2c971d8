//! Maths: `$…$` and `$$…$$` in a body become MathML at build time, with
//! math-core (LaTeX to MathML Core, which browsers render natively), so
//! readers need no script and no font from elsewhere. The TeX source
//! travels along as an annotation, for copying and for screen readers
//! that read it.
//!
//! The MathML goes into the page after the sanitiser has run (it keeps no
//! MathML): the renderer writes a marker where each formula goes, and
//! [`Maths::fill`] puts them in.

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};
use std::sync::LazyLock;

static CONVERTER: LazyLock<Option<LatexToMathML>> = LazyLock::new(|| {
    let config = MathCoreConfig {
        annotation: true,
        ..MathCoreConfig::default()
    };
    LatexToMathML::new(config).ok()
});

/// Private-use characters: they pass the Markdown writer and the
/// sanitiser unchanged, and no editor types them.
const OPEN: char = '\u{F8F0}';
const CLOSE: char = '\u{F8F1}';

/// A page's formulas, in the order their markers stand.
#[derive(Default)]
pub struct Maths {
    mathml: Vec<String>,
}

impl Maths {
    /// The marker for `tex`, or where in it (a byte offset) and why it
    /// cannot be shown.
    pub fn add(&mut self, tex: &str, display: bool) -> Result<String, (usize, String)> {
        let converter = CONVERTER
            .as_ref()
            .ok_or((0, "maths cannot be converted in this build".to_string()))?;
        let mode = if display {
            MathDisplay::Block
        } else {
            MathDisplay::Inline
        };
        match converter.convert_with_local_state(tex, mode) {
            Ok(done) => {
                let marker = format!("{OPEN}{}{CLOSE}", self.mathml.len());
                self.mathml.push(done.mathml);
                Ok(marker)
            }
            Err(e) => Err((
                e.0.start.min(tex.len()),
                format!("this formula cannot be shown: {}", e.error_message()),
            )),
        }
    }

    /// `html` with each marker replaced by its formula.
    pub fn fill(self, html: &mut String) {
        if self.mathml.is_empty() {
            return;
        }
        let mut out =
            String::with_capacity(html.len() + self.mathml.iter().map(String::len).sum::<usize>());
        let mut rest = html.as_str();
        while let Some(at) = rest.find(OPEN) {
            out.push_str(&rest[..at]);
            let after = &rest[at + OPEN.len_utf8()..];
            let end = after.find(CLOSE).unwrap_or(after.len());
            match after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|n| self.mathml.get(n))
            {
                Some(mathml) => out.push_str(mathml),
                None => out.push_str(&rest[at..at + OPEN.len_utf8() + end]),
            }
            rest = &after[(end + CLOSE.len_utf8()).min(after.len())..];
        }
        out.push_str(rest);
        *html = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_mathml_in_their_place() {
        let mut maths = Maths::default();
        let a = maths.add(r"\frac{a}{b}", false).unwrap();
        let b = maths.add(r"E = mc^2", true).unwrap();
        let mut html = format!("<p>x {a} y</p><p>{b}</p>");
        maths.fill(&mut html);
        assert!(html.starts_with("<p>x <math>"), "{html}");
        assert!(
            html.contains("<mfrac><mi>a</mi><mi>b</mi></mfrac>"),
            "{html}"
        );
        assert!(html.contains("display=\"block\""), "{html}");
        assert!(
            html.contains("<annotation encoding=\"application/x-tex\">E = mc^2</annotation>"),
            "{html}"
        );
    }

    #[test]
    fn a_formula_that_cannot_be_shown_says_where() {
        let mut maths = Maths::default();
        let (at, message) = maths.add(r"x + \nosuchcommand{y}", false).unwrap_err();
        assert_eq!(at, 4);
        assert!(message.contains("nosuchcommand"), "{message}");
    }
}
