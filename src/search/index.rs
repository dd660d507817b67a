//! Building one locale's index: words, stems, postings, shards, manifest.
//!
//! Every distinct folded word gets one stem (from its first occurrence, in
//! document order), and its occurrences count for that stem only, so a
//! query word found in the vocabulary finds exactly its stem's postings.
//! Keys (words and stems) are sorted in UTF-16 order, as JavaScript compares
//! strings, and cut into shards of about `shard_bytes`; a shard is named by
//! the shortest prefix of its first key that sorts after the previous
//! shard's last key.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::fold::{tokenize, FoldTable, Language};
use super::stem::{Stemmer, UKRAINIAN_ENDINGS};
use super::{Document, Field};
use crate::model::Locale;
use crate::render::OutputFile;

/// Knobs of the index layout; the defaults are what the site uses.
#[derive(Debug, Clone, Copy)]
pub struct IndexSettings {
    /// A shard is closed when adding a key would take it past this size
    /// (a single key with very long postings makes a larger shard alone).
    pub shard_bytes: usize,
    /// An ending (with the stem's own ending) goes to the manifest when at
    /// least this many distinct words show it; Ukrainian endings always do.
    pub min_rule_words: usize,
}

impl Default for IndexSettings {
    fn default() -> Self {
        IndexSettings {
            shard_bytes: 16 * 1024,
            min_rule_words: 2,
        }
    }
}

/// The format version, bumped when search.js must change with it.
const FORMAT_VERSION: u32 = 1;
/// Postings pack `delta * WEIGHT_RANGE + weight` into one number.
const WEIGHT_RANGE: u32 = 32;
/// Longest ending (in characters) a query may strip.
const MAX_ENDING_CHARS: usize = 8;

/// How much one entry's text in each field counts for one stem.
#[derive(Debug, Default, Clone, Copy)]
struct Hits {
    title: bool,
    summary: bool,
    items: bool,
    body: u32,
}

impl Hits {
    fn add(&mut self, field: Field) {
        match field {
            Field::Title => self.title = true,
            Field::Summary => self.summary = true,
            Field::Items => self.items = true,
            Field::Body => self.body += 1,
        }
    }

    /// 1…17: title 8, summary 4, items 2, body up to 3 occurrences.
    fn weight(self) -> u32 {
        8 * u32::from(self.title)
            + 4 * u32::from(self.summary)
            + 2 * u32::from(self.items)
            + self.body.min(3)
    }
}

/// Words, their stems and the stems' postings for one locale.
#[derive(Default)]
struct Vocabulary {
    stem_of: HashMap<String, String>,
    /// Stem → (document, weight), documents ascending.
    postings: HashMap<String, Vec<(u32, u32)>>,
    chars: BTreeSet<char>,
}

impl Vocabulary {
    fn build(language: Language, documents: &[Document]) -> Vocabulary {
        let stemmer = Stemmer::new(language);
        let mut vocabulary = Vocabulary::default();
        for (number, document) in documents.iter().enumerate() {
            let number = u32::try_from(number).unwrap_or(u32::MAX);
            let mut hits: BTreeMap<String, Hits> = BTreeMap::new();
            let texts = std::iter::once((Field::Title, document.title.as_str()))
                .chain(document.texts.iter().map(|(f, t)| (*f, t.as_str())));
            for (field, text) in texts {
                vocabulary.chars.extend(text.chars());
                for token in tokenize(language, text) {
                    // One-letter words (conjunctions, prepositions) are not indexed.
                    if token.folded.chars().nth(1).is_none() {
                        continue;
                    }
                    let stem =
                        vocabulary
                            .stem_of
                            .entry(token.folded)
                            .or_insert_with_key(|folded| {
                                stemmer.stem(&text[token.start..token.end], folded)
                            });
                    hits.entry(stem.clone()).or_default().add(field);
                }
            }
            for (stem, hits) in hits {
                vocabulary
                    .postings
                    .entry(stem)
                    .or_default()
                    .push((number, hits.weight()));
            }
        }
        vocabulary
    }

    /// `stem ending → word endings`: how words end where their stems end,
    /// for the query side to undo. Each (ending, stem ending) pair must be
    /// seen in `min_words` distinct words.
    fn rules(&self, language: Language, min_words: usize) -> BTreeMap<String, Vec<String>> {
        let mut counts: HashMap<(String, String), usize> = HashMap::new();
        for (word, stem) in &self.stem_of {
            let common = word
                .chars()
                .zip(stem.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum::<usize>();
            let ending = &word[common..];
            if ending.is_empty() || ending.chars().count() > MAX_ENDING_CHARS {
                continue;
            }
            *counts
                .entry((stem[common..].to_string(), ending.to_string()))
                .or_default() += 1;
        }
        let mut rules: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for ((stem_ending, ending), count) in counts {
            if count >= min_words {
                rules.entry(stem_ending).or_default().insert(ending);
            }
        }
        if language == Language::Ukrainian {
            rules
                .entry(String::new())
                .or_default()
                .extend(UKRAINIAN_ENDINGS.iter().map(|e| e.to_string()));
        }
        rules
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().collect()))
            .collect()
    }
}

fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// How a word key names its stem: by length when the stem is a prefix of
/// the word (the usual case), in full otherwise; `0` for a key that is
/// only a stem.
#[derive(Serialize, Clone, Copy)]
#[serde(untagged)]
enum StemRef<'a> {
    Length(usize),
    Text(&'a str),
}

/// One key of a shard, front-coded: the number of UTF-16 units it shares
/// with the previous key of the shard, the rest of it, its stem and, for
/// a stem, its postings.
#[derive(Serialize)]
#[serde(untagged)]
enum Key<'a> {
    Word(usize, &'a str, StemRef<'a>),
    WithPostings(usize, &'a str, StemRef<'a>, &'a [u32]),
}

/// The bytes (a char boundary) and UTF-16 units `key` shares with `previous`.
fn shared_prefix(previous: &str, key: &str) -> (usize, usize) {
    previous
        .chars()
        .zip(key.chars())
        .take_while(|(a, b)| a == b)
        .fold((0, 0), |(bytes, units), (c, _)| {
            (bytes + c.len_utf8(), units + c.len_utf16())
        })
}

/// Packs postings: `(document - previous - 1 + 1) * WEIGHT_RANGE + weight`,
/// the first document counted from -1.
fn pack_postings(postings: &[(u32, u32)]) -> Vec<u32> {
    let mut previous: i64 = -1;
    postings
        .iter()
        .map(|&(document, weight)| {
            let delta = i64::from(document) - previous;
            previous = i64::from(document);
            u32::try_from(delta).unwrap_or(u32::MAX) * WEIGHT_RANGE + weight.min(WEIGHT_RANGE - 1)
        })
        .collect()
}

#[derive(Serialize)]
struct FoldJson<'a> {
    from: &'a str,
    to: &'a str,
    multi: &'a BTreeMap<char, String>,
    drop: &'a str,
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    locale: &'a str,
    /// A hash of the index, appended to shard and document URLs so a
    /// browser never mixes a cached shard with a newer manifest.
    build: String,
    documents: usize,
    fold: FoldJson<'a>,
    rules: BTreeMap<String, Vec<String>>,
    shards: Vec<String>,
}

#[derive(Serialize)]
struct DocumentJson<'a> {
    url: &'a str,
    title: &'a str,
    kind: &'a str,
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    text: String,
}

/// The shortest prefix of `first` that sorts after `previous_last`.
fn separator(previous_last: &str, first: &str) -> String {
    let mut end = 0;
    for c in first.chars() {
        end += c.len_utf8();
        if utf16_cmp(&first[..end], previous_last).is_gt() {
            break;
        }
    }
    first[..end].to_string()
}

/// Cuts the sorted keys into shards of about `target` bytes of JSON.
struct ShardWriter<'a> {
    target: usize,
    /// Finished shards: (name, JSON).
    done: Vec<(String, String)>,
    current: String,
    current_first: Option<&'a str>,
    previous_key: &'a str,
    /// The last key of the previous shard.
    previous_shard_last: &'a str,
}

impl<'a> ShardWriter<'a> {
    fn new(target: usize) -> Self {
        ShardWriter {
            target,
            done: Vec::new(),
            current: String::new(),
            current_first: None,
            previous_key: "",
            previous_shard_last: "",
        }
    }

    fn push(&mut self, key: &'a str, stem_ref: StemRef<'_>, postings: Option<Vec<u32>>) {
        let encode = |(bytes, units): (usize, usize)| {
            let rest = &key[bytes..];
            let entry = match &postings {
                Some(p) => Key::WithPostings(units, rest, stem_ref, p),
                None => Key::Word(units, rest, stem_ref),
            };
            serde_json::to_string(&entry).unwrap_or_default()
        };
        let mut json = match self.current_first {
            Some(_) => encode(shared_prefix(self.previous_key, key)),
            None => encode((0, 0)),
        };
        if self.current_first.is_some() && self.current.len() + json.len() + 3 > self.target {
            self.close();
            // The first key of a shard is written in full.
            json = encode((0, 0));
        }
        if self.current_first.is_none() {
            self.current_first = Some(key);
        } else {
            self.current.push(',');
        }
        self.current.push_str(&json);
        self.previous_key = key;
    }

    fn close(&mut self) {
        let Some(first) = self.current_first.take() else {
            return;
        };
        let name = if self.done.is_empty() {
            String::new()
        } else {
            separator(self.previous_shard_last, first)
        };
        self.done.push((name, format!("[{}]\n", self.current)));
        self.current.clear();
        self.previous_shard_last = self.previous_key;
    }

    fn finish(mut self) -> Vec<(String, String)> {
        self.close();
        self.done
    }
}

/// Writes `<dir>/manifest.json`, `<dir>/shards/<n>.json` and
/// `<dir>/docs/<n>.json` for one locale.
pub fn build_index(
    locale: &Locale,
    documents: &[Document],
    dir: &str,
    settings: IndexSettings,
) -> Vec<OutputFile> {
    let language = Language::of(locale);
    let vocabulary = Vocabulary::build(language, documents);

    let mut keys: Vec<&str> = vocabulary
        .stem_of
        .keys()
        .chain(vocabulary.postings.keys())
        .map(String::as_str)
        .collect();
    keys.sort_by(|a, b| utf16_cmp(a, b));
    keys.dedup();

    let mut shards = ShardWriter::new(settings.shard_bytes);
    for key in keys {
        let stem_ref = match vocabulary.stem_of.get(key) {
            Some(stem) if key.starts_with(stem.as_str()) => StemRef::Length(utf16_len(stem)),
            Some(stem) => StemRef::Text(stem),
            None => StemRef::Length(0),
        };
        let postings = vocabulary.postings.get(key).map(|p| pack_postings(p));
        shards.push(key, stem_ref, postings);
    }
    let shards = shards.finish();

    let document_files: Vec<String> = documents
        .iter()
        .map(|d| {
            let text = d
                .texts
                .iter()
                .map(|(_, t)| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            let json = DocumentJson {
                url: &d.url,
                title: &d.title,
                kind: &d.kind,
                label: &d.kind_label,
                lang: d.fallback_lang.as_deref(),
                text,
            };
            serde_json::to_string(&json).unwrap_or_default() + "\n"
        })
        .collect();

    let build = crate::hash::hash_parts(
        shards
            .iter()
            .map(|(_, json)| json.as_str())
            .chain(document_files.iter().map(String::as_str)),
    );
    let table = FoldTable::new(language, vocabulary.chars.iter().copied());
    let manifest = Manifest {
        version: FORMAT_VERSION,
        locale: locale.as_str(),
        build,
        documents: documents.len(),
        fold: FoldJson {
            from: &table.from,
            to: &table.to,
            multi: &table.multi,
            drop: &table.drop,
        },
        rules: vocabulary.rules(language, settings.min_rule_words),
        shards: shards.iter().map(|(name, _)| name.clone()).collect(),
    };

    let mut files = vec![OutputFile {
        path: format!("{dir}/manifest.json"),
        bytes: (serde_json::to_string(&manifest).unwrap_or_default() + "\n").into_bytes(),
    }];
    files.extend(
        shards
            .into_iter()
            .enumerate()
            .map(|(n, (_, json))| OutputFile {
                path: format!("{dir}/shards/{n}.json"),
                bytes: json.into_bytes(),
            }),
    );
    files.extend(
        document_files
            .into_iter()
            .enumerate()
            .map(|(n, json)| OutputFile {
                path: format!("{dir}/docs/{n}.json"),
                bytes: json.into_bytes(),
            }),
    );
    files
}
