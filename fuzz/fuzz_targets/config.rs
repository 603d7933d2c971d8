//! The hub's settings (`oerhub.yaml`): any text gives settings or
//! diagnostics, never a panic, including YAML aliases that multiply.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = oerhub::config::Config::parse(text);
    }
});
