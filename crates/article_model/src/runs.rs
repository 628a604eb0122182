//! The runs of inline text inside a block, wherever they sit (a paragraph, a nested list item, a
//! table cell): what reading time counts, addresses are checked and resolved in, and figure
//! phrases are looked for in, walked in one place so that a new kind of block is not missed by
//! one of them.

use crate::types::*;

/// Where a run of inline text sits in its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunPlace {
    /// The block's `text`.
    Text,
    /// A table's `caption`.
    Caption,
    /// A list item: its index at each level, outermost first.
    Item(Vec<usize>),
    /// A table cell: in the header rows or not, row, column.
    Cell(bool, usize, usize),
}

impl RunPlace {
    /// The field path inside the block, e.g. `items[2].items[0]` or `rows[3][1]`; an item
    /// holding a list has its text at `.text`.
    pub fn path(&self, item_has_list: bool) -> String {
        match self {
            RunPlace::Text => "text".to_owned(),
            RunPlace::Caption => "caption".to_owned(),
            RunPlace::Item(at) => {
                let path: Vec<String> = at.iter().map(|i| format!("items[{i}]")).collect();
                let text = if item_has_list { ".text" } else { "" };
                format!("{}{text}", path.join("."))
            }
            RunPlace::Cell(head, row, column) => {
                let rows = if *head { "head" } else { "rows" };
                format!("{rows}[{row}][{column}]")
            }
        }
    }
}

/// Every list item, and the items of the lists inside it, depth first: the order they are
/// shown in, by which figure phrases in list items are numbered.
pub fn items_depth_first(items: &[ListItem]) -> Vec<&ListItem> {
    let mut all = Vec::with_capacity(items.len());
    fn walk<'a>(items: &'a [ListItem], all: &mut Vec<&'a ListItem>) {
        for item in items {
            all.push(item);
            walk(&item.items, all);
        }
    }
    walk(items, &mut all);
    all
}

/// Where a block sits in its section: its index there, and its index inside the callout
/// that holds it. Callouts are one level deep, so two indices say it all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockAt {
    /// Index in the section's blocks.
    pub index: usize,
    /// Index in the callout at `index`, for a block inside one.
    pub inner: Option<usize>,
}

impl BlockAt {
    /// The field path inside a section, e.g. `blocks[2]` or `blocks[2].blocks[0]`.
    pub fn path(&self) -> String {
        match self.inner {
            None => format!("blocks[{}]", self.index),
            Some(inner) => format!("blocks[{}].blocks[{inner}]", self.index),
        }
    }
}

/// Every block of a section in reading order, a callout first and then its body, so that no
/// walk over an article misses the blocks inside a callout. (A list, not an iterator: one copy
/// of the walk in the module, whatever its callers.)
pub fn blocks_within(blocks: &[Block]) -> Vec<(BlockAt, &Block)> {
    let mut all = Vec::with_capacity(blocks.len());
    for (index, block) in blocks.iter().enumerate() {
        all.push((BlockAt { index, inner: None }, block));
        if let Block::Callout { blocks, .. } = block {
            for (i, inner) in blocks.iter().enumerate() {
                let at = BlockAt {
                    index,
                    inner: Some(i),
                };
                all.push((at, inner));
            }
        }
    }
    all
}

/// Every block of a section that holds content of its own (all but the callouts, whose bodies
/// are walked instead), to change in place.
pub fn content_blocks_mut(blocks: &mut [Block]) -> Vec<(BlockAt, &mut Block)> {
    let mut all = Vec::with_capacity(blocks.len());
    for (index, block) in blocks.iter_mut().enumerate() {
        match block {
            Block::Callout { blocks, .. } => {
                all.extend(blocks.iter_mut().enumerate().map(|(i, b)| {
                    let at = BlockAt {
                        index,
                        inner: Some(i),
                    };
                    (at, b)
                }))
            }
            block => all.push((BlockAt { index, inner: None }, block)),
        }
    }
    all
}

impl Block {
    /// Every run of inline text with where it sits, in reading order. Headings, pull-quotes
    /// and code hold plain text, not runs.
    pub fn runs(&self) -> Vec<(RunPlace, &Inline, bool)> {
        let mut runs = Vec::new();
        match self {
            Block::Paragraph(text) | Block::Quote { text, .. } => {
                runs.push((RunPlace::Text, text, false));
            }
            Block::List { items, .. } => item_runs(items, &mut Vec::new(), &mut runs),
            Block::Table(table) => {
                if let Some(caption) = &table.caption {
                    runs.push((RunPlace::Caption, caption, false));
                }
                for (head, rows) in [(true, &table.head), (false, &table.rows)] {
                    for (r, row) in rows.iter().enumerate() {
                        for (c, cell) in row.iter().enumerate() {
                            runs.push((RunPlace::Cell(head, r, c), cell, false));
                        }
                    }
                }
            }
            _ => {}
        }
        runs
    }

    /// Every run of inline text, to change in place (addresses resolved against the article).
    pub fn runs_mut(&mut self) -> Vec<&mut Inline> {
        fn items_mut<'a>(items: &'a mut [ListItem], runs: &mut Vec<&'a mut Inline>) {
            for item in items {
                runs.push(&mut item.text);
                items_mut(&mut item.items, runs);
            }
        }
        let mut runs = Vec::new();
        match self {
            Block::Paragraph(text) | Block::Quote { text, .. } => runs.push(text),
            Block::List { items, .. } => items_mut(items, &mut runs),
            Block::Table(table) => {
                runs.extend(table.caption.as_mut());
                for row in table.head.iter_mut().chain(table.rows.iter_mut()) {
                    runs.extend(row.iter_mut());
                }
            }
            _ => {}
        }
        runs
    }
}

fn item_runs<'a>(
    items: &'a [ListItem],
    at: &mut Vec<usize>,
    runs: &mut Vec<(RunPlace, &'a Inline, bool)>,
) {
    for (i, item) in items.iter().enumerate() {
        at.push(i);
        runs.push((
            RunPlace::Item(at.clone()),
            &item.text,
            !item.items.is_empty(),
        ));
        item_runs(&item.items, at, runs);
        at.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Inline {
        vec![Span {
            text: t.to_owned(),
            ..Span::default()
        }]
    }

    fn item(t: &str, items: Vec<ListItem>) -> ListItem {
        ListItem {
            text: text(t),
            ordered: false,
            items,
        }
    }

    #[test]
    fn list_runs_are_depth_first_with_their_paths() {
        let list = Block::List {
            ordered: false,
            items: vec![
                item("a", vec![item("a1", vec![]), item("a2", vec![])]),
                item("b", vec![]),
            ],
            moved: Vec::new(),
        };
        let paths: Vec<(String, String)> = list
            .runs()
            .into_iter()
            .map(|(place, run, nested)| (place.path(nested), inline_text(run)))
            .collect();
        let expected = [
            ("items[0].text", "a"),
            ("items[0].items[0]", "a1"),
            ("items[0].items[1]", "a2"),
            ("items[1]", "b"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        assert_eq!(paths, expected);
        let Block::List { items, .. } = &list else {
            unreachable!()
        };
        let order: Vec<String> = items_depth_first(items)
            .iter()
            .map(|i| inline_text(&i.text))
            .collect();
        assert_eq!(order, ["a", "a1", "a2", "b"]);
    }

    #[test]
    fn table_runs_cover_caption_head_and_rows() {
        let mut table = Block::Table(Table {
            caption: Some(text("c")),
            head: vec![vec![text("h")]],
            rows: vec![vec![text("x"), text("y")], vec![]],
            ..Table::default()
        });
        let paths: Vec<String> = table.runs().iter().map(|(p, _, n)| p.path(*n)).collect();
        assert_eq!(paths, ["caption", "head[0][0]", "rows[0][0]", "rows[0][1]"]);
        assert_eq!(table.runs_mut().len(), 4);
    }
}
