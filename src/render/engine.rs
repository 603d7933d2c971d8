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
        .map(|()| html)
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
        i18n.t(&Lang::new(lang), key, n, &extra)
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
