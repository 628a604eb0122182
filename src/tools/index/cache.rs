//! The cache of `article index` (`index.cache` beside the index, not for publishing): what each
//! article file gave the last time, keyed by its content hash, so a file whose content did not
//! change is not parsed again. A file whose size and modification time are also unchanged is
//! not even read, as git's index does; one rewritten with the same content is read and hashed,
//! and found. The entries themselves are not kept here: the index's own pages hold them, and
//! are read back. Any trouble with the cache means starting without it.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

/// The cache's file name, beside `index.json`.
pub const CACHE_FILE: &str = "index.cache";

/// Bumped when what an article gives changes (the entry, the terms, their folding), or what
/// the index's files are (5: parts named by their content).
const CACHE_VERSION: u32 = 5;

/// The weights and steps impacts are computed with, and the tiers postings are split into,
/// as text: a new release of the tool that weighs or splits terms otherwise must not patch an
/// index written the old way.
fn ranking() -> String {
    use crate::model::search::best::{BEST, KEPT};
    use crate::model::search::rank::{K1, LEVELS, WEIGHTS};
    format!("{WEIGHTS:?} {K1} {LEVELS} tiers {BEST} {KEPT}")
}

/// What an article file gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// An article: its entry is in the index's pages, at this newest-first position.
    Article {
        /// Its position, from 0.
        rank: u32,
    },
    /// Not an article: the note saying why it is left out.
    LeftOut(String),
}

/// One file as it was last read.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedFile {
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since 1970.
    pub modified: u128,
    /// The xxh3 hash of its content.
    pub hash: u64,
    /// What it gave.
    pub outcome: Outcome,
}

/// The cache of a folder.
#[derive(Debug, Default)]
pub struct IndexCache {
    /// The page size the index was written with.
    pub per_page: u32,
    /// Whether its search index holds the articles' code blocks (`--code`).
    pub code: bool,
    /// By file name (Fx hashing: 100,000 names are looked up on every run).
    pub files: FxHashMap<String, CachedFile>,
    /// The content hash of each file of the index last written, by path relative to the folder.
    pub written: HashMap<String, u64>,
}

/// The cache as stored: a file per row of plain values (name, size, time, hash, position or
/// the note saying why it is left out), which reads about twice as fast as named fields.
#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    /// How terms were weighed ([`ranking`]): an index written with other weights is written
    /// again whole, though no article changed.
    ranking: String,
    per_page: u32,
    code: bool,
    files: Vec<StoredFile>,
    written: Vec<(String, u64)>,
}

/// A file of the cache as stored: name, size, time, hash, position or note.
type StoredFile = (String, u64, u128, u64, Result<u32, String>);

/// A file's size and modification time, as the cache compares them.
pub fn stamp(path: &Path) -> Option<(u64, u128)> {
    let meta = std::fs::metadata(path).ok()?;
    // Without a time, the file is read and hashed, never trusted unread.
    meta.modified().ok()?;
    Some(stamp_of(&meta))
}

/// The size and modification time (nanoseconds since 1970; 0 when unknown) in `meta`.
pub fn stamp_of(meta: &std::fs::Metadata) -> (u64, u128) {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    (meta.len(), modified)
}

impl IndexCache {
    /// The cache of `dir`, or an empty one when there is none or it cannot be used.
    pub fn load(dir: &Path) -> Self {
        let Some(stored) = std::fs::read(dir.join(CACHE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .filter(|stored| stored.version == CACHE_VERSION && stored.ranking == ranking())
        else {
            return IndexCache::default();
        };
        let files = stored
            .files
            .into_iter()
            .map(|(name, size, modified, hash, outcome)| {
                let outcome = match outcome {
                    Ok(rank) => Outcome::Article { rank },
                    Err(note) => Outcome::LeftOut(note),
                };
                let file = CachedFile {
                    size,
                    modified,
                    hash,
                    outcome,
                };
                (name, file)
            })
            .collect();
        IndexCache {
            per_page: stored.per_page,
            code: stored.code,
            files,
            written: stored.written.into_iter().collect(),
        }
    }

    /// Removes the cache of `dir`: the next run reads every file.
    pub fn forget(dir: &Path) {
        _ = std::fs::remove_file(dir.join(CACHE_FILE));
    }

    /// Writes the cache of `dir`.
    pub fn save(&self, dir: &Path) -> Result<(), String> {
        let files = self.files.iter().map(|(name, file)| {
            let outcome = match &file.outcome {
                Outcome::Article { rank } => Ok(*rank),
                Outcome::LeftOut(note) => Err(note.clone()),
            };
            (name.clone(), file.size, file.modified, file.hash, outcome)
        });
        let stored = Stored {
            version: CACHE_VERSION,
            ranking: ranking(),
            per_page: self.per_page,
            code: self.code,
            files: files.collect(),
            written: self.written.iter().map(|(n, h)| (n.clone(), *h)).collect(),
        };
        let path = dir.join(CACHE_FILE);
        let text = serde_json::to_vec(&stored).expect("the cache serializes");
        std::fs::write(&path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
    }

    /// The cached files by content hash, to find a file rewritten unchanged or renamed.
    pub fn by_hash(&self) -> HashMap<u64, (&str, &CachedFile)> {
        self.files
            .iter()
            .map(|(name, file)| (file.hash, (name.as_str(), file)))
            .collect()
    }
}
