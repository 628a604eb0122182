//! The HTML structures that become one block each, or a few: lists (nested ones kept), figures
//! with their captions, and tables.

use super::*;

impl Mapper<'_> {
    /// A list's items, with the first list inside each.
    pub(super) fn list_items(&mut self, list: NodeRef<Node>) -> Vec<RawListItem> {
        let mut items = Vec::new();
        for child in list.children() {
            let Node::Element(element) = child.value() else {
                continue;
            };
            if element.name() != "li" {
                let mut spans = Spans::default();
                self.span(child, &mut spans, " ");
                spans.trim();
                if !spans.is_blank() {
                    items.push(RawListItem::Text(spans.into_inline()));
                }
                continue;
            }
            let mut spans = Spans::default();
            let mut inner: Option<(bool, Vec<RawListItem>)> = None;
            for part in child.children() {
                match part.value() {
                    Node::Element(e) if matches!(e.name(), "ul" | "ol") && inner.is_none() => {
                        inner = Some((e.name() == "ol", self.list_items(part)));
                    }
                    _ => self.span(part, &mut spans, " "),
                }
            }
            spans.trim();
            let text = spans.into_inline();
            items.push(match inner {
                None => RawListItem::Text(text),
                Some((ordered, items)) => RawListItem::Nested(RawNestedItem {
                    text,
                    items: Some(items),
                    ordered: ordered.then_some(true),
                }),
            });
        }
        items
    }

    /// A figure: its picture with the caption, or its other content with the caption after.
    pub(super) fn figure(&mut self, node: NodeRef<Node>) {
        let caption = node
            .descendants()
            .find(|c| matches!(c.value(), Node::Element(e) if e.name() == "figcaption"))
            .map(|c| collapse(&text_of(c)))
            .filter(|c| !c.is_empty());
        let img = node.descendants().find_map(|c| match c.value() {
            Node::Element(e) if e.name() == "img" => Some(e),
            _ => None,
        });
        if let Some(mut image) = img.and_then(image) {
            if let Some(caption) = caption {
                image.caption = Some(RawInline::Text(caption));
            }
            self.pieces.push(piece(image));
            return;
        }
        let mut paragraph = Spans::default();
        for child in node.children() {
            if !matches!(child.value(), Node::Element(e) if e.name() == "figcaption") {
                self.block(child, &mut paragraph, false);
            }
        }
        self.flush(&mut paragraph);
        if let Some(caption) = caption {
            self.pieces.push(piece(RawBlock {
                kind: "paragraph".to_owned(),
                text: Some(RawInline::Text(caption)),
                ..RawBlock::default()
            }));
        }
    }

    /// A table: its caption, header rows (in `thead`, or rows of `th` only) and body rows.
    pub(super) fn table(&mut self, node: NodeRef<Node>) -> Option<RawBlock> {
        let mut head = Vec::new();
        let mut rows = Vec::new();
        let mut caption = None;
        let mut stack: Vec<(NodeRef<Node>, bool)> = vec![(node, false)];
        while let Some((at, in_head)) = stack.pop() {
            for child in at.children().rev() {
                let Node::Element(e) = child.value() else {
                    continue;
                };
                match e.name() {
                    "caption" => {
                        let mut spans = Spans::default();
                        self.spans_of_blocks(child, &mut spans);
                        spans.trim();
                        caption = Some(spans.into_inline());
                    }
                    "thead" => stack.push((child, true)),
                    "tbody" | "tfoot" => stack.push((child, false)),
                    "tr" => {
                        let mut row = Vec::new();
                        let mut all_th = true;
                        for cell in child.children() {
                            let Node::Element(c) = cell.value() else {
                                continue;
                            };
                            all_th &= c.name() == "th";
                            let mut spans = Spans::default();
                            self.spans_of_blocks(cell, &mut spans);
                            spans.trim();
                            row.push(spans.into_inline());
                        }
                        let is_head = in_head || (all_th && rows.is_empty() && !row.is_empty());
                        if is_head {
                            head.push(row)
                        } else {
                            rows.push(row)
                        }
                    }
                    _ => {}
                }
            }
        }
        // Rows were gathered from the end of each group; put them back in order.
        head.reverse();
        rows.reverse();
        (!head.is_empty() || !rows.is_empty()).then(|| RawBlock {
            kind: "table".to_owned(),
            caption,
            head: Some(head),
            rows: Some(rows),
            ..RawBlock::default()
        })
    }
}
