//! What a table's view derives from it: how many columns it has, and which hold numbers (set
//! in tabular figures and, unless the publisher aligned them, at the end of the cell).

use crate::types::{Inline, Table, inline_text};

impl Table {
    /// The widest row's length: shorter (ragged) rows are padded to it with empty cells.
    pub fn columns(&self) -> usize {
        self.head
            .iter()
            .chain(&self.rows)
            .map(Vec::len)
            .max()
            .unwrap_or(0)
    }

    /// For each column, whether every filled body cell in it is a number, such as `1,204`,
    /// `−3.5 %`, `$90` or `12 345`; a column with no filled cell is not numeric.
    pub fn numeric_columns(&self) -> Vec<bool> {
        (0..self.columns())
            .map(|c| {
                let mut filled = self
                    .rows
                    .iter()
                    .filter_map(|row| row.get(c))
                    .map(inline_text)
                    .filter(|text| !text.trim().is_empty())
                    .peekable();
                filled.peek().is_some() && filled.all(|text| is_number(&text))
            })
            .collect()
    }
}

/// Whether a cell's text reads as one number: digits with the usual signs, separators, units
/// of currency and percent around them.
fn is_number(text: &str) -> bool {
    let text = text.trim();
    text.chars().any(|c| c.is_ascii_digit())
        && text.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '.' | ','
                        | ' '
                        | '\u{a0}'
                        | '\u{202f}'
                        | '\''
                        | '+'
                        | '-'
                        | '\u{2212}'
                        | '%'
                        | '$'
                        | '€'
                        | '£'
                        | '¥'
                        | '('
                        | ')'
                        | '~'
                        | '<'
                        | '>'
                        | '≈'
                )
        })
}

/// Rows of a table, each padded to `columns` cells; a cell beyond the row's length is `None`.
pub fn padded(row: &[Inline], columns: usize) -> impl Iterator<Item = Option<&Inline>> {
    (0..columns).map(move |c| row.get(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Span;

    fn cell(text: &str) -> Inline {
        vec![Span {
            text: text.to_owned(),
            ..Span::default()
        }]
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            head: vec![vec![cell("Name"), cell("Count"), cell("Share")]],
            rows: rows
                .iter()
                .map(|row| row.iter().map(|t| cell(t)).collect())
                .collect(),
            ..Table::default()
        }
    }

    #[test]
    fn numeric_columns_need_every_filled_cell_to_be_a_number() {
        let t = table(&[
            &["Alpha", "1,204", "12 %"],
            &["Beta", "", "−3.5 %"],
            &["Gamma", "n/a"],
        ]);
        assert_eq!(t.numeric_columns(), [false, false, true]);
        let t = table(&[&["A", "$90"], &["B", "(12)"]]);
        assert_eq!(t.numeric_columns(), [false, true, false]);
    }

    #[test]
    fn ragged_rows_are_padded_to_the_widest() {
        let t = table(&[&["a"], &["a", "b", "c", "d"]]);
        assert_eq!(t.columns(), 4);
        assert_eq!(padded(&t.rows[0], 4).filter(Option::is_none).count(), 3);
        assert_eq!(Table::default().columns(), 0);
    }
}
