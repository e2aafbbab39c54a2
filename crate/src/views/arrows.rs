//! What one training update did to the points it used, in a space view's own coordinates.
//!
//! In a hidden layer's space each point moves: the arrow goes from its place before the update
//! to its place after, both projected on the view's current axes (one basis for both, so the
//! arrow shows the update, not the axes turning). In the input plane the points stay where
//! they are and the output moves under them: the arrow is the displacement δ along the gradient
//! of the point's own-class probability s (under the weights before the update) that would have
//! changed s as much as the update did, δ = Δs·∇s/‖∇s‖² — it points where the update pushed the
//! point's output, towards its class where the update helped it.

use super::SpaceView;
use crate::config::Features;
use crate::data::Split;
use crate::nn::Mlp;
use crate::session::score;

/// Numbers per arrow: the point's index, where it is drawn (x, y), and its move (dx, dy).
pub const ARROW_STRIDE: usize = 5;
/// Arrows for at most this many points of a (big) minibatch, so that a frame stays cheap.
pub const MAX_ARROWS: usize = 1000;

impl SpaceView {
    /// Appends an arrow (see `ARROW_STRIDE`) for each training point in `points` (the first
    /// `MAX_ARROWS`), from the
    /// network `before` an update to `after` it; nothing when the view draws no plane.
    pub fn arrows(
        &self,
        before: &Mlp,
        after: &Mlp,
        features: &Features,
        data: &Split,
        points: &[usize],
        out: &mut Vec<f64>,
    ) {
        out.clear();
        if !self.available || self.dims() != 2 || before.sizes() != after.sizes() {
            return;
        }
        for &i in points.iter().take(MAX_ARROWS) {
            let (Some(&x), Some(&y)) = (data.train.x.get(i), data.train.y.get(i)) else {
                continue;
            };
            let (at, moved) = if self.layer == 0 {
                (x, output_move(before, after, features, x, y))
            } else {
                let from = self.place(before, features, x);
                let to = self.place(after, features, x);
                (to, [to[0] - from[0], to[1] - from[1]])
            };
            out.extend([i as f64, at[0], at[1], moved[0], moved[1]]);
        }
    }

    /// A point's coordinates in this view (a hidden layer's) under `model`.
    fn place(&self, model: &Mlp, features: &Features, x: [f64; 2]) -> [f64; 2] {
        let mut ws = model.workspace(1);
        for (k, f) in features.0.iter().enumerate() {
            ws.a[0][(0, k)] = f.of(x);
        }
        model.forward_between(0, self.layer, &mut ws);
        let acts: Vec<f64> = ws.a[self.layer].row(0).iter().copied().collect();
        let mut xy = Vec::with_capacity(2);
        self.basis.coordinates(&acts, &mut xy);
        [xy[0], xy[1]]
    }
}

/// δ = Δs·∇s/‖∇s‖² at input `x` (∇s by central differences under `before`); zero where s is
/// flat.
pub fn output_move(
    before: &Mlp,
    after: &Mlp,
    features: &Features,
    x: [f64; 2],
    y: f64,
) -> [f64; 2] {
    let change = score(after, features, x, y) - score(before, features, x, y);
    let mut grad = [0.0; 2];
    for (k, g) in grad.iter_mut().enumerate() {
        let h = 1e-5 * (1.0 + x[k].abs());
        let (mut up, mut down) = (x, x);
        up[k] += h;
        down[k] -= h;
        *g = (score(before, features, up, y) - score(before, features, down, y)) / (2.0 * h);
    }
    let norm2 = grad[0] * grad[0] + grad[1] * grad[1];
    if norm2 < 1e-18 || !change.is_finite() {
        return [0.0, 0.0];
    }
    [change * grad[0] / norm2, change * grad[1] / norm2]
}
