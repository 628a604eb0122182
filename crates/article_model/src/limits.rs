//! The bounds every document is read within, shared by the reader and its errors.

/// Documents larger than this are refused before parsing (8 MiB: ~5,000 sections of prose).
pub const MAX_ARTICLE_BYTES: usize = 8 * 1024 * 1024;

/// Nesting of arrays and objects at which a document is refused: serde_json's own limit, which
/// keeps a crafted document from exhausting the stack. The format itself never needs more than
/// eight levels.
pub const MAX_NESTING: usize = 128;
