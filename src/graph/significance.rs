//! How much a co-occurrence says: the signed log-likelihood ratio G² (Dunning 1993) of two
//! entities sharing sentences, and the disparity filter (Serrano, Boguñá and Vespignani 2009)
//! that keeps a graph's backbone.

/// Signed G² for two entities named together in `both` sentences, `a` and `b` sentences naming
/// each, out of `total` sentences:
///
/// G² = 2 Σ k·ln(k / E) over the four cells of the 2×2 table (both, a only, b only, neither),
/// E being each cell's count expected if the two were independent (row total × column total /
/// `total`). Positive when they share more sentences than expected, negative when fewer; about
/// 3.84 is significant at p = 0.05, 10.83 at p = 0.001. Rounded to three decimals so the same
/// input always prints the same number.
pub fn g2(both: u64, a: u64, b: u64, total: u64) -> f64 {
    let n = total.max(a.max(b)) as f64;
    let (k11, a, b) = (both as f64, a as f64, b as f64);
    let cells = [
        (k11, a * b / n),
        (a - k11, a * (n - b) / n),
        (b - k11, (n - a) * b / n),
        (n - a - b + k11, (n - a) * (n - b) / n),
    ];
    let g: f64 = cells
        .iter()
        .filter(|(k, e)| *k > 0.0 && *e > 0.0)
        .map(|(k, e)| k * (k / e).ln())
        .sum::<f64>()
        * 2.0;
    let signed = if k11 >= a * b / n { g } else { -g };
    (signed * 1000.0).round() / 1000.0
}

/// The disparity filter's p-value for an edge of weight `w` at a node of `strength` (the sum
/// of its edge weights) and `degree` edges: (1 − w/strength)^(degree − 1). A node with one edge
/// gives 1 (nothing to compare the edge with).
pub fn disparity(w: f64, strength: f64, degree: usize) -> f64 {
    if degree <= 1 || strength <= 0.0 {
        return 1.0;
    }
    (1.0 - w / strength).powi(degree as i32 - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked by hand. 100 sentences; A in 10, B in 10, together in 8: the table is 8, 2, 2, 88
    /// with expected 1, 9, 9, 81, so G² = 2(8 ln 8 + 2 ln(2/9) + 2 ln(2/9) + 88 ln(88/81))
    /// = 2(16.6355 − 3.0082 − 3.0082 + 7.2941) = 35.827.
    #[test]
    fn g2_of_a_strong_pair() {
        assert_eq!(g2(8, 10, 10, 100), 35.827);
        // Together exactly as often as chance predicts: 0.
        assert_eq!(g2(1, 10, 10, 100), 0.0);
        // Less often than chance: negative. Table 0, 50, 50, 0 with expected 25 each:
        // G² = 2(50 ln 2 + 50 ln 2) = 138.629.
        assert_eq!(g2(0, 50, 50, 100), -138.629);
    }

    /// Worked by hand: a node with edges of weights 8, 1, 1 (strength 10, degree 3) gives the
    /// heavy edge (1 − 0.8)² = 0.04 and each light one (1 − 0.1)² = 0.81.
    #[test]
    fn disparity_of_a_hub() {
        assert!((disparity(8.0, 10.0, 3) - 0.04).abs() < 1e-12);
        assert!((disparity(1.0, 10.0, 3) - 0.81).abs() < 1e-12);
        assert_eq!(disparity(5.0, 5.0, 1), 1.0);
    }
}
