//! Where each article of an archive stands in its newest-first list, by the number its search
//! postings and its card know it by. `article index` numbers the articles in date order (the
//! oldest 0) when it builds the whole index; a later change of one article's date moves it in
//! the list but keeps its number, so that no posting of any other article changes. The moves
//! since the numbering are written down in `FOLDER/order.json` (format:
//! `schema/index-v2.schema.json`, `$defs/order`).

use serde::{Deserialize, Serialize};

use crate::error::ArticleError;

/// `FOLDER/order.json`: for each number, how far its article has moved from where the
/// numbering put it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an object")]
pub struct OrderFile {
    /// Format version of the index it belongs to (2).
    pub version: u64,
    /// By number: the article's newest-first position minus `total − 1 − number`. Mostly 0,
    /// and runs of −1 or 1 where a moved article passed, which compress to almost nothing.
    pub moved: Vec<i64>,
}

/// Decodes `order.json`, naming a wrong field by its path, into the order it writes down.
pub fn decode_order(bytes: &[u8]) -> Result<Order, ArticleError> {
    let file: OrderFile = crate::json::decode_document(bytes)?;
    Order::from_file(&file).ok_or_else(|| ArticleError::Shape {
        path: "moved".to_owned(),
        expected: "each position of the list once".to_owned(),
        found: "a position twice, or outside the list".to_owned(),
        position: None,
    })
}

/// The newest-first position of every numbered article, and the number at every position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// By number: its position.
    ranks: Vec<u32>,
    /// By position: its number.
    numbers: Vec<u32>,
}

impl Order {
    /// The order as numbered: the newest (position 0) has the highest number.
    pub fn numbered(total: u32) -> Self {
        let ranks: Vec<u32> = (0..total).map(|n| total - 1 - n).collect();
        let numbers = ranks.clone();
        Order { ranks, numbers }
    }

    /// The order `file` writes down (of as many articles as it has numbers); `None` when it
    /// does not hold each position exactly once.
    pub fn from_file(file: &OrderFile) -> Option<Self> {
        let total = u32::try_from(file.moved.len()).ok()?;
        let mut numbers = vec![u32::MAX; total as usize];
        let mut ranks = Vec::with_capacity(total as usize);
        for (number, moved) in file.moved.iter().enumerate() {
            let rank = i64::from(total) - 1 - number as i64 + moved;
            let slot = numbers.get_mut(usize::try_from(rank).ok()?)?;
            if *slot != u32::MAX {
                return None;
            }
            *slot = number as u32;
            ranks.push(rank as u32);
        }
        Some(Order { ranks, numbers })
    }

    /// What `order.json` holds of this order; `None` when no article has moved since the
    /// numbering (the file is then not needed).
    pub fn to_file(&self) -> Option<OrderFile> {
        let total = self.ranks.len() as i64;
        let moved: Vec<i64> = self
            .ranks
            .iter()
            .enumerate()
            .map(|(number, rank)| i64::from(*rank) - (total - 1 - number as i64))
            .collect();
        moved
            .iter()
            .any(|m| *m != 0)
            .then_some(OrderFile { version: 2, moved })
    }

    /// How many articles it orders.
    pub fn len(&self) -> u32 {
        self.ranks.len() as u32
    }

    /// Whether it orders none.
    pub fn is_empty(&self) -> bool {
        self.ranks.is_empty()
    }

    /// The position of article `number`.
    pub fn rank(&self, number: u32) -> u32 {
        self.ranks.get(number as usize).copied().unwrap_or(number)
    }

    /// The number of the article at position `rank`.
    pub fn number(&self, rank: u32) -> u32 {
        self.numbers.get(rank as usize).copied().unwrap_or(rank)
    }

    /// Moves the article at position `from` to position `to`; those between shift by one.
    pub fn shift(&mut self, from: u32, to: u32) {
        let (from, to) = (from as usize, to as usize);
        if from >= self.numbers.len() || to >= self.numbers.len() {
            return;
        }
        let number = self.numbers.remove(from);
        self.numbers.insert(to, number);
        for rank in from.min(to)..=from.max(to) {
            self.ranks[self.numbers[rank] as usize] = rank as u32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_article_keeps_its_number_and_the_file_says_where_it_went() {
        let mut order = Order::numbered(5);
        assert_eq!((order.rank(4), order.number(0)), (0, 4));
        assert_eq!(order.to_file(), None);
        // The newest (number 4) moves to the end; the others come one up.
        order.shift(0, 4);
        assert_eq!(
            (0..5).map(|r| order.number(r)).collect::<Vec<_>>(),
            [3, 2, 1, 0, 4]
        );
        assert_eq!(order.rank(4), 4);
        let file = order.to_file().unwrap();
        assert_eq!(file.moved, [-1, -1, -1, -1, 4]);
        assert_eq!(Order::from_file(&file), Some(order.clone()));
        let json = serde_json::to_vec(&file).unwrap();
        assert_eq!(decode_order(&json).unwrap(), order);
        // Back where it was: no file needed.
        order.shift(4, 0);
        assert_eq!(order, Order::numbered(5));
    }

    #[test]
    fn a_file_that_does_not_hold_each_position_once_is_refused() {
        let twice = OrderFile {
            version: 2,
            moved: vec![1, 0, 0],
        };
        assert_eq!(Order::from_file(&twice), None);
        let json = serde_json::to_vec(&twice).unwrap();
        assert!(decode_order(&json).is_err());
        let outside = OrderFile {
            version: 2,
            moved: vec![-3, 0, 0],
        };
        assert_eq!(Order::from_file(&outside), None);
    }
}
