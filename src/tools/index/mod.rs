//! `article index DIR`: the library of a folder of articles, as `index.json` with its older
//! pages and search index ([`crate::tools::archive`]) and, given the address the folder is
//! published at, an Atom 1.0 feed. Files are read on every core. A file whose content did not
//! change since the last run is not parsed again ([`crate::tools::index::cache`]); when only a
//! few articles changed and none moved, only their pages and search chunks are rewritten
//! (`patch.rs`).

pub mod cache;
mod patch;
mod run;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use run::IndexOptions;

use crate::model::search::text::{TextOptions, search_text};
use crate::model::{IsoDate, Library, LibraryEntry, PreparedArticle, prepare};
use crate::tools::archive::{
    Indexable, Written, archive_files, read_entries, read_text, sort_newest_first, write_files,
};
use crate::tools::folder::{ArticleFiles, article_files, parse_bytes};
use cache::{CachedFile, IndexCache, Outcome, stamp, stamp_of};
use run::{Found, Looked};

/// What `article index` did: the library, and what to tell the publisher.
pub struct Indexed {
    /// The library written to `index.json`: its newest page and the archive's outline.
    pub library: Library,
    /// The newest articles, newest first, as many as [`IndexOptions::newest`] asks.
    pub newest: Vec<LibraryEntry>,
    /// How many articles the library holds.
    pub total: usize,
    /// Article files parsed, because they were new or changed.
    pub parsed: usize,
    /// Article files whose content the cache knew.
    pub reused: usize,
    /// Whether only the changed articles' pages and chunks were rewritten.
    pub patched: bool,
    /// The index's files written, left unchanged, and removed.
    pub written: Written,
    /// Markdown files converted, as (source, JSON written).
    pub converted: Vec<(PathBuf, PathBuf)>,
    /// Lines for the publisher: files left out and why, warnings.
    pub notes: Vec<String>,
}

/// Reads every article in `dir` (converting Markdown), builds the library and writes it: the
/// index, its older pages and its search chunks. A file that is not an article is left out
/// with a note; the library is still written.
pub fn index_dir(dir: &Path, options: &IndexOptions) -> Result<Indexed, String> {
    let ArticleFiles {
        jsons,
        converted,
        mut notes,
    } = article_files(dir)?;
    (options.count)(jsons.len());
    let mut cache = IndexCache::load(dir);
    if options.code != cache.code {
        // What an article's text is changed: every one is read again.
        cache = IndexCache::default();
    }
    let text = TextOptions { code: options.code };
    let progress = options.progress;
    let looked: Vec<Looked> = {
        // Built on first need: when every file's size and time are as cached, never.
        let by_hash = std::sync::OnceLock::new();
        jsons
            .par_iter()
            .map(|path| {
                let looked = look(path, &cache, &by_hash, text);
                progress();
                looked
            })
            .collect::<Result<_, _>>()?
    };
    let parsed = looked
        .iter()
        .filter(|l| matches!(l.found, Found::Parsed(_)))
        .count();
    let reused = looked.len() - parsed;
    notes.extend(looked.iter().filter_map(|l| match &l.found {
        Found::LeftOut(note) => Some(note.clone()),
        _ => None,
    }));
    if let Some(patch) = patch::patch(dir, &mut cache, &looked, options)? {
        cache.save(dir)?;
        return Ok(Indexed {
            library: patch.library,
            newest: patch.newest,
            total: patch.total,
            parsed,
            reused,
            patched: true,
            written: patch.written,
            converted,
            notes,
        });
    }
    type Stamped = (String, (u64, u128, u64), Option<String>);
    let stamps: Vec<Stamped> = looked
        .iter()
        .map(|l| {
            let note = match &l.found {
                Found::LeftOut(note) => Some(note.clone()),
                _ => None,
            };
            (l.name.clone(), l.stamp, note)
        })
        .collect();
    let mut items = indexables(dir, looked, text)?;
    sort_newest_first(&mut items);
    let (library, mut parts) = archive_files(&items, options.per_page);
    let text = serde_json::to_string_pretty(&library).expect("the library serializes");
    parts.push(("index.json".to_owned(), format!("{text}\n")));
    let ranks: HashMap<&str, u32> = items
        .iter()
        .enumerate()
        .map(|(rank, item)| (item.entry.address.as_str(), rank as u32))
        .collect();
    cache.per_page = options.per_page;
    cache.code = options.code;
    cache.files = stamps
        .into_iter()
        .filter_map(|(name, (size, modified, hash), note)| {
            let outcome = match note {
                Some(note) => Outcome::LeftOut(note),
                None => Outcome::Article {
                    rank: *ranks.get(name.as_str())?,
                },
            };
            let file = CachedFile {
                size,
                modified,
                hash,
                outcome,
            };
            Some((name, file))
        })
        .collect();
    // The files' hashes are known before they are written, so the cache is written at the
    // same time as they are; if writing fails, the cache goes, lest it vouch for them.
    let mut before = std::mem::take(&mut cache.written);
    cache.written = parts
        .par_iter()
        .map(|(name, text)| (name.clone(), xxhash_rust::xxh3::xxh3_64(text.as_bytes())))
        .collect();
    let (written, saved) = rayon::join(
        || write_files(dir, &parts, &mut before, true),
        || cache.save(dir),
    );
    let written = written.inspect_err(|_| IndexCache::forget(dir))?;
    saved?;
    let total = items.len();
    let newest = items.iter().take(options.newest).map(|i| i.entry.clone());
    let newest = newest.collect();
    free_later((items, parts, cache));
    Ok(Indexed {
        library,
        newest,
        total,
        parsed,
        reused,
        patched: false,
        written,
        converted,
        notes,
    })
}

/// Frees `value` on a thread of its own: freeing the millions of allocations of a large archive
/// takes a good part of a second, which the publisher need not wait for.
fn free_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// What the article at `path` gives, from the cache when its content is known: without reading
/// it when its size and time are unchanged, else by its content hash. Err when the file cannot
/// be read at all.
fn look<'a>(
    path: &Path,
    cache: &'a IndexCache,
    by_hash: &'a std::sync::OnceLock<HashMap<u64, (&'a str, &'a CachedFile)>>,
    text: TextOptions,
) -> Result<Looked, String> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let cached = cache.files.get(&name);
    let known = |was: &str, file: &CachedFile| match &file.outcome {
        Outcome::Article { .. } => Found::Known {
            was: was.to_owned(),
        },
        Outcome::LeftOut(note) => Found::LeftOut(note.clone()),
    };
    let before = cached.map(|file| file.outcome.clone());
    if let Some(file) = cached
        && let Some((size, modified)) = stamp(path)
        && file.size == size
        && file.modified == modified
    {
        return Ok(Looked {
            stamp: (size, modified, file.hash),
            found: known(&name, file),
            name,
            path: path.to_owned(),
            before,
            restamped: false,
        });
    }
    // Opened once: its time comes from the open file, without a second look-up by path.
    let (bytes, modified) = read_with_time(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    // The same content under this name, or another (renamed, or a copy).
    let found = match by_hash.get_or_init(|| cache.by_hash()).get(&hash) {
        Some((was, file)) => known(was, file),
        None => parse(path, &name, &bytes, text),
    };
    Ok(Looked {
        name,
        path: path.to_owned(),
        stamp: (bytes.len() as u64, modified, hash),
        found,
        before,
        restamped: true,
    })
}

/// The content of the file at `path`, and its modification time in nanoseconds since 1970.
fn read_with_time(path: &Path) -> std::io::Result<(Vec<u8>, u128)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let (size, modified) = stamp_of(&file.metadata()?);
    let mut bytes = Vec::with_capacity(size as usize);
    file.read_to_end(&mut bytes)?;
    Ok((bytes, modified))
}

/// The article in `bytes`, ready for the archive, or why it is left out.
fn parse(path: &Path, name: &str, bytes: &[u8], options: TextOptions) -> Found {
    match parse_bytes(path, bytes) {
        Ok(article) => {
            let prepared = prepare(article);
            let text = search_text(&prepared, options);
            let entry = entry(name.to_owned(), prepared);
            Found::Parsed(Box::new(Indexable::new(entry, text)))
        }
        Err(note) => Found::LeftOut(note),
    }
}

/// Every article of the folder ready for the archive: those parsed now, and the known ones
/// from the index's own pages (a known one the pages lack is read again).
fn indexables(
    dir: &Path,
    looked: Vec<Looked>,
    options: TextOptions,
) -> Result<Vec<Indexable>, String> {
    let any_known = looked
        .iter()
        .any(|l| matches!(l.found, Found::Known { .. }));
    let previous = if any_known {
        read_entries(dir)
    } else {
        HashMap::new()
    };
    looked
        .into_par_iter()
        .filter_map(|l| match l.found {
            Found::Parsed(item) => Some(Ok(*item)),
            Found::LeftOut(_) => None,
            // Its entry from the index's pages, its text from the passages written beside them.
            Found::Known { was, .. } => match (previous.get(&was), read_text(dir, &was)) {
                (Some(entry), Some(text)) => {
                    let mut entry = entry.clone();
                    entry.address = l.name;
                    Some(Ok(Indexable::new(entry, text)))
                }
                _ => {
                    let bytes = match std::fs::read(&l.path) {
                        Ok(bytes) => bytes,
                        Err(e) => return Some(Err(format!("{}: {e}", l.path.display()))),
                    };
                    match parse(&l.path, &l.name, &bytes, options) {
                        Found::Parsed(item) => Some(Ok(*item)),
                        _ => None,
                    }
                }
            },
        })
        .collect()
}

/// The library entry of a prepared article, named by its file.
fn entry(address: String, prepared: PreparedArticle) -> LibraryEntry {
    let article = prepared.article;
    LibraryEntry {
        address,
        title: article.title,
        standfirst: article.standfirst,
        label: article.label,
        lang: article.lang,
        sponsor: article.sponsor.map(|s| s.name),
        authors: article.authors.into_iter().map(|a| a.name).collect(),
        published: article.published.filter(|d| IsoDate::parse(d).is_some()),
        updated: article.updated.filter(|d| IsoDate::parse(d).is_some()),
        reading_minutes: prepared.reading_minutes,
        tags: article.tags,
        image: article.image.and_then(|i| i.safe),
    }
}
