//! `kg render --layout geo`: the view as a map. Places with coordinates sit at their point
//! (equirectangular: x grows with longitude, y with latitude, one scale for both), every other
//! entity beside the place it is most tied to (a state or city before a country), and country
//! borders (Natural Earth 1:110m, see
//! `outlines/`) are drawn beneath as lines between invisible points. The DOT pins every node
//! (`pos="x,y!"`) for `neato -n`, which draws it without moving anything.

use std::collections::BTreeMap;
use std::fmt::Write;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use crate::error::{Error, Result};
use crate::export::view::View;
use crate::graph::KnowledgeGraph;

/// Country borders: one arc a line, `lon,lat` pairs (`outlines/make.sh` rebuilds it).
const OUTLINES: &str = include_str!("outlines/countries.txt");

/// The map's width in points (72 a inch) and its greatest height.
const WIDTH: f64 = 2000.0;
const MAX_HEIGHT: f64 = 1400.0;
/// How far from its anchor a satellite is drawn, and places sharing a point from each other.
const SATELLITE: f64 = 70.0;
const SHARED: f64 = 36.0;

/// Where each node is drawn, in points.
pub type Positions = BTreeMap<NodeIndex, (f64, f64)>;

/// Where the map is: the longitudes and latitudes it spans and points per degree.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// West and east edges.
    pub lon: (f64, f64),
    /// South and north edges.
    pub lat: (f64, f64),
    /// Points per degree.
    pub scale: f64,
}

impl Frame {
    /// The frame around `points` (lat, lon), with a margin of a tenth of the span (2 degrees at
    /// least).
    fn around(points: &[(f64, f64)]) -> Frame {
        let (mut s, mut n, mut w, mut e) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
        for &(lat, lon) in points {
            (s, n, w, e) = (s.min(lat), n.max(lat), w.min(lon), e.max(lon));
        }
        let pad = |a: f64, b: f64| ((b - a) * 0.1).max(2.0);
        let (plat, plon) = (pad(s, n), pad(w, e));
        let lat = ((s - plat).max(-90.0), (n + plat).min(90.0));
        let lon = ((w - plon).max(-180.0), (e + plon).min(180.0));
        let fit = (WIDTH / (lon.1 - lon.0)).min(MAX_HEIGHT / (lat.1 - lat.0));
        // Places crowded in one region (five Mexican states on a world map) get room: the
        // median distance from a place to its nearest other place becomes about 90 points, as
        // long as the map stays under twice the usual size.
        let roomy = nearest_median(points).map_or(fit, |d| 90.0 / d);
        let scale = fit.max(roomy.min(2.0 * fit));
        Frame { lon, lat, scale }
    }

    /// The point (x, y) of a latitude and longitude.
    pub fn project(&self, lat: f64, lon: f64) -> (f64, f64) {
        (
            (lon - self.lon.0) * self.scale,
            (lat - self.lat.0) * self.scale,
        )
    }

    fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.lat.0..=self.lat.1).contains(&lat) && (self.lon.0..=self.lon.1).contains(&lon)
    }
}

/// The median over distinct points of the distance in degrees to the nearest other point.
fn nearest_median(points: &[(f64, f64)]) -> Option<f64> {
    let mut distinct: Vec<(f64, f64)> = points.to_vec();
    distinct.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    distinct.dedup();
    let mut nearest: Vec<f64> = distinct
        .iter()
        .map(|&(a, b)| {
            distinct
                .iter()
                .filter(|&&p| p != (a, b))
                .map(|&(c, d)| (a - c).hypot(b - d))
                .fold(f64::INFINITY, f64::min)
        })
        .filter(|d| d.is_finite() && *d > 0.0)
        .collect();
    nearest.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    nearest.get(nearest.len() / 2).copied()
}

/// Where each node of the view goes, and the frame.
///
/// # Errors
/// [`Error::Usage`] when no place of the view has coordinates: there is nothing to map.
pub fn layout(kg: &KnowledgeGraph, view: &View) -> Result<(Positions, Frame)> {
    let g = &kg.graph;
    let placed: Vec<(NodeIndex, (f64, f64))> = view
        .nodes
        .iter()
        .filter_map(|&i| Some((i, (g[i].latitude?, g[i].longitude?))))
        .collect();
    if placed.is_empty() {
        return Err(Error::Usage(
            "--layout geo: no place in the view has coordinates (the gazetteer's lat= and lon=); draw it with another layout"
                .to_string(),
        ));
    }
    let frame = Frame::around(&placed.iter().map(|p| p.1).collect::<Vec<_>>());
    let mut at = BTreeMap::new();
    // Places on one point (a country drawn at its biggest city, the city itself) share it on
    // a small ring around it, in id order.
    let mut by_point: BTreeMap<(i64, i64), Vec<NodeIndex>> = BTreeMap::new();
    for &(i, (lat, lon)) in &placed {
        let (x, y) = frame.project(lat, lon);
        by_point
            .entry(((x / 4.0).round() as i64, (y / 4.0).round() as i64))
            .or_default()
            .push(i);
    }
    for &(i, (lat, lon)) in &placed {
        let (x, y) = frame.project(lat, lon);
        let key = ((x / 4.0).round() as i64, (y / 4.0).round() as i64);
        let group = &by_point[&key];
        let k = group.iter().position(|&j| j == i).unwrap_or(0);
        let (dx, dy) = if k == 0 {
            (0.0, 0.0)
        } else {
            ring(k - 1, group.len() - 1, SHARED)
        };
        at.insert(i, (x + dx, y + dy));
    }
    // Everything else goes beside the drawn node it shares most sentences with, rounds after
    // rounds (a person tied only to an organization follows it); satellites of one anchor
    // spread around it.
    let mut satellites: BTreeMap<NodeIndex, usize> = BTreeMap::new();
    loop {
        let mut added = Vec::new();
        for &i in view.nodes.iter().filter(|i| !at.contains_key(i)) {
            let mut ties: BTreeMap<NodeIndex, u32> = BTreeMap::new();
            for e in g
                .edges(i)
                .chain(g.edges_directed(i, petgraph::Direction::Incoming))
            {
                let other = if e.source() == i {
                    e.target()
                } else {
                    e.source()
                };
                if at.contains_key(&other) && view.nodes.contains(&other) {
                    *ties.entry(other).or_default() += e.weight().weight;
                }
            }
            // The heaviest tie to a place inside a country (a state, a city), else the heaviest
            // of all: a country is drawn at one city, and a cartel of Jalisco tied to the USA
            // in many sentences belongs by Jalisco, not by New York. The first in index order on
            // a tie, so the picture is stable.
            let specific = |a: &NodeIndex| g[*a].latitude.is_some() && !g[*a].within.is_empty();
            let best = |only_specific: bool| {
                ties.iter()
                    .filter(|(a, _)| !only_specific || specific(a))
                    .max_by_key(|(a, w)| (**w, std::cmp::Reverse(**a)))
                    .map(|(a, _)| *a)
            };
            if let Some(anchor) = best(true).or_else(|| best(false)) {
                added.push((i, anchor));
            }
        }
        if added.is_empty() {
            break;
        }
        for (i, anchor) in added {
            let k = satellites.entry(anchor).or_default();
            let (dx, dy) = spiral(*k);
            *k += 1;
            let (x, y) = at[&anchor];
            at.insert(i, (x + dx, y + dy));
        }
    }
    // Entities tied to nothing drawn: rows under the map.
    let loose: Vec<NodeIndex> = view
        .nodes
        .iter()
        .copied()
        .filter(|i| !at.contains_key(i))
        .collect();
    for (k, i) in loose.into_iter().enumerate() {
        at.insert(
            i,
            (90.0 + 180.0 * (k % 8) as f64, -60.0 - 40.0 * (k / 8) as f64),
        );
    }
    let sizes: BTreeMap<NodeIndex, (f64, f64)> = view
        .nodes
        .iter()
        .map(|&i| {
            let mark = g[i].latitude.is_some() && g[i].longitude.is_some();
            (
                i,
                if mark {
                    (16.0, 14.0)
                } else {
                    label_box(&g[i].name, g[i].mentions)
                },
            )
        })
        .collect();
    let fixed: Vec<NodeIndex> = placed.iter().map(|p| p.0).collect();
    spread(&mut at, &sizes, &fixed);
    Ok((at, frame))
}

/// About the box a node's label takes, in points (width, height): Helvetica averages about
/// 0.6 em a character, and shapes add a margin.
fn label_box(name: &str, mentions: u32) -> (f64, f64) {
    let size = crate::export::dot::font_size(mentions, true);
    (0.6 * size * name.chars().count() as f64 + 24.0, 2.2 * size)
}

/// Pushes apart the boxes that overlap, moving only the nodes not in `fixed` (places stay on
/// their point): each round, an overlapping pair moves apart along the axis where they overlap
/// least, in index order so the same graph gives the same picture.
fn spread(
    at: &mut BTreeMap<NodeIndex, (f64, f64)>,
    sizes: &BTreeMap<NodeIndex, (f64, f64)>,
    fixed: &[NodeIndex],
) {
    const GAP: f64 = 4.0;
    let nodes: Vec<NodeIndex> = at.keys().copied().collect();
    for _ in 0..200 {
        let mut moved = false;
        for (ia, &a) in nodes.iter().enumerate() {
            for &b in &nodes[ia + 1..] {
                let (fa, fb) = (fixed.contains(&a), fixed.contains(&b));
                if fa && fb {
                    continue;
                }
                let ((xa, ya), (xb, yb)) = (at[&a], at[&b]);
                let ((wa, ha), (wb, hb)) = (sizes[&a], sizes[&b]);
                let (dx, dy) = (xb - xa, yb - ya);
                let ox = (wa + wb) / 2.0 + GAP - dx.abs();
                let oy = (ha + hb) / 2.0 + GAP - dy.abs();
                if ox <= 0.0 || oy <= 0.0 {
                    continue;
                }
                moved = true;
                let sign = |d: f64| if d < 0.0 { -1.0 } else { 1.0 };
                let (mx, my) = if oy <= ox {
                    (0.0, oy * sign(dy))
                } else {
                    (ox * sign(dx), 0.0)
                };
                // Both move half the way, or the free one all of it.
                let (share_a, share_b) = match (fa, fb) {
                    (true, _) => (0.0, 1.0),
                    (_, true) => (1.0, 0.0),
                    _ => (0.5, 0.5),
                };
                at.insert(a, (xa - mx * share_a, ya - my * share_a));
                at.insert(b, (xb + mx * share_b, yb + my * share_b));
            }
        }
        if !moved {
            break;
        }
    }
}

/// The k-th of n places on a ring of radius r, starting at the top.
fn ring(k: usize, n: usize, r: f64) -> (f64, f64) {
    let a = std::f64::consts::FRAC_PI_2 - std::f64::consts::TAU * k as f64 / n.max(1) as f64;
    (r * a.cos(), r * a.sin())
}

/// The k-th satellite of an anchor: eight on a first ring, then wider rings.
fn spiral(k: usize) -> (f64, f64) {
    let (ring_no, slot) = (k / 8, k % 8);
    // Rings turn by half a slot so satellites of the next ring fall between.
    let a = std::f64::consts::TAU * (slot as f64 + 0.5 * (ring_no % 2) as f64) / 8.0 - 0.3;
    let r = SATELLITE * (1.0 + ring_no as f64);
    (r * a.cos(), r * a.sin())
}

/// The view as DOT for `neato -n`: nodes pinned, borders beneath.
///
/// # Errors
/// As [`layout`].
pub fn render(kg: &KnowledgeGraph, view: &View) -> Result<Vec<u8>> {
    let (at, frame) = layout(kg, view)?;
    let mut dot = String::from_utf8(crate::export::dot::render_at(kg, view, Some(&at)))
        .expect("DOT is UTF-8");
    let end = dot.trim_end().rfind('}').expect("DOT ends with a brace");
    dot.truncate(end);
    dot.push_str(&borders(&frame));
    dot.push_str("}\n");
    Ok(dot.into_bytes())
}

/// The border segments inside the frame, as invisible points joined by light lines.
fn borders(frame: &Frame) -> String {
    let mut out = String::from(
        "  subgraph borders {\n    node [shape=point, style=invis, width=0, label=\"\"];\n    edge [dir=none, color=\"#B8C4CE\", penwidth=0.8, arrowhead=none];\n",
    );
    let mut n = 0;
    for line in OUTLINES.lines().filter(|l| !l.starts_with('#')) {
        let points: Vec<(f64, f64)> = line
            .split_whitespace()
            .filter_map(|p| {
                let (lon, lat) = p.split_once(',')?;
                Some((lat.parse().ok()?, lon.parse().ok()?))
            })
            .collect();
        let mut last: Option<(usize, f64)> = None;
        for (lat, lon) in points {
            if !frame.contains(lat, lon) {
                last = None;
                continue;
            }
            let (x, y) = frame.project(lat, lon);
            let _ = writeln!(out, "    b{n} [pos=\"{x:.1},{y:.1}!\"];");
            // A segment across the antimeridian would cross the whole map: skipped.
            if let Some((prev, prev_lon)) = last
                && (lon - prev_lon).abs() < 180.0
            {
                let _ = writeln!(out, "    b{prev} -> b{n};");
            }
            last = Some((n, lon));
            n += 1;
        }
    }
    out.push_str("  }\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn west_is_left_and_north_is_up_on_one_scale() {
        let f = Frame::around(&[(20.67, -103.35), (19.43, -99.13), (40.71, -74.01)]);
        let gdl = f.project(20.67, -103.35);
        let cdmx = f.project(19.43, -99.13);
        let nyc = f.project(40.71, -74.01);
        assert!(gdl.0 < cdmx.0 && cdmx.0 < nyc.0);
        assert!(cdmx.1 < gdl.1 && gdl.1 < nyc.1);
        // One scale for both axes: a degree is as long east as north.
        let (a, b) = (f.project(0.0, 0.0), f.project(1.0, 1.0));
        assert!(((b.0 - a.0) - (b.1 - a.1)).abs() < 1e-9);
        // Crowded places get room, up to twice the usual width.
        assert!(f.project(f.lat.1, f.lon.1).0 <= 2.0 * WIDTH + 1e-9);
    }

    #[test]
    fn borders_stay_in_the_frame() {
        let f = Frame::around(&[(20.67, -103.35), (19.43, -99.13)]);
        let dot = borders(&f);
        // The coast of Mexico between Puerto Vallarta and Veracruz: 11 points at this scale.
        assert_eq!(dot.matches("pos=").count(), 11, "Mexico's coast is drawn");
        assert!(dot.matches(" -> ").count() >= 6, "joined by lines");
        for pos in dot.split("pos=\"").skip(1) {
            let (xy, _) = pos.split_once('!').unwrap();
            let (x, y) = xy.split_once(',').unwrap();
            let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
            let (w, h) = f.project(f.lat.1, f.lon.1);
            assert!((0.0..=w + 0.1).contains(&x) && (0.0..=h + 0.1).contains(&y));
        }
    }
}
