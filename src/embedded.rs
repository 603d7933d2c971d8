//! Files compiled into the binary by build.rs: the default theme
//! (`templates/…`, `static/…`) and the UI strings (`en.yaml` …).

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The cover `oerhub new podcast` writes until the hub has its own.
pub const PLACEHOLDER_COVER: &[u8] = include_bytes!("../themes/default/init/cover.png");
