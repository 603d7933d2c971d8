//! Tera for the theme: the engine built from the theme's templates with
//! oerhub's filters and functions, and the rendering of one context
//! through it into bytes, with its errors as diagnostics.

use crate::diag::{Diagnostic, Span};
use crate::i18n::I18n;
use crate::model::Lang;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

use super::theme::Theme;

pub(crate) fn render_one(
    tera: &tera::Tera,
    template: &str,
    ctx: &impl Serialize,
    path: &std::path::Path,
) -> Result<Vec<u8>, Diagnostic> {
    let context = tera::Context::from_serialize(ctx)
        .map_err(|e| Diagnostic::error(Span::file(path), error_chain(&e)))?;
    render_context(tera, template, &context, path)
}

/// The parts of a context that are moved into it as JSON, not serialised:
/// `site` (made from its language's fixed part) and, for a page view whose
/// `content` was left empty, the body as `page.content` (most of the
/// context's bytes).
pub(super) struct Parts {
    pub site: serde_json::Value,
    pub content: Option<String>,
}

/// Like [`render_one`], with `parts` put into the context.
pub(super) fn render_with(
    tera: &tera::Tera,
    template: &str,
    ctx: &impl Serialize,
    parts: Parts,
    path: &std::path::Path,
) -> Result<Vec<u8>, Diagnostic> {
    let mut value = serde_json::to_value(ctx)
        .map_err(|e| Diagnostic::error(Span::file(path), e.to_string()))?;
    if let Some(map) = value.as_object_mut() {
        map.insert("site".into(), parts.site);
        if let (Some(content), Some(page)) = (
            parts.content,
            map.get_mut("page").and_then(|p| p.as_object_mut()),
        ) {
            page.insert("content".into(), serde_json::Value::String(content));
        }
    }
    let context = tera::Context::from_value(value)
        .map_err(|e| Diagnostic::error(Span::file(path), error_chain(&e)))?;
    render_context(tera, template, &context, path)
}

fn render_context(
    tera: &tera::Tera,
    template: &str,
    context: &tera::Context,
    path: &std::path::Path,
) -> Result<Vec<u8>, Diagnostic> {
    // Bytes, not a String: Tera would check again that its own output is UTF-8.
    let mut html = Vec::with_capacity(32 * 1024);
    tera.render_to(template, context, &mut html)
        .map(|()| {
            // Strings another language stands in for, marked with it.
            if crate::i18n::mark::has_marks(&html) {
                crate::i18n::mark::apply(&String::from_utf8_lossy(&html)).into_bytes()
            } else {
                html
            }
        })
        .map_err(|e| {
            Diagnostic::error(
                Span::file(path),
                format!(
                    "rendering with template `{template}` failed: {}",
                    error_chain(&e)
                ),
            )
        })
}

/// A Tera error with its causes, which hold the useful part.
fn error_chain(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// `in_language(code=…, lang=…)` ("in Polish", to follow "available"),
/// `language_name(code=…, lang=…[, standalone=true])` (CLDR's name of a
/// language in the reader's language), `language_list(codes=[…], lang=…)`
/// (several, joined with CLDR's list pattern) and `dir(lang=…)` ("rtl" or "ltr").
fn register_language_functions(tera: &mut tera::Tera, i18n: Arc<I18n>) {
    fn arg<'a>(
        args: &'a HashMap<String, tera::Value>,
        name: &str,
        f: &str,
    ) -> tera::Result<&'a str> {
        args.get(name)
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg(format!("{f}() needs {name}=\"…\"")))
    }
    let names = Arc::clone(&i18n);
    let lists = Arc::clone(&i18n);
    tera.register_function("in_language", move |args: &HashMap<String, tera::Value>| {
        let code = arg(args, "code", "in_language")?;
        let lang = Lang::new(arg(args, "lang", "in_language")?);
        i18n.in_language(&lang, code, true)
            .map(tera::Value::String)
            .map_err(tera::Error::msg)
    });
    tera.register_function(
        "language_name",
        move |args: &HashMap<String, tera::Value>| {
            let code = arg(args, "code", "language_name")?;
            let lang = Lang::new(arg(args, "lang", "language_name")?);
            let standalone = args.get("standalone").and_then(tera::Value::as_bool) == Some(true);
            let name = if standalone {
                names.names.standalone(&lang, code)
            } else {
                names.names.name(&lang, code)
            };
            Ok(tera::Value::String(
                name.unwrap_or_else(|| code.to_string()),
            ))
        },
    );
    tera.register_function(
        "language_list",
        move |args: &HashMap<String, tera::Value>| {
            let lang = Lang::new(arg(args, "lang", "language_list")?);
            let codes: Vec<&str> = args
                .get("codes")
                .and_then(tera::Value::as_array)
                .ok_or("language_list() needs codes=[…]")?
                .iter()
                .filter_map(tera::Value::as_str)
                .collect();
            Ok(tera::Value::String(lists.names.list(&lang, &codes)))
        },
    );
    tera.register_function("dir", move |args: &HashMap<String, tera::Value>| {
        let lang = arg(args, "lang", "dir")?;
        Ok(tera::Value::String(
            crate::i18n::names::direction(lang).as_str().into(),
        ))
    });
}

pub(super) fn build_tera(theme: &Theme, i18n: Arc<I18n>) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes `/`, which garbles every URL in the source.
    tera.set_escape_fn(crate::parse::markdown::escape_html);
    let sources: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(n, (s, _))| (n.as_str(), s.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(sources) {
        let msg = error_chain(&e);
        let origin = theme
            .templates
            .iter()
            .find(|(n, _)| msg.contains(n.as_str()))
            .map_or_else(|| Span::file("themes"), |(_, (_, o))| Span::file(o));
        return Err(vec![Diagnostic::error(
            origin,
            format!("template error: {msg}"),
        )]);
    }
    let dates = Arc::clone(&i18n);
    register_language_functions(&mut tera, Arc::clone(&i18n));
    tera.register_filter(
        "format_date",
        move |value: &tera::Value, args: &HashMap<String, tera::Value>| {
            format_date_filter(&dates, value, args)
        },
    );
    tera.register_function("t", move |args: &HashMap<String, tera::Value>| {
        let key = args
            .get("key")
            .and_then(|v| v.as_str())
            .ok_or("t() needs key=\"…\"")?;
        let lang = args
            .get("lang")
            .and_then(|v| v.as_str())
            .ok_or("t() needs lang=…")?;
        let n = args.get("n").and_then(|v| v.as_f64());
        let extra: Vec<(&str, String)> = args
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "key" | "lang" | "n"))
            .map(|(k, v)| {
                (
                    k.as_str(),
                    v.as_str().map_or_else(|| v.to_string(), str::to_string),
                )
            })
            .collect();
        i18n.marked(&Lang::new(lang), key, n, &extra)
            .map(tera::Value::String)
            .map_err(tera::Error::msg)
    });
    Ok(tera)
}

/// `{{ page.date | format_date(lang=lang) }}` → "25 listopada 2026";
/// `time=true` adds the hours and minutes when the value has them.
fn format_date_filter(
    i18n: &I18n,
    value: &tera::Value,
    args: &HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or("format_date expects a date such as 2026-11-25")?;
    let lang = args
        .get("lang")
        .and_then(|v| v.as_str())
        .ok_or("format_date needs lang=…")?;
    let with_time = args.get("time").and_then(tera::Value::as_bool) == Some(true);
    let dt = crate::model::DateTime::parse(text).map_err(tera::Error::msg)?;
    let lang = Lang::new(lang);
    let formatted = if with_time {
        i18n.dates.date_time(&lang, dt)
    } else {
        i18n.dates.date(&lang, dt.date)
    };
    formatted
        .map(tera::Value::String)
        .ok_or_else(|| tera::Error::msg(format!("no date format for language `{lang}`")))
}
