//! Search: each locale's offline search index, written beside its pages.
//!
//! Input: the entries of one locale as [`Document`]s (plain text per
//! [`Field`]). Output: files under `<locale>/search/` for
//! `themes/default/static/search.js`:
//!
//! - `manifest.json`: the folding table, the endings a query may strip to
//!   find a stem, the first key of every shard, the number of documents;
//! - `shards/<n>.json`: a slice of the sorted keys (folded words and
//!   stems): each word with its stem, each stem with its postings;
//! - `docs/<n>.zlib`: a few entries' URL, title, kind and text (a JSON
//!   array, zlib-compressed: search.js inflates it with the browser's
//!   `DecompressionStream`), fetched only for the results shown.
//!
//! A query loads the manifest and the few shards its words fall in, never
//! the whole index. Invariant: the same documents give the same bytes
//! (sorted keys, no floats, no hash-map order in output).

pub mod fold;
mod index;
mod shard;
pub mod stem;

pub use index::{build_index, decode_documents, IndexSettings};
pub use shard::{decode_shard, ShardKey};

/// Which part of an entry a text is: a match in the title counts most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Title,
    Summary,
    /// Checklist items and playbook steps with their hints, questions,
    /// objectives, key points.
    Items,
    /// The Markdown body and other long texts.
    Body,
}

/// One entry as the search of one locale sees it.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub url: String,
    pub title: String,
    /// `checklist`, `principle`…
    pub kind: String,
    /// The kind's name in the locale.
    pub kind_label: String,
    /// The language of the text, when it is a fallback in another language.
    pub fallback_lang: Option<String>,
    /// Plain text by field, in reading order (the title is not repeated).
    pub texts: Vec<(Field, String)>,
}
