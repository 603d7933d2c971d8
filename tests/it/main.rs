//! Integration tests: fixture hubs built by the real binary.

mod admin;
mod build;
mod check;
mod courses;
mod demo;
mod errors;
mod exchange;
mod guide;
mod harness;
mod hostile;
mod imported;
mod knowledge;
mod languages;
mod output;
mod packages;
mod podcast;
mod raw_html;
mod safety;
mod scaffold;
mod serve;
mod snapshots;
mod translations;
