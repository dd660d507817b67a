//! Stage 2, resolve: a loaded [`KnowledgeBase`] → checked relations and
//! derived [`Links`] (backlinks, who carries each source's key points).
//!
//! Checks every id a relation or a `[[…]]` link names, the kinds relations
//! may point to, raw HTML and unsafe URLs in Markdown, and that every
//! written locale has every text. Does no IO.

pub mod translations;
mod xref;

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Entry, EntryId, Kind, KnowledgeBase, RelationKind, Text};

pub use xref::{is_safe_url, markdown_options, parse_xref, scan_markdown, Scan, Xref};

/// One entry pointing at another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Backlink {
    pub from: EntryId,
    pub relation: RelationKind,
}

/// What resolving derives from the relations.
#[derive(Debug, Default)]
pub struct Links {
    /// For each entry, who refers to it and how (sorted, unique).
    pub backlinks: BTreeMap<EntryId, Vec<Backlink>>,
    /// For each (source, key point), the entries carrying it.
    pub point_carriers: BTreeMap<(EntryId, String), Vec<EntryId>>,
    /// `[[…]]` links found in each entry's text (any locale).
    pub mentions: BTreeMap<EntryId, BTreeSet<EntryId>>,
}

/// The closest candidate within a small edit distance, for "did you mean".
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(wrong, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

/// Checks every relation and link, and derives backlinks.
pub fn resolve(base: &KnowledgeBase, diagnostics: &Diagnostics) -> Links {
    use rayon::prelude::*;
    let mut links = Links::default();
    let ids: Vec<&str> = base.entries.keys().map(EntryId::as_str).collect();
    // Each entry's checks are independent (and parse all its Markdown):
    // they run in parallel; the links are then gathered in id order.
    let entries: Vec<&Entry> = base.entries.values().collect();
    let checked: Vec<(&Entry, BTreeSet<EntryId>)> = entries
        .par_iter()
        .map(|entry| {
            check_relations(base, entry, &ids, diagnostics);
            (*entry, check_texts(base, entry, &ids, diagnostics))
        })
        .collect();
    for (entry, mentioned) in checked {
        for (relation, target) in entry.outgoing() {
            if target != &entry.id && base.entries.contains_key(target) {
                links
                    .backlinks
                    .entry(target.clone())
                    .or_default()
                    .push(Backlink {
                        from: entry.id.clone(),
                        relation,
                    });
            }
        }
        for source in &entry.sources {
            if let Some(point) = &source.point {
                links
                    .point_carriers
                    .entry((source.source.clone(), point.clone()))
                    .or_default()
                    .push(entry.id.clone());
            }
        }
        for target in &mentioned {
            if target != &entry.id {
                links
                    .backlinks
                    .entry(target.clone())
                    .or_default()
                    .push(Backlink {
                        from: entry.id.clone(),
                        relation: RelationKind::Mention,
                    });
            }
        }
        links.mentions.insert(entry.id.clone(), mentioned);
    }
    for list in links.backlinks.values_mut() {
        list.sort();
        list.dedup();
    }
    check_sources_and_orphans(base, &links, diagnostics);
    translations::check_missing(base, diagnostics);
    links
}

/// After the entries in `previous` were reloaded (same ids, new content
/// in `base`), checks them again with the entries that refer to them and
/// brings `links` up to date: the same links [`resolve`] would derive from
/// the whole base, at the cost of the changed entries. The whole-base
/// checks that are cheap (sources, orphans) run again too; translation
/// warnings are left to `check`.
pub fn update(
    base: &KnowledgeBase,
    links: &mut Links,
    previous: &BTreeMap<EntryId, Entry>,
    diagnostics: &Diagnostics,
) {
    use rayon::prelude::*;
    let ids: Vec<&str> = base.entries.keys().map(EntryId::as_str).collect();
    // Who refers to a changed entry is checked again: a link to an item or
    // of a kind that the edit removed is now an error there.
    let mut recheck: BTreeSet<&EntryId> = previous.keys().collect();
    for id in previous.keys() {
        if let Some(list) = links.backlinks.get(id) {
            recheck.extend(list.iter().map(|b| &b.from));
        }
    }
    let recheck: Vec<&Entry> = recheck
        .iter()
        .filter_map(|id| base.entries.get(*id))
        .collect();
    let mentions: Vec<(EntryId, BTreeSet<EntryId>)> = recheck
        .par_iter()
        .map(|entry| {
            check_relations(base, entry, &ids, diagnostics);
            (
                entry.id.clone(),
                check_texts(base, entry, &ids, diagnostics),
            )
        })
        .collect();
    let mentions: BTreeMap<EntryId, BTreeSet<EntryId>> = mentions.into_iter().collect();

    for (id, old) in previous {
        // Forget what the old version pointed at…
        let old_mentions = links.mentions.remove(id).unwrap_or_default();
        let targets = old
            .outgoing()
            .into_iter()
            .map(|(_, t)| t)
            .chain(&old_mentions);
        for target in targets {
            if let Some(list) = links.backlinks.get_mut(target) {
                list.retain(|b| &b.from != id);
                if list.is_empty() {
                    links.backlinks.remove(target);
                }
            }
        }
        for source in &old.sources {
            if let Some(point) = &source.point {
                let key = (source.source.clone(), point.clone());
                if let Some(list) = links.point_carriers.get_mut(&key) {
                    list.retain(|carrier| carrier != id);
                    if list.is_empty() {
                        links.point_carriers.remove(&key);
                    }
                }
            }
        }
        // …and record what the new one points at, in the order `resolve`
        // gives: backlinks sorted, carriers in id order.
        let Some(entry) = base.entries.get(id) else {
            continue;
        };
        let mentioned = mentions.get(id).cloned().unwrap_or_default();
        let relations = entry.outgoing().into_iter();
        let mentioned_links = mentioned.iter().map(|t| (RelationKind::Mention, t));
        for (relation, target) in relations.chain(mentioned_links) {
            if target == id || !base.entries.contains_key(target) {
                continue;
            }
            let list = links.backlinks.entry(target.clone()).or_default();
            let backlink = Backlink {
                from: id.clone(),
                relation,
            };
            if let Err(at) = list.binary_search(&backlink) {
                list.insert(at, backlink);
            }
        }
        for source in &entry.sources {
            if let Some(point) = &source.point {
                let list = links
                    .point_carriers
                    .entry((source.source.clone(), point.clone()))
                    .or_default();
                let at = list.partition_point(|carrier| carrier <= id);
                list.insert(at, id.clone());
            }
        }
        links.mentions.insert(id.clone(), mentioned);
    }
    check_sources_and_orphans(base, links, diagnostics);
}

fn check_relations(base: &KnowledgeBase, entry: &Entry, ids: &[&str], diagnostics: &Diagnostics) {
    for (relation, target) in entry.outgoing() {
        let expected: &[Kind] = match relation {
            RelationKind::Source => &[Kind::Source],
            RelationKind::Principle => &[Kind::Principle],
            RelationKind::Playbook => &[Kind::Playbook],
            RelationKind::Scenario => &[Kind::Scenario],
            RelationKind::Material => &[
                Kind::Principle,
                Kind::Checklist,
                Kind::Playbook,
                Kind::Scenario,
            ],
            _ => &[],
        };
        let diagnostic = match base.entries.get(target) {
            _ if target == &entry.id => Some(
                Diagnostic::error(
                    "self-relation",
                    format!("`{}` lists itself in `{}:`", entry.id, relation.key()),
                )
                .with_help("remove it: an entry needs no link to itself"),
            ),
            None if base.broken.contains(target) => None,
            None => {
                let mut d = Diagnostic::error("unknown-id", format!("unknown entry `{target}`"));
                if let Some(close) = did_you_mean(target.as_str(), ids.iter().copied()) {
                    d = d.with_help(format!("did you mean `{close}`?"));
                }
                Some(d)
            }
            Some(found) if !expected.is_empty() && !expected.contains(&found.kind) => {
                Some(Diagnostic::error(
                    "wrong-kind",
                    format!(
                        "`{target}` is a {}, but `{}:` takes only {}",
                        found.kind.name(),
                        relation.key(),
                        expected
                            .iter()
                            .map(|k| k.plural())
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                ))
            }
            Some(_) => None,
        };
        if let Some(diagnostic) = diagnostic {
            diagnostics.push(place_in_structure(
                diagnostic,
                entry,
                target.as_str(),
                diagnostics,
            ));
        }
    }
    for source in &entry.sources {
        let (Some(point), Some(found)) = (&source.point, base.entries.get(&source.source)) else {
            continue;
        };
        let points: Vec<&str> = found
            .source
            .iter()
            .flat_map(|s| s.points.iter().map(String::as_str))
            .collect();
        if !points.contains(&point.as_str()) {
            let mut d = Diagnostic::error(
                "unknown-item",
                format!("source `{}` has no key point `{point}`", source.source),
            );
            if let Some(close) = did_you_mean(point, points.iter().copied()) {
                d = d.with_help(format!("did you mean `{close}`?"));
            }
            diagnostics.push(place_in_structure(d, entry, point, diagnostics));
        }
    }
}

/// Places a diagnostic on the first stand-alone occurrence of `token` in
/// the entry's `entry.yaml` (its text was read by `load`).
fn place_in_structure(
    diagnostic: Diagnostic,
    entry: &Entry,
    token: &str,
    diagnostics: &Diagnostics,
) -> Diagnostic {
    let text = diagnostics.text_of(&entry.structure_file);
    match crate::load::yaml::find_token(text.as_deref().unwrap_or(""), 0, token) {
        Some(span) => diagnostic.at(&entry.structure_file, span),
        None => diagnostic.in_file(&entry.structure_file),
    }
}

/// Scans every text of an entry for links, raw HTML and unsafe URLs;
/// returns the ids it links to.
fn check_texts(
    base: &KnowledgeBase,
    entry: &Entry,
    ids: &[&str],
    diagnostics: &Diagnostics,
) -> BTreeSet<EntryId> {
    let mut mentioned = BTreeSet::new();
    for text in entry.texts.values() {
        for piece in text_pieces(text) {
            let scan = scan_markdown(&piece.markdown);
            let place = |diagnostic: Diagnostic, range: std::ops::Range<usize>, token: &str| {
                match locate_in_file(text, piece, range, token, diagnostics) {
                    Some(span) => diagnostic.at(&text.file, span),
                    None => diagnostic.in_file(&text.file),
                }
            };
            for (xref, range) in &scan.xrefs {
                let token = &piece.markdown[range.clone()];
                match base.entries.get(&EntryId(xref.id.clone())) {
                    None if base.broken.contains(&EntryId(xref.id.clone())) => {}
                    None => {
                        let mut d =
                            Diagnostic::error("unknown-id", format!("unknown entry `{}`", xref.id));
                        if let Some(close) = did_you_mean(&xref.id, ids.iter().copied()) {
                            d = d.with_help(format!("did you mean `{close}`?"));
                        }
                        diagnostics.push(place(d, range.clone(), token));
                    }
                    Some(target) => {
                        mentioned.insert(target.id.clone());
                        if let Some(item) = &xref.item {
                            let known: Vec<&str> =
                                target.items.iter().map(|i| i.id.as_str()).collect();
                            if !known.contains(&item.as_str()) {
                                let what = if target.kind == Kind::Playbook {
                                    "step"
                                } else {
                                    "item"
                                };
                                let mut d = Diagnostic::error(
                                    "unknown-item",
                                    format!("`{}` has no {what} `{item}`", xref.id),
                                );
                                d = match did_you_mean(item, known.iter().copied()) {
                                    Some(close) => d.with_help(format!("did you mean `{close}`?")),
                                    None if known.is_empty() => d.with_help(format!(
                                        "`{}` is a {} and has no items",
                                        xref.id,
                                        target.kind.name()
                                    )),
                                    None => {
                                        d.with_help(format!("its {what}s: {}", known.join(", ")))
                                    }
                                };
                                diagnostics.push(place(d, range.clone(), token));
                            }
                        }
                    }
                }
            }
            for range in &scan.raw_html {
                let token = piece.markdown[range.clone()].trim().to_string();
                diagnostics.push(place(
                    Diagnostic::error("raw-html", "raw HTML is not allowed in Markdown").with_help(
                        "write it in Markdown; HTML would be passed to every reader's browser",
                    ),
                    range.clone(),
                    &token,
                ));
            }
            for (url, range) in &scan.unsafe_urls {
                diagnostics.push(place(
                    Diagnostic::error("unsafe-url", format!("link to `{url}` is not allowed"))
                        .with_help("links may be relative, http(s):, mailto: or tel:"),
                    range.clone(),
                    url,
                ));
            }
            for (url, range) in &scan.remote_images {
                diagnostics.push(place(
                    Diagnostic::error("remote-image", format!("image `{url}` is on another host"))
                        .with_help("the site must work with no internet: put the image in the theme's static/ folder"),
                    range.clone(),
                    url,
                ));
            }
        }
    }
    mentioned
}

/// Every Markdown text of one locale file, in file order.
pub fn text_pieces(text: &crate::model::EntryText) -> Vec<&Text> {
    let mut pieces: Vec<&Text> = vec![&text.body];
    pieces.extend(text.contrasts.values());
    for item in text.items.values() {
        pieces.push(&item.text);
        pieces.extend(&item.hint);
    }
    pieces.extend(&text.questions);
    pieces.extend(&text.handling);
    pieces.extend(&text.notes);
    pieces.extend(&text.objectives);
    for question in text.quiz.values() {
        pieces.push(&question.question);
        for option in question.options.values() {
            pieces.push(&option.text);
            pieces.push(&option.explanation);
        }
    }
    pieces.extend(text.points.values());
    pieces
}

/// The span in the file of something found at `range` inside `piece`: exact
/// for the body, searched for in front-matter strings.
fn locate_in_file(
    text: &crate::model::EntryText,
    piece: &Text,
    range: std::ops::Range<usize>,
    token: &str,
    diagnostics: &Diagnostics,
) -> Option<std::ops::Range<usize>> {
    if std::ptr::eq(piece, &text.body) {
        let start = piece.offset?;
        return Some(start + range.start..start + range.end);
    }
    let file_text = diagnostics.text_of(&text.file)?;
    let front_end = text.body.offset.unwrap_or(file_text.len());
    let start = piece.offset.or_else(|| {
        crate::load::locate_value(
            &file_text,
            text.front_matter_offset,
            front_end,
            &piece.markdown,
        )
    })?;
    let found = file_text.get(start..)?.find(token)?;
    Some(start + found..start + found + token.len())
}

fn check_sources_and_orphans(base: &KnowledgeBase, links: &Links, diagnostics: &Diagnostics) {
    for entry in base.entries.values() {
        if entry.kind != Kind::Source && entry.sources.is_empty() {
            diagnostics.push(
                Diagnostic::error("no-source", format!("`{}` names no source", entry.id))
                    .in_file(&entry.structure_file)
                    .with_help("add `sources: [{source: <source-id>}]`: every piece of guidance traces to an article"),
            );
        }
        let referred = links
            .backlinks
            .get(&entry.id)
            .is_some_and(|b| !b.is_empty());
        if !referred && entry.kind != Kind::Module {
            diagnostics.push(
                Diagnostic::warning("orphan", format!("nothing refers to `{}`", entry.id))
                    .in_file(&entry.structure_file)
                    .with_help(
                        "link it from a related entry, a checklist item or a module's material",
                    ),
            );
        }
        if let Some(source) = &entry.source {
            for point in &source.points {
                if !links
                    .point_carriers
                    .contains_key(&(entry.id.clone(), point.clone()))
                {
                    diagnostics.push(
                        Diagnostic::warning(
                            "uncarried-point",
                            format!(
                                "key point `{point}` of `{}` is carried by no entry",
                                entry.id
                            ),
                        )
                        .in_file(&entry.structure_file)
                        .with_help(format!(
                            "add `{{source: {}, point: {point}}}` to the entry that carries it",
                            entry.id
                        )),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_picks_the_closest_within_reach() {
        let ids = ["red-flags", "keep-in-touch", "invoice-on-time"];
        assert_eq!(did_you_mean("red-flag", ids), Some("red-flags"));
        assert_eq!(did_you_mean("keep-in-tuch", ids), Some("keep-in-touch"));
        assert_eq!(did_you_mean("something-else", ids), None);
        assert_eq!(edit_distance("клієнт", "клиєнт"), 1);
    }
}
