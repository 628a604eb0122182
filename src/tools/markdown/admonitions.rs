//! The admonitions and tabs of the documentation world's generators, rewritten before the
//! Markdown is read into the one callout syntax the body reader knows ([`super::callouts`]):
//!
//! - Docusaurus and VitePress: `:::kind[Title]` or `:::kind Title` … `:::` (more colons to
//!   nest; VitePress's `::: details` starts closed);
//! - MkDocs Material: `!!! kind "Title"`, and `??? kind` (closed) or `???+ kind` (open), with
//!   a body indented four spaces; its content tabs, `=== "Label"`, become a sub-heading each;
//! - Hugo themes' paired shortcodes: `alert` (Docsy), `notice` (Relearn), `callout` (Hextra),
//!   `admonition` (LoveIt, FixIt), `hint` (Book), `details`, and `note`, `tip`, `warning`,
//!   `info`;
//! - Liquid block tags, `{% note %}` … `{% endnote %}` (GitHub's documentation, Jekyll
//!   themes), for note, tip, warning, caution, important, danger and info;
//! - kramdown's `{: .notice--warning}` after a paragraph (Minimal Mistakes).
//!
//! Each becomes `> [!kind]- Title` and its body, quoted. Lines keep their numbers (an opening
//! line becomes the marker, a closing one a blank line), so warnings point at the source, and
//! nothing inside fenced code is touched.

/// What the rewrite could not map, at a line of the body (0-based).
pub struct Note {
    /// The line in the body.
    pub line: usize,
    /// What happened there.
    pub message: String,
}

/// A body rewritten.
pub struct Rewritten {
    /// The body, its admonitions as callouts and its tabs as headings.
    pub text: String,
    /// What could not be mapped.
    pub notes: Vec<Note>,
    /// The lines (0-based) that are a content tab's heading: the body reader makes each a
    /// sub-heading whatever the post's heading levels (it never starts a section).
    pub tabs: Vec<usize>,
}

/// `body` with every admonition and content tab rewritten.
pub fn rewrite(body: &str) -> Rewritten {
    let lines: Vec<&str> = body.lines().collect();
    let mut rewriter = Rewriter {
        notes: Vec::new(),
        tabs: Vec::new(),
    };
    let out = rewriter.lines(&lines, 0);
    let mut text = out.join("\n");
    if body.ends_with('\n') {
        text.push('\n');
    }
    Rewritten {
        text,
        notes: rewriter.notes,
        tabs: rewriter.tabs,
    }
}

/// A code fence opened by `line` (its run of backticks or tildes), if any.
fn opens_fence(line: &str) -> Option<String> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let ch = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = trimmed.chars().take_while(|&c| c == ch).count();
    (run >= 3 && !(ch == '`' && trimmed[run..].contains('`'))).then(|| ch.to_string().repeat(run))
}

fn closes_fence(line: &str, open: &str) -> bool {
    let trimmed = line.trim();
    let ch = open.chars().next().unwrap_or('`');
    trimmed.len() >= open.len() && trimmed.chars().all(|c| c == ch)
}

fn indent_of(line: &str) -> usize {
    line.chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// `line` without its first `width` columns of indentation.
fn dedent(line: &str, width: usize) -> &str {
    let mut columns = 0;
    for (i, c) in line.char_indices() {
        if columns >= width || (c != ' ' && c != '\t') {
            return &line[i..];
        }
        columns += if c == '\t' { 4 } else { 1 };
    }
    ""
}

/// An admonition's opening, read.
struct Opening {
    /// The generator's name for its kind.
    name: String,
    title: String,
    collapsed: bool,
}

struct Rewriter {
    notes: Vec<Note>,
    tabs: Vec<usize>,
}

impl Rewriter {
    /// `lines` (the first at body line `first`) rewritten, as many as were given.
    fn lines(&mut self, lines: &[&str], first: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(lines.len());
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            if let Some(open) = opens_fence(line) {
                let close = (i + 1..lines.len())
                    .find(|&j| closes_fence(lines[j], &open))
                    .unwrap_or(lines.len() - 1);
                out.extend(lines[i..=close].iter().map(|l| l.to_string()));
                i = close + 1;
                continue;
            }
            let indent = &line[..line.len() - line.trim_start().len()];
            // A fenced admonition (`:::`) or a paired shortcode: its closing line is a blank.
            let fenced = self.colon_fence(lines, i);
            if let Some((opening, end)) = fenced.or_else(|| self.shortcode(lines, i)) {
                let body = self.lines(&lines[i + 1..end], first + i + 1);
                self.callout(&mut out, indent, opening, body, first + i);
                if end < lines.len() {
                    out.push(String::new());
                }
                i = end + 1;
                continue;
            }
            if let Some((opening, tab)) = indented_opening(line) {
                let end = indented_body_end(lines, i);
                let width = indent_of(line) + 4;
                let inner: Vec<&str> = lines[i + 1..end].iter().map(|l| dedent(l, width)).collect();
                let body = self.lines(&inner, first + i + 1);
                if tab {
                    self.tabs.push(first + i);
                    out.push(format!("{indent}#### {}", opening.title));
                    out.extend(body.into_iter().map(|l| {
                        if l.is_empty() {
                            l
                        } else {
                            format!("{indent}{l}")
                        }
                    }));
                } else {
                    self.callout(&mut out, indent, opening, body, first + i);
                }
                i = end;
                continue;
            }
            if let Some(name) = kramdown_notice(line)
                && let Some(start) = paragraph_start(&out)
            {
                let header = marker_line(&self.kind_name(&name, first + i), false, "");
                for kept in &mut out[start..] {
                    *kept = quoted(indent, kept);
                }
                out.insert(start, format!("{indent}{header}"));
                i += 1;
                continue;
            }
            out.push(line.to_owned());
            i += 1;
        }
        out
    }

    /// A `:::kind` opening at line `i` and the index of its closing line.
    fn colon_fence(&mut self, lines: &[&str], i: usize) -> Option<(Opening, usize)> {
        let trimmed = lines[i].trim();
        let colons = trimmed.chars().take_while(|&c| c == ':').count();
        if colons < 3 {
            return None;
        }
        let rest = trimmed[colons..].trim_start();
        let name_len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        if name_len == 0 {
            return None;
        }
        let name = &rest[..name_len];
        let after = rest[name_len..].trim();
        let title = if let Some(bracketed) = after.strip_prefix('[') {
            bracketed.split(']').next().unwrap_or_default()
        } else {
            after.split('{').next().unwrap_or_default()
        };
        // The closing line: colons alone, as many as the opening's or more, outside code and
        // nested openings.
        let mut depth = 0;
        let mut fence: Option<String> = None;
        for (j, line) in lines.iter().enumerate().skip(i + 1) {
            if let Some(open) = &fence {
                if closes_fence(line, open) {
                    fence = None;
                }
                continue;
            }
            if let Some(open) = opens_fence(line) {
                fence = Some(open);
                continue;
            }
            let t = line.trim();
            let run = t.chars().take_while(|&c| c == ':').count();
            if run >= 3 && t.len() > run {
                depth += 1;
            } else if run >= 3 && t.len() == run {
                if depth == 0 {
                    return Some((
                        Opening {
                            name: name.to_owned(),
                            title: title.trim().to_owned(),
                            collapsed: name.eq_ignore_ascii_case("details"),
                        },
                        j,
                    ));
                }
                depth -= 1;
            }
        }
        None
    }

    /// A Hugo shortcode opening a callout at line `i`, alone on its line, and the index of its
    /// closing tag's line.
    fn shortcode(&mut self, lines: &[&str], i: usize) -> Option<(Opening, usize)> {
        let (name, args) = shortcode_tag(lines[i].trim())?;
        let names = [
            "alert",
            "notice",
            "callout",
            "admonition",
            "hint",
            "details",
            "note",
            "tip",
            "warning",
            "info",
            "caution",
            "important",
            "danger",
        ];
        if !names.contains(&name.as_str()) {
            return None;
        }
        let closing = format!("/{name}");
        let mut depth = 0;
        let end = lines.iter().enumerate().skip(i + 1).find_map(|(j, line)| {
            match shortcode_tag(line.trim()) {
                Some((n, _)) if n == name => depth += 1,
                Some((n, _)) if n == closing => {
                    if depth == 0 {
                        return Some(j);
                    }
                    depth -= 1;
                }
                _ => {}
            }
            None
        })?;
        let named = |key: &str| {
            args.iter()
                .find(|(k, _)| k.as_deref() == Some(key))
                .map(|(_, v)| v.clone())
        };
        let positional: Vec<&String> = args
            .iter()
            .filter(|(k, _)| k.is_none())
            .map(|(_, v)| v)
            .collect();
        // A generic shortcode names its kind (by key or first); one named after its kind
        // has its title first.
        let generic = matches!(
            name.as_str(),
            "alert" | "notice" | "callout" | "admonition" | "hint"
        );
        let kind = if generic {
            named("type")
                .or_else(|| named("color"))
                .or_else(|| named("theme"))
                .or_else(|| named("style"))
                .or_else(|| positional.first().map(|s| s.to_string()))
                .unwrap_or_else(|| "note".to_owned())
        } else {
            name.clone()
        };
        let title = named("title").or_else(|| {
            let at = usize::from(generic);
            positional.get(at).map(|s| s.to_string())
        });
        let collapsed = name == "details" && named("open").as_deref() != Some("true")
            || named("open").as_deref() == Some("false");
        Some((
            Opening {
                name: kind,
                title: title.unwrap_or_default(),
                collapsed,
            },
            end,
        ))
    }

    /// The kind for `name`, noting an unknown one.
    fn kind_name(&mut self, name: &str, line: usize) -> String {
        let (kind, known) = super::callouts::kind_for(name);
        if !known {
            self.notes.push(Note {
                line,
                message: super::callouts::unknown_kind("admonition", name),
            });
        }
        kind.to_owned()
    }

    /// Writes a callout: its marker line, then its body quoted.
    fn callout(
        &mut self,
        out: &mut Vec<String>,
        indent: &str,
        opening: Opening,
        body: Vec<String>,
        line: usize,
    ) {
        let kind = self.kind_name(&opening.name, line);
        out.push(format!(
            "{indent}{}",
            marker_line(&kind, opening.collapsed, &opening.title)
        ));
        out.extend(body.iter().map(|l| quoted(indent, l)));
    }
}

/// `> [!kind]- Title`, as the body reader and `article to-markdown` write it.
pub(crate) fn marker_line(kind: &str, collapsed: bool, title: &str) -> String {
    let fold = if collapsed { "-" } else { "" };
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" {title}")
    };
    format!("> [!{}]{fold}{title}", kind.to_ascii_uppercase())
}

/// A body line inside a quote, after the container's own indentation.
fn quoted(indent: &str, line: &str) -> String {
    let inner = line.strip_prefix(indent).unwrap_or(line);
    if inner.trim().is_empty() {
        format!("{indent}>")
    } else {
        format!("{indent}> {inner}")
    }
}

/// An MkDocs opening (`!!! kind "Title"`, `??? kind`, `???+ kind`), or a content tab
/// (`=== "Label"`, then `true`).
fn indented_opening(line: &str) -> Option<(Opening, bool)> {
    let trimmed = line.trim();
    let (rest, collapsed, tab) = if let Some(rest) = trimmed.strip_prefix("???+") {
        (rest, false, false)
    } else if let Some(rest) = trimmed.strip_prefix("???") {
        (rest, true, false)
    } else if let Some(rest) = trimmed.strip_prefix("!!!") {
        (rest, false, false)
    } else if let Some(rest) = trimmed
        .strip_prefix("===!")
        .or(trimmed.strip_prefix("===+"))
    {
        (rest, false, true)
    } else if let Some(rest) = trimmed.strip_prefix("===") {
        (rest, false, true)
    } else {
        return None;
    };
    if !rest.starts_with(' ') {
        return None;
    }
    let rest = rest.trim();
    let (words, title) = match rest.find('"') {
        Some(quote) => (
            &rest[..quote],
            rest[quote + 1..].trim_end().trim_end_matches('"'),
        ),
        None => (rest, ""),
    };
    if tab {
        return (!title.is_empty()).then(|| {
            let opening = Opening {
                name: String::new(),
                title: title.to_owned(),
                collapsed: false,
            };
            (opening, true)
        });
    }
    // The first word is the kind; others (`inline`, `end`) only place it on the page.
    let name = words.split_whitespace().next()?;
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return None;
    }
    Some((
        Opening {
            name: name.to_owned(),
            title: title.to_owned(),
            collapsed,
        },
        false,
    ))
}

/// The index after an indented body that starts after line `i`: blank lines and lines
/// indented four columns more than line `i`, trailing blanks left out.
fn indented_body_end(lines: &[&str], i: usize) -> usize {
    let width = indent_of(lines[i]) + 4;
    let mut end = i + 1;
    let mut j = i + 1;
    while j < lines.len() {
        let line = lines[j];
        if line.trim().is_empty() {
            j += 1;
            continue;
        }
        if indent_of(line) < width {
            break;
        }
        j += 1;
        end = j;
    }
    end
}

/// A Hugo shortcode tag alone on its line: its name (`/name` when closing) and arguments,
/// each with its key when it has one.
fn shortcode_tag(line: &str) -> Option<(String, Vec<Argument>)> {
    let hugo = line
        .strip_prefix("{{<")
        .and_then(|l| l.strip_suffix(">}}"))
        .or_else(|| line.strip_prefix("{{%").and_then(|l| l.strip_suffix("%}}")));
    let liquid = || {
        line.strip_prefix("{%")
            .and_then(|l| l.strip_suffix("%}"))
            .map(|l| l.trim_matches('-'))
    };
    let (inner, is_liquid) = match hugo {
        Some(inner) => (inner, false),
        None => (liquid()?, true),
    };
    let mut words = arguments(inner.trim());
    if words.is_empty() {
        return None;
    }
    let (_, name) = words.remove(0);
    let name = name.to_ascii_lowercase();
    // Liquid closes a block tag with `end` and its name (`{% endnote %}`).
    let name = match name.strip_prefix("end") {
        Some(opened) if is_liquid => format!("/{opened}"),
        _ => name,
    };
    Some((name, words))
}

/// A shortcode's argument: its key, when it has one, and its value.
type Argument = (Option<String>, String);

/// `key="value"`, `key=value` and bare or quoted words, in order.
fn arguments(text: &str) -> Vec<Argument> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return out;
        }
        let mut word = String::new();
        let mut key = None;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            match c {
                '"' | '\'' | '`' => {
                    for q in chars.by_ref() {
                        if q == c {
                            break;
                        }
                        word.push(q);
                    }
                }
                '=' if key.is_none() => key = Some(std::mem::take(&mut word)),
                _ => word.push(c),
            }
        }
        out.push((key, word));
    }
}

/// The kind of a kramdown attribute list that makes the paragraph above a notice
/// (`{: .notice}`, `{: .notice--warning}`).
fn kramdown_notice(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix("{:")?.strip_suffix('}')?;
    inner.split_whitespace().find_map(|class| {
        let class = class.strip_prefix(".notice")?;
        match class.strip_prefix("--") {
            Some(kind) => Some(kind.to_owned()),
            None => class.is_empty().then(|| "note".to_owned()),
        }
    })
}

/// Where the paragraph that ends `out` starts, if it ends with one.
fn paragraph_start(out: &[String]) -> Option<usize> {
    if out.last().is_none_or(|l| l.trim().is_empty()) {
        return None;
    }
    let start = out
        .iter()
        .rposition(|l| l.trim().is_empty())
        .map_or(0, |i| i + 1);
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> Vec<String> {
        let out = rewrite(text).text;
        assert_eq!(
            out.lines().count(),
            text.lines().count(),
            "lines keep their numbers:\n{out}"
        );
        out.lines().map(str::to_owned).collect()
    }

    #[test]
    fn docusaurus_admonitions_become_callouts_with_their_titles() {
        let out = lines_of(
            "Before.\n\n:::tip[Use **this**]\n\nText.\n\n```md\n:::\n```\n:::\n\n:::danger Take care\nX\n:::\nAfter.\n",
        );
        assert_eq!(
            out,
            [
                "Before.",
                "",
                "> [!TIP] Use **this**",
                ">",
                "> Text.",
                ">",
                "> ```md",
                "> :::",
                "> ```",
                "",
                "",
                "> [!CAUTION] Take care",
                "> X",
                "",
                "After."
            ]
        );
    }

    #[test]
    fn mkdocs_admonitions_and_tabs_take_their_indented_bodies() {
        let out = lines_of(
            "## Part\n\n!!! warning \"Mind the gap\"\n    Body line.\n\n        code\n\n??? note\n    Closed.\nNot in it.\n\n=== \"Rust\"\n\n    ```rust\n    fn main() {}\n    ```\n",
        );
        assert_eq!(
            out,
            [
                "## Part",
                "",
                "> [!WARNING] Mind the gap",
                "> Body line.",
                ">",
                ">     code",
                "",
                "> [!NOTE]-",
                "> Closed.",
                "Not in it.",
                "",
                "#### Rust",
                "",
                "```rust",
                "fn main() {}",
                "```"
            ]
        );
    }

    #[test]
    fn hugo_shortcodes_and_kramdown_notices_become_callouts() {
        let out = lines_of(
            "{{< alert color=\"warning\" title=\"Heads up\" >}}\nBody.\n{{< /alert >}}\n\n{{% notice tip %}}\nTipped.\n{{% /notice %}}\n\nA notice\nparagraph.\n{: .notice--danger}\n\n{% warning %}\nLiquid.\n{% endwarning %}\n",
        );
        assert_eq!(
            out,
            [
                "> [!WARNING] Heads up",
                "> Body.",
                "",
                "",
                "> [!TIP]",
                "> Tipped.",
                "",
                "",
                "> [!CAUTION]",
                "> A notice",
                "> paragraph.",
                "",
                "> [!WARNING]",
                "> Liquid.",
                ""
            ]
        );
    }

    #[test]
    fn unknown_kinds_are_notes_with_a_note_and_code_is_left_alone() {
        let Rewritten {
            text: out, notes, ..
        } = rewrite(":::mystery\nx\n:::\n");
        assert!(out.starts_with("> [!NOTE]\n"));
        assert_eq!(notes.len(), 1);
        assert_eq!(
            notes[0].message,
            "the admonition kind `mystery` is shown as a note (the format knows note, tip, important, warning and caution)"
        );
        assert_eq!(notes[0].line, 0);
        let code = "```\n!!! note\n    not a note\n```\n";
        assert_eq!(rewrite(code).text, code);
        // An opening without a closing is left as it is.
        assert_eq!(rewrite(":::note\nopen\n").text, ":::note\nopen\n");
    }
}
