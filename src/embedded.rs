//! Files compiled into the binary by build.rs: the default theme
//! (`templates/…`, `static/…`) and the UI strings (`en.yaml` …).

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The sample page `oerhub init` writes.
pub const SAMPLE_HOME: &str = include_str!("../themes/default/init/_index.md");
pub const SAMPLE_PAGE: &str = include_str!("../themes/default/init/welcome.md");
pub const SAMPLE_CONFIG: &str = include_str!("../themes/default/init/oerhub.yaml");
pub const PLACEHOLDER_COVER: &[u8] = include_bytes!("../themes/default/init/cover.png");
