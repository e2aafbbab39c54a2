//! Where a view's points go: their activations in the view's layer, the axes chosen for that
//! layer (the plane, its units or principal directions), and each point's coordinates on them.

use super::basis::{self, Next};
use super::{SpaceView, COARSE_PCA_WORK, PCA_WORK};
use crate::config::Features;
use crate::data::{Split, Task};
use crate::nn::{Mlp, Workspace};
use nalgebra::DMatrix;

impl SpaceView {
    pub(super) fn place_points(
        &mut self,
        model: &Mlp,
        features: &Features,
        data: &Split,
        ws: &mut Workspace,
    ) {
        self.origins.clear();
        for set in [&data.train, &data.test] {
            self.origins.extend(set.x.iter().flatten());
        }
        self.acts.clear();
        if self.layer > 0 {
            for set in [&data.train, &data.test] {
                activations(model, features, &set.x, self.layer, ws, &mut self.acts);
            }
        }
    }

    pub(super) fn choose_basis(&mut self, model: &Mlp) {
        if self.layer == 0 {
            self.basis = basis::plane();
            return;
        }
        let width = self.width;
        let n = self.acts.len() / width.max(1);
        // The principal components from at most PCA_WORK / width² points, evenly spread.
        let work = if self.coarse {
            COARSE_PCA_WORK
        } else {
            PCA_WORK
        };
        let take = (work / (width * width).max(1)).clamp(2, n.max(2)).min(n);
        let stride = (n / take.max(1)).max(1);
        let rows: Vec<usize> = (0..n).step_by(stride).take(take).collect();
        let sample = DMatrix::from_fn(rows.len(), width, |r, c| self.acts[rows[r] * width + c]);
        let next_layer = &model.layers[self.layer];
        let next = if self.layer + 1 == model.layers.len() {
            match self.task {
                Task::Multiclass(_) => Next::Classes(&next_layer.w),
                _ => Next::OneOutput(next_layer.w.column(0).into_owned()),
            }
        } else {
            Next::Hidden
        };
        let previous = std::mem::take(&mut self.basis.axes);
        self.basis = basis::choose(self.layer, width, &sample, next, &self.request, &previous);
    }

    pub(super) fn project_points(&mut self) {
        self.points.clear();
        if self.layer == 0 {
            self.points.extend_from_slice(&self.origins);
            return;
        }
        for a in self.acts.chunks_exact(self.width.max(1)) {
            self.basis.coordinates(a, &mut self.points);
        }
    }
}

/// Appends every unit's activation in layer `layer` for each of `points`.
pub(super) fn activations(
    model: &Mlp,
    features: &Features,
    points: &[[f64; 2]],
    layer: usize,
    ws: &mut Workspace,
    out: &mut Vec<f64>,
) {
    // A short chunk (the last, or a step's) computes its own rows only.
    ws.in_chunks(points.len(), |ws, chunk| {
        for (r, p) in points[chunk].iter().enumerate() {
            for (k, f) in features.0.iter().enumerate() {
                ws.a[0][(r, k)] = f.of(*p);
            }
        }
        model.forward_between(0, layer, ws);
        let a = &ws.a[layer];
        for r in 0..a.nrows() {
            out.extend((0..a.ncols()).map(|k| a[(r, k)]));
        }
    });
}
