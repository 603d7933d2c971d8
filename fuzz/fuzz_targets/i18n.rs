//! UI strings: a catalogue in any shape loads or is refused with a
//! diagnostic, and every message it has formats for any count.
#![no_main]
use libfuzzer_sys::fuzz_target;
use oerhub::config::Config;
use oerhub::i18n::I18n;
use oerhub::model::Lang;
use std::path::Path;

const CONFIG: &str = "title: Fuzz\nbase_url: https://hub.test/\ndefault_language: ru\nlanguages:\n  ru: {name: Русский}\n";

fuzz_target!(|data: &[u8]| {
    let config = Config::parse(CONFIG).expect("the fuzz settings are valid");
    let embedded: [(&str, &[u8]); 1] = [("ru.yaml", data)];
    let Ok(i18n) = I18n::load(Path::new("/nonexistent-hub"), &config, &embedded) else {
        return;
    };
    let ru = Lang::new("ru");
    let text = String::from_utf8_lossy(data);
    for key in text.lines().filter_map(|l| l.split(':').next()).take(32) {
        for n in [None, Some(0.0), Some(1.0), Some(2.0), Some(5.0), Some(21.0), Some(1.5)] {
            let _ = i18n.t(&ru, key.trim(), n, &[("name", "<b>x</b>".to_string()), ("n", "3".into())]);
        }
    }
});
