//! The theme's stylesheet and scripts as published: comments and the
//! spaces that only help their authors taken out, so an ordinary page
//! loads less. Both passes are conservative: strings, regular expressions
//! and template literals (with what their `${…}` hold) pass through
//! untouched, and the script keeps every line break automatic semicolon
//! insertion could read, so it runs as its author wrote it.

/// CSS without comments and without the spaces around `{`, `}`, `;`, `,`
/// and after `:`. A space before `:` is kept: `a :focus` and `a:focus`
/// select different things.
pub fn css(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                space = true;
            }
            '"' | '\'' => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
                copy_string(&mut chars, &mut out, c);
            }
            c if c.is_whitespace() => space = true,
            '{' | '}' | ';' | ',' | ':' | '>' => {
                // `:` keeps a space before it (a descendant pseudo-class).
                if c == ':' && space && !out.ends_with(['{', '}', ';', ',', ':']) {
                    out.push(' ');
                }
                space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
            }
            _ => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
            }
        }
    }
    out.trim().to_string()
}

fn flush_space(out: &mut String, space: &mut bool, next: char) {
    if *space && !out.is_empty() && !out.ends_with(['{', '}', ';', ',', ':', '>']) && next != '!' {
        out.push(' ');
    }
    *space = false;
}

/// Copies a quoted string's rest (after its opening `quote`), escapes included.
fn copy_string(chars: &mut impl Iterator<Item = char>, out: &mut String, quote: char) {
    while let Some(d) = chars.next() {
        out.push(d);
        if d == '\\' {
            if let Some(e) = chars.next() {
                out.push(e);
            }
        } else if d == quote {
            break;
        }
    }
}

/// A script without comments, indentation, blank lines or the spaces no
/// token needs. A line break stays wherever automatic semicolon insertion
/// could read it (it goes only after `;`, `{` and `,`).
pub fn js(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut gap = Gap::None;
    let mut i = 0;
    // The last character that was not whitespace or a comment: whether a
    // `/` starts a regular expression or divides depends on it.
    let mut last = '\n';
    let mut last_word = String::new();
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    if chars[i] == '\n' {
                        gap = Gap::Break;
                    }
                    i += 1;
                }
                i += 2;
                gap = gap.max(Gap::Space);
            }
            '\n' => {
                gap = Gap::Break;
                i += 1;
            }
            c if c.is_whitespace() => {
                gap = gap.max(Gap::Space);
                i += 1;
            }
            '"' | '\'' | '`' => {
                close_gap(&mut out, gap, c);
                gap = Gap::None;
                i = copy_literal(&chars, i, &mut out);
                last = c;
                last_word.clear();
            }
            '/' if starts_regex(last, &last_word) => {
                close_gap(&mut out, gap, c);
                gap = Gap::None;
                i = copy_regex(&chars, i, &mut out);
                last = '/';
                last_word.clear();
            }
            _ => {
                close_gap(&mut out, gap, c);
                gap = Gap::None;
                out.push(c);
                last = c;
                if is_word(c) {
                    last_word.push(c);
                } else {
                    last_word.clear();
                }
                i += 1;
            }
        }
    }
    out.push('\n');
    out
}

/// What separated two tokens in the source.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    Break,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// Writes what must stay of `gap` before the token starting with `next`:
/// a line break unless the line ended with `;`, `{` or `,`; a space
/// between two words, or between `+`/`-` signs (`a + +b`).
fn close_gap(out: &mut String, gap: Gap, next: char) {
    let Some(prev) = out.chars().last() else {
        return;
    };
    match gap {
        Gap::None => {}
        Gap::Break if !matches!(prev, ';' | '{' | ',') => out.push('\n'),
        _ => {
            let signs = matches!(prev, '+' | '-') && matches!(next, '+' | '-');
            if (is_word(prev) && is_word(next)) || signs {
                out.push(' ');
            }
        }
    }
}

/// Whether a `/` after `last` (and the word it ends, if any) begins a
/// regular expression rather than dividing.
fn starts_regex(last: char, word: &str) -> bool {
    if !word.is_empty() {
        return matches!(
            word,
            "return"
                | "typeof"
                | "instanceof"
                | "in"
                | "of"
                | "new"
                | "delete"
                | "void"
                | "throw"
                | "case"
                | "do"
                | "else"
        );
    }
    !(last.is_alphanumeric() || matches!(last, ')' | ']' | '}' | '_' | '$' | '"' | '\'' | '`'))
}

/// Copies the string or template literal starting at `start`; returns
/// the index after it. A template's `${…}` is copied as written, nested
/// strings and templates included, up to its own closing brace.
fn copy_literal(chars: &[char], start: usize, out: &mut String) -> usize {
    let quote = chars[start];
    out.push(quote);
    let mut i = start + 1;
    while i < chars.len() {
        let d = chars[i];
        out.push(d);
        i += 1;
        if d == '\\' {
            if let Some(e) = chars.get(i) {
                out.push(*e);
                i += 1;
            }
        } else if d == quote {
            break;
        } else if quote == '`' && d == '$' && chars.get(i) == Some(&'{') {
            out.push('{');
            i = copy_substitution(chars, i + 1, out);
        }
    }
    i
}

/// Copies a template's substitution from just after its `${` to its
/// closing `}`; returns the index after it.
fn copy_substitution(chars: &[char], start: usize, out: &mut String) -> usize {
    let mut depth = 1;
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '"' | '\'' | '`' => {
                i = copy_literal(chars, i, out);
                continue;
            }
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    out.push('}');
                    return i + 1;
                }
            }
            _ => {}
        }
        out.push(chars[i]);
        i += 1;
    }
    i
}

/// Copies the regular expression literal starting at `start` (classes
/// `[...]` may hold an unescaped `/`), flags included.
fn copy_regex(chars: &[char], start: usize, out: &mut String) -> usize {
    out.push('/');
    let mut i = start + 1;
    let mut in_class = false;
    while i < chars.len() {
        let d = chars[i];
        out.push(d);
        i += 1;
        match d {
            '\\' => {
                if let Some(e) = chars.get(i) {
                    out.push(*e);
                    i += 1;
                }
            }
            '[' => in_class = true,
            ']' => in_class = false,
            '/' if !in_class => break,
            '\n' => break,
            _ => {}
        }
    }
    while i < chars.len() && chars[i].is_alphabetic() {
        out.push(chars[i]);
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_keeps_what_selects_and_strings() {
        let source = "/* head */\n.a :focus-visible,\n.b > .c {\n  content: \" /* not a comment */ \";\n  margin: 0 auto ;\n}\n@media (max-width: 52rem) { .d { color: red !important; } }\n";
        assert_eq!(
            css(source),
            ".a :focus-visible,.b>.c{content:\" /* not a comment */ \";margin:0 auto}@media (max-width:52rem){.d{color:red!important}}"
        );
    }

    #[test]
    fn css_keeps_calc_spaces() {
        assert_eq!(
            css("a { padding: 0 max(1rem, calc((100% - 70rem) / 2)); }"),
            "a{padding:0 max(1rem,calc((100% - 70rem) / 2))}"
        );
    }

    #[test]
    fn js_drops_comments_and_spaces_but_not_literals() {
        let source = "/* head\n * more */\n(function () {\n  // a note\n  var url = \"http://x/*y*/\"; // trailing\n  var re = /^https:\\/\\/[^/]+/g;\n  var half = a / 2 / b;\n  return `a // b ${c}`;\n})();\n";
        assert_eq!(
            js(source),
            "(function(){var url=\"http://x/*y*/\";var re=/^https:\\/\\/[^/]+/g;var half=a/2/b;return`a // b ${c}`;})();\n"
        );
    }

    #[test]
    fn js_keeps_regex_after_keywords_and_operators() {
        assert_eq!(
            js("x = y.replace(/\\s+/g, \" \");\n"),
            "x=y.replace(/\\s+/g,\" \");\n"
        );
        assert_eq!(js("return /a/.test(s)\n"), "return/a/.test(s)\n");
    }

    #[test]
    fn js_keeps_the_breaks_and_spaces_that_mean_something() {
        // No semicolons: each line break ends a statement.
        assert_eq!(js("a = b\n(c)\nreturn\nx\n"), "a=b\n(c)\nreturn\nx\n");
        assert_eq!(js("a = b + +c - -d;\n"), "a=b+ +c- -d;\n");
        assert_eq!(js("var s = `one\ntwo`;\n"), "var s=`one\ntwo`;\n");
        assert_eq!(js("if (a) {\n  b;\n}\n"), "if(a){b;}\n");
        // A template's substitutions, nested templates and braces included, are left as written.
        let nested = "var s = `a ${ f({ k: `b ${ c } // d` }) } e`;\n";
        assert_eq!(js(nested), format!("var s={}", &nested["var s = ".len()..]));
    }
}
