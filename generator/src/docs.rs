//! Turns spec prose (summaries, descriptions) into doc lines that render as written in rustdoc
//! and trip none of its lints: no accidental doctests, links, HTML tags or bare URLs.

use crate::ir::Docs;

/// Builds docs from paragraphs; empty ones are dropped, paragraphs separated by a blank line.
pub fn docs<'a>(paragraphs: impl IntoIterator<Item = Option<&'a str>>) -> Docs {
    let mut lines = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for text in paragraphs.into_iter().flatten() {
        let text = text.trim();
        if text.is_empty() || seen.iter().any(|s| s == text) {
            continue;
        }
        seen.push(text.to_string());
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(sanitize(text));
    }
    Docs(lines)
}

/// Adds one more paragraph to existing docs.
pub fn push_paragraph(docs: &mut Docs, text: &str) {
    if !docs.0.is_empty() {
        docs.0.push(String::new());
    }
    docs.0.extend(sanitize(text));
}

fn sanitize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for raw in text.lines() {
        // Leading indentation would make an indented code block, which rustdoc compiles.
        let line = raw.trim();
        if line.starts_with("```") {
            out.push(if in_fence {
                "```".into()
            } else {
                "```text".into()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_string());
        } else {
            // Text right after a list would continue its last item; make it a new paragraph.
            let previous = out.last().map(String::as_str).unwrap_or("");
            if !line.is_empty() && !is_list_item(line) && is_list_item(previous) {
                out.push(String::new());
            }
            out.push(escape_line(line));
        }
    }
    if in_fence {
        out.push("```".into());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

fn is_list_item(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    line.starts_with("* ")
        || line.starts_with("- ")
        || line.starts_with("+ ")
        || (digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")))
}

/// Escapes markdown link brackets and HTML, and wraps bare URLs in `<…>` autolinks.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`' | ')' | ']')
                })
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        // An inline code span renders its content literally: escaping there would show `&lt;`.
        if rest.starts_with('`') {
            let ticks = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..ticks];
            if let Some(end) = rest[ticks..].find(fence) {
                let span = ticks + end + ticks;
                out.push_str(&rest[..span]);
                rest = &rest[span..];
                continue;
            }
        }
        let c = rest.chars().next().expect("not empty");
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        let d = docs([Some(
            "Use [Foo] with <b>bold</b>, see https://aka.ms/x.\n    indented\n```\ncode\n```",
        )]);
        assert_eq!(
            d.0,
            vec![
                "Use \\[Foo\\] with &lt;b&gt;bold&lt;/b&gt;, see <https://aka.ms/x>.",
                "indented",
                "```text",
                "code",
                "```",
            ]
        );
    }

    #[test]
    fn leaves_inline_code_alone() {
        let d = docs([Some(
            "Use `<id>-[0-9]+` or ``a`b <c>``, not <d> or a lone ` [x].",
        )]);
        assert_eq!(
            d.0,
            vec!["Use `<id>-[0-9]+` or ``a`b <c>``, not &lt;d&gt; or a lone ` \\[x\\]."]
        );
    }

    #[test]
    fn drops_duplicate_and_empty_paragraphs() {
        let d = docs([Some("Gets x."), None, Some("Gets x."), Some("  ")]);
        assert_eq!(d.0, vec!["Gets x."]);
    }
}
