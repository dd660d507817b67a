//! Splits a text file into its YAML front matter and Markdown body.

/// A text file cut in two, with byte offsets into the original text.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// Byte offset of the front matter's first line.
    pub front_matter_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    Missing,
    /// The opening `---` has no closing `---` line.
    Unclosed,
}

/// Splits `---\n<yaml>\n---\n<body>`; accepts CRLF line endings.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Err(SplitError::Missing);
    }
    let mut line_start = first_end;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        let line = text[line_start..line_end].trim_end_matches(['\n', '\r']);
        if line == "---" || line == "..." {
            return Ok(Split {
                front_matter: &text[first_end..line_start],
                front_matter_offset: first_end,
                body: &text[line_end..],
                body_offset: line_end,
            });
        }
        line_start = line_end;
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str, expected: Result<(&str, &str), SplitError>) {
        let got = split_front_matter(text).map(|s| (s.front_matter, s.body));
        assert_eq!(got, expected, "splitting {text:?}");
    }

    #[test]
    fn splits_front_matter_from_body() {
        check("---\ntitle: a\n---\nbody\n", Ok(("title: a\n", "body\n")));
        check(
            "---\r\ntitle: a\r\n---\r\nbody",
            Ok(("title: a\r\n", "body")),
        );
        check("---\n---\n", Ok(("", "")));
        check("---\ntitle: a\n---", Ok(("title: a\n", "")));
        check("title: a\n", Err(SplitError::Missing));
        check("", Err(SplitError::Missing));
        check("---\ntitle: a\n", Err(SplitError::Unclosed));
        // A `---` inside a value is not the end.
        check("---\na: ---x\n---\n", Ok(("a: ---x\n", "")));
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "---\nt: я\n---\nтіло";
        let split = split_front_matter(text).unwrap();
        assert_eq!(
            &text[split.front_matter_offset..][..split.front_matter.len()],
            split.front_matter
        );
        assert_eq!(&text[split.body_offset..], split.body);
    }

    /// The offsets of a split point at its parts in the original text.
    fn assert_consistent(text: &str) -> Result<(), TestCaseError> {
        if let Ok(split) = split_front_matter(text) {
            prop_assert_eq!(&text[split.body_offset..], split.body);
            prop_assert_eq!(
                &text[split.front_matter_offset
                    ..split.front_matter_offset + split.front_matter.len()],
                split.front_matter
            );
            prop_assert!(split.front_matter_offset + split.front_matter.len() <= split.body_offset);
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn never_panics_and_offsets_are_consistent(text in "(---\r?\n)?[-a-zя:\r\n ]{0,60}") {
            assert_consistent(&text)?;
        }

        /// Any string at all, multi-byte and control characters included (issue #8).
        #[test]
        fn any_text_splits_or_is_refused_without_panic(text in any::<String>()) {
            assert_consistent(&text)?;
            assert_consistent(&format!("---\n{text}"))?;
            assert_consistent(&format!("---\n{text}\n---\n{text}"))?;
        }

        /// CRLF files split like LF files, at the same lines.
        #[test]
        fn crlf_splits_like_lf(text in "(---\n)?([-a-zя: ]{0,8}\n){0,8}(---\n)?[a-z\n]{0,10}") {
            let crlf = text.replace('\n', "\r\n");
            match (split_front_matter(&text), split_front_matter(&crlf)) {
                (Ok(lf), Ok(cr)) => {
                    prop_assert_eq!(lf.front_matter.replace('\n', "\r\n"), cr.front_matter);
                    prop_assert_eq!(lf.body.replace('\n', "\r\n"), cr.body);
                }
                (Err(lf), Err(cr)) => prop_assert_eq!(lf, cr),
                (lf, cr) => prop_assert!(false, "LF {:?} but CRLF {:?}", lf, cr),
            }
        }
    }
}
