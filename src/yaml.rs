//! YAML as oerhub reads it: the front matter, `oerhub.yaml` and the UI
//! strings. Before a parser sees a text, it is checked for what would make
//! parsing slow or unsafe: nesting deeper than [`MAX_DEPTH`] (a parser
//! recurses once per level, and 200,000 levels took 45 s before failing).

/// How deep lists and maps may nest. Real front matter uses four or five
/// levels (a quiz's questions' options); the limit leaves room to spare.
pub const MAX_DEPTH: usize = 64;

/// Where nesting first goes deeper than [`MAX_DEPTH`], as a 1-based line
/// and column of `text`, if it does. Counts flow collections (`[`, `{`),
/// block indentation and `- ` items opened on one line; quoted strings and
/// comments are skipped. It may overcount odd but legal layouts slightly;
/// it never undercounts a nesting a parser would recurse into.
pub fn too_deep(text: &str) -> Option<(u32, u32)> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    for (n, line) in text.lines().enumerate() {
        let line_no = n as u32 + 1;
        let trimmed = line.trim_start_matches(' ');
        if flow == 0 {
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = line.len() - trimmed.len();
            while indents.last().is_some_and(|&i| i > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
        }
        // Items opened on this line: `- - - x` nests three lists.
        let mut dashes = 0;
        let mut rest = trimmed;
        while let Some(r) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("-\t")) {
            dashes += 1;
            rest = r.trim_start();
        }
        let block = indents.len() + dashes;
        if block + flow > MAX_DEPTH {
            return Some((line_no, (line.len() - rest.len()) as u32 + 1));
        }
        let mut quote: Option<char> = None;
        for (col, c) in line.char_indices() {
            match (quote, c) {
                (Some('\''), '\'') | (Some('"'), '"') => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '#') if col == 0 || line[..col].ends_with([' ', '\t']) => break,
                (None, '[' | '{') => {
                    flow += 1;
                    if block + flow > MAX_DEPTH {
                        return Some((line_no, line[..col].chars().count() as u32 + 1));
                    }
                }
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_front_matter_is_shallow() {
        let text = "title: A\nquiz:\n  questions:\n    - q: Who?\n      options: [a, \"b]\", 'c[']\n      answer: 0 # [not counted\n";
        assert_eq!(too_deep(text), None);
    }

    #[test]
    fn deep_flow_block_and_dash_nesting_are_found_where_they_pass_the_limit() {
        let flow = format!("a: {}1{}\n", "[".repeat(100), "]".repeat(100));
        assert_eq!(too_deep(&flow), Some((1, 67)));
        let block: String = (0..100)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert_eq!(too_deep(&block), Some((65, 65)));
        let dashes = format!("{}x\n", "- ".repeat(100));
        assert_eq!(too_deep(&dashes).map(|(l, _)| l), Some(1));
    }

    #[test]
    fn two_hundred_thousand_levels_are_refused() {
        let text = format!("x: {}\n", "[".repeat(200_000));
        assert_eq!(too_deep(&text), Some((1, 67)));
    }
}
