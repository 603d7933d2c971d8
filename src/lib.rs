//! oerhub: a static-site generator for open educational resource hubs.
//!
//! A build runs these stages, each a module with a typed input and output:
//!
//! 1. [`config`] reads `oerhub.yaml`; [`i18n`] the UI strings.
//! 2. [`load`] walks `content/` and `static/` and reads every file.
//! 3. [`parse`] splits front matter from Markdown and reads it into
//!    [`model::FrontMatter`].
//! 4. [`link`] gives every page its type, typed data, URL, section and
//!    translations, renders Markdown with links resolved, and checks every
//!    reference: the result is an immutable [`link::Site`].
//! 5. [`render`] turns the site into an [`render::Output`] (path → bytes)
//!    through the theme's Tera templates.
//! 6. [`write`] puts the output on disk, atomically, only when the build
//!    succeeded.
//!
//! Every stage reports problems as [`diag::Diagnostic`]s and keeps going,
//! so one run shows every content error.

pub mod build;
pub mod bundle;
pub mod check;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diag;
pub mod embedded;
pub mod i18n;
pub mod init;
pub mod interrupt;
pub mod link;
pub mod load;
pub mod meta;
pub mod model;
pub mod parse;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod slug;
pub mod timings;
pub mod translations;
pub mod write;
pub mod yaml;

/// `oerhub 0.1.0 (abc1234)`, prepared by build.rs.
pub const VERSION: &str = env!("OERHUB_VERSION");
