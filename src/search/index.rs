//! Building one locale's index: words, stems, postings, shards, manifest.
//!
//! Every distinct folded word gets one stem (from its first occurrence, in
//! document order), and its occurrences count for that stem only, so a
//! query word found in the vocabulary finds exactly its stem's postings.
//! Keys (words and stems) are sorted in UTF-16 order, as JavaScript compares
//! strings, and cut into shards of about `shard_bytes` ([`super::shard`]
//! has the format). The manifest carries what the query side needs besides:
//! the folding table, the endings to undo, the shard names.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::fold::{for_each_word, FoldTable, Language};
use super::shard::{pack_postings, utf16_cmp, utf16_len, ShardWriter, StemRef};
use super::stem::{Stemmer, UKRAINIAN_ENDINGS, UKRAINIAN_FLEETING};
use super::{Document, Field};
use crate::hash::{IdHashing, PartsHasher};
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
    /// Documents per file under `docs/`: a result fetches its file, so
    /// more per file means fewer files but more bytes per result shown.
    pub docs_per_file: usize,
}

impl Default for IndexSettings {
    fn default() -> Self {
        IndexSettings {
            shard_bytes: 16 * 1024,
            min_rule_words: 2,
            docs_per_file: 4,
        }
    }
}

/// The format version, bumped when search.js must change with it.
const FORMAT_VERSION: u32 = 2;
/// How hard document files are compressed (zlib levels 0–10): 3 gets
/// most of level 6's size at about half its time.
const DOCS_LEVEL: u8 = 3;
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
    fn is_empty(self) -> bool {
        !self.title && !self.summary && !self.items && self.body == 0
    }

    fn weight(self) -> u32 {
        8 * u32::from(self.title)
            + 4 * u32::from(self.summary)
            + 2 * u32::from(self.items)
            + self.body.min(3)
    }
}

/// Words, their stems and the stems' postings for one locale, made one
/// document at a time.
struct Vocabulary {
    stemmer: Stemmer,
    language: Language,
    /// Folded word → the number of its stem in `stems`.
    stem_of: HashMap<String, u32, IdHashing>,
    /// Stems by number…
    stems: Vec<String>,
    /// …their numbers…
    stem_numbers: HashMap<String, u32, IdHashing>,
    /// …and their postings: (document, weight), documents ascending.
    postings: Vec<Vec<(u32, u32)>>,
    /// Every character of the text (for the folding table).
    chars: CharSet,
    /// The documents added so far.
    documents: u32,
    /// Scratch for [`Vocabulary::add`]: hits by stem number, and the stems
    /// the current document touched.
    hits: Vec<Hits>,
    touched: Vec<u32>,
}

/// A set of characters: a bitmap for the Basic Multilingual Plane.
struct CharSet {
    bmp: Vec<u64>,
    other: BTreeSet<char>,
}

impl Default for CharSet {
    fn default() -> Self {
        CharSet {
            bmp: vec![0; 0x10000 / 64],
            other: BTreeSet::new(),
        }
    }
}

impl CharSet {
    fn extend(&mut self, text: &str) {
        for c in text.chars() {
            let code = c as usize;
            match self.bmp.get_mut(code / 64) {
                Some(word) => *word |= 1 << (code % 64),
                None => {
                    self.other.insert(c);
                }
            }
        }
    }

    fn iter(&self) -> impl Iterator<Item = char> + '_ {
        let bmp = self.bmp.iter().enumerate().flat_map(|(i, &word)| {
            (0..64)
                .filter(move |bit| word & (1 << bit) != 0)
                .filter_map(move |bit| char::from_u32((i * 64 + bit) as u32))
        });
        bmp.chain(self.other.iter().copied())
    }
}

impl Vocabulary {
    fn new(language: Language) -> Vocabulary {
        Vocabulary {
            stemmer: Stemmer::new(language),
            language,
            stem_of: HashMap::default(),
            stems: Vec::new(),
            stem_numbers: HashMap::default(),
            postings: Vec::new(),
            chars: CharSet::default(),
            documents: 0,
            hits: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// Adds the next document's words.
    fn add(&mut self, document: &Document) {
        let number = self.documents;
        self.documents += 1;
        let texts = std::iter::once((Field::Title, document.title.as_str()))
            .chain(document.texts.iter().map(|(f, t)| (*f, t.as_str())));
        for (field, text) in texts {
            self.chars.extend(text);
            for_each_word(self.language, text, |folded, start, end| {
                // One-letter words (conjunctions, prepositions) are not indexed.
                if folded.chars().nth(1).is_none() {
                    return;
                }
                let stem = match self.stem_of.get(folded) {
                    Some(&stem) => stem,
                    None => {
                        let stem = self.stem_number(self.stemmer.stem(&text[start..end], folded));
                        self.stem_of.insert(folded.to_string(), stem);
                        stem
                    }
                };
                let slot = stem as usize;
                if slot >= self.hits.len() {
                    self.hits
                        .resize(self.stems.len().max(slot + 1), Hits::default());
                }
                if self.hits[slot].is_empty() {
                    self.touched.push(stem);
                }
                self.hits[slot].add(field);
            });
        }
        for stem in self.touched.drain(..) {
            let slot = stem as usize;
            self.postings[slot].push((number, self.hits[slot].weight()));
            self.hits[slot] = Hits::default();
        }
    }

    /// The number of `stem`, numbering it if it is new.
    fn stem_number(&mut self, stem: String) -> u32 {
        if let Some(&number) = self.stem_numbers.get(&stem) {
            return number;
        }
        let number = u32::try_from(self.stems.len()).unwrap_or(u32::MAX);
        self.stems.push(stem.clone());
        self.stem_numbers.insert(stem, number);
        self.postings.push(Vec::new());
        number
    }

    /// The stem of a folded word of the text.
    fn stem(&self, word: &str) -> Option<&str> {
        self.stem_of
            .get(word)
            .map(|&stem| self.stems[stem as usize].as_str())
    }

    /// A stem's postings.
    fn postings(&self, stem: &str) -> Option<&[(u32, u32)]> {
        self.stem_numbers
            .get(stem)
            .map(|&number| self.postings[number as usize].as_slice())
    }

    /// `stem ending → word endings`: how words end where their stems end,
    /// for the query side to undo. Each (ending, stem ending) pair must be
    /// seen in `min_words` distinct words.
    fn rules(&self, min_words: usize) -> BTreeMap<String, Vec<String>> {
        let language = self.language;
        let mut counts: HashMap<(String, String), usize> = HashMap::new();
        for (word, &stem) in &self.stem_of {
            let stem = self.stems[stem as usize].as_str();
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
            for (ending, stem_ending) in UKRAINIAN_FLEETING {
                rules
                    .entry(stem_ending.to_string())
                    .or_default()
                    .insert(ending.to_string());
            }
        }
        rules
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().collect()))
            .collect()
    }
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
    /// Documents per file under `docs/`: document `n` is item
    /// `n % docs_per_file` of file `n / docs_per_file`.
    docs_per_file: usize,
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

/// Writes `<dir>/manifest.json`, `<dir>/shards/<n>.json` and
/// `<dir>/docs/<n>.zlib` for one locale, from its documents in entry order.
///
/// Documents are taken a file's worth at a time: their words go into the
/// vocabulary and their text is compressed into its file at once, so a
/// locale's texts are never all held uncompressed.
pub fn build_index<D: Borrow<Document>>(
    locale: &Locale,
    documents: impl IntoIterator<Item = D>,
    dir: &str,
    settings: IndexSettings,
) -> Vec<OutputFile> {
    let language = Language::of(locale);
    let mut vocabulary = Vocabulary::new(language);
    let per_file = settings.docs_per_file.max(1);
    let mut build = PartsHasher::default();
    let mut files = Vec::new();
    let mut chunk: Vec<D> = Vec::with_capacity(per_file);
    let mut documents = documents.into_iter().peekable();
    while documents.peek().is_some() {
        chunk.extend(documents.by_ref().take(per_file));
        let mut json = String::from("[");
        for (i, document) in chunk.drain(..).enumerate() {
            let document = document.borrow();
            vocabulary.add(document);
            if i > 0 {
                json.push(',');
            }
            json.push_str(&document_json(document));
        }
        json.push_str("]\n");
        build.add(&json);
        files.push(OutputFile {
            path: format!("{dir}/docs/{}.zlib", files.len()),
            bytes: miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), DOCS_LEVEL),
        });
    }

    let mut keys: Vec<&str> = vocabulary
        .stem_of
        .keys()
        .chain(&vocabulary.stems)
        .map(String::as_str)
        .collect();
    keys.sort_by(|a, b| utf16_cmp(a, b));
    keys.dedup();

    let mut shards = ShardWriter::new(settings.shard_bytes);
    for key in keys {
        let stem_ref = match vocabulary.stem(key) {
            Some(stem) if key.starts_with(stem) => StemRef::Length(utf16_len(stem)),
            Some(stem) => StemRef::Text(stem),
            None => StemRef::Length(0),
        };
        let postings = vocabulary.postings(key).map(pack_postings);
        shards.push(key, stem_ref, postings);
    }
    let shards = shards.finish();
    for (_, json) in &shards {
        build.add(json);
    }

    let table = FoldTable::new(language, vocabulary.chars.iter());
    let manifest = Manifest {
        version: FORMAT_VERSION,
        locale: locale.as_str(),
        build: build.finish(),
        documents: vocabulary.documents as usize,
        docs_per_file: per_file,
        fold: FoldJson {
            from: &table.from,
            to: &table.to,
            multi: &table.multi,
            drop: &table.drop,
        },
        rules: vocabulary.rules(settings.min_rule_words),
        shards: shards.iter().map(|(name, _)| name.clone()).collect(),
    };

    files.push(OutputFile {
        path: format!("{dir}/manifest.json"),
        bytes: (serde_json::to_string(&manifest).unwrap_or_default() + "\n").into_bytes(),
    });
    files.extend(
        shards
            .into_iter()
            .enumerate()
            .map(|(n, (_, json))| OutputFile {
                path: format!("{dir}/shards/{n}.json"),
                bytes: json.into_bytes(),
            }),
    );
    files
}

/// One document as JSON: URL, title, kind, the kind's name, the language
/// of a fallback text, and the text (each part on a line of its own).
fn document_json(d: &Document) -> String {
    let mut text = String::new();
    for part in &d.texts {
        let mut words = part.1.split_whitespace();
        let Some(first) = words.next() else {
            continue;
        };
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(first);
        for word in words {
            text.push(' ');
            text.push_str(word);
        }
    }
    let json = DocumentJson {
        url: &d.url,
        title: &d.title,
        kind: &d.kind,
        label: &d.kind_label,
        lang: d.fallback_lang.as_deref(),
        text,
    };
    serde_json::to_string(&json).unwrap_or_default()
}

/// Reads a file of `docs/` back (zlib-compressed JSON, an array of
/// documents), as search.js does: for tests and tools.
pub fn decode_documents(bytes: &[u8]) -> Result<Vec<serde_json::Value>, String> {
    let json = miniz_oxide::inflate::decompress_to_vec_zlib(bytes).map_err(|e| e.to_string())?;
    serde_json::from_slice(&json).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::shard::{decode_shard, ShardKey};

    fn document(title: &str, texts: &[(Field, &str)]) -> Document {
        Document {
            url: format!("/x/{title}/"),
            title: title.to_string(),
            kind: "principle".to_string(),
            kind_label: "Principle".to_string(),
            fallback_lang: None,
            texts: texts.iter().map(|(f, t)| (*f, t.to_string())).collect(),
        }
    }

    fn file<'f>(files: &'f [OutputFile], path: &str) -> &'f str {
        let file = files.iter().find(|f| f.path == path).expect(path);
        std::str::from_utf8(&file.bytes).unwrap()
    }

    /// The manifest's shard names and every shard's keys, decoded.
    fn read_index(files: &[OutputFile]) -> (serde_json::Value, Vec<Vec<ShardKey>>) {
        let manifest: serde_json::Value =
            serde_json::from_str(file(files, "s/manifest.json")).unwrap();
        let count = manifest["shards"].as_array().unwrap().len();
        let shards = (0..count)
            .map(|n| decode_shard(file(files, &format!("s/shards/{n}.json"))).unwrap())
            .collect();
        (manifest, shards)
    }

    fn ukrainian_documents() -> Vec<Document> {
        vec![
            document(
                "Клієнт іде",
                &[
                    (Field::Summary, "Клієнти йдуть мовчки."),
                    (Field::Body, "Напишіть клієнтам і клієнтові, з клієнтами."),
                ],
            ),
            document(
                "Рахунок",
                &[
                    (Field::Items, "Надішліть рахунки вчасно."),
                    (Field::Body, "Рахунку не чекають."),
                ],
            ),
            document("Звʼязок", &[(Field::Body, "Без звʼязку клієнт піде.")]),
        ]
    }

    #[test]
    fn weights_favour_title_then_summary_then_items_then_body() {
        let hits = |title, summary, items, body| Hits {
            title,
            summary,
            items,
            body,
        };
        assert_eq!(hits(true, false, false, 0).weight(), 8);
        assert_eq!(hits(true, true, true, 9).weight(), 17);
        assert_eq!(hits(false, false, false, 2).weight(), 2);
    }

    #[test]
    fn every_key_is_in_the_shard_its_name_range_points_to() {
        let documents = ukrainian_documents();
        let settings = IndexSettings {
            shard_bytes: 120,
            min_rule_words: 1,
            docs_per_file: 2,
        };
        let files = build_index(&Locale("uk".into()), &documents, "s", settings);
        let (manifest, shards) = read_index(&files);
        let names: Vec<&str> = manifest["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        assert!(names.len() > 3, "small shards make several: {names:?}");
        assert_eq!(names[0], "");
        assert!(names.windows(2).all(|w| utf16_cmp(w[0], w[1]).is_lt()));
        let mut all_keys = Vec::new();
        for (n, shard) in shards.iter().enumerate() {
            let size = file(&files, &format!("s/shards/{n}.json")).len();
            assert!(size <= 120 || shard.len() == 1, "shard {n}: {size} bytes");
            for key in shard {
                let expected = names
                    .iter()
                    .rposition(|name| utf16_cmp(name, &key.key).is_le())
                    .unwrap();
                assert_eq!(expected, n, "{} is in shard {n}", key.key);
                all_keys.push(key.clone());
            }
        }
        // Keys are sorted across shards, and every word's stem has postings.
        assert!(all_keys
            .windows(2)
            .all(|w| utf16_cmp(&w[0].key, &w[1].key).is_lt()));
        for key in all_keys.iter().filter(|k| k.stem.is_some()) {
            let stem = key.stem.as_deref().unwrap();
            let owner = all_keys.iter().find(|k| k.key == stem).expect(stem);
            assert!(owner.postings.is_some(), "{stem}");
        }
        let stem_of = |word: &str| {
            all_keys
                .iter()
                .find(|k| k.key == word)
                .and_then(|k| k.stem.clone())
        };
        assert_eq!(stem_of("клієнтами").as_deref(), Some("клієнт"));
        assert_eq!(stem_of("рахунок").as_deref(), Some("рахунк"));
        assert_eq!(stem_of("звязку").as_deref(), Some("звязк"));
        // Weights: "клієнт" is in the first title (8) and summary (4) and body.
        let postings = |stem: &str| {
            all_keys
                .iter()
                .find(|k| k.key == stem)
                .and_then(|k| k.postings.clone())
                .unwrap()
        };
        assert_eq!(postings("клієнт"), vec![(0, 8 + 4 + 3), (2, 1)]);
        assert_eq!(postings("рахунк"), vec![(1, 8 + 2 + 1)]);
    }

    #[test]
    fn the_manifest_carries_the_endings_a_query_may_strip() {
        let files = build_index(
            &Locale("uk".into()),
            ukrainian_documents(),
            "s",
            IndexSettings::default(),
        );
        let (manifest, shards) = read_index(&files);
        assert_eq!(manifest["documents"], 3);
        assert_eq!(shards.len(), 1);
        let rules = &manifest["rules"];
        let has = |stem_ending: &str, ending: &str| {
            rules[stem_ending]
                .as_array()
                .is_some_and(|l| l.iter().any(|e| e == ending))
        };
        assert!(
            has("", "ами") && has("", "ові") && has("к", "ок"),
            "{rules}"
        );
        // The folding table: upper case, ї, й, ґ and the apostrophe.
        let fold = &manifest["fold"];
        let from: Vec<char> = fold["from"].as_str().unwrap().chars().collect();
        let to: Vec<char> = fold["to"].as_str().unwrap().chars().collect();
        let single = |c: char| from.iter().position(|f| *f == c).map(|i| to[i]);
        assert_eq!(single('К'), Some('к'));
        assert_eq!(single('ї'), Some('і'));
        assert_eq!(single('й'), Some('и'));
        assert_eq!(single('ґ'), Some('г'));
        assert!(fold["drop"].as_str().unwrap().contains('ʼ'));
    }

    #[test]
    fn documents_keep_their_text_and_fallback_language() {
        let mut documents = ukrainian_documents();
        documents[2].fallback_lang = Some("ru".into());
        let files = build_index(
            &Locale("uk".into()),
            &documents,
            "s",
            IndexSettings::default(),
        );
        // Four documents to a file: all three are in the first.
        let bytes = &files
            .iter()
            .find(|f| f.path == "s/docs/0.zlib")
            .unwrap()
            .bytes;
        let docs = decode_documents(bytes).unwrap();
        assert_eq!(docs.len(), 3);
        assert!(files.iter().all(|f| f.path != "s/docs/1.zlib"));
        let doc = &docs[1];
        assert_eq!(doc["title"], "Рахунок");
        assert_eq!(
            doc["text"],
            "Надішліть рахунки вчасно.\nРахунку не чекають."
        );
        assert!(doc.get("lang").is_none());
        let doc = &docs[2];
        assert_eq!(doc["lang"], "ru");
    }

    #[test]
    fn the_same_documents_give_the_same_bytes() {
        // Each build has fresh hash maps with their own random order.
        let build = || {
            build_index(
                &Locale("sr".into()),
                ukrainian_documents(),
                "s",
                IndexSettings {
                    shard_bytes: 200,
                    min_rule_words: 1,
                    docs_per_file: 2,
                },
            )
        };
        let first = build();
        for _ in 0..5 {
            assert_eq!(first, build());
        }
    }
}
