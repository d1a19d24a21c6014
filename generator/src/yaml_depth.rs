//! A linear pre-check of how deeply a YAML text nests flow collections (`[…]`, `{…}`).
//!
//! serde_yaml (libyaml) refuses documents nested deeper than 128 levels, but its scanner spends
//! time quadratic in the depth of flow collections before it gets there: 20,000 `[` take over a
//! second, 150 KB of `{a: ` over 30 s. This scan counts flow nesting in one pass and stops at
//! the same limit, so such a file fails in milliseconds. It only ever counts brackets that open
//! a flow collection for libyaml too (not those in quoted, plain or block scalars, or comments),
//! so a document libyaml accepts is never refused here. Block nesting (indentation) costs
//! libyaml linear time and is left to it.

/// serde_yaml's recursion limit: a flow collection deeper than this is refused either way.
pub const LIMIT: usize = 128;

/// Where the first flow collection deeper than the limit opens (1-based, in characters).
#[derive(Debug, PartialEq, Eq)]
pub struct TooDeep {
    pub line: usize,
    pub column: usize,
}

/// Checks that no flow collection of `text` is nested deeper than `limit`.
pub fn check(text: &str, limit: usize) -> Result<(), TooDeep> {
    Scanner::new(text).run(limit)
}

struct Scanner<'t> {
    chars: std::iter::Peekable<std::str::Chars<'t>>,
    line: usize,
    column: usize,
    /// Open flow collections.
    depth: usize,
    /// Whether the next character may start a node (a collection or a quoted or block scalar):
    /// true at a line's indentation and after `- `, `? `, `: `, `[`, `{` and `,`.
    node_start: bool,
    /// Indentation of the current line.
    indent: usize,
    at_line_start: bool,
    /// Inside a block scalar (`|`, `>`): the indentation of the line that introduced it; its
    /// content is every following line indented more, and blank lines.
    block_scalar: Option<usize>,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str) -> Self {
        Scanner {
            chars: text.chars().peekable(),
            line: 1,
            column: 0,
            depth: 0,
            node_start: true,
            indent: 0,
            at_line_start: true,
            block_scalar: None,
        }
    }

    fn next(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 0;
            self.at_line_start = true;
            self.indent = 0;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    /// The next character ends a token: whitespace or the end of the text.
    fn separated(&mut self) -> bool {
        matches!(self.peek(), None | Some(' ' | '\t' | '\r' | '\n'))
    }

    fn skip_line(&mut self) {
        while let Some(c) = self.peek() {
            if c == '\n' {
                break;
            }
            self.next();
        }
    }

    fn skip_quoted(&mut self, quote: char) {
        while let Some(c) = self.next() {
            if quote == '"' && c == '\\' {
                self.next();
            } else if c == quote {
                // `''` is an escaped quote inside a single-quoted scalar.
                if quote == '\'' && self.peek() == Some('\'') {
                    self.next();
                } else {
                    return;
                }
            }
        }
    }

    fn run(mut self, limit: usize) -> Result<(), TooDeep> {
        // The previous character was whitespace (or there was none): `#` starts a comment.
        let mut after_space = true;
        while let Some(c) = self.peek() {
            if self.at_line_start {
                // Measure the indentation, then decide whether the line is block scalar content.
                let mut blank = true;
                while let Some(c) = self.peek() {
                    match c {
                        ' ' => {
                            self.next();
                            self.indent += 1;
                        }
                        '\n' | '\r' => break,
                        _ => {
                            blank = false;
                            break;
                        }
                    }
                }
                self.at_line_start = false;
                if let Some(parent) = self.block_scalar {
                    if blank || self.indent > parent {
                        self.skip_line();
                        self.next();
                        continue;
                    }
                    self.block_scalar = None;
                }
                if self.depth == 0 {
                    self.node_start = true;
                }
                after_space = true;
                continue;
            }
            let (line, column) = (self.line, self.column + 1);
            self.next();
            match c {
                '\n' => {}
                ' ' | '\t' | '\r' => {
                    after_space = true;
                    continue;
                }
                '#' if after_space => self.skip_line(),
                '[' | '{' if self.depth > 0 || self.node_start => {
                    self.depth += 1;
                    if self.depth > limit {
                        return Err(TooDeep { line, column });
                    }
                    self.node_start = true;
                }
                ']' | '}' if self.depth > 0 => {
                    self.depth -= 1;
                    self.node_start = false;
                }
                ',' if self.depth > 0 => self.node_start = true,
                '\'' | '"' if self.node_start => {
                    self.skip_quoted(c);
                    self.node_start = false;
                }
                '|' | '>' if self.node_start && self.depth == 0 => {
                    self.block_scalar = Some(self.indent);
                    self.skip_line();
                }
                '-' | '?' | ':' if self.separated() => self.node_start = true,
                // In a flow collection `:` may be followed directly by the value (`{"a":[`).
                ':' if self.depth > 0 => self.node_start = true,
                // Anchors, tags and aliases come before the node they belong to.
                '&' | '!' | '*' if self.node_start => {
                    while !self.separated() {
                        self.next();
                    }
                }
                _ => self.node_start = false,
            }
            after_space = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_ok(text: &str, limit: usize) -> bool {
        check(text, limit).is_ok()
    }

    #[test]
    fn counts_flow_collections_in_block_and_flow_context() {
        assert!(depth_ok("a: [[1], {b: [2]}]\n", 3));
        assert!(!depth_ok("a: [[1], {b: [2]}]\n", 2));
        assert_eq!(
            check("x: 1\nkey: [[[\n", 2),
            Err(TooDeep { line: 2, column: 8 })
        );
        assert!(!depth_ok("- - [[[x]]]\n", 2));
        assert!(!depth_ok("{\"a\":[[1]]}", 2));
    }

    #[test]
    fn ignores_brackets_that_are_not_collections() {
        let text = r#"
pattern: ^[a-z[[[]+$
quoted: "[[[[ \" [[["
single: '[[[['' [[['
plain: it's [[[[ here
# a comment [[[[
list: [it's, "[[[[", '[[[', a#b]
text: |
  [[[[ markdown
   [[[[
after: >-
    {{{{
"key [[[[": value
"#;
        assert!(depth_ok(text, 1), "{:?}", check(text, 1));
        // Block scalar content ends where the indentation does.
        assert!(!depth_ok("text: |\n  [[[\nnext: [[[\n", 2));
    }
}
