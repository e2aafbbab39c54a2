//! Editing the model by hand: a unit's line w1·x1 + w2·x2 + b = 0 dragged in its space, and one
//! weight typed in. Dragging the middle of a line translates it (only b changes); dragging an
//! end turns it about its middle, keeping ‖w‖ (so the unit's steepness stays) and its positive
//! side on the same side as before.

/// The new bias after moving the line by `by` (the pointer's displacement in data units).
pub fn translate(w: [f64; 2], b: f64, by: [f64; 2]) -> f64 {
    b - (w[0] * by[0] + w[1] * by[1])
}

/// The weights and bias of the line through `pivot` and `handle` with ‖w‖ kept and the normal
/// turned as little as possible; None when the two points coincide or w is zero.
pub fn rotate(w: [f64; 2], pivot: [f64; 2], handle: [f64; 2]) -> Option<([f64; 2], f64)> {
    let d = [handle[0] - pivot[0], handle[1] - pivot[1]];
    let len = d[0].hypot(d[1]);
    let norm = w[0].hypot(w[1]);
    if !(len.is_finite() && norm.is_finite()) || len <= 1e-12 || norm <= 1e-12 {
        return None;
    }
    let mut n = [-d[1] / len * norm, d[0] / len * norm];
    if n[0] * w[0] + n[1] * w[1] < 0.0 {
        n = [-n[0], -n[1]];
    }
    Some((n, -(n[0] * pivot[0] + n[1] * pivot[1])))
}

/// The point of the line nearest `centre` (the middle handle of a line drawn in a window).
pub fn middle(w: [f64; 2], b: f64, centre: [f64; 2]) -> Option<[f64; 2]> {
    let n2 = w[0] * w[0] + w[1] * w[1];
    if n2.is_nan() || n2 <= 1e-24 {
        return None;
    }
    let off = (w[0] * centre[0] + w[1] * centre[1] + b) / n2;
    Some([centre[0] - off * w[0], centre[1] - off * w[1]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(w: [f64; 2], b: f64, p: [f64; 2]) -> f64 {
        w[0] * p[0] + w[1] * p[1] + b
    }

    #[test]
    fn translating_moves_the_line_with_the_pointer() {
        let (w, b) = ([1.5, -0.5], 0.3);
        let on = middle(w, b, [0.0, 0.0]).unwrap();
        assert!(value(w, b, on).abs() < 1e-12);
        let by = [0.4, -0.7];
        let b2 = translate(w, b, by);
        // The moved line passes through the moved point, with the same w.
        assert!(value(w, b2, [on[0] + by[0], on[1] + by[1]]).abs() < 1e-12);
        assert!((b2 - (0.3 - (1.5 * 0.4 + 0.5 * 0.7))).abs() < 1e-12);
    }

    #[test]
    fn rotating_keeps_the_norm_the_pivot_and_the_side() {
        let (w, b) = ([2.0, 0.0], -1.0); // the vertical line x1 = 0.5, positive to the right
        let pivot = middle(w, b, [0.0, 0.0]).unwrap();
        assert_eq!(pivot, [0.5, 0.0]);
        // Drag the upper end to the upper right: the line leans by 45°.
        let (n, b2) = rotate(w, pivot, [1.5, 1.0]).unwrap();
        assert!((n[0].hypot(n[1]) - 2.0).abs() < 1e-12);
        assert!(value(n, b2, pivot).abs() < 1e-12);
        assert!(value(n, b2, [1.5, 1.0]).abs() < 1e-12);
        assert!((n[0] - 2f64.sqrt()).abs() < 1e-12 && (n[1] + 2f64.sqrt()).abs() < 1e-12);
        // The positive side stays to the right.
        assert!(value(n, b2, [3.0, 0.0]) > 0.0);
        // Dragging the end back restores the line.
        let (n3, b3) = rotate(n, pivot, [0.5, 1.0]).unwrap();
        assert!((n3[0] - 2.0).abs() < 1e-12 && n3[1].abs() < 1e-12 && (b3 + 1.0).abs() < 1e-12);
        assert!(rotate(w, pivot, pivot).is_none());
        assert!(rotate([0.0, 0.0], pivot, [1.0, 1.0]).is_none());
    }
}
