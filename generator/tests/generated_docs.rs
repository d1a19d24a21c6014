//! The committed client's doc comments render as the spec wrote them: no HTML entity shows up as
//! `&lt;` text, and rustdoc never sees a raw HTML tag (only `<https://...>` autolinks).
//! Code spans and fenced blocks are left out: what is in them is shown literally.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text of a doc line outside code spans; a lone backtick is text.
fn prose(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let span = &rest[start..];
        let ticks = span.len() - span.trim_start_matches('`').len();
        match span[ticks..].find(&span[..ticks]) {
            Some(end) => rest = &span[ticks + end + ticks..],
            None => {
                out.push_str(&span[..ticks]);
                rest = &span[ticks..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What is wrong with one line of prose, if anything.
fn problem(prose: &str) -> Option<&'static str> {
    if prose.contains("&lt;") || prose.contains("&gt;") {
        return Some("an escaped HTML entity");
    }
    let bytes = prose.as_bytes();
    for (i, _) in prose.match_indices('<') {
        let escaped = i > 0 && bytes[i - 1] == b'\\';
        let rest = &prose[i + 1..];
        let autolink = (rest.starts_with("http://") || rest.starts_with("https://"))
            && rest
                .find('>')
                .is_some_and(|end| !rest[..end].contains(char::is_whitespace));
        if !escaped && !autolink {
            return Some("a raw `<`, which rustdoc reads as HTML");
        }
    }
    None
}

/// Every doc line outside code in `source` that has a problem: (line number, problem, line).
fn problems(source: &str) -> Vec<(usize, &'static str, String)> {
    let mut found = Vec::new();
    let mut in_fence = false;
    for (n, line) in source.lines().enumerate() {
        let trimmed = line.trim_start();
        let Some(doc) = trimmed
            .strip_prefix("///")
            .or_else(|| trimmed.strip_prefix("//!"))
        else {
            in_fence = false;
            continue;
        };
        if doc.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        if let Some(problem) = problem(&prose(doc)) {
            found.push((n + 1, problem, line.trim().to_string()));
        }
    }
    found
}

#[test]
fn the_check_sees_what_it_looks_for() {
    // So that a clean result below means something.
    let bad = "/// Use &lt;/br&gt; here.\n/// a <b>raw</b> tag\n";
    assert_eq!(problems(bad).len(), 2);
    let good = "/// `<code>` and \\<placeholder\\> and <https://x.io>\n/// ```text\n/// <policies/>\n/// ```\n";
    assert_eq!(problems(good), vec![]);
}

#[test]
fn generated_docs_have_no_html_outside_code() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no Rust files under {}", src.display());
    let mut report = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        for (line, problem, text) in problems(&source) {
            report.push(format!("{}:{line}: {problem}: {text}", file.display()));
        }
    }
    assert!(
        report.is_empty(),
        "{} doc lines in generated/src show HTML outside code:\n{}",
        report.len(),
        report.join("\n")
    );
}
