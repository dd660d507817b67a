//! The shard file format: a slice of the sorted keys of one locale's
//! index, as JSON that search.js reads.
//!
//! A shard is an array of keys, each `[shared, rest, stem, postings?]`:
//! `shared` UTF-16 units are taken from the previous key of the shard
//! (front coding), `rest` follows; `stem` is the stem's length in UTF-16
//! units when the stem is a prefix of the key, the stem itself otherwise,
//! or `0` for a key that is only a stem; `postings` (stems only) packs each
//! (document, weight) as `gap * WEIGHT_RANGE + weight`. Invariant: keys are
//! in UTF-16 order across shards, as JavaScript compares strings, and a
//! shard's name sorts after the previous shard's last key and at or before
//! its own first key, so the browser finds a key's shard from the names.

use serde::Serialize;

/// Postings pack `gap * WEIGHT_RANGE + weight` into one number (search.js
/// divides by 32).
const WEIGHT_RANGE: u32 = 32;

/// Compares as JavaScript's `<` does: by UTF-16 code units.
pub fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// A length as JavaScript's `.length`: in UTF-16 code units.
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// How a word key names its stem: by length when the stem is a prefix of
/// the word (the usual case), in full otherwise; `0` for a key that is
/// only a stem.
#[derive(Serialize, Clone, Copy)]
#[serde(untagged)]
pub enum StemRef<'a> {
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
pub fn pack_postings(postings: &[(u32, u32)]) -> Vec<u32> {
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
pub struct ShardWriter<'a> {
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
    pub fn new(target: usize) -> Self {
        ShardWriter {
            target,
            done: Vec::new(),
            current: String::new(),
            current_first: None,
            previous_key: "",
            previous_shard_last: "",
        }
    }

    pub fn push(&mut self, key: &'a str, stem_ref: StemRef<'_>, postings: Option<Vec<u32>>) {
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

    pub fn finish(mut self) -> Vec<(String, String)> {
        self.close();
        self.done
    }
}

/// One key of a shard as the browser reads it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardKey {
    pub key: String,
    /// The key's stem when the key is a word of the text.
    pub stem: Option<String>,
    /// (document, weight) when the key is a stem.
    pub postings: Option<Vec<(u32, u32)>>,
}

/// Reads a shard file back, as search.js does: the format's reference
/// reader, for tests and tools.
pub fn decode_shard(json: &str) -> Result<Vec<ShardKey>, String> {
    let entries: Vec<serde_json::Value> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let mut previous: Vec<u16> = Vec::new();
    let mut keys = Vec::with_capacity(entries.len());
    for entry in entries {
        let bad = || format!("bad shard entry {entry}");
        let parts = entry.as_array().ok_or_else(bad)?;
        let shared = parts.first().and_then(|v| v.as_u64()).ok_or_else(bad)? as usize;
        let rest = parts.get(1).and_then(|v| v.as_str()).ok_or_else(bad)?;
        let mut units: Vec<u16> = previous.get(..shared).ok_or_else(bad)?.to_vec();
        units.extend(rest.encode_utf16());
        let key = String::from_utf16(&units).map_err(|_| bad())?;
        let stem = match parts.get(2).ok_or_else(bad)? {
            serde_json::Value::String(stem) => Some(stem.clone()),
            value => match value.as_u64().ok_or_else(bad)? as usize {
                0 => None,
                length => Some(
                    String::from_utf16(units.get(..length).ok_or_else(bad)?).map_err(|_| bad())?,
                ),
            },
        };
        let postings = match parts.get(3) {
            None => None,
            Some(list) => {
                let mut document: i64 = -1;
                let mut out = Vec::new();
                for packed in list.as_array().ok_or_else(bad)? {
                    let packed = packed.as_u64().ok_or_else(bad)?;
                    document += (packed / u64::from(WEIGHT_RANGE)) as i64;
                    out.push((document as u32, (packed % u64::from(WEIGHT_RANGE)) as u32));
                }
                Some(out)
            }
        };
        keys.push(ShardKey {
            key,
            stem,
            postings,
        });
        previous = units;
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_the_shortest_prefix_after_the_previous_shard() {
        for (previous_last, first, expected) in [
            ("", "abc", "a"),
            ("abd", "abx", "abx"),
            ("ab", "abc", "abc"),
            ("azz", "b", "b"),
            ("клієнт", "клієнта", "клієнта"),
            ("кит", "клієнт", "кл"),
        ] {
            assert_eq!(
                separator(previous_last, first),
                expected,
                "{previous_last} | {first}"
            );
        }
    }

    #[test]
    fn postings_pack_document_gaps_and_weights() {
        assert_eq!(
            pack_postings(&[(0, 5), (3, 17), (4, 1)]),
            vec![32 + 5, 3 * 32 + 17, 32 + 1]
        );
    }
}
