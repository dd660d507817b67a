//! Serbian Cyrillic → Latin (`sr` → `sr-Latn`), the official one-to-one
//! table. Љ, Њ, Џ become Lj, Nj, Dž, or LJ, NJ, DŽ inside an all-caps word.
//! Anything that is not Serbian Cyrillic (ASCII ids, URLs, digits) is left
//! as it is; [`transliterate_markdown`] also leaves code and link targets.

fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'ђ' => "đ",
        'е' => "e",
        'ж' => "ž",
        'з' => "z",
        'и' => "i",
        'ј' => "j",
        'к' => "k",
        'л' => "l",
        'љ' => "lj",
        'м' => "m",
        'н' => "n",
        'њ' => "nj",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'ћ' => "ć",
        'у' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "c",
        'ч' => "č",
        'џ' => "dž",
        'ш' => "š",
        'А' => "A",
        'Б' => "B",
        'В' => "V",
        'Г' => "G",
        'Д' => "D",
        'Ђ' => "Đ",
        'Е' => "E",
        'Ж' => "Ž",
        'З' => "Z",
        'И' => "I",
        'Ј' => "J",
        'К' => "K",
        'Л' => "L",
        'Љ' => "Lj",
        'М' => "M",
        'Н' => "N",
        'Њ' => "Nj",
        'О' => "O",
        'П' => "P",
        'Р' => "R",
        'С' => "S",
        'Т' => "T",
        'Ћ' => "Ć",
        'У' => "U",
        'Ф' => "F",
        'Х' => "H",
        'Ц' => "C",
        'Ч' => "Č",
        'Џ' => "Dž",
        'Ш' => "Š",
        _ => return None,
    })
}

/// Transliterates plain text.
pub fn transliterate(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match latin(c) {
            Some(l) if matches!(c, 'Љ' | 'Њ' | 'Џ') && in_all_caps_word(&chars, i) => {
                out.push_str(&l.to_uppercase());
            }
            Some(l) => out.push_str(l),
            None => out.push(c),
        }
    }
    out
}

/// An all-caps word: a neighbouring letter is upper case too
/// ("ЉУДИ" → "LJUDI", but "Људи" → "Ljudi" and "Љ" alone → "Lj").
fn in_all_caps_word(chars: &[char], i: usize) -> bool {
    let next = chars.get(i + 1).filter(|c| c.is_alphabetic());
    let previous = i
        .checked_sub(1)
        .and_then(|p| chars.get(p))
        .filter(|c| c.is_alphabetic());
    match (previous, next) {
        (_, Some(n)) => n.is_uppercase(),
        (Some(p), None) => p.is_uppercase(),
        (None, None) => false,
    }
}

/// Transliterates Markdown source, leaving code spans, fenced code, link
/// destinations `](…)` and wiki-link targets `[[id…]]` untouched.
pub fn transliterate_markdown(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut in_fence = false;
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            out.push_str(line);
            continue;
        }
        if in_fence || line.starts_with("    ") || line.starts_with('\t') {
            out.push_str(line);
            continue;
        }
        transliterate_inline(line, &mut out);
    }
    out
}

fn transliterate_inline(line: &str, out: &mut String) {
    let mut rest = line;
    while !rest.is_empty() {
        // The next protected span: `code`, ](url), or [[target (up to | or ]]).
        let next = [rest.find('`'), rest.find("]("), rest.find("[[")]
            .into_iter()
            .flatten()
            .min();
        let Some(start) = next else {
            out.push_str(&transliterate(rest));
            return;
        };
        out.push_str(&transliterate(&rest[..start]));
        let tail = &rest[start..];
        // The delimiter itself is ASCII, so an unclosed span ends after it.
        let (end, delimiter) = if tail.starts_with('`') {
            let ticks = tail.len() - tail.trim_start_matches('`').len();
            let fence = &tail[..ticks];
            (tail[ticks..].find(fence).map(|i| ticks + i + ticks), ticks)
        } else if tail.starts_with("](") {
            (tail.find(')').map(|i| i + 1), 2)
        } else {
            (tail[2..].find(['|', ']']).map(|i| i + 2), 2)
        };
        let end = end.unwrap_or(delimiter);
        out.push_str(&tail[..end]);
        rest = &tail[end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(cyrillic: &str, latin: &str) {
        assert_eq!(
            transliterate(cyrillic),
            latin,
            "transliterating {cyrillic:?}"
        );
    }

    #[test]
    fn letters_and_digraphs() {
        check("Клијент је увек у праву", "Klijent je uvek u pravu");
        check(
            "ђак, ћерка, џеп, љубав, њива, жаба, чаша, шума",
            "đak, ćerka, džep, ljubav, njiva, žaba, čaša, šuma",
        );
        check("Љубав Њива Џеп", "Ljubav Njiva Džep");
        check("ЉУБАВ ЊИВА ЏЕП", "LJUBAV NJIVA DŽEP");
        check("Љ", "Lj");
        check("ПОЉЕ", "POLJE");
        check("id-123 https://a.rs/ ok", "id-123 https://a.rs/ ok");
    }

    #[test]
    fn markdown_keeps_code_links_and_ids() {
        assert_eq!(
            transliterate_markdown(
                "Види [[keep-in-touch]] и [[a|текст]], `код` и [веза](/sr/кат/).\n"
            ),
            "Vidi [[keep-in-touch]] i [[a|tekst]], `код` i [veza](/sr/кат/).\n"
        );
        assert_eq!(
            transliterate_markdown("```\nкод\n```\nтекст"),
            "```\nкод\n```\ntekst"
        );
    }

    proptest! {
        #[test]
        fn never_panics_and_leaves_ascii_alone(text in "[a-zA-Zа-шА-Шђћџљњј`\\[\\]()| -]{0,40}") {
            let latin = transliterate_markdown(&text);
            prop_assert_eq!(latin.is_empty(), text.is_empty());
            let plain: String = text.chars().filter(|c| !"`[]()|".contains(*c)).collect();
            let serbian = "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ";
            prop_assert!(!transliterate(&plain).chars().any(|c| serbian.contains(c)));
            prop_assert_eq!(transliterate("plain ascii 123"), "plain ascii 123");
        }

        /// Any text (issue #8): no panic, no Serbian Cyrillic left in plain
        /// text, a second pass changes nothing, and text without Serbian
        /// Cyrillic is left exactly as it is.
        #[test]
        fn any_text_is_transliterated_without_panic(text in any::<String>()) {
            let serbian = "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ";
            let latin = transliterate(&text);
            prop_assert!(!latin.chars().any(|c| serbian.contains(c)));
            prop_assert_eq!(transliterate(&latin), latin.clone());
            let markdown = transliterate_markdown(&text);
            prop_assert_eq!(transliterate_markdown(&markdown), markdown);
            if !text.chars().any(|c| serbian.contains(c)) {
                prop_assert_eq!(transliterate(&text), text.clone());
                prop_assert_eq!(transliterate_markdown(&text), text);
            }
        }
    }
}
