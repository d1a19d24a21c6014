//! Turns spec prose (summaries, descriptions) into doc lines that render as written in rustdoc
//! and trip none of its lints: no accidental doctests, intra-doc links, HTML tags or bare URLs.
//!
//! Spec prose is Markdown with some HTML in it (ApiManagement writes `</br>` between lines and
//! table rows). The HTML tags prose uses are translated into the Markdown that renders the same
//! (see `html`); any other `<...>` is shown as text.

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
    // A carriage return that ends no line (`\r` alone, or left by an HTML tag between `\r` and
    // `\n`) is a "bare CR", which doc comments may not hold.
    let text = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let text = html::to_markdown(&text);
    let mut out: Vec<String> = Vec::new();
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
            continue;
        }
        // Text right after a list would continue its last item, and after a table it would be
        // one more row; make it a new paragraph.
        let previous = out.last().map(String::as_str).unwrap_or("");
        if line.is_empty() && previous.is_empty() {
            continue;
        }
        if !line.is_empty()
            && ((is_list_item(previous) && !is_list_item(line))
                || (is_table_row(previous) && !is_table_row(line)))
        {
            out.push(String::new());
        }
        out.push(escape_line(line, true));
    }
    if in_fence {
        out.push("```".into());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    mend_table_delimiters(&mut out);
    out
}

fn is_list_item(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    line.starts_with("* ")
        || line.starts_with("- ")
        || line.starts_with("+ ")
        || (digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")))
}

fn is_table_row(line: &str) -> bool {
    line.starts_with('|')
}

/// The cells of a table row: `| a | b |` has two.
fn table_cells(row: &str) -> usize {
    let inner = row.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').count()
}

/// A table whose delimiter row has fewer or more cells than its header is not a table to
/// Markdown, and its rows would run together as one paragraph; the header decides.
fn mend_table_delimiters(lines: &mut [String]) {
    let mut in_fence = false;
    for i in 1..lines.len() {
        in_fence ^= lines[i - 1].starts_with("```");
        let (header, delimiter) = (&lines[i - 1], &lines[i]);
        let is_delimiter = is_table_row(delimiter)
            && delimiter.contains('-')
            && delimiter
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' '));
        let header_starts_table = i < 2 || !is_table_row(&lines[i - 2]);
        if !in_fence && is_delimiter && header_starts_table && is_table_row(header) {
            let cells = table_cells(header);
            if table_cells(delimiter) != cells {
                lines[i] = format!("|{}", "---|".repeat(cells));
            }
        }
    }
}

/// Escapes what rustdoc would misread in one line of prose: `[x]` (an intra-doc link) unless it
/// is a `[text](https://...)` link, `<`/`>` (HTML), and `\`; wraps bare URLs in `<...>`
/// autolinks. `links` is false inside a link's text, where neither may start another link.
fn escape_line(line: &str, links: bool) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        if links {
            if let Some(len) = autolink_len(rest) {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
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
            if let Some((text, url, len)) = markdown_link(rest) {
                out.push('[');
                out.push_str(&escape_line(text, false));
                out.push_str("](");
                out.push_str(url);
                out.push(')');
                rest = &rest[len..];
                continue;
            }
        }
        // An inline code span renders its content literally: escaping there would show `\<`.
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
        // Entities the spec wrote itself: shown as the characters they stand for.
        if let Some(after) = rest.strip_prefix("&lt;") {
            out.push_str("\\<");
            rest = after;
            continue;
        }
        if let Some(after) = rest.strip_prefix("&gt;") {
            out.push_str("\\>");
            rest = after;
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("\\<"),
            '>' => out.push_str("\\>"),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn is_web_url(text: &str) -> bool {
    (text.starts_with("http://") || text.starts_with("https://"))
        && !text.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>'))
}

/// The length of an autolink the spec already wrote, `<https://...>`.
fn autolink_len(rest: &str) -> Option<usize> {
    let end = rest.strip_prefix('<')?.find('>')?;
    is_web_url(&rest[1..1 + end]).then_some(end + 2)
}

/// `[text](https://...)` at the start of `rest`: its text, URL and length. Other targets are
/// left to be escaped, since rustdoc would resolve them as intra-doc links.
fn markdown_link(rest: &str) -> Option<(&str, &str, usize)> {
    let close = 1 + rest.strip_prefix('[')?.find(']')?;
    let text = &rest[1..close];
    let after = rest[close + 1..].strip_prefix('(')?;
    let url_len = after.find(')')?;
    let url = &after[..url_len];
    (!text.contains('[') && !text.trim().is_empty() && is_web_url(url)).then_some((
        text,
        url,
        close + 2 + url_len + 1,
    ))
}

/// The HTML tags spec prose uses, and their Markdown: `<br>` (also `</br>`, `<br/>`), `<p>`,
/// `<ul>`/`<ol>`/`<li>`, `<table>`/`<tr>`/`<th>`/`<td>`, `<b>`/`<strong>`, `<i>`/`<em>`,
/// `<code>`, `<pre>` and `<a href>`. This reads tags one at a time, not an HTML document: prose
/// is Markdown first, and a `<placeholder>` in it is text. Anything that is not one of these tags,
/// exactly, is passed on as written for `escape_line` to escape.
mod html {
    use std::ops::Range;

    /// Translates the known tags in `text` (outside code spans and fences) into Markdown.
    pub(super) fn to_markdown(text: &str) -> String {
        let tokens = tokenize(text);
        let mut w = Writer::default();
        let mut i = 0;
        while i < tokens.len() {
            let token = &tokens[i];
            i += 1;
            let Some(tag) = &token.tag else {
                let raw = &text[token.span.clone()];
                let beside_block = |t: Option<&Token>| t.is_some_and(Token::is_block);
                let dropped = raw.trim().is_empty()
                    && (beside_block(i.checked_sub(2).map(|p| &tokens[p]))
                        || beside_block(tokens.get(i)));
                if !dropped {
                    w.text(raw);
                }
                continue;
            };
            // Tags whose content is taken as it is: it needs its closing tag.
            if !tag.closing && matches!(tag.name, Name::Code | Name::Pre | Name::A) {
                let close = tokens[i..].iter().position(|t| {
                    t.tag
                        .as_ref()
                        .is_some_and(|c| c.closing && c.name == tag.name)
                });
                let Some(close) = close.map(|c| c + i) else {
                    w.text(&text[token.span.clone()]);
                    continue;
                };
                let inner = &text[token.span.end..tokens[close].span.start];
                match tag.name {
                    Name::Code => w.code(inner),
                    Name::Pre => w.pre(inner),
                    _ => w.link(inner, tag.href.as_deref()),
                }
                i = close + 1;
                continue;
            }
            let next_text = tokens
                .get(i)
                .filter(|t| t.tag.is_none())
                .map_or("", |t| &text[t.span.clone()]);
            w.tag(tag, &text[token.span.clone()], next_text);
        }
        w.out
    }

    /// In HTML, code is written with entities; Markdown code shows them as typed.
    fn decode_entities(code: &str) -> String {
        code.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    }

    #[derive(Clone, Copy, PartialEq, Debug)]
    enum Name {
        Br,
        P,
        Ul,
        Ol,
        Li,
        Table,
        Section,
        Tr,
        Cell,
        Bold,
        Italic,
        Code,
        Pre,
        A,
    }

    impl Name {
        fn parse(name: &str) -> Option<Name> {
            Some(match name.to_ascii_lowercase().as_str() {
                "br" => Name::Br,
                "p" => Name::P,
                "ul" => Name::Ul,
                "ol" => Name::Ol,
                "li" => Name::Li,
                "table" => Name::Table,
                "thead" | "tbody" => Name::Section,
                "tr" => Name::Tr,
                "td" | "th" => Name::Cell,
                "b" | "strong" => Name::Bold,
                "i" | "em" => Name::Italic,
                "code" => Name::Code,
                "pre" => Name::Pre,
                "a" => Name::A,
                _ => return None,
            })
        }
    }

    #[derive(Debug)]
    struct Tag {
        name: Name,
        closing: bool,
        href: Option<String>,
    }

    /// Prose between tags (`tag` is `None`), or one tag; `span` is where it is in the text.
    struct Token {
        span: Range<usize>,
        tag: Option<Tag>,
    }

    impl Token {
        /// Whitespace between block tags is HTML source layout, not text.
        fn is_block(&self) -> bool {
            self.tag.as_ref().is_some_and(|t| {
                !matches!(
                    t.name,
                    Name::Br | Name::Bold | Name::Italic | Name::Code | Name::A
                )
            })
        }
    }

    /// Splits text into prose and known tags. Code spans and fenced blocks are prose, so the
    /// `<tenant>` in `` `aad://<tenant>` `` stays as written.
    fn tokenize(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut prose_start = 0;
        let mut in_fence = false;
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let line_end = line_start + line.len();
            let fence = line.trim_start().starts_with("```");
            if fence || in_fence {
                in_fence ^= fence;
                line_start = line_end;
                continue;
            }
            let mut i = line_start;
            while i < line_end {
                match text.as_bytes()[i] {
                    b'`' => i = super::code_span_end(text, i, line_end),
                    b'<' => match parse_tag(&text[i..line_end]) {
                        Some((tag, len)) => {
                            if prose_start < i {
                                tokens.push(Token {
                                    span: prose_start..i,
                                    tag: None,
                                });
                            }
                            tokens.push(Token {
                                span: i..i + len,
                                tag: Some(tag),
                            });
                            i += len;
                            prose_start = i;
                        }
                        None => i += 1,
                    },
                    _ => i += 1,
                }
            }
            line_start = line_end;
        }
        if prose_start < text.len() {
            tokens.push(Token {
                span: prose_start..text.len(),
                tag: None,
            });
        }
        tokens
    }

    /// A known tag at the start of `s` and its length. Only `<a>` may have attributes (its
    /// `href` is kept, the others ignored); `<br/>` and `<br />` are spelled with a slash.
    fn parse_tag(s: &str) -> Option<(Tag, usize)> {
        let rest = s.strip_prefix('<')?;
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = Name::parse(&rest[..name_len])?;
        let end = name_len + rest[name_len..].find('>')?;
        let attrs = &rest[name_len..end];
        let attrs = attrs.strip_suffix('/').unwrap_or(attrs);
        let len = s.len() - rest.len() + end + 1;
        if attrs.trim().is_empty() {
            return Some((
                Tag {
                    name,
                    closing,
                    href: None,
                },
                len,
            ));
        }
        if name != Name::A || closing || !attrs.starts_with(char::is_whitespace) {
            return None;
        }
        let href = attrs
            .split_once("href=")
            .and_then(|(_, value)| {
                let quote = value.chars().next().filter(|q| matches!(q, '"' | '\''))?;
                let value = &value[1..];
                value.find(quote).map(|end| value[..end].to_string())
            })
            .unwrap_or_default();
        Some((
            Tag {
                name,
                closing,
                href: Some(href),
            },
            len,
        ))
    }

    #[derive(Default)]
    struct Writer {
        out: String,
        /// Open lists, innermost last: `None` for `<ul>`, the next number for `<ol>`.
        lists: Vec<Option<usize>>,
        table: Option<Table>,
    }

    #[derive(Default)]
    struct Table {
        rows: usize,
        cells: usize,
        cell_open: bool,
    }

    impl Writer {
        fn text(&mut self, text: &str) {
            if self.table.as_ref().is_some_and(|t| t.cell_open) {
                // A cell is one line of its row.
                self.out.push_str(&text.replace('\n', " "));
            } else {
                self.out.push_str(text);
            }
        }

        fn current_line(&self) -> &str {
            self.out.rsplit('\n').next().unwrap_or("")
        }

        fn new_line(&mut self) {
            if !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push('\n');
            }
        }

        fn new_block(&mut self) {
            self.new_line();
            if !self.out.is_empty() && !self.out.ends_with("\n\n") {
                self.out.push('\n');
            }
        }

        /// `raw` is the tag as written, `next` the prose right after it.
        fn tag(&mut self, tag: &Tag, raw: &str, next: &str) {
            match (tag.name, tag.closing) {
                // A line break: rows of one table, or items of one list, go on the next line;
                // anything else becomes its own paragraph, which is how rustdoc shows a break.
                // A cell is one line of its row.
                (Name::Br, _) if self.table.as_ref().is_some_and(|t| t.cell_open) => {
                    self.out.push(' ')
                }
                (Name::Br, _) => {
                    let next = next.trim_start();
                    let row = |line: &str| super::is_table_row(line.trim());
                    if (row(self.current_line()) && row(next)) || super::is_list_item(next) {
                        self.new_line();
                    } else {
                        self.new_block();
                    }
                }
                (Name::P, _) => self.new_block(),
                (Name::Ul | Name::Ol, false) => {
                    self.new_block();
                    self.lists.push((tag.name == Name::Ol).then_some(1));
                }
                (Name::Ul | Name::Ol, true) => {
                    self.lists.pop();
                    self.new_block();
                }
                (Name::Li, false) => {
                    self.new_line();
                    match self.lists.last_mut() {
                        Some(Some(n)) => {
                            self.out.push_str(&format!("{n}. "));
                            *n += 1;
                        }
                        _ => self.out.push_str("- "),
                    }
                }
                (Name::Li, true) | (Name::Section, _) => {}
                (Name::Table, false) => {
                    self.new_block();
                    self.table = Some(Table::default());
                }
                (Name::Table, true) => {
                    self.end_row();
                    self.table = None;
                    self.new_block();
                }
                (Name::Tr, false) if self.table.is_some() => {
                    self.end_row();
                    self.new_line();
                    self.out.push('|');
                }
                (Name::Tr, true) if self.table.is_some() => self.end_row(),
                (Name::Cell, false) if self.table.is_some() => {
                    self.end_cell();
                    self.out.push(' ');
                    let table = self.table.as_mut().expect("checked");
                    table.cells += 1;
                    table.cell_open = true;
                }
                (Name::Cell, true) if self.table.is_some() => self.end_cell(),
                (Name::Bold, _) => self.out.push_str("**"),
                (Name::Italic, _) => self.out.push('*'),
                // Rows and cells outside a table, and closing tags without their opening one.
                _ => self.out.push_str(raw),
            }
        }

        fn end_cell(&mut self) {
            if let Some(table) = self.table.as_mut().filter(|t| t.cell_open) {
                table.cell_open = false;
                self.out.push_str(" |");
            }
        }

        /// Ends the open row, if any; the first row is the header, so the delimiter follows it.
        fn end_row(&mut self) {
            self.end_cell();
            let Some(table) = self.table.as_mut().filter(|t| t.cells > 0) else {
                return;
            };
            if table.rows == 0 {
                let delimiter = format!("\n|{}", "---|".repeat(table.cells));
                self.out.push_str(&delimiter);
            }
            table.rows += 1;
            table.cells = 0;
        }

        fn code(&mut self, code: &str) {
            let code = decode_entities(code).replace('\n', " ");
            let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let ticks = "`".repeat(longest + 1);
            let pad = if code.starts_with('`') || code.ends_with('`') {
                " "
            } else {
                ""
            };
            self.out
                .push_str(&format!("{ticks}{pad}{code}{pad}{ticks}"));
        }

        fn pre(&mut self, code: &str) {
            self.new_block();
            self.out.push_str("```\n");
            self.out.push_str(decode_entities(code).trim_matches('\n'));
            self.out.push_str("\n```");
            self.new_block();
        }

        fn link(&mut self, text: &str, href: Option<&str>) {
            match href.filter(|h| super::is_web_url(h)) {
                Some(href) => self.out.push_str(&format!("[{text}]({href})")),
                // A link to a page anchor or a relative path leads nowhere in rustdoc.
                None => self.out.push_str(text),
            }
        }
    }
}

/// Where the code span starting at `start` (a backtick) ends, or `start + 1` if it is a lone
/// backtick; `end` bounds the search (a span does not leave its line here).
fn code_span_end(text: &str, start: usize, end: usize) -> usize {
    let rest = &text[start..end];
    let ticks = rest.len() - rest.trim_start_matches('`').len();
    match rest[ticks..].find(&rest[..ticks]) {
        Some(close) => start + ticks + close + ticks,
        None => start + ticks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        docs([Some(text)]).0
    }

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        let d = lines(
            "Use [Foo] with <blink>it</blink>, see https://aka.ms/x.\n    indented\n```\ncode\n```",
        );
        assert_eq!(
            d,
            vec![
                "Use \\[Foo\\] with \\<blink\\>it\\</blink\\>, see <https://aka.ms/x>.",
                "indented",
                "```text",
                "code",
                "```",
            ]
        );
    }

    #[test]
    fn leaves_inline_code_alone() {
        let d = lines("Use `<id>-[0-9]+` or ``a`b <c>``, not <d> or a lone ` [x].");
        assert_eq!(
            d,
            vec!["Use `<id>-[0-9]+` or ``a`b <c>``, not \\<d\\> or a lone ` \\[x\\]."]
        );
    }

    #[test]
    fn drops_duplicate_and_empty_paragraphs() {
        let d = docs([Some("Gets x."), None, Some("Gets x."), Some("  ")]);
        assert_eq!(d.0, vec!["Gets x."]);
    }

    #[test]
    fn placeholders_and_entities_show_as_text() {
        assert_eq!(
            lines("explain that <resourceName> is in use; a &lt; b &gt; c"),
            vec!["explain that \\<resourceName\\> is in use; a \\< b \\> c"]
        );
        // In code, a placeholder is already literal.
        assert_eq!(
            lines("e.g. `aad://<tenant>.onmicrosoft.com/groups/<group object id>`"),
            vec!["e.g. `aad://<tenant>.onmicrosoft.com/groups/<group object id>`"]
        );
    }

    #[test]
    fn markdown_links_stay_links() {
        assert_eq!(
            lines("See [How to OAuth2](https://docs.microsoft.com/oauth2) and [x] or [y](Foo)."),
            vec!["See [How to OAuth2](https://docs.microsoft.com/oauth2) and \\[x\\] or \\[y\\](Foo)."]
        );
        // The text of a link is prose, but not another link.
        assert_eq!(
            lines("[<b>a</b> https://x.io](https://x.io)"),
            vec!["[**a** https://x.io](https://x.io)"]
        );
        // An autolink the spec wrote is kept, not escaped around.
        assert_eq!(lines("at <https://x.io/a>"), vec!["at <https://x.io/a>"]);
    }

    #[test]
    fn line_breaks_between_prose_become_paragraphs() {
        assert_eq!(
            lines("Custom properties.</br>Setting `A` disables A.<br>Setting B<br/>C"),
            vec![
                "Custom properties.",
                "",
                "Setting `A` disables A.",
                "",
                "Setting B",
                "",
                "C"
            ]
        );
        // `<br /><br />` is one paragraph break, not an empty paragraph.
        assert_eq!(
            lines("Tier.<br /><br /> Possible Values:<br /><br /> **Standard**<BR>"),
            vec!["Tier.", "", "Possible Values:", "", "**Standard**"]
        );
    }

    #[test]
    fn line_breaks_before_list_items_make_a_list() {
        assert_eq!(
            lines("Media type (e.g. application/json). </br> - `Swagger` use `a` </br> - `WSDL` use `b`</br>Done."),
            vec![
                "Media type (e.g. application/json).",
                "- `Swagger` use `a`",
                "- `WSDL` use `b`",
                "",
                "Done."
            ]
        );
    }

    #[test]
    fn line_breaks_between_table_rows_make_a_table() {
        assert_eq!(
            lines("|  Field  |  Usage  |</br>|----|----|</br>| name | filter | </br>| id | select |</br>"),
            vec!["|  Field  |  Usage  |", "|----|----|", "| name | filter |", "| id | select |"]
        );
        // Text after a table is a paragraph of its own, not one more row.
        assert_eq!(
            lines("Fields:</br>| a |</br>|---|</br>| x |</br>After."),
            vec!["Fields:", "", "| a |", "|---|", "| x |", "", "After."]
        );
    }

    #[test]
    fn a_delimiter_row_gets_the_header_cell_count() {
        assert_eq!(
            lines("| F | U | O | Fn |</br>|---|---|---|</br>|name | filter | eq | contains |"),
            vec![
                "| F | U | O | Fn |",
                "|---|---|---|---|",
                "|name | filter | eq | contains |"
            ]
        );
    }

    #[test]
    fn html_paragraphs_and_lists() {
        assert_eq!(
            lines("<p>One.</p><p>Two:</p>\n<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\nThen <ol><li>x</li><li>y</li></ol>"),
            vec!["One.", "", "Two:", "", "- a", "- b", "", "Then", "", "1. x", "2. y"]
        );
    }

    #[test]
    fn html_tables() {
        assert_eq!(
            lines("Codes:<table>\n <tr><th>Code</th><th>Meaning</th></tr>\n <tr><td>1</td><td>a\nb</td></tr>\n</table>End."),
            vec!["Codes:", "", "| Code | Meaning |", "|---|---|", "| 1 | a b |", "", "End."]
        );
    }

    #[test]
    fn html_code_shows_its_entities_as_characters() {
        assert_eq!(
            lines("<code>a &lt;b&gt; &amp;c</code><pre>x &lt; y</pre>"),
            vec!["`a <b> &c`", "", "```text", "x < y", "```"]
        );
    }

    #[test]
    fn a_line_break_in_a_table_cell_stays_in_its_row() {
        assert_eq!(
            lines("<table><tr><td>a<br>b</td></tr></table>"),
            vec!["| a b |", "|---|"]
        );
    }

    #[test]
    fn html_inline_markup() {
        assert_eq!(
            lines("<b>Bold</b>, <strong>strong</strong>, <i>i</i>, <em>em</em>, <code>a<b>[c]</code>, <code>x`y</code>."),
            vec!["**Bold**, **strong**, *i*, *em*, `a<b>[c]`, ``x`y``."]
        );
    }

    #[test]
    fn html_preformatted_blocks() {
        assert_eq!(
            lines("Policy:<pre>\n<policies>\n  <inbound />\n</policies>\n</pre>done"),
            vec![
                "Policy:",
                "",
                "```text",
                "<policies>",
                "<inbound />",
                "</policies>",
                "```",
                "",
                "done"
            ]
        );
    }

    #[test]
    fn html_links() {
        assert_eq!(
            lines("See <a href=\"https://x.io/a\" target=\"_blank\">the docs</a> or <a href='#top'>top</a>."),
            vec!["See [the docs](https://x.io/a) or top."]
        );
    }

    #[test]
    fn unknown_or_unfinished_html_stays_text() {
        assert_eq!(
            lines("<div>x</div> <p class=\"a\">y <code>z <a href=\"https://x.io\">w"),
            // (the URL is still a link: rustdoc warns about bare ones)
            vec!["\\<div\\>x\\</div\\> \\<p class=\"a\"\\>y \\<code\\>z \\<a href=\"<https://x.io>\"\\>w"]
        );
        // A stray row or cell outside a table, or a closing tag alone, is text too.
        assert_eq!(lines("a <td> b </tr>"), vec!["a \\<td\\> b \\</tr\\>"]);
    }

    #[test]
    fn html_in_code_is_not_translated() {
        assert_eq!(
            lines("Use `</br>` or\n```\n<b>x</b>\n```"),
            vec!["Use `</br>` or", "```text", "<b>x</b>", "```"]
        );
    }
}
