//! `entry.yaml` → [`Entry`] (structure only), checked against its kind's schema.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Deserialize;

use super::yaml::{find_key, find_token, parse_yaml};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{
    is_valid_id, Entry, EntryId, Item, Kind, QuizQuestion, Site, SourceMeta, SourceRef,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStructure {
    kind: String,
    #[serde(default)]
    areas: Vec<String>,
    #[serde(default)]
    sources: Option<Vec<RawSourceRef>>,
    #[serde(default)]
    related: Vec<String>,
    #[serde(default)]
    contrasts: Vec<String>,
    items: Option<Vec<RawItem>>,
    steps: Option<Vec<RawItem>>,
    principles: Option<Vec<String>>,
    playbooks: Option<Vec<String>>,
    minutes: Option<u32>,
    material: Option<Vec<String>>,
    scenarios: Option<Vec<String>>,
    quiz: Option<Vec<RawQuestion>>,
    language: Option<String>,
    author: Option<String>,
    origin: Option<String>,
    seed: Option<String>,
    published_title: Option<String>,
    points: Option<Vec<RawPoint>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSourceRef {
    source: String,
    #[serde(default)]
    point: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    #[serde(default)]
    principles: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    options: Vec<String>,
    answer: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    id: String,
}

/// The keys each kind requires and allows beyond the common ones
/// (`kind`, `areas`, `related`, `contrasts`, and `sources` except on sources).
pub fn structure_keys(kind: Kind) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        Kind::Principle => (&["sources"], &[]),
        Kind::Checklist => (&["sources", "items"], &[]),
        Kind::Playbook => (&["sources", "steps"], &[]),
        Kind::Scenario => (&["sources", "principles"], &["playbooks"]),
        Kind::Module => (&["sources", "material", "quiz"], &["minutes", "scenarios"]),
        Kind::Source => (
            &["language", "author", "seed", "points"],
            &["origin", "published_title"],
        ),
    }
}

pub fn parse_structure(
    text: &str,
    id: EntryId,
    dir: PathBuf,
    file: PathBuf,
    site: &Site,
    diagnostics: &Diagnostics,
) -> Option<Entry> {
    let raw: RawStructure = parse_yaml(text, 0, &file, diagnostics)?;
    let at_token = |diagnostic: Diagnostic, token: &str| match find_token(text, 0, token) {
        Some(span) => diagnostic.at(&file, span),
        None => diagnostic.in_file(&file),
    };
    let at_key = |diagnostic: Diagnostic, key: &str| match find_key(text, 0, key) {
        Some(span) => diagnostic.at(&file, span),
        None => diagnostic.in_file(&file),
    };

    let Some(kind) = Kind::parse(&raw.kind) else {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        let mut diagnostic = at_token(
            Diagnostic::error("unknown-kind", format!("unknown kind `{}`", raw.kind)),
            &raw.kind,
        )
        .with_help(format!("kinds: {}", names.join(", ")));
        if let Some(close) = crate::resolve::did_you_mean(&raw.kind, names.iter().copied()) {
            diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
        }
        diagnostics.push(diagnostic);
        return None;
    };

    let mut ok = true;
    let present: Vec<(&str, bool)> = vec![
        ("sources", raw.sources.is_some()),
        ("items", raw.items.is_some()),
        ("steps", raw.steps.is_some()),
        ("principles", raw.principles.is_some()),
        ("playbooks", raw.playbooks.is_some()),
        ("minutes", raw.minutes.is_some()),
        ("material", raw.material.is_some()),
        ("scenarios", raw.scenarios.is_some()),
        ("quiz", raw.quiz.is_some()),
        ("language", raw.language.is_some()),
        ("author", raw.author.is_some()),
        ("origin", raw.origin.is_some()),
        ("seed", raw.seed.is_some()),
        ("published_title", raw.published_title.is_some()),
        ("points", raw.points.is_some()),
    ];
    let (required, optional) = structure_keys(kind);
    for (key, is_present) in present {
        if is_present && !required.contains(&key) && !optional.contains(&key) {
            diagnostics.push(at_key(
                Diagnostic::error(
                    "unknown-field",
                    format!("field `{key}` is not used by a {}", kind.name()),
                ),
                key,
            ));
            ok = false;
        }
        if !is_present && required.contains(&key) {
            diagnostics.push(
                at_key(
                    Diagnostic::error(
                        "missing-field",
                        format!("a {} needs the field `{key}`", kind.name()),
                    ),
                    "kind",
                )
                .with_help("docs/CONTENT.md shows each kind's fields"),
            );
            ok = false;
        }
    }

    if raw.areas.is_empty() {
        diagnostics.push(at_key(
            Diagnostic::error("missing-field", "an entry belongs to at least one area")
                .with_help(format!("areas: {}", site.areas.join(", "))),
            "kind",
        ));
        ok = false;
    }
    for area in &raw.areas {
        if !site.areas.contains(area) {
            let mut diagnostic = at_token(
                Diagnostic::error("unknown-area", format!("unknown area `{area}`")),
                area,
            );
            diagnostic =
                match crate::resolve::did_you_mean(area, site.areas.iter().map(String::as_str)) {
                    Some(close) => diagnostic.with_help(format!("did you mean `{close}`?")),
                    None => diagnostic.with_help(format!("areas: {}", site.areas.join(", "))),
                };
            diagnostics.push(diagnostic);
            ok = false;
        }
    }

    // Ids of items, steps, points, questions and options: valid and unique.
    let check_ids = |what: &str, ids: Vec<&str>| -> bool {
        let mut ids_ok = true;
        let mut seen = BTreeSet::new();
        for local in ids {
            if !is_valid_id(local) {
                diagnostics.push(at_token(
                    Diagnostic::error(
                        "bad-id",
                        format!(
                            "{what} id `{}` is not valid: {}",
                            local.escape_debug(),
                            crate::model::id_problem(local).unwrap_or_default()
                        ),
                    ),
                    local,
                ));
                ids_ok = false;
            } else if !seen.insert(local) {
                diagnostics.push(at_token(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("{what} id `{local}` is used twice in this entry"),
                    ),
                    local,
                ));
                ids_ok = false;
            }
        }
        ids_ok
    };
    let items_raw = raw.items.or(raw.steps).unwrap_or_default();
    ok &= check_ids(
        if kind == Kind::Playbook {
            "step"
        } else {
            "item"
        },
        items_raw.iter().map(|i| i.id.as_str()).collect(),
    );
    let points_raw = raw.points.unwrap_or_default();
    ok &= check_ids("point", points_raw.iter().map(|p| p.id.as_str()).collect());
    let quiz_raw = raw.quiz.unwrap_or_default();
    ok &= check_ids("question", quiz_raw.iter().map(|q| q.id.as_str()).collect());
    for question in &quiz_raw {
        ok &= check_ids(
            "option",
            question.options.iter().map(String::as_str).collect(),
        );
        if question.options.len() < 2 {
            diagnostics.push(at_token(
                Diagnostic::error(
                    "bad-quiz",
                    format!("question `{}` needs at least two options", question.id),
                ),
                &question.id,
            ));
            ok = false;
        }
        if !question.options.contains(&question.answer) {
            diagnostics.push(at_token(
                Diagnostic::error(
                    "bad-quiz",
                    format!(
                        "answer `{}` of question `{}` is not one of its options",
                        question.answer, question.id
                    ),
                ),
                &question.answer,
            ));
            ok = false;
        }
    }
    if kind.has_items() && items_raw.is_empty() {
        diagnostics.push(at_key(
            Diagnostic::error(
                "missing-field",
                format!("a {} needs at least one item", kind.name()),
            ),
            if kind == Kind::Playbook {
                "steps"
            } else {
                "items"
            },
        ));
        ok = false;
    }
    if kind == Kind::Source {
        if let Some(seed) = &raw.seed {
            if seed.contains(['/', '\\']) || seed.starts_with('.') {
                diagnostics.push(at_token(
                    Diagnostic::error("bad-seed", "`seed` is a file name, not a path"),
                    seed,
                ));
                ok = false;
            }
        }
    }
    if !ok {
        return None;
    }

    let ids = |list: Vec<String>| list.into_iter().map(EntryId).collect::<Vec<_>>();
    let structure_hash = crate::hash::hash_parts(
        std::iter::once(format!("kind={}", kind.name()))
            .chain(items_raw.iter().map(|i| format!("item={}", i.id)))
            .chain(points_raw.iter().map(|p| format!("point={}", p.id)))
            .chain(
                quiz_raw
                    .iter()
                    .map(|q| format!("quiz={}:{}", q.id, q.options.join(","))),
            )
            .chain(raw.contrasts.iter().map(|c| format!("contrast={c}"))),
    );
    Some(Entry {
        id,
        kind,
        dir,
        structure_file: file.clone(),
        areas: raw.areas,
        sources: raw
            .sources
            .unwrap_or_default()
            .into_iter()
            .map(|s| SourceRef {
                source: EntryId(s.source),
                point: s.point,
            })
            .collect(),
        related: ids(raw.related),
        contrasts: ids(raw.contrasts),
        items: items_raw
            .into_iter()
            .map(|i| Item {
                id: i.id,
                principles: ids(i.principles),
            })
            .collect(),
        principles: ids(raw.principles.unwrap_or_default()),
        playbooks: ids(raw.playbooks.unwrap_or_default()),
        minutes: raw.minutes.unwrap_or(0),
        material: ids(raw.material.unwrap_or_default()),
        scenarios: ids(raw.scenarios.unwrap_or_default()),
        quiz: quiz_raw
            .into_iter()
            .map(|q| QuizQuestion {
                id: q.id,
                options: q.options,
                answer: q.answer,
            })
            .collect(),
        source: (kind == Kind::Source).then(|| SourceMeta {
            language: raw.language.unwrap_or_default(),
            author: raw.author.unwrap_or_default(),
            origin: raw.origin.unwrap_or_default(),
            seed: raw.seed.unwrap_or_default(),
            published_title: raw.published_title,
            points: points_raw.into_iter().map(|p| p.id).collect(),
        }),
        texts: Default::default(),
        structure_hash,
    })
}
