//! Stemming: a folded word → the stem its inflected forms share.
//!
//! Input: one word (its text as written and its folded form). Output: its
//! folded stem. Russian, Serbian and English use the Snowball stemmers of
//! `pagefind_stem` on the lower-cased word (Serbian on its Latin spelling,
//! so both scripts meet), and the stem is folded afterwards. No Ukrainian
//! stemmer exists in Rust: [`ukrainian_stem`] strips the longest ending of
//! [`UKRAINIAN_ENDINGS`], written in folded form. The browser never runs a
//! stemmer: the manifest ships the endings seen at build time (and the
//! Ukrainian list) and the query side strips them to find a known stem.

use pagefind_stem::{Algorithm, Stemmer as Snowball};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::fold::{fold_char, language_letter, Language};

/// Noun, adjective and a few safe verb endings of Ukrainian, folded
/// (й→и, ї→і, ґ→г). Infinitive `-ти` and `-ати` are left out on purpose:
/// they would cut plural nouns such as `контакти` and `результати` short.
pub const UKRAINIAN_ENDINGS: &[&str] = &[
    // nouns
    "а",
    "я",
    "о",
    "е",
    "є",
    "у",
    "ю",
    "і",
    "и",
    "ь",
    "ам",
    "ям",
    "ах",
    "ях",
    "ом",
    "ем",
    "єм",
    "ою",
    "ею",
    "єю",
    "ів",
    "еи",
    "ами",
    "ями",
    "ові",
    "еві",
    "єві",
    "ія",
    "іі",
    "ію",
    "ією",
    "іям",
    "іями",
    "іях",
    "ння",
    "нню",
    "нням",
    "ннями",
    "ннях",
    "нь",
    // adjectives and participles
    "ии",
    "іи",
    "оі",
    "их",
    "іх",
    "им",
    "ім",
    "ими",
    "іми",
    "ую",
    "юю",
    "ого",
    "ього",
    "ому",
    "ьому",
    // verbs: reflexive and personal endings that no noun ends with
    "ться",
    "ються",
    "ється",
    "тися",
    "лися",
    "лася",
    "вся",
    "ють",
    "ують",
    "юють",
    "емо",
    "ємо",
    "имо",
    "ете",
    "єте",
    "ите",
    "ував",
    "увала",
    "ували",
    "увати",
    "ювати",
    "ючи",
    "учи",
];

/// Endings that change the stem's own end, as (word ending, stem ending):
/// the fleeting vowel that [`ukrainian_stem`] drops. The query side needs
/// them to go from `рахунок` to `рахунк`.
pub const UKRAINIAN_FLEETING: &[(&str, &str)] = &[("ок", "к"), ("ець", "ц")];

/// A stem keeps at least this many characters.
const MIN_STEM_CHARS: usize = 3;

/// The Ukrainian stem of a folded word: the longest ending of
/// [`UKRAINIAN_ENDINGS`] removed, if at least three characters remain;
/// then the fleeting vowel of `-ок` and `-ець` dropped from stems of five
/// letters or more, as the other forms drop it (рахунок → рахунку,
/// продавець → продавця: both stems are `рахунк`, `продавц`).
pub fn ukrainian_stem(folded: &str) -> String {
    let chars = folded.chars().count();
    let stem = UKRAINIAN_ENDINGS
        .iter()
        .filter(|ending| folded.ends_with(*ending))
        .filter(|ending| chars >= ending.chars().count() + MIN_STEM_CHARS)
        .max_by_key(|ending| ending.len())
        .map_or(folded, |ending| &folded[..folded.len() - ending.len()]);
    for (fleeting, last) in [("ок", 'к'), ("ец", 'ц')] {
        if let Some(base) = stem.strip_suffix(fleeting) {
            if stem.chars().count() >= 5 {
                return format!("{base}{last}");
            }
        }
    }
    stem.to_string()
}

/// Stems the words of one language.
pub struct Stemmer {
    language: Language,
    snowball: Option<Snowball>,
}

impl Stemmer {
    pub fn new(language: Language) -> Stemmer {
        let algorithm = match language {
            Language::Russian => Some(Algorithm::Russian),
            Language::Serbian => Some(Algorithm::Serbian),
            Language::English => Some(Algorithm::English),
            Language::Ukrainian | Language::Other => None,
        };
        Stemmer {
            language,
            snowball: algorithm.map(Snowball::create),
        }
    }

    /// The folded stem of a word, from its text as written (`original`) and
    /// its folded form. Never empty for a non-empty word.
    pub fn stem(&self, original: &str, folded: &str) -> String {
        let Some(snowball) = &self.snowball else {
            return match self.language {
                Language::Ukrainian => ukrainian_stem(folded),
                _ => folded.to_string(),
            };
        };
        // Snowball wants lower case with the letters' own marks (й, ё, č)
        // but no stress marks or apostrophes.
        let mut lower: String = original
            .to_lowercase()
            .nfc()
            .filter(|c| !is_combining_mark(*c))
            .filter(|c| fold_char(self.language, *c).is_some_and(|f| !f.is_empty()))
            .map(|c| language_letter(self.language, c))
            .collect();
        if self.language == Language::Serbian {
            lower = crate::l10n::transliterate(&lower);
        }
        let stem = snowball.stem(&lower);
        let folded_stem: String = stem
            .chars()
            .filter_map(|c| fold_char(self.language, c))
            .collect();
        if folded_stem.is_empty() {
            folded.to_string()
        } else {
            folded_stem
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::fold_words;

    /// Each group: words that must share one stem in `language`.
    fn check_families(language: Language, families: &[&[&str]]) {
        let stemmer = Stemmer::new(language);
        for family in families {
            let stems: Vec<String> = family
                .iter()
                .map(|word| stemmer.stem(word, &fold_words(language, word)))
                .collect();
            assert!(
                stems.iter().all(|s| *s == stems[0]),
                "{language:?}: {family:?} → {stems:?}"
            );
        }
    }

    /// Each pair: words that must not share a stem.
    fn check_distinct(language: Language, pairs: &[(&str, &str)]) {
        let stemmer = Stemmer::new(language);
        for (a, b) in pairs {
            let stem = |w: &str| stemmer.stem(w, &fold_words(language, w));
            assert_ne!(stem(a), stem(b), "{language:?}: {a} / {b}");
        }
    }

    #[test]
    fn ukrainian_word_families_share_a_stem() {
        check_families(
            Language::Ukrainian,
            &[
                &[
                    "клієнт",
                    "клієнта",
                    "клієнту",
                    "клієнтові",
                    "клієнтом",
                    "клієнти",
                    "клієнтів",
                    "клієнтам",
                    "клієнтами",
                    "клієнтах",
                ],
                &["довіра", "довіри", "довіру", "довірою", "довірі"],
                &["рахунок", "рахунку", "рахунки", "рахунків", "рахунками"],
                &["звʼязок", "зв'язку", "звязком", "звʼязки"],
                &["продавець", "продавця", "продавцеві", "продавці"],
                &["список", "списку", "списки"],
                &[
                    "повідомлення",
                    "повідомлень",
                    "повідомленням",
                    "повідомленнями",
                ],
                &["контакт", "контакти", "контактів", "контактами"],
                &["результат", "результати", "результатів"],
                &["інформація", "інформації", "інформацію", "інформацією"],
                &[
                    "важливий",
                    "важливого",
                    "важливому",
                    "важливим",
                    "важливих",
                    "важлива",
                    "важливою",
                ],
                &["звʼязок", "зв'язок"],
                &["ґанок", "ганок"],
            ],
        );
    }

    #[test]
    fn ukrainian_stems_keep_three_letters_and_unrelated_words_apart() {
        assert_eq!(ukrainian_stem("моя"), "моя");
        assert_eq!(ukrainian_stem("іх"), "іх");
        // Too short for a fleeting vowel: урок, уроку.
        assert_eq!(ukrainian_stem("урок"), "урок");
        assert_eq!(ukrainian_stem("уроку"), "урок");
        assert_eq!(ukrainian_stem("ціна"), "цін");
        check_distinct(
            Language::Ukrainian,
            &[
                ("клієнт", "клієнтка"),
                ("ціна", "цікавий"),
                ("урок", "рука"),
            ],
        );
    }

    #[test]
    fn russian_word_families_share_a_stem() {
        check_families(
            Language::Russian,
            &[
                &[
                    "клиент",
                    "клиента",
                    "клиенту",
                    "клиентом",
                    "клиенты",
                    "клиентов",
                    "клиентами",
                    "клиентах",
                ],
                &["новый", "новая", "новые", "нового", "новым"],
                &["счёт", "счет", "счета"],
                &["доверие", "доверия", "доверием"],
                // й folded away after stemming, not before.
                &["мой", "мои"],
                // Ukrainian text (a fallback on a Russian page) meets Russian words.
                &["клиента", "клієнта", "клієнтів"],
            ],
        );
    }

    #[test]
    fn serbian_word_families_share_a_stem_in_both_scripts() {
        check_families(
            Language::Serbian,
            &[
                &[
                    "клијент",
                    "клијента",
                    "клијенту",
                    "клијенти",
                    "klijentom",
                    "klijentima",
                ],
                &["рачун", "рачуна", "računa", "računima"],
                &["поверење", "поверења", "poverenju", "poverenje"],
                &["ђак", "đak", "djak"],
            ],
        );
    }

    #[test]
    fn english_word_families_share_a_stem() {
        check_families(
            Language::English,
            &[
                &["client", "clients", "client's", "Clients"],
                &["invoice", "invoices", "invoicing", "invoiced"],
                &["happy", "happiness"],
            ],
        );
    }
}
