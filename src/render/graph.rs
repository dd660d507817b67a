//! The relation graph: `graph.json` for tools, and relation maps drawn at
//! build time as inline SVG (readable without JavaScript, no library).
//!
//! Input: the base and its derived links; output: JSON text and SVG
//! strings. Layouts are plain columns, so the same input draws the same
//! picture byte for byte. Boxes and curves carry only their geometry and
//! classes; their look is in the theme's stylesheet (a page draws dozens).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde::Serialize;

use super::push_escaped;
use crate::model::{EntryId, Kind, KnowledgeBase, RelationKind};
use crate::resolve::Links;

/// The documented shape of `graph.json` (see README, "graph.json").
#[derive(Serialize)]
pub struct Graph<'a> {
    pub version: u32,
    pub entries: Vec<GraphEntry<'a>>,
    pub edges: Vec<GraphEdge<'a>>,
}

#[derive(Serialize)]
pub struct GraphEntry<'a> {
    pub id: &'a str,
    pub kind: Kind,
    pub areas: &'a [String],
    /// Locales with written text (derived locales are not listed).
    pub locales: Vec<&'a str>,
    /// Ids of the entries that refer to this one.
    pub backlinks: Vec<&'a str>,
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct GraphEdge<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub relation: RelationKind,
}

/// `graph.json`: every entry and every relation, sorted.
pub fn graph_json(base: &KnowledgeBase, links: &Links) -> String {
    let mut edges = BTreeSet::new();
    for entry in base.entries.values() {
        for (relation, target) in entry.outgoing() {
            if base.entries.contains_key(target) && target != &entry.id {
                edges.insert(GraphEdge {
                    from: entry.id.as_str(),
                    to: target.as_str(),
                    relation,
                });
            }
        }
        for target in links.mentions.get(&entry.id).into_iter().flatten() {
            if target != &entry.id {
                edges.insert(GraphEdge {
                    from: entry.id.as_str(),
                    to: target.as_str(),
                    relation: RelationKind::Mention,
                });
            }
        }
    }
    let entries = base
        .entries
        .values()
        .map(|entry| {
            let mut backlinks: Vec<&str> = links
                .backlinks
                .get(&entry.id)
                .into_iter()
                .flatten()
                .map(|b| b.from.as_str())
                .collect();
            backlinks.dedup();
            GraphEntry {
                id: entry.id.as_str(),
                kind: entry.kind,
                areas: &entry.areas,
                locales: entry.texts.keys().map(|l| l.as_str()).collect(),
                backlinks,
            }
        })
        .collect();
    let graph = Graph {
        version: 1,
        entries,
        edges: edges.into_iter().collect(),
    };
    serde_json::to_string_pretty(&graph).expect("graph serializes") + "\n"
}

/// One box on a map.
pub struct MapNode<'r> {
    pub id: &'r str,
    pub title: Cow<'r, str>,
    pub url: Cow<'r, str>,
    pub kind: Kind,
}

/// The map of one entry: what refers to it on the left, the entry in the
/// middle, what it refers to on the right. Contrasts are dashed and red.
pub struct EntryMap<'r> {
    pub center: MapNode<'r>,
    pub incoming: Vec<(MapNode<'r>, RelationKind)>,
    pub outgoing: Vec<(MapNode<'r>, RelationKind)>,
    /// "+N more" label text, when a side was cut.
    pub more_label: String,
}

const NODE_W: i32 = 200;
const NODE_H: i32 = 26;
const ROW: i32 = 32;
const MAX_SIDE: usize = 14;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// The width a box leaves for its title, in ems of the map's 12px font:
/// 200px less 8px before the text and 6px after it.
const TITLE_EMS: f32 = 186.0 / 12.0;

/// About how wide `c` is, in ems, in the sans-serif fonts a map is drawn
/// with (DejaVu Sans, the widest common one, is the measure): Cyrillic
/// letters are wider than Latin ones on average, so cutting at a number of
/// characters would let Cyrillic titles run out of their boxes.
fn char_ems(c: char) -> f32 {
    match c {
        ' ' => 0.32,
        'i' | 'l' | 'j' | 't' | 'f' | 'r' | 'I' | 'і' | 'ї' | 'ј' | 'Ј' | 'І' | 'Ї' | '\''
        | 'ʼ' | '.' | ',' | ':' | ';' | '!' | '|' | '(' | ')' | '[' | ']' => 0.36,
        'm' | 'w' | 'ж' | 'ш' | 'щ' | 'ы' | 'ю' | 'м' | 'љ' | 'њ' | '—' => 0.9,
        'M' | 'W' | 'Ж' | 'Ш' | 'Щ' | 'Ы' | 'Ю' | 'М' | 'Љ' | 'Њ' => 1.0,
        c if c.is_uppercase() => 0.74,
        c if c.is_ascii_digit() => 0.64,
        c if ('\u{0400}'..='\u{04FF}').contains(&c) => 0.64,
        _ => 0.62,
    }
}

/// `text` cut with an ellipsis where it would run out of a box of `ems`,
/// or `None` if it fits.
fn shorten(text: &str, ems: f32) -> Option<String> {
    let ellipsis = 1.0;
    let mut width = 0.0;
    let mut keep = None;
    for (at, c) in text.char_indices() {
        width += char_ems(c);
        if width > ems - ellipsis && keep.is_none() {
            keep = Some(at);
        }
        if width > ems {
            let keep = keep.unwrap_or(at);
            return Some(format!("{}…", text[..keep].trim_end()));
        }
    }
    None
}

fn node_svg(out: &mut String, node: &MapNode, x: i32, y: i32, center: bool) {
    let class = if center {
        "map-node map-center"
    } else {
        "map-node"
    };
    out.push_str("<a href=\"");
    push_escaped(out, &node.url);
    let _ = write!(out, "\" class=\"{class} kind-{}\">", node.kind.name());
    let short = shorten(&node.title, TITLE_EMS);
    // The full title as a tooltip, where the box shows it cut.
    if short.is_some() {
        out.push_str("<title>");
        push_escaped(out, &node.title);
        out.push_str("</title>");
    }
    let _ = write!(
        out,
        "<rect x=\"{x}\" y=\"{y}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"5\"/><text x=\"{}\" y=\"{}\">",
        x + 8,
        y + 17
    );
    push_escaped(out, short.as_deref().unwrap_or(&node.title));
    out.push_str("</text></a>");
}

/// The curves of a map, written as one `<path>` per run of curves with
/// the same class: a path of several subpaths looks the same as separate
/// paths (no fill, and dashes start again with each subpath) in a fraction
/// of the bytes. Order is kept, so curves overlap as they did.
#[derive(Default)]
struct Curves {
    runs: Vec<(&'static str, String)>,
}

impl Curves {
    /// A curve from `from` to `to`, bending halfway between them.
    fn edge(&mut self, from: (i32, i32), to: (i32, i32), class: &'static str) {
        let mid = (from.0 + to.0) / 2 - from.0;
        let (dx, dy) = (to.0 - from.0, to.1 - from.1);
        self.push(
            class,
            format_args!("M{} {}c{mid} 0 {mid} {dy} {dx} {dy}", from.0, from.1),
        );
    }

    /// An arc from `(x, y1)` out to `x + bulge` and back to `(x, y2)`.
    fn arc(&mut self, x: i32, (y1, y2): (i32, i32), bulge: i32, class: &'static str) {
        let dy = y2 - y1;
        self.push(
            class,
            format_args!("M{x} {y1}c{bulge} 0 {bulge} {dy} 0 {dy}"),
        );
    }

    fn push(&mut self, class: &'static str, d: std::fmt::Arguments) {
        match self.runs.last_mut() {
            Some((last, path)) if *last == class => {
                let _ = path.write_fmt(d);
            }
            _ => self.runs.push((class, d.to_string())),
        }
    }

    fn write(self, out: &mut String) {
        for (class, d) in self.runs {
            let _ = write!(out, "<path d=\"{d}\" class=\"{class}\"/>");
        }
    }
}

/// The classes of a curve drawing `relation`.
fn edge_class(relation: RelationKind) -> &'static str {
    match relation {
        RelationKind::Related => "map-edge map-related",
        RelationKind::Contrasts => "map-edge map-contrasts",
        RelationKind::Source => "map-edge map-source",
        RelationKind::Principle => "map-edge map-principle",
        RelationKind::Playbook => "map-edge map-playbook",
        RelationKind::Material => "map-edge map-material",
        RelationKind::Scenario => "map-edge map-scenario",
        RelationKind::Mention => "map-edge map-mention",
    }
}

/// The classes of a same-column arc drawing `relation` (cluster maps).
fn arc_class(relation: RelationKind) -> &'static str {
    match relation {
        RelationKind::Related => "map-edge map-arc map-related",
        RelationKind::Contrasts => "map-edge map-arc map-contrasts",
        RelationKind::Source => "map-edge map-arc map-source",
        RelationKind::Principle => "map-edge map-arc map-principle",
        RelationKind::Playbook => "map-edge map-arc map-playbook",
        RelationKind::Material => "map-edge map-arc map-material",
        RelationKind::Scenario => "map-edge map-arc map-scenario",
        RelationKind::Mention => "map-edge map-arc map-mention",
    }
}

/// Draws an entry's relation map; `label` names the picture for screen readers.
pub fn entry_map_svg(map: &EntryMap, label: &str) -> String {
    let incoming = &map.incoming[..map.incoming.len().min(MAX_SIDE)];
    let outgoing = &map.outgoing[..map.outgoing.len().min(MAX_SIDE)];
    let rows = incoming.len().max(outgoing.len()).max(1) as i32;
    let extra = i32::from(map.incoming.len() > MAX_SIDE || map.outgoing.len() > MAX_SIDE);
    let height = (rows + extra) * ROW + 16;
    let width = 3 * NODE_W + 2 * 60 + 16;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"relation-map\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(label)
    );
    let center_x = 8 + NODE_W + 60;
    let center_y = (rows * ROW) / 2 - NODE_H / 2 + 8;
    let side_y = |i: usize, count: usize| -> i32 {
        let offset = (rows - count as i32) * ROW / 2;
        8 + offset + i as i32 * ROW
    };
    let mut curves = Curves::default();
    for (i, (_, relation)) in incoming.iter().enumerate() {
        let y = side_y(i, incoming.len()) + NODE_H / 2;
        curves.edge(
            (8 + NODE_W, y),
            (center_x, center_y + NODE_H / 2),
            edge_class(*relation),
        );
    }
    for (i, (_, relation)) in outgoing.iter().enumerate() {
        let y = side_y(i, outgoing.len()) + NODE_H / 2;
        curves.edge(
            (center_x + NODE_W, center_y + NODE_H / 2),
            (center_x + NODE_W + 60, y),
            edge_class(*relation),
        );
    }
    curves.write(&mut out);
    for (i, (node, _)) in incoming.iter().enumerate() {
        node_svg(&mut out, node, 8, side_y(i, incoming.len()), false);
    }
    node_svg(&mut out, &map.center, center_x, center_y, true);
    for (i, (node, _)) in outgoing.iter().enumerate() {
        node_svg(
            &mut out,
            node,
            center_x + NODE_W + 60,
            side_y(i, outgoing.len()),
            false,
        );
    }
    if extra == 1 {
        out.push_str(&format!(
            "<text x=\"8\" y=\"{}\" class=\"map-more\">{}</text>",
            height - 10,
            escape(&map.more_label)
        ));
    }
    out.push_str("</svg>");
    out
}

/// Draws an area's cluster: one column per kind, every relation between
/// the area's entries as a curve.
pub fn cluster_svg(
    nodes: &[MapNode],
    edges: &[(EntryId, EntryId, RelationKind)],
    label: &str,
) -> String {
    let mut columns: BTreeMap<Kind, Vec<&MapNode>> = BTreeMap::new();
    for node in nodes {
        columns.entry(node.kind).or_default().push(node);
    }
    let gap = 70;
    let rows = columns.values().map(Vec::len).max().unwrap_or(1) as i32;
    let width = columns.len().max(1) as i32 * (NODE_W + gap) + 16 - gap;
    let height = rows * ROW + 16;
    let mut positions: BTreeMap<&str, (i32, i32)> = BTreeMap::new();
    for (column, (_, list)) in columns.iter().enumerate() {
        let x = 8 + column as i32 * (NODE_W + gap);
        for (row, node) in list.iter().enumerate() {
            positions.insert(node.id, (x, 8 + row as i32 * ROW));
        }
    }
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"relation-map cluster-map\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(label)
    );
    let mut curves = Curves::default();
    for (from, to, relation) in edges {
        let (Some(a), Some(b)) = (positions.get(from.as_str()), positions.get(to.as_str())) else {
            continue;
        };
        let (start, end) = if a.0 <= b.0 {
            ((a.0 + NODE_W, a.1 + NODE_H / 2), (b.0, b.1 + NODE_H / 2))
        } else {
            ((a.0, a.1 + NODE_H / 2), (b.0 + NODE_W, b.1 + NODE_H / 2))
        };
        if a.0 == b.0 {
            // Same column: an arc on the right side.
            curves.arc(
                a.0 + NODE_W,
                (a.1 + NODE_H / 2, b.1 + NODE_H / 2),
                30,
                arc_class(*relation),
            );
        } else {
            curves.edge(start, end, edge_class(*relation));
        }
    }
    curves.write(&mut out);
    for node in nodes {
        if let Some((x, y)) = positions.get(node.id) {
            node_svg(&mut out, node, *x, *y, false);
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node<'r>(id: &'r str, title: &'r str) -> MapNode<'r> {
        MapNode {
            id,
            title: title.into(),
            url: format!("/en/x/{id}/").into(),
            kind: Kind::Principle,
        }
    }

    #[test]
    fn curve_classes_name_their_relation() {
        for relation in RelationKind::ALL {
            let name = relation.name();
            assert_eq!(edge_class(relation), format!("map-edge map-{name}"));
            assert_eq!(arc_class(relation), format!("map-edge map-arc map-{name}"));
        }
    }

    #[test]
    fn entry_map_escapes_titles_and_marks_contrasts() {
        let map = EntryMap {
            center: node("a", "Say <b>why</b> & part"),
            incoming: vec![(node("b", "B"), RelationKind::Related)],
            outgoing: vec![(node("c", "Raise the price"), RelationKind::Contrasts)],
            more_label: String::new(),
        };
        let svg = entry_map_svg(&map, "Map");
        assert!(svg.contains("Say &lt;b&gt;why&lt;/b&gt; &amp; part"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("class=\"map-edge map-contrasts\""));
        assert_eq!(svg.matches("<a href").count(), 3);
    }

    #[test]
    fn long_sides_are_cut_with_a_label() {
        let ids: Vec<String> = (0..20).map(|i| format!("n{i}")).collect();
        let incoming = ids
            .iter()
            .map(|id| (node(id, "N"), RelationKind::Mention))
            .collect();
        let map = EntryMap {
            center: node("a", "A"),
            incoming,
            outgoing: vec![],
            more_label: "+6 more".into(),
        };
        let svg = entry_map_svg(&map, "Map");
        assert_eq!(svg.matches("<a href").count(), MAX_SIDE + 1);
        assert!(svg.contains("+6 more"));
    }

    #[test]
    fn runs_of_curves_of_one_kind_are_one_path_of_relative_curves() {
        let map = EntryMap {
            center: node("a", "A"),
            incoming: vec![
                (node("b", "B"), RelationKind::Mention),
                (node("c", "C"), RelationKind::Mention),
                (node("d", "D"), RelationKind::Related),
            ],
            outgoing: vec![],
            more_label: String::new(),
        };
        let svg = entry_map_svg(&map, "Map");
        // The same curves as `M208 21 C238 21 238 56 268 56` and so on.
        assert!(
            svg.contains(
                "<path d=\"M208 21c30 0 30 35 60 35M208 53c30 0 30 3 60 3\" class=\"map-edge map-mention\"/>\
                 <path d=\"M208 85c30 0 30 -29 60 -29\" class=\"map-edge map-related\"/>"
            ),
            "{svg}"
        );
    }

    #[test]
    fn a_cut_title_keeps_the_whole_one_as_a_tooltip() {
        let mut out = String::new();
        node_svg(&mut out, &node("a", "Коротка назва"), 0, 0, false);
        assert!(!out.contains("<title>") && out.contains(">Коротка назва</text>"));
        let long = "Тримайте звʼязок навіть тоді, коли нема чого продати";
        let mut out = String::new();
        node_svg(&mut out, &node("b", long), 0, 0, false);
        assert!(out.contains(&format!("<title>{long}</title>")));
        assert!(out.contains(">Тримайте звʼязок навіть…</text>"), "{out}");
    }

    #[test]
    fn titles_are_cut_by_their_width_not_their_length() {
        let ems = |text: &str| text.chars().map(char_ems).sum::<f32>();
        // The same number of letters is wider in Cyrillic than in Latin.
        let latin = "Keep in touch even with nothing to sell";
        let cyrillic = "Тримайте звʼязок навіть коли нема чого";
        let (latin_cut, cyrillic_cut) = (
            shorten(latin, TITLE_EMS).unwrap(),
            shorten(cyrillic, TITLE_EMS).unwrap(),
        );
        assert!(latin_cut.chars().count() > cyrillic_cut.chars().count());
        for cut in [latin_cut, cyrillic_cut] {
            assert!(cut.ends_with('…') && ems(&cut) <= TITLE_EMS, "{cut}");
        }
        assert_eq!(shorten("Short", TITLE_EMS), None);
        assert_eq!(shorten("Шшшш", 3.0).as_deref(), Some("Шш…"));
    }
}
