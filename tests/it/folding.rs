//! Property tests of search folding (issue #8), through the public API of
//! `handbook::search::fold`: any text folds without panic into ordered
//! words that point into it; folding twice changes nothing; case and script
//! (`sr` Cyrillic vs `sr-Latn`) do not matter; and the table the browser
//! folds with agrees with the Rust folding for any character.

use std::collections::BTreeMap;

use handbook::l10n::transliterate;
use handbook::search::fold::{fold_char, fold_words, tokenize, FoldTable, Language};
use proptest::prelude::*;

const LANGUAGES: [Language; 5] = [
    Language::Ukrainian,
    Language::Russian,
    Language::Serbian,
    Language::English,
    Language::Other,
];

fn language() -> impl Strategy<Value = Language> {
    prop::sample::select(&LANGUAGES[..])
}

/// Letters of the shipped languages, with spaces, punctuation, apostrophes
/// and combining marks between them.
const ALPHABET: &str =
    "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёыэъђјљњћџabcdefghijklmnopqrstuvwxyzčćđšž \
                        ,.-'ʼ’\u{301}\u{306}0123456789";

fn shipped_text() -> impl Strategy<Value = String> {
    let letters: Vec<char> = ALPHABET.chars().collect();
    prop::collection::vec(prop::sample::select(letters), 0..40)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Serbian Cyrillic words (the letters `sr` is written in).
fn serbian_text() -> impl Strategy<Value = String> {
    let letters: Vec<char> = "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ ,."
        .chars()
        .collect();
    prop::collection::vec(prop::sample::select(letters), 0..40)
        .prop_map(|chars| chars.into_iter().collect())
}

/// The folding the browser applies from the table, for one character.
fn browser_fold(table: &FoldTable, c: char) -> Option<String> {
    let singles: BTreeMap<char, char> = table.from.chars().zip(table.to.chars()).collect();
    if table.drop.contains(c) {
        Some(String::new())
    } else if let Some(text) = table.multi.get(&c) {
        Some(text.clone())
    } else if let Some(single) = singles.get(&c) {
        Some(single.to_string())
    } else if c.is_alphanumeric() {
        Some(c.to_string())
    } else {
        None
    }
}

proptest! {
    #[test]
    fn any_text_folds_into_ordered_words_that_point_into_it(
        language in language(),
        text in any::<String>(),
    ) {
        let tokens = tokenize(language, &text);
        let mut previous_end = 0;
        for token in &tokens {
            prop_assert!(!token.folded.is_empty());
            prop_assert!(token.start >= previous_end && token.start < token.end);
            prop_assert!(text.get(token.start..token.end).is_some());
            previous_end = token.end;
        }
    }

    #[test]
    fn folding_twice_changes_nothing(language in language(), text in shipped_text()) {
        let once = fold_words(language, &text);
        prop_assert_eq!(fold_words(language, &once), once);
    }

    #[test]
    fn case_does_not_matter(language in language(), text in shipped_text()) {
        prop_assert_eq!(
            fold_words(language, &text.to_uppercase()),
            fold_words(language, &text)
        );
    }

    /// `sr` and `sr-Latn` find each other's words.
    #[test]
    fn serbian_cyrillic_and_its_latin_fold_alike(text in serbian_text()) {
        prop_assert_eq!(
            fold_words(Language::Serbian, &transliterate(&text)),
            fold_words(Language::Serbian, &text)
        );
    }

    #[test]
    fn the_browser_table_agrees_for_any_character(
        language in language(),
        extra in prop::collection::vec(any::<char>(), 0..20),
    ) {
        let table = FoldTable::new(language, extra.iter().copied());
        prop_assert_eq!(table.from.chars().count(), table.to.chars().count());
        for c in extra {
            prop_assert_eq!(browser_fold(&table, c), fold_char(language, c), "{:?}", c);
        }
    }
}
