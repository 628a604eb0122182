//! What one run of `article index` is given and what it finds: its options, and each article
//! file as looked at (`index.rs` looks, `index_patch.rs` rewrites only what changed; both read
//! these, neither the other's).

use std::path::PathBuf;

use super::cache::Outcome;
use crate::tools::archive::Indexable;

/// How `article index` runs.
pub struct IndexOptions<'a> {
    /// Articles on a page of the library.
    pub per_page: u32,
    /// Whether code blocks are searchable too (the rest of the text always is).
    pub code: bool,
    /// How many of the newest entries [`crate::tools::Indexed::newest`] holds (the feed's).
    pub newest: usize,
    /// Told how many article files there are, before reading.
    pub count: &'a dyn Fn(usize),
    /// Told of each article file read.
    pub progress: &'a (dyn Fn() + Sync),
}

/// What one article file gives this run.
pub(crate) enum Found {
    /// Content the cache knows as an article, then named `was`: its entry is the index's.
    Known {
        /// The file's name when the index was written.
        was: String,
    },
    /// Read and parsed now.
    Parsed(Box<Indexable>),
    /// Not an article: the note saying why.
    LeftOut(String),
}

/// An article file as this run found it.
pub(crate) struct Looked {
    /// Its file name, the entry's address.
    pub name: String,
    /// Its path.
    pub path: PathBuf,
    /// Its size, modification time and content hash now.
    pub stamp: (u64, u128, u64),
    /// What it gives.
    pub found: Found,
    /// What the cache had under its name, if anything.
    pub before: Option<Outcome>,
    /// Whether its size or time differ from the cache's.
    pub restamped: bool,
}
