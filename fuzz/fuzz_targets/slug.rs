//! Slugs: any title gives a safe path segment, the same one every time, in
//! both styles, and slugging a slug changes nothing.
#![no_main]
use libfuzzer_sys::fuzz_target;
use oerhub::config::SlugStyle;
use oerhub::slug::{check_slug, slugify};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for style in [SlugStyle::Transliterate, SlugStyle::Unicode] {
        let slug = slugify(text, style);
        assert_eq!(slug, slugify(text, style), "stable");
        if !slug.is_empty() {
            assert!(check_slug(&slug).is_ok(), "{text:?} → unsafe slug {slug:?}");
            assert_eq!(slugify(&slug, style), slug, "{text:?}: slugging {slug:?} again changed it");
        }
        if style == SlugStyle::Transliterate {
            assert!(
                slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'),
                "{text:?} → {slug:?} is not plain ASCII"
            );
        }
    }
});
