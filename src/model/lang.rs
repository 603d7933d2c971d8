use std::fmt;

/// A language code as declared in `oerhub.yaml` (`en`, `ru`, `pt-BR`).
/// Nothing in the code assumes which languages exist.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct Lang(String);

impl Lang {
    pub fn new(code: impl Into<String>) -> Self {
        Lang(code.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `s` has the shape of a language tag: `xx`, `xxx`, `xx-YY`.
    pub fn looks_like_code(s: &str) -> bool {
        let mut parts = s.split('-');
        let primary = parts.next().unwrap_or("");
        let primary_ok =
            (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
        primary_ok
            && parts
                .all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_codes() {
        assert!(Lang::looks_like_code("ru"));
        assert!(Lang::looks_like_code("pt-BR"));
        assert!(!Lang::looks_like_code("intro"));
        assert!(!Lang::looks_like_code("R2"));
    }
}
