//! What a site generator's template language leaves in a post: Liquid and Nunjucks tags
//! (`{% … %}`, `{{ … }}`), Hugo shortcodes (`{{< … >}}`, `{{% … %}}`) and kramdown attribute
//! lists (`{: .class}`). They are instructions to the generator, not the post's words: each is
//! taken out before the Markdown is read (with a warning, except kramdown's lists), outside code
//! only, and its line breaks are kept so that positions stay right. A highlighting tag pair
//! (`{% highlight rust %}` … `{% endhighlight %}`) becomes a fenced code block, as the generator
//! renders it.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// A template tag taken out: where it started in the body, and the tag as written.
pub struct Removed {
    /// Byte offset in the original body.
    pub offset: usize,
    /// The tag, shortened for a message.
    pub tag: String,
}

/// The body without template tags, and the tags taken out.
pub fn strip(body: &str) -> (String, Vec<Removed>) {
    let code = code_ranges(body);
    let in_code = |at: usize| code.iter().any(|r| r.start <= at && at < r.end);
    let mut out = String::with_capacity(body.len());
    let mut removed = Vec::new();
    let mut at = 0;
    while let Some(found) = body[at..].find('{').map(|i| at + i) {
        out.push_str(&body[at..found]);
        at = found;
        if in_code(found) {
            out.push('{');
            at += 1;
            continue;
        }
        let rest = &body[found..];
        if let Some(len) = tag_len(rest) {
            let tag = &rest[..len];
            match replacement(tag) {
                Some(fence) => out.push_str(&fence),
                None => {
                    if !is_silent(tag) {
                        removed.push(Removed {
                            offset: found,
                            tag: shorten(tag),
                        });
                    }
                    // Keep the line breaks a tag spans, so lines keep their numbers.
                    out.extend(tag.chars().filter(|&c| c == '\n'));
                }
            }
            at += len;
        } else if let Some(len) = attribute_list_len(body, found) {
            at += len;
        } else {
            out.push('{');
            at += 1;
        }
    }
    out.push_str(&body[at..]);
    (out, removed)
}

/// The byte ranges of inline code and code blocks, where braces are the code's own.
fn code_ranges(body: &str) -> Vec<std::ops::Range<usize>> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let mut ranges = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

/// The length of the template tag `text` starts with, if it starts with one that closes
/// before a blank line.
fn tag_len(text: &str) -> Option<usize> {
    let close = if text.starts_with("{{<") {
        ">}}"
    } else if text.starts_with("{{%") {
        "%}}"
    } else if text.starts_with("{%") {
        "%}"
    } else if text.starts_with("{{") {
        "}}"
    } else {
        return None;
    };
    let end = text[2..].find(close)? + 2 + close.len();
    let tag = &text[..end];
    (end <= 4000 && !tag.contains("\n\n")).then_some(end)
}

/// The name a tag starts with: `highlight` in `{%- highlight rust -%}`.
fn tag_name(tag: &str) -> (&str, &str) {
    let inner = tag
        .trim_start_matches('{')
        .trim_start_matches(['%', '<', '-'])
        .trim_end_matches('}')
        .trim_end_matches(['%', '>', '-'])
        .trim();
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    (&inner[..name_end], inner[name_end..].trim())
}

/// A fence for a highlighting tag (`highlight LANG`, `endhighlight`, Hugo's `/highlight`).
fn replacement(tag: &str) -> Option<String> {
    if tag.starts_with("{{") && !tag.starts_with("{{<") && !tag.starts_with("{{%") {
        return None;
    }
    match tag_name(tag) {
        ("highlight", args) => {
            let language = args
                .split([' ', ',', '"'])
                .find(|s| !s.is_empty())
                .unwrap_or("");
            Some(format!("```{language}"))
        }
        ("endhighlight" | "/highlight", _) => Some("```".to_owned()),
        _ => None,
    }
}

/// Tags that only mark where the generator should not read (`raw`, `endraw`) or comments:
/// nothing of the post is lost with them.
fn is_silent(tag: &str) -> bool {
    matches!(
        tag_name(tag).0,
        "raw" | "endraw" | "comment" | "endcomment" | "/*"
    ) || tag.starts_with("{{/*")
        || tag.starts_with("{{</*")
}

/// A kramdown attribute list (`{: .class}`, `{:#id}`, `{::options … /}`) alone on its line or
/// ending one: its length, to take it out without a warning (it styles, it says nothing).
fn attribute_list_len(body: &str, at: usize) -> Option<usize> {
    let rest = &body[at..];
    if !rest.starts_with("{:") {
        return None;
    }
    let end = rest.find('}')? + 1;
    let inner = &rest[2..end - 1];
    let allowed = |c: char| c.is_alphanumeric() || " .#:=\"'-_/".contains(c);
    if inner.is_empty() || inner.contains('\n') || !inner.chars().all(allowed) {
        return None;
    }
    let line_end = rest[end..].find('\n').map_or(rest.len(), |i| end + i);
    rest[end..line_end].trim().is_empty().then_some(end)
}

/// A tag short enough for one line of a message.
fn shorten(tag: &str) -> String {
    let one_line: String = tag.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        let cut: String = one_line.chars().take(57).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_tags_out_of_text_but_not_out_of_code() {
        let body = "See [it]({{ site.baseurl }}/docs/).\n\n{% include note.html %}\n\n`{{ x }}` and\n\n```\n{% raw %}\n```\n";
        let (out, removed) = strip(body);
        assert_eq!(
            out,
            "See [it](/docs/).\n\n\n\n`{{ x }}` and\n\n```\n{% raw %}\n```\n"
        );
        let tags: Vec<&str> = removed.iter().map(|r| r.tag.as_str()).collect();
        assert_eq!(tags, ["{{ site.baseurl }}", "{% include note.html %}"]);
    }

    #[test]
    fn highlighting_tags_become_a_fence() {
        let (out, removed) = strip("{% highlight ruby %}\nputs 1\n{% endhighlight %}\n");
        assert_eq!(out, "```ruby\nputs 1\n```\n");
        assert!(removed.is_empty());
        let (out, _) = strip("{{< highlight go \"linenos=table\" >}}\nx\n{{< /highlight >}}");
        assert!(out.contains("```go\n"), "{out}");
    }

    #[test]
    fn kramdown_attribute_lists_go_quietly_and_format_strings_stay() {
        let (out, removed) = strip("A paragraph.\n{: .note}\n\nprintln!(\"{:?}\", x) in prose\n");
        assert_eq!(out, "A paragraph.\n\n\nprintln!(\"{:?}\", x) in prose\n");
        assert!(removed.is_empty());
    }
}
