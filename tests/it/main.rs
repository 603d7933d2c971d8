//! Integration tests: fixture hubs built by the real binary.

mod admin;
mod build;
mod check;
mod courses;
mod demo;
mod errors;
mod harness;
mod knowledge;
mod languages;
mod output;
mod packages;
mod podcast;
mod raw_html;
mod scaffold;
mod translations;
