//! A term's postings in two tiers, so that a query downloads what its screen needs and not
//! every posting of every word it touches. A search chunk holds each term's [`BEST`] postings
//! by impact, and its count; a term held by more articles has the rest apart, in a *rest* part
//! (`rest-N.json`): all its numbers, with the impacts of its [`KEPT`] best and one *floor*
//! impact for the others. A word being typed, or another form of a word (its stem, the words
//! it begins), is ranked from the best postings at first; the rest of a word typed whole is
//! downloaded at once, of the word being typed once the reader pauses, and of the other forms
//! then too while they are few ([`FORMS`]).
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

/// How many postings of the other forms of a query's words (stems, the words a word begins)
/// are downloaded beyond their best once the reader pauses: the forms held by fewest articles
/// first, until this many. A common form adds its best postings only, and the page says the
/// results are at least what it shows.
pub const FORMS: u32 = 2000;

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
    let top = best_positions(&impacts, KEPT);
    let mut kept = vec![0_u8; impacts.len()];
    let mut kept_sum = 0_u64;
    for &i in &top {
        kept[i] = impacts[i];
        kept_sum += impacts[i] as u64;
    }
    let others = impacts.len() - top.len();
    let floor = if others == 0 {
        1
    } else {
        let sum: u64 = impacts.iter().map(|&i| i as u64).sum::<u64>() - kept_sum;
        ((sum as f64 / others as f64).round() as u8).max(1)
    };
    let best: Vec<usize> = best_positions(&impacts, BEST);
    let best = (
        best.iter().map(|&i| numbers[i]).collect(),
        best.iter().map(|&i| impacts[i]).collect(),
    );
    Tiers {
        best,
        rest: Some(Rest {
            numbers,
            impacts: kept,
            floor,
        }),
    }
}

/// The [`BEST`] postings of `numbers` by `impacts`, numbers ascending.
fn best_of(numbers: &[u32], impacts: &[u8]) -> (Vec<u32>, Vec<u8>) {
    let chosen = best_positions(impacts, BEST);
    (
        chosen.iter().map(|&i| numbers[i]).collect(),
        chosen.iter().map(|&i| impacts[i]).collect(),
    )
}

/// The positions of the `count` postings with the highest impacts, the newest (the later
/// positions: numbers ascend) first among equals; ascending. Impacts are small numbers, so a
/// count of each finds the lowest impact taken without sorting a common word's 100,000
/// postings (a share of `article index`'s time on a large archive).
fn best_positions(impacts: &[u8], count: usize) -> Vec<usize> {
    if impacts.len() <= count {
        return (0..impacts.len()).collect();
    }
    let mut counts = [0_usize; 256];
    for &impact in impacts {
        counts[impact as usize] += 1;
    }
    // The lowest impact taken, and how many of it.
    let (mut lowest, mut above) = (255, 0);
    while above + counts[lowest] < count {
        above += counts[lowest];
        lowest -= 1;
    }
    let mut of_lowest = count - above;
    let mut out: Vec<usize> = Vec::with_capacity(count);
    for (i, &impact) in impacts.iter().enumerate().rev() {
        if impact as usize > lowest {
            out.push(i);
        } else if impact as usize == lowest && of_lowest > 0 {
            out.push(i);
            of_lowest -= 1;
        }
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_are_the_highest_impacts_and_the_newest_among_equals() {
        // A fixed pseudo-random sequence with many ties.
        let mut seed = 7_u32;
        let impacts: Vec<u8> = (0..5000)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (seed >> 16) as u8 % 12 + 1
            })
            .collect();
        for count in [1, BEST, KEPT, 4999] {
            let mut sorted: Vec<usize> = (0..impacts.len()).collect();
            sorted.sort_by(|&a, &b| impacts[b].cmp(&impacts[a]).then(b.cmp(&a)));
            let mut expected = sorted[..count].to_vec();
            expected.sort_unstable();
            assert_eq!(best_positions(&impacts, count), expected, "{count}");
        }
    }

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
