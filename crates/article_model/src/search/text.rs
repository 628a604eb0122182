//! What "text" is for search, decided once: every word a reader can see on the article's page,
//! each in the field that ranks it and with the section that holds it. `article index` weighs
//! terms from it and writes it beside the index as the article's passages, which the library
//! page reads for a result's excerpt and the way to its section; an index patched later reads
//! those passages back to know what an article held.

use serde::{Deserialize, Serialize};

use crate::{Block, ListItem, PreparedArticle, blocks_within, inline_text};

/// Where a passage sits, which decides how much a word in it weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    /// The headline.
    #[serde(rename = "t")]
    Title,
    /// The one-sentence summary.
    #[serde(rename = "s")]
    Standfirst,
    /// Section headings and sub-headings.
    #[serde(rename = "h")]
    Heading,
    /// Everything else a reader reads: paragraphs, lists, quotes, tables, captions, figures.
    #[serde(rename = "b")]
    Body,
    /// Who and what about: authors, label, topics.
    #[serde(rename = "m")]
    Meta,
}

impl Field {
    /// Every field, in the order of [`crate::search::rank::Weights`].
    pub const ALL: [Field; 5] = [
        Field::Title,
        Field::Standfirst,
        Field::Heading,
        Field::Body,
        Field::Meta,
    ];
}

/// One piece of an article's searchable text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// The page id of the section it is in; none for what sits outside the sections (the
    /// headline, the notes).
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Its field.
    #[serde(rename = "f")]
    pub field: Field,
    /// The text, as written.
    #[serde(rename = "t")]
    pub text: String,
}

/// An article's passages as `article index` writes them (`index-parts/text/ADDRESS`): the text
/// the library shows excerpts from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an object")]
pub struct ArticleText {
    /// Its passages, in reading order.
    pub passages: Vec<Passage>,
}

/// What the publisher asks to be searchable beyond the text: code is not prose, and a search
/// for "let" or "fn" would find every technical article, so it is searchable only on request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// Whether code blocks are searchable.
    pub code: bool,
}

/// Every passage of `prepared` a reader can see, in reading order: the headline, standfirst,
/// authors, label and topics; each section's heading and blocks (paragraphs, sub-headings,
/// list items, quotes and their sources, pull-quotes, table cells and captions, image
/// captions and credits, code when asked); the key figures' values, labels and details (in the
/// section they point at); the notes.
pub fn search_text(prepared: &PreparedArticle, options: TextOptions) -> ArticleText {
    let article = &prepared.article;
    let mut out = Vec::new();
    let mut push = |section: Option<&str>, field: Field, text: &str| {
        let text = text.trim();
        if !text.is_empty() {
            out.push(Passage {
                section: section.map(str::to_owned),
                field,
                text: text.to_owned(),
            });
        }
    };
    push(None, Field::Title, &article.title);
    if let Some(standfirst) = &article.standfirst {
        push(None, Field::Standfirst, standfirst);
    }
    let meta = (article.authors.iter().map(|author| &author.name))
        .chain(&article.label)
        .chain(&article.tags);
    for text in meta {
        push(None, Field::Meta, text);
    }
    for (section, id) in article.sections.iter().zip(&prepared.section_ids) {
        let id = Some(id.as_str());
        if let Some(heading) = &section.heading {
            push(id, Field::Heading, heading);
        }
        for (_, block) in blocks_within(&section.blocks) {
            block_text(block, options, &mut |field, text| push(id, field, text));
        }
    }
    for (figure, target) in article.key_figures.iter().zip(&prepared.figure_targets) {
        let id = target
            .and_then(|i| prepared.section_ids.get(i))
            .map(String::as_str);
        let mut text = format!("{} {}", figure.value, figure.label);
        if let Some(unit) = &figure.unit {
            text = format!("{} {unit} {}", figure.value, figure.label);
        }
        if let Some(detail) = &figure.detail {
            text.push_str(". ");
            text.push_str(detail);
        }
        push(id, Field::Body, &text);
    }
    for note in &article.notes {
        push(None, Field::Body, &inline_text(&note.text));
    }
    ArticleText { passages: out }
}

/// The passages of one block, told to `push` with their field.
fn block_text(block: &Block, options: TextOptions, push: &mut dyn FnMut(Field, &str)) {
    fn items(list: &[ListItem], push: &mut dyn FnMut(Field, &str)) {
        for item in list {
            push(Field::Body, &inline_text(&item.text));
            items(&item.items, push);
        }
    }
    match block {
        Block::Paragraph(text) => push(Field::Body, &inline_text(text)),
        Block::Heading { text, .. } => push(Field::Heading, &inline_text(text)),
        Block::List { items: list, .. } => items(list, push),
        Block::Quote { text, cite } => {
            push(Field::Body, &inline_text(text));
            if let Some(cite) = cite {
                push(Field::Body, cite);
            }
        }
        Block::PullQuote {
            text, attribution, ..
        } => {
            push(Field::Body, text);
            if let Some(by) = attribution {
                push(Field::Body, by);
            }
        }
        Block::Table(table) => {
            if let Some(caption) = &table.caption {
                push(Field::Body, &inline_text(caption));
            }
            for row in table.head.iter().chain(&table.rows) {
                let cells: Vec<String> = row.iter().map(inline_text).collect();
                push(Field::Body, &cells.join(" · "));
            }
        }
        Block::Image {
            caption, credit, ..
        } => {
            for text in caption.iter().chain(credit) {
                push(Field::Body, text);
            }
        }
        Block::Code { text, .. } if options.code => push(Field::Body, text),
        // The body follows as blocks of its own (`blocks_within`).
        Block::Callout { title, .. } => {
            if let Some(title) = title {
                push(Field::Heading, title);
            }
        }
        Block::Code { .. } | Block::Divider | Block::Unknown { .. } | Block::Invalid(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_article, prepare};

    fn passages(json: &str, options: TextOptions) -> Vec<(Option<String>, Field, String)> {
        let prepared = prepare(parse_article(json).expect("a valid article"));
        search_text(&prepared, options)
            .passages
            .into_iter()
            .map(|p| (p.section, p.field, p.text))
            .collect()
    }

    #[test]
    fn every_visible_word_is_in_a_field_with_its_section() {
        let json = r#"{"version":1,"title":"Harbour","standfirst":"Cranes",
            "authors":["Ada"],"label":"Report","tags":["Sea"],
            "sections":[{"heading":"Tides","blocks":[
              {"type":"paragraph","text":"Ships arrive."},
              {"type":"list","items":["one",{"text":"two","items":["deep"]}]},
              {"type":"table","caption":"Tonnage","head":[["Port","Tons"]],"rows":[["Rotterdam","440"]]},
              {"type":"code","text":"let x = 1;"},
              {"type":"pull_quote","text":"Calm water","attribution":"A pilot"}
            ]}],
            "key_figures":[{"value":"440","label":"million tonnes","section":"tides"}]}"#;
        let got = passages(json, TextOptions::default());
        let tides = Some("tides".to_owned());
        let body = |t: &str| (tides.clone(), Field::Body, t.to_owned());
        assert_eq!(
            got,
            [
                (None, Field::Title, "Harbour".into()),
                (None, Field::Standfirst, "Cranes".into()),
                (None, Field::Meta, "Ada".into()),
                (None, Field::Meta, "Report".into()),
                (None, Field::Meta, "Sea".into()),
                (tides.clone(), Field::Heading, "Tides".into()),
                body("Ships arrive."),
                body("one"),
                body("two"),
                body("deep"),
                body("Tonnage"),
                body("Port · Tons"),
                body("Rotterdam · 440"),
                body("Calm water"),
                body("A pilot"),
                body("440 million tonnes"),
            ]
        );
        let with_code = passages(json, TextOptions { code: true });
        assert!(
            with_code.contains(&body("let x = 1;")),
            "code only when asked"
        );
    }
}
