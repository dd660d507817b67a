//! Folding: how text and queries are reduced to comparable words.
//!
//! Input: any text and the [`Language`] of the locale being indexed. Output:
//! [`Token`]s, each a folded word with the byte range it came from.
//! Invariant: folding is defined one character at a time ([`fold_char`]), so
//! the browser can apply exactly the same folding from a table of
//! characters ([`FoldTable`]) shipped in the locale's search manifest.
//!
//! Every language: lower case, canonical decomposition with the combining
//! marks dropped (é→e, ё→е, ї→і, й→и, č→c), a few letters that do not
//! decompose (ß→ss, æ→ae, œ→oe, ø→o, ł→l, đ→dj), and apostrophes inside
//! words dropped (звʼязок = зв'язок = звязок). Per language:
//! - `uk`: ґ→г.
//! - `ru`: also є→е, і→и, ґ→г, so a Russian query finds the Ukrainian text
//!   that a Russian page shows as a fallback ("клиент" finds "клієнт").
//! - `sr`: Serbian Cyrillic becomes Latin first (ђ→đ→dj, ћ→ć→c, љ→lj,
//!   џ→dž→dz), so `sr` and `sr-Latn` fold to the same words.

use std::collections::BTreeMap;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::model::Locale;

/// How a locale's text is folded and stemmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Ukrainian,
    Russian,
    Serbian,
    English,
    /// A locale we have no rules for: the common folding, no stemming.
    Other,
}

impl Language {
    /// The language of a locale code, by its first subtag (`sr-Latn` → Serbian).
    pub fn of(locale: &Locale) -> Language {
        match locale.as_str().split(['-', '_']).next().unwrap_or("") {
            "uk" => Language::Ukrainian,
            "ru" => Language::Russian,
            "sr" => Language::Serbian,
            "en" => Language::English,
            _ => Language::Other,
        }
    }
}

/// Characters that join the parts of a word and vanish: apostrophes (the
/// Ukrainian one is U+02BC), the soft hyphen and zero-width joiners.
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{02BC}' | '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}'
    )
}

/// Letters that canonical decomposition leaves alone, after lower-casing.
fn common_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' => "dj",
        'ı' => "i",
        _ => return None,
    })
}

/// A lower-case letter as one language reads it: Ukrainian letters in a
/// Russian index become their Russian counterparts (ї, which decomposes to
/// і, too). Stemming uses this as well, so a Russian stemmer sees
/// `клиента` for `клієнта`.
pub fn language_letter(language: Language, c: char) -> char {
    match (language, c) {
        (Language::Ukrainian | Language::Russian, 'ґ') => 'г',
        (Language::Russian, 'є') => 'е',
        (Language::Russian, 'і') => 'и',
        (Language::Russian, 'ї') => 'и',
        _ => c,
    }
}

/// A lower-case letter without marks, in one language's folding.
fn push_letter(language: Language, c: char, out: &mut String) {
    let mapped = language_letter(language, c);
    match common_letter(mapped) {
        Some(text) => out.push_str(text),
        None => out.push(mapped),
    }
}

/// Folds one character: `None` if it separates words, otherwise the text it
/// contributes to a word (empty for marks and apostrophes).
pub fn fold_char(language: Language, c: char) -> Option<String> {
    if is_joiner(c) || is_combining_mark(c) {
        return Some(String::new());
    }
    if !c.is_alphanumeric() {
        return None;
    }
    let mut out = String::new();
    for lower in c.to_lowercase() {
        // Marks go before transliteration too: a Serbian index holding
        // Russian `й` (и + breve) must fold it to `i`, not to Cyrillic `и`
        // (which a second folding would turn into `i`) — issue #8.
        decompose_canonical(lower, |base| {
            if is_combining_mark(base) {
                return;
            }
            let script = if language == Language::Serbian {
                crate::l10n::transliterate(base.encode_utf8(&mut [0; 4]))
            } else {
                base.to_string()
            };
            for part in script.chars() {
                decompose_canonical(part, |d| {
                    if !is_combining_mark(d) {
                        push_letter(language, d, &mut out);
                    }
                });
            }
        });
    }
    Some(out)
}

/// A word of a text: its folded form and where it is in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub folded: String,
    /// The byte range in the original text, from the first character
    /// that contributed to the word to the last.
    pub start: usize,
    pub end: usize,
}

/// How one character folds, precomputed for the characters that text is
/// mostly made of (see [`fold_char`] for the rules).
#[derive(Debug, Clone)]
enum Folded {
    /// Separates words.
    Separator,
    /// Contributes this text to a word (empty for marks and apostrophes).
    Text(Box<str>),
}

/// Characters below this (ASCII, Latin, Greek, Cyrillic) and the general
/// punctuation block are looked up in a table built once per language.
const TABLE_END: u32 = 0x0530;
const PUNCTUATION: std::ops::Range<u32> = 0x2000..0x2070;

fn fold_table(language: Language) -> &'static [Folded] {
    use std::sync::OnceLock;
    static TABLES: [OnceLock<Vec<Folded>>; 5] = [const { OnceLock::new() }; 5];
    let slot = match language {
        Language::Ukrainian => 0,
        Language::Russian => 1,
        Language::Serbian => 2,
        Language::English => 3,
        Language::Other => 4,
    };
    TABLES[slot].get_or_init(|| {
        (0..TABLE_END)
            .chain(PUNCTUATION)
            .map(|code| {
                let c = char::from_u32(code).expect("a scalar value");
                match fold_char(language, c) {
                    None => Folded::Separator,
                    Some(text) => Folded::Text(text.into_boxed_str()),
                }
            })
            .collect()
    })
}

/// Appends the folding of `c` to `out`; `false` if `c` separates words.
/// The same as [`fold_char`], without allocating for common characters.
#[inline]
fn push_folded(language: Language, table: &[Folded], c: char, out: &mut String) -> bool {
    let code = c as u32;
    let slot = if code < TABLE_END {
        Some(code as usize)
    } else if PUNCTUATION.contains(&code) {
        Some((TABLE_END + code - PUNCTUATION.start) as usize)
    } else {
        None
    };
    match slot.map(|i| &table[i]) {
        Some(Folded::Separator) => false,
        Some(Folded::Text(text)) => {
            out.push_str(text);
            true
        }
        None => match fold_char(language, c) {
            Some(text) => {
                out.push_str(&text);
                true
            }
            None => false,
        },
    }
}

/// Calls `word(folded, start, end)` for each word of `text`, in order: its
/// folded form and the byte range it came from (see [`Token`]). Words that
/// fold to nothing are skipped. The folded text is in a buffer reused from
/// word to word, so this allocates nothing per word.
pub fn for_each_word(language: Language, text: &str, mut word: impl FnMut(&str, usize, usize)) {
    let table = fold_table(language);
    let mut folded = String::new();
    // The range of the current word, if one is open.
    let mut current: Option<(usize, usize)> = None;
    for (offset, c) in text.char_indices() {
        // ASCII letters and digits, the commonest case, need no table.
        if c.is_ascii_alphanumeric() {
            folded.push(c.to_ascii_lowercase());
        } else if !push_folded(language, table, c, &mut folded) {
            if let Some((start, end)) = current.take() {
                if !folded.is_empty() {
                    word(&folded, start, end);
                }
                folded.clear();
            }
            continue;
        }
        let range = current.get_or_insert((offset, offset));
        range.1 = offset + c.len_utf8();
    }
    if let Some((start, end)) = current {
        if !folded.is_empty() {
            word(&folded, start, end);
        }
    }
}

/// Splits `text` into folded words (marks and apostrophes never split one).
pub fn tokenize(language: Language, text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_word(language, text, |folded, start, end| {
        tokens.push(Token {
            folded: folded.to_string(),
            start,
            end,
        })
    });
    tokens
}

/// Folds a whole text into its words joined by spaces (for tests and queries).
pub fn fold_words(language: Language, text: &str) -> String {
    tokenize(language, text)
        .into_iter()
        .map(|t| t.folded)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The characters whose folding the browser must be told whatever the
/// text: upper-case ASCII, Latin-1 and Latin Extended-A letters (and the
/// Romanian comma letters), combining diacritics, the Cyrillic of uk, ru
/// and sr, and the joiners. Characters of the indexed text are added.
fn repertoire() -> impl Iterator<Item = char> {
    let ranges = [
        ('A', 'Z'),
        ('\u{00C0}', '\u{017F}'),
        ('\u{0218}', '\u{021B}'),
        ('\u{0300}', '\u{036F}'),
        ('\u{0400}', '\u{045F}'),
        ('\u{0490}', '\u{0491}'),
    ];
    ranges.into_iter().flat_map(|(from, to)| from..=to).chain([
        '\'', '\u{2019}', '\u{02BC}', '\u{00AD}', '\u{200B}', '\u{200C}', '\u{200D}',
    ])
}

/// Every character whose folding is not itself, as the browser applies it:
/// a character absent from the table is kept if it is a letter or digit
/// (`\p{Alphabetic}` or `\p{N}`, as Rust's `is_alphanumeric`) and separates
/// words otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoldTable {
    /// Characters folded to one other character: `from[i]` → `to[i]`.
    pub from: String,
    pub to: String,
    /// Characters folded to several characters.
    pub multi: BTreeMap<char, String>,
    /// Characters dropped inside words (marks, apostrophes).
    pub drop: String,
}

impl FoldTable {
    /// The table for `language` over the repertoire and `extra` characters.
    pub fn new(language: Language, extra: impl IntoIterator<Item = char>) -> FoldTable {
        let mut chars: Vec<char> = repertoire().chain(extra).collect();
        chars.sort_unstable();
        chars.dedup();
        let mut table = FoldTable::default();
        for c in chars {
            let Some(folded) = fold_char(language, c) else {
                continue;
            };
            let mut folded_chars = folded.chars();
            match (folded_chars.next(), folded_chars.next()) {
                (None, _) => table.drop.push(c),
                (Some(single), None) if single == c => {}
                (Some(single), None) => {
                    table.from.push(c);
                    table.to.push(single);
                }
                _ => {
                    table.multi.insert(c, folded);
                }
            }
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each case: a text and its folded words in `language`.
    fn check(language: Language, cases: &[(&str, &str)]) {
        for (text, expected) in cases {
            assert_eq!(
                fold_words(language, text),
                *expected,
                "{language:?}: {text:?}"
            );
        }
    }

    #[test]
    fn case_and_diacritics_fold_in_every_language() {
        for language in [
            Language::Ukrainian,
            Language::Russian,
            Language::Serbian,
            Language::English,
            Language::Other,
        ] {
            check(
                language,
                &[
                    ("Café NAÏVE", "cafe naive"),
                    ("Straße Œuvre Łódź", "strasse oeuvre lodz"),
                    ("Đoković, 2024!", "djokovic 2024"),
                    ("don't  stop—now", "dont stop now"),
                ],
            );
        }
    }

    #[test]
    fn ukrainian_folds_marks_and_apostrophes_but_keeps_its_letters() {
        check(
            Language::Ukrainian,
            &[
                // ї→і, й→и, ґ→г; є and і stay: they are letters of their own.
                ("Їжак, Йосип, ґанок", "іжак иосип ганок"),
                ("Клієнт і рахунок", "клієнт і рахунок"),
                // The Ukrainian apostrophe (U+02BC), the typographic one and ASCII.
                ("звʼязок зв’язок зв'язок", "звязок звязок звязок"),
                // A stress mark (U+0301) never splits a word.
                ("за\u{301}мок", "замок"),
                // Decomposed й (и + U+0306) folds like the composed letter.
                ("и\u{306}ого", "иого"),
                ("будь-який", "будь якии"),
            ],
        );
    }

    #[test]
    fn russian_folds_yo_and_short_i_and_meets_ukrainian_text() {
        check(
            Language::Russian,
            &[
                ("Ещё ЁЛКА, новый", "еще елка новыи"),
                // Ukrainian fallback text is found with Russian letters.
                ("клієнт, її, ґанок", "клиент ии ганок"),
            ],
        );
    }

    #[test]
    fn serbian_cyrillic_and_latin_fold_to_the_same_words() {
        let pairs = [
            ("Ђорђе ће љубазно џепом", "Đorđe će ljubazno džepom"),
            ("ЉУДИ ЊИВА ЏЕП", "LJUDI NJIVA DŽEP"),
            (
                "Клијент који касни са уплатом",
                "Klijent koji kasni sa uplatom",
            ),
            ("чаша, шума, жаба, ћуп", "čaša, šuma, žaba, ćup"),
        ];
        for (cyrillic, latin) in pairs {
            assert_eq!(
                fold_words(Language::Serbian, cyrillic),
                fold_words(Language::Serbian, latin),
                "{cyrillic} / {latin}"
            );
        }
        check(
            Language::Serbian,
            &[
                ("Ђорђе ће џепом", "djordje ce dzepom"),
                ("čaša šuma žaba", "casa suma zaba"),
                ("ЉУДИ", "ljudi"),
            ],
        );
    }

    /// Regression (issue #8): Cyrillic letters with marks that Serbian does
    /// not use (й, ё) folded to Cyrillic in a Serbian index, so folding was
    /// not stable (found by `tests/it/folding.rs`).
    #[test]
    fn serbian_folds_other_cyrillic_with_marks_to_latin() {
        check(Language::Serbian, &[("мой ёж", "moi ez")]);
    }

    #[test]
    fn serbian_folding_applies_only_to_serbian_locales() {
        check(Language::Ukrainian, &[("ђак", "ђак")]);
        check(Language::English, &[("ђак", "ђак")]);
    }

    #[test]
    fn tokens_keep_their_place_in_the_text() {
        let text = "«Звʼязок» — це все.";
        let tokens = tokenize(Language::Ukrainian, text);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words, vec!["Звʼязок", "це", "все"]);
        assert_eq!(tokens[0].folded, "звязок");
    }

    #[test]
    fn language_comes_from_the_first_subtag() {
        let of = |code: &str| Language::of(&Locale(code.to_string()));
        assert_eq!(of("sr-Latn"), Language::Serbian);
        assert_eq!(of("sr"), Language::Serbian);
        assert_eq!(of("uk"), Language::Ukrainian);
        assert_eq!(of("en-GB"), Language::English);
        assert_eq!(of("pl"), Language::Other);
    }

    /// The folding of one character at a time, as `tokenize` was first
    /// written: the reference for the table-driven [`for_each_word`].
    fn reference_tokens(language: Language, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut current: Option<Token> = None;
        for (offset, c) in text.char_indices() {
            match fold_char(language, c) {
                Some(folded) => {
                    let token = current.get_or_insert_with(|| Token {
                        folded: String::new(),
                        start: offset,
                        end: offset,
                    });
                    token.folded.push_str(&folded);
                    token.end = offset + c.len_utf8();
                }
                None => tokens.extend(current.take().filter(|t| !t.folded.is_empty())),
            }
        }
        tokens.extend(current.filter(|t| !t.folded.is_empty()));
        tokens
    }

    proptest::proptest! {
        #[test]
        fn table_driven_words_are_the_reference_words(text in "[a-zA-Z0-9 .,'’ʼ\u{301}\u{306}—«»ßÉéüđĐ\u{0400}-\u{045F}ґҐ\u{2000}-\u{2070}\u{1E00}-\u{1E20}😀]{0,40}") {
            for language in [Language::Ukrainian, Language::Russian, Language::Serbian, Language::English, Language::Other] {
                proptest::prop_assert_eq!(tokenize(language, &text), reference_tokens(language, &text));
            }
        }
    }

    #[test]
    fn the_table_reproduces_the_folding() {
        // Applying the table as the browser does gives fold_char's result
        // for every character of the repertoire and of the extra text.
        let extra = "ẞǅ";
        for language in [Language::Ukrainian, Language::Russian, Language::Serbian] {
            let table = FoldTable::new(language, extra.chars());
            let singles: BTreeMap<char, char> = table.from.chars().zip(table.to.chars()).collect();
            assert_eq!(table.from.chars().count(), table.to.chars().count());
            for c in repertoire().chain(extra.chars()) {
                let browser = if table.drop.contains(c) {
                    Some(String::new())
                } else if let Some(text) = table.multi.get(&c) {
                    Some(text.clone())
                } else if let Some(single) = singles.get(&c) {
                    Some(single.to_string())
                } else if c.is_alphanumeric() {
                    Some(c.to_string())
                } else {
                    None
                };
                assert_eq!(browser, fold_char(language, c), "{language:?} {c:?}");
            }
        }
    }
}
