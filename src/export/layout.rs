//! Node positions for `graph.html`, computed before the page opens so it draws at once: a
//! ForceAtlas2-style layout (Jacomy et al. 2014). Edges pull their ends together in proportion to
//! distance, every pair of nodes pushes apart in proportion to the product of their degrees over
//! distance, and a gravity growing with the distance keeps unlinked parts near the centre. Repulsion over all pairs is
//! approximated with a Barnes-Hut quadtree, so a step costs O(n log n).
//!
//! Deterministic: the starting positions come from a hash of each node's id, the number of steps
//! is fixed, and no step depends on the clock or on thread timing, so the same graph always
//! gives the same positions (and the page the same bytes).

use rayon::prelude::*;

/// Steps run for graphs of up to [`SMALL`] nodes; bigger graphs get fewer (see [`steps`]).
const STEPS: usize = 300;
const SMALL: usize = 500;
/// Repulsion strength (ForceAtlas2's "scaling ratio").
const SCALING: f64 = 10.0;
/// Pull toward the centre, in proportion to a node's mass and its distance from the centre.
const GRAVITY: f64 = 0.05;
/// Barnes-Hut opening criterion: a cell this much smaller than its distance counts as one body.
const THETA: f64 = 1.5;
/// Deeper than this, bodies sharing a cell (the same point) are summed exactly.
const MAX_DEPTH: u32 = 24;

/// Positions for `n` nodes named by `ids`, linked by `edges` (`(from, to, weight)`; indices into
/// `ids`, weights above 0). Returns one `[x, y]` per node, centred near 0.
pub fn layout(ids: &[&str], edges: &[(usize, usize, f64)]) -> Vec<[f64; 2]> {
    let n = ids.len();
    let mut pos: Vec<[f64; 2]> = ids.iter().map(|id| seed(id, n)).collect();
    if n < 2 {
        return pos;
    }
    let mut mass = vec![1.0f64; n];
    // Edge weights grow a pull only slowly: a pair named together in 100 sentences should sit
    // close, not on top of each other.
    let edges: Vec<(usize, usize, f64)> = edges
        .iter()
        .filter(|&&(a, b, _)| a != b && a < n && b < n)
        .map(|&(a, b, w)| {
            mass[a] += 1.0;
            mass[b] += 1.0;
            (a, b, 1.0 + w.max(1.0).ln())
        })
        .collect();
    let mut old = vec![[0.0f64; 2]; n];
    for _ in 0..steps(n) {
        let tree = Tree::build(&pos, &mass);
        let mut force: Vec<[f64; 2]> = (0..n)
            .into_par_iter()
            .map(|i| {
                let [rx, ry] = tree.repulsion(i, &pos, &mass);
                // "Strong" gravity, growing with the distance from the centre: a graph of many
                // small components (most corpora) stays one picture instead of a cluster with
                // far-flung islands around it.
                let [x, y] = pos[i];
                let g = GRAVITY * mass[i];
                [rx - x * g, ry - y * g]
            })
            .collect();
        for &(a, b, w) in &edges {
            let dx = pos[a][0] - pos[b][0];
            let dy = pos[a][1] - pos[b][1];
            force[a][0] -= dx * w;
            force[a][1] -= dy * w;
            force[b][0] += dx * w;
            force[b][1] += dy * w;
        }
        // A node whose force keeps changing direction (swinging) moves less, so the layout
        // settles instead of oscillating.
        for i in 0..n {
            let [fx, fy] = force[i];
            let swing = mass[i] * ((old[i][0] - fx).powi(2) + (old[i][1] - fy).powi(2)).sqrt();
            let factor = 1.0 / (1.0 + swing.sqrt());
            pos[i][0] += fx * factor;
            pos[i][1] += fy * factor;
            old[i] = [fx, fy];
        }
    }
    pos
}

/// Steps for `n` nodes: the full count for small graphs, fewer for big ones (whose steps cost
/// more and which nobody reads node by node), so 5,000 nodes take a fraction of a second.
fn steps(n: usize) -> usize {
    if n <= SMALL {
        STEPS
    } else {
        (STEPS * SMALL / n).max(60)
    }
}

/// A starting position from the id alone (FNV-1a, then two halves of the hash as a point in a
/// disc whose area grows with the node count).
fn seed(id: &str, n: usize) -> [f64; 2] {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // Mix the high bits down (splitmix64's finaliser) so ids that differ only at the end spread.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    let u = (h >> 32) as f64 / f64::from(u32::MAX);
    let v = (h & 0xffff_ffff) as f64 / f64::from(u32::MAX);
    let r = 10.0 * (n as f64).sqrt() * u.sqrt();
    let a = v * std::f64::consts::TAU;
    [r * a.cos(), r * a.sin()]
}

/// A quadtree cell: the mass and centre of mass of the bodies in it.
struct Cell {
    /// Side length.
    size: f64,
    mass: f64,
    centre: [f64; 2],
    /// Children (indices into `Tree::cells`; [`NONE`] where a quadrant is empty), all [`NONE`]
    /// for a leaf.
    children: [u32; 4],
    /// For a leaf: its bodies, a range of `Tree::order`.
    bodies: std::ops::Range<usize>,
}

const NONE: u32 = u32::MAX;

/// The Barnes-Hut tree of one step.
struct Tree {
    cells: Vec<Cell>,
    order: Vec<u32>,
    /// Reused by [`Tree::split`].
    scratch: Vec<u32>,
}

impl Tree {
    fn build(pos: &[[f64; 2]], mass: &[f64]) -> Tree {
        let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
        for p in pos {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        let size = (hi[0] - lo[0]).max(hi[1] - lo[1]).max(1e-9);
        let mut tree = Tree {
            cells: Vec::with_capacity(pos.len() * 2),
            order: (0..pos.len() as u32).collect(),
            scratch: Vec::with_capacity(pos.len()),
        };
        tree.split(0..pos.len(), lo, size, 0, pos, mass);
        tree
    }

    /// Adds the cell of the bodies `order[range]`, inside the square at `corner` of side `size`,
    /// and returns its index.
    fn split(
        &mut self,
        range: std::ops::Range<usize>,
        corner: [f64; 2],
        size: f64,
        depth: u32,
        pos: &[[f64; 2]],
        mass: &[f64],
    ) -> u32 {
        let (mut m, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for &b in &self.order[range.clone()] {
            let b = b as usize;
            m += mass[b];
            cx += pos[b][0] * mass[b];
            cy += pos[b][1] * mass[b];
        }
        let index = self.cells.len() as u32;
        self.cells.push(Cell {
            size,
            mass: m,
            centre: [cx / m, cy / m],
            children: [NONE; 4],
            bodies: range.clone(),
        });
        if range.len() <= 1 || depth >= MAX_DEPTH {
            return index;
        }
        let half = size / 2.0;
        let quadrant = |b: u32| {
            let [x, y] = pos[b as usize];
            usize::from(x >= corner[0] + half) + 2 * usize::from(y >= corner[1] + half)
        };
        // A stable counting sort of the range by quadrant, through the scratch buffer.
        let mut counts = [0usize; 4];
        self.scratch.clear();
        for &b in &self.order[range.clone()] {
            counts[quadrant(b)] += 1;
            self.scratch.push(b);
        }
        let mut next = [0usize; 4];
        for q in 1..4 {
            next[q] = next[q - 1] + counts[q - 1];
        }
        for k in 0..self.scratch.len() {
            let b = self.scratch[k];
            let q = quadrant(b);
            self.order[range.start + next[q]] = b;
            next[q] += 1;
        }
        let mut start = range.start;
        let mut children = [NONE; 4];
        for (q, &count) in counts.iter().enumerate() {
            let end = start + count;
            if end > start {
                let c = [
                    corner[0] + half * (q % 2) as f64,
                    corner[1] + half * (q / 2) as f64,
                ];
                children[q] = self.split(start..end, c, half, depth + 1, pos, mass);
            }
            start = end;
        }
        self.cells[index as usize].children = children;
        index
    }

    /// The push on body `i` from every other body: `SCALING · m_i · m_j / d`, away from each.
    fn repulsion(&self, i: usize, pos: &[[f64; 2]], mass: &[f64]) -> [f64; 2] {
        let [x, y] = pos[i];
        let mut f = [0.0, 0.0];
        let mut push = |dx: f64, dy: f64, m: f64| {
            let d2 = dx * dx + dy * dy;
            // Two bodies on one point: no direction to push in; the seed spread them, and the
            // attraction of different neighbours soon separates them.
            if d2 > 1e-18 {
                let k = SCALING * mass[i] * m / d2;
                f[0] += dx * k;
                f[1] += dy * k;
            }
        };
        // Depth-first; at most three siblings wait per level, so a fixed stack is enough.
        let mut stack = [0u32; 4 * MAX_DEPTH as usize + 4];
        let mut top = 1;
        while top > 0 {
            top -= 1;
            let cell = &self.cells[stack[top] as usize];
            let (dx, dy) = (x - cell.centre[0], y - cell.centre[1]);
            let d2 = dx * dx + dy * dy;
            if cell.children == [NONE; 4] {
                for &b in &self.order[cell.bodies.clone()] {
                    if b as usize != i {
                        push(
                            x - pos[b as usize][0],
                            y - pos[b as usize][1],
                            mass[b as usize],
                        );
                    }
                }
            } else if cell.size * cell.size < THETA * THETA * d2 {
                push(dx, dy, cell.mass);
            } else {
                for &child in cell.children.iter().filter(|&&c| c != NONE) {
                    stack[top] = child;
                    top += 1;
                }
            }
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(p: &[[f64; 2]], a: usize, b: usize) -> f64 {
        ((p[a][0] - p[b][0]).powi(2) + (p[a][1] - p[b][1]).powi(2)).sqrt()
    }

    /// Two triangles joined by one edge, and a node alone.
    fn sample() -> (Vec<String>, Vec<(usize, usize, f64)>) {
        let ids = (0..7).map(|i| format!("e{i}")).collect();
        let edges = vec![
            (0, 1, 3.0),
            (1, 2, 1.0),
            (0, 2, 2.0),
            (3, 4, 1.0),
            (4, 5, 5.0),
            (3, 5, 1.0),
            (2, 3, 1.0),
        ];
        (ids, edges)
    }

    #[test]
    fn same_graph_same_positions() {
        let (ids, edges) = sample();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let a = layout(&ids, &edges);
        let b = layout(&ids, &edges);
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        // Threads do not change it: the forces are summed per node, in a fixed order.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let c = pool.install(|| layout(&ids, &edges));
        assert_eq!(format!("{a:?}"), format!("{c:?}"));
    }

    #[test]
    fn linked_nodes_sit_closer_than_unlinked_ones() {
        let (ids, edges) = sample();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let p = layout(&ids, &edges);
        let within = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)];
        let longest_edge = within
            .iter()
            .map(|&(a, b)| distance(&p, a, b))
            .fold(0.0, f64::max);
        // Every node of one triangle is farther from every node of the other (bar the bridge's
        // ends) than any edge inside a triangle is long.
        for a in [0, 1] {
            for b in [4, 5] {
                assert!(distance(&p, a, b) > longest_edge, "{a}-{b}: {p:?}");
            }
        }
        // The lone node is pushed away from everything.
        for a in 0..6 {
            assert!(distance(&p, 6, a) > longest_edge, "6-{a}: {p:?}");
        }
    }

    /// `k` clusters of `size` nodes, each node linked to four of its own cluster, every tenth
    /// also to one elsewhere; returns the ratio of the mean distance inside clusters to the mean
    /// distance between them.
    fn cluster_ratio(k: usize, size: usize) -> f64 {
        let n = k * size;
        let ids: Vec<String> = (0..n).map(|i| format!("n{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut edges = Vec::new();
        for i in 0..n {
            let base = i - i % size;
            for step in [1, 3, 7, 11] {
                edges.push((i, base + (i + step) % size, 1.0));
            }
            if i % 10 == 0 {
                edges.push((i, (i * 37 + 1234) % n, 1.0));
            }
        }
        let p = layout(&ids, &edges);
        let (mut inside, mut across) = ((0.0, 0), (0.0, 0));
        for a in (0..n).step_by(7) {
            for b in (0..n).step_by(11) {
                let d = distance(&p, a, b);
                if a / size == b / size {
                    inside = (inside.0 + d, inside.1 + 1);
                } else {
                    across = (across.0 + d, across.1 + 1);
                }
            }
        }
        (inside.0 / f64::from(inside.1)) / (across.0 / f64::from(across.1))
    }

    #[test]
    fn clusters_stay_apart() {
        let ratio = cluster_ratio(20, 50);
        assert!(ratio < 0.3, "{ratio}");
    }

    #[test]
    #[ignore = "prints the cluster separation and time of a 5,000-node layout"]
    fn clusters_of_five_thousand() {
        let start = std::time::Instant::now();
        let ratio = cluster_ratio(50, 100);
        eprintln!(
            "5,000 nodes: inside/across {ratio:.3} in {:?}",
            start.elapsed()
        );
    }

    #[test]
    fn big_and_degenerate_graphs_give_finite_positions() {
        // A star, a chain, duplicate edges, a self-loop, an edge to a missing node, ids that
        // collide on nothing but still sit close: no NaN, no infinity.
        let ids: Vec<String> = (0..3000).map(|i| format!("node-{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut edges: Vec<(usize, usize, f64)> = (1..1000).map(|i| (0, i, 1.0)).collect();
        edges.extend((1000..2999).map(|i| (i, i + 1, 7.0)));
        edges.push((5, 5, 1.0));
        edges.push((1, 0, 1.0));
        edges.push((1, 99_999, 1.0));
        let p = layout(&ids, &edges);
        assert_eq!(p.len(), 3000);
        assert!(p.iter().flatten().all(|v| v.is_finite()), "not finite");
        // The same id twice starts on the same point: still finite.
        let p = layout(&["a", "a", "b"], &[(0, 2, 1.0)]);
        assert!(p.iter().flatten().all(|v| v.is_finite()), "{p:?}");
        assert_eq!(layout(&[], &[]), Vec::<[f64; 2]>::new());
        assert_eq!(layout(&["x"], &[]).len(), 1);
    }

    #[test]
    fn five_thousand_nodes_take_well_under_a_second() {
        let ids: Vec<String> = (0..5000).map(|i| format!("Q{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        // Each node linked to three others, spread over the graph.
        let edges: Vec<(usize, usize, f64)> = (0..5000)
            .flat_map(|i| [1, 17, 389].map(|k| (i, (i * 7 + k) % 5000, 1.0)))
            .collect();
        let start = std::time::Instant::now();
        let p = layout(&ids, &edges);
        let took = start.elapsed();
        assert!(p.iter().flatten().all(|v| v.is_finite()));
        // About 0.1 s of CPU in release; the bound leaves room for a machine shared with other
        // builds, and for debug builds, several times slower.
        let limit = if cfg!(debug_assertions) { 30.0 } else { 3.0 };
        assert!(took.as_secs_f64() < limit, "{took:?}");
    }
}
