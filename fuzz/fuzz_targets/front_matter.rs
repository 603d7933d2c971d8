//! Front matter split from the body and read into typed fields: any text
//! an editor's file may hold gives a page or a diagnostic, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use oerhub::load::SourceFile;
use oerhub::model::Lang;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let src = SourceFile {
        path: "content/guide/page.md".into(),
        dir: "guide".into(),
        id: "page".into(),
        lang: Lang::new("en"),
        is_index: false,
        text: text.into(),
    };
    if let Ok(parsed) = oerhub::parse::parse(src) {
        // Every field's position is asked for in messages.
        for key in &parsed.keys {
            let _ = parsed.span_of(key);
        }
        let _ = parsed.span_of("quiz.questions.3");
        let _ = parsed.body();
    }
    let _ = oerhub::parse::front_text(text);
});
