//! `content/site.yaml` → [`Site`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::yaml::{find_key, find_token, parse_yaml};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{is_valid_id, Locale, LocaleConfig, Site};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    title: BTreeMap<String, String>,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    theme: Option<String>,
    reference_locale: String,
    areas: Vec<String>,
    locales: Vec<RawLocale>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocale {
    code: String,
    #[serde(default)]
    fallback: Option<Vec<String>>,
    #[serde(default)]
    derive_from: Option<String>,
}

/// Whether a locale code is a language with an optional script or region
/// (`uk`, `sr-Latn`, `pt-BR`); codes become folder names.
fn is_valid_locale(code: &str) -> bool {
    code.parse::<unic_langid::LanguageIdentifier>().is_ok()
        && code.len() <= 16
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

pub fn parse_site(text: &str, file: &Path, diagnostics: &Diagnostics) -> Option<Site> {
    let raw: RawSite = parse_yaml(text, 0, file, diagnostics)?;
    let error_at = |code: &'static str, message: String, token: &str| {
        let diagnostic = Diagnostic::error(code, message);
        match find_token(text, 0, token).or_else(|| find_key(text, 0, token)) {
            Some(span) => diagnostic.at(file, span),
            None => diagnostic.in_file(file),
        }
    };
    let mut ok = true;
    let codes: Vec<&str> = raw.locales.iter().map(|l| l.code.as_str()).collect();
    for (i, locale) in raw.locales.iter().enumerate() {
        if !is_valid_locale(&locale.code) {
            diagnostics.push(error_at(
                "bad-locale",
                format!("`{}` is not a locale code", locale.code),
                &locale.code,
            ));
            ok = false;
        }
        if codes[..i].contains(&locale.code.as_str()) {
            diagnostics.push(error_at(
                "duplicate-locale",
                format!("locale `{}` is listed twice", locale.code),
                &locale.code,
            ));
            ok = false;
        }
        for other in locale.fallback.iter().flatten().chain(&locale.derive_from) {
            if !codes.contains(&other.as_str()) || other == &locale.code {
                diagnostics.push(
                    error_at(
                        "unknown-locale",
                        format!("locale `{}` refers to `{other}`, which is not another configured locale", locale.code),
                        other,
                    )
                    .with_help(format!("configured locales: {}", codes.join(", "))),
                );
                ok = false;
            }
        }
        if locale.derive_from.is_some() && locale.fallback.is_some() {
            diagnostics.push(error_at(
                "bad-locale",
                format!(
                    "derived locale `{}` takes its fallback from `derive_from`",
                    locale.code
                ),
                "fallback",
            ));
            ok = false;
        }
    }
    if !codes.contains(&raw.reference_locale.as_str()) {
        diagnostics.push(error_at(
            "unknown-locale",
            format!(
                "reference locale `{}` is not configured",
                raw.reference_locale
            ),
            &raw.reference_locale,
        ));
        ok = false;
    }
    if raw.locales.is_empty() {
        diagnostics.push(error_at(
            "missing-field",
            "no locales configured".into(),
            "locales",
        ));
        ok = false;
    }
    for area in &raw.areas {
        if !is_valid_id(area) {
            diagnostics.push(error_at(
                "bad-id",
                format!("area `{area}` is not a valid id ([a-z0-9-]+)"),
                area,
            ));
            ok = false;
        }
    }
    for code in raw.title.keys() {
        if !codes.contains(&code.as_str()) {
            diagnostics.push(error_at(
                "unknown-locale",
                format!("title given for unknown locale `{code}`"),
                code,
            ));
            ok = false;
        }
    }
    let theme = raw.theme.unwrap_or_else(|| "default".into());
    if !is_valid_id(&theme) {
        diagnostics.push(error_at(
            "bad-id",
            format!("theme `{theme}` is not a valid folder name"),
            &theme,
        ));
        ok = false;
    }
    let mut base_url = raw.base_url.unwrap_or_else(|| "/".into());
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    if !base_url.starts_with('/')
        || base_url.contains("//")
        || base_url.contains(['"', '<', '>', '\'', ' '])
    {
        diagnostics.push(error_at(
            "bad-base-url",
            format!("base_url `{base_url}` must be a path like `/` or `/wiki/`"),
            "base_url",
        ));
        ok = false;
    }
    if !ok {
        return None;
    }
    let reference = raw.reference_locale.clone();
    let written: Vec<String> = raw
        .locales
        .iter()
        .filter(|l| l.derive_from.is_none())
        .map(|l| l.code.clone())
        .collect();
    let locales = raw
        .locales
        .into_iter()
        .map(|l| {
            let fallback = match (&l.derive_from, l.fallback) {
                (Some(from), _) => vec![Locale(from.clone())],
                (None, Some(list)) => list.into_iter().map(Locale).collect(),
                // Default: the other written locales in order, the reference last.
                (None, None) => written
                    .iter()
                    .filter(|c| **c != l.code && **c != reference)
                    .chain(std::iter::once(&reference).filter(|r| **r != l.code))
                    .cloned()
                    .map(Locale)
                    .collect(),
            };
            LocaleConfig {
                code: Locale(l.code),
                fallback,
                derive_from: l.derive_from.map(Locale),
            }
        })
        .collect();
    Some(Site {
        title: raw.title.into_iter().map(|(k, v)| (Locale(k), v)).collect(),
        base_url,
        theme,
        reference_locale: Locale(reference),
        areas: raw.areas,
        locales,
    })
}
