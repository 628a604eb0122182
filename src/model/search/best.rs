//! A term's postings in two tiers, so that a query downloads what its screen needs and not
//! every posting of every word it touches. A search chunk holds each term's [`BEST`] postings
//! by impact, and its count; a term held by more articles has the rest apart, in a *rest* part
//! (`rest-N.json`): all its numbers, with the impacts of its [`KEPT`] best and one *floor*
//! impact for the others. A word being typed, or another form of a word (its stem, the words
//! it begins, a typo), is ranked from the best postings at first; the rest of a word typed
//! whole, and of the other forms held by few articles, is downloaded once the reader pauses.
//!
//! Measured on the 100,000-article archive (docs/performance.md, "At scale, third pass"): the
//! postings of one common word with their impacts were 15 to 80 KB of gzip, most of it the
//! impacts; its numbers alone, 0.3 to 20 KB.

/// How many of a term's postings its search chunk holds (its best by impact, newest first
/// among equals): a screenful of results for a word being typed.
pub const BEST: usize = 32;

/// How many of a term's postings keep their own impact in its rest; the others weigh its
/// floor. Results beyond the first few hundred of one word are ranked by the other words and
/// by date.
pub const KEPT: usize = 256;

/// Another form of a word (its stem, a word it begins, a typo) held by at most this many
/// articles has its rest downloaded when the reader pauses; a more common one adds its best
/// postings only, and the page says the results are at least what it shows.
pub const RARE: u32 = 1000;

/// A term's postings split into the tiers the index writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Tiers {
    /// Its best postings (all of them when it has no rest): numbers ascending, impacts beside.
    pub best: (Vec<u32>, Vec<u8>),
    /// Its rest, when it has more than [`BEST`] postings.
    pub rest: Option<Rest>,
}

/// A term's postings in full, as its rest part holds them.
#[derive(Debug, Clone, PartialEq)]
pub struct Rest {
    /// Every number, ascending.
    pub numbers: Vec<u32>,
    /// Each one's impact, or 0 for those outside the [`KEPT`] best: they weigh `floor`.
    pub impacts: Vec<u8>,
    /// The impact of the postings whose own was not kept: their mean, rounded.
    pub floor: u8,
}

impl Rest {
    /// The impact posting `i` weighs.
    pub fn impact(&self, i: usize) -> u8 {
        match self.impacts.get(i).copied().unwrap_or(0) {
            0 => self.floor,
            kept => kept,
        }
    }

    /// Every impact, the floor in place of those not kept.
    pub fn weighed(&self) -> Vec<u8> {
        (0..self.numbers.len()).map(|i| self.impact(i)).collect()
    }

    /// The best postings, as a search chunk holds them.
    pub fn best(&self) -> (Vec<u32>, Vec<u8>) {
        best_of(&self.numbers, &self.weighed())
    }

    /// Sets the posting of article `number` to `impact`, or takes it out (`None`). A new
    /// impact is kept when it is above the lowest kept one (a patch never loses the best); else
    /// it weighs the floor.
    pub fn set(&mut self, number: u32, impact: Option<u8>) {
        let lowest = self.impacts.iter().copied().filter(|i| *i > 0).min();
        let kept = |impact: u8| match lowest {
            Some(lowest) if impact >= lowest => impact,
            None => impact,
            _ => 0,
        };
        match (self.numbers.binary_search(&number), impact) {
            (Err(at), Some(impact)) => {
                self.numbers.insert(at, number);
                self.impacts.insert(at, kept(impact));
            }
            (Ok(at), Some(impact)) => self.impacts[at] = kept(impact),
            (Ok(at), None) => {
                self.numbers.remove(at);
                self.impacts.remove(at);
            }
            (Err(_), None) => {}
        }
    }
}

/// Splits a term's postings (`numbers` ascending, `impacts` beside them) into its tiers.
pub fn split(numbers: Vec<u32>, impacts: Vec<u8>) -> Tiers {
    if numbers.len() <= BEST {
        return Tiers {
            best: (numbers, impacts),
            rest: None,
        };
    }
    let order = by_impact(&impacts, &numbers);
    let mut kept = vec![0_u8; impacts.len()];
    for &i in order.iter().take(KEPT) {
        kept[i] = impacts[i];
    }
    let others: Vec<u32> = order
        .iter()
        .skip(KEPT)
        .map(|&i| impacts[i] as u32)
        .collect();
    let floor = if others.is_empty() {
        1
    } else {
        let mean = others.iter().sum::<u32>() as f32 / others.len() as f32;
        (mean.round() as u8).max(1)
    };
    let rest = Rest {
        numbers,
        impacts: kept,
        floor,
    };
    Tiers {
        best: rest.best(),
        rest: Some(rest),
    }
}

/// The [`BEST`] postings of `numbers` by `impacts`, numbers ascending.
fn best_of(numbers: &[u32], impacts: &[u8]) -> (Vec<u32>, Vec<u8>) {
    let mut chosen: Vec<usize> = by_impact(impacts, numbers);
    chosen.truncate(BEST);
    chosen.sort_unstable();
    (
        chosen.iter().map(|&i| numbers[i]).collect(),
        chosen.iter().map(|&i| impacts[i]).collect(),
    )
}

/// Positions of the postings, highest impact first, newest (highest number) first among
/// equals.
fn by_impact(impacts: &[u8], numbers: &[u32]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..impacts.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        impacts[b]
            .cmp(&impacts[a])
            .then_with(|| numbers[b].cmp(&numbers[a]))
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_postings_stay_whole_in_the_chunk() {
        let tiers = split(vec![1, 5, 9], vec![3, 40, 2]);
        assert_eq!(tiers.best, (vec![1, 5, 9], vec![3, 40, 2]));
        assert!(tiers.rest.is_none());
    }

    #[test]
    fn many_postings_keep_their_best_in_the_chunk_and_all_in_the_rest() {
        let count = KEPT as u32 + 100;
        let numbers: Vec<u32> = (0..count).collect();
        // Impact grows with the number, so the best are the newest.
        let impacts: Vec<u8> = numbers.iter().map(|n| (n / 4 + 1).min(99) as u8).collect();
        let tiers = split(numbers.clone(), impacts.clone());
        let rest = tiers.rest.expect("more than BEST");
        assert_eq!(rest.numbers, numbers, "the rest holds every number");
        let kept = rest.impacts.iter().filter(|i| **i > 0).count();
        assert_eq!(kept, KEPT);
        assert!(rest.floor >= 1 && rest.floor <= impacts[count as usize - KEPT]);
        let (best, best_impacts) = tiers.best;
        assert_eq!(best.len(), BEST);
        assert_eq!(best, (count - BEST as u32..count).collect::<Vec<_>>());
        let expected: Vec<u8> = best.iter().map(|n| impacts[*n as usize]).collect();
        assert_eq!(best_impacts, expected);
        assert_eq!(
            rest.impact(0),
            rest.floor,
            "an impact not kept weighs the floor"
        );
    }

    #[test]
    fn a_patch_keeps_a_high_impact_and_floors_a_low_one() {
        let numbers: Vec<u32> = (0..400).collect();
        let impacts: Vec<u8> = (0..400).map(|n| (n % 90 + 5) as u8).collect();
        let mut rest = split(numbers, impacts).rest.expect("a rest");
        rest.set(1000, Some(99));
        assert_eq!(rest.impact(rest.numbers.len() - 1), 99);
        assert!(
            rest.best().0.contains(&1000),
            "a new best reaches the chunk"
        );
        rest.set(1001, Some(1));
        assert_eq!(
            rest.impacts[rest.numbers.len() - 1],
            0,
            "below the kept: the floor"
        );
        rest.set(1000, None);
        assert!(!rest.numbers.contains(&1000));
        assert_eq!(rest.numbers.len(), rest.impacts.len());
    }
}
