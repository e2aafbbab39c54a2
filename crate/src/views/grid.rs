//! A space view's heatmaps: the network evaluated on a grid over the view's window (from the
//! input plane, or from a hidden layer's plane origin + s·e1 + t·e2), and painted to RGBA.

use super::{same_shape, SpaceView};
use crate::config::Features;
use crate::data::Task;
use crate::nn::Mlp;
use crate::raster;
use nalgebra::DMatrix;

impl SpaceView {
    pub(super) fn evaluate_grid(
        &mut self,
        model: &Mlp,
        features: &Features,
        outputs: usize,
        hidden_units: usize,
    ) {
        let res = self.res;
        let ws = match &mut self.grid_ws {
            Some(ws) if ws.rows() == res && same_shape(ws, model) => ws,
            slot => slot.insert(model.workspace(res)),
        };
        let planes = outputs + (self.images - 1);
        self.values.resize(planes * res * res, 0.0);
        let regions = self.layer == 0 && self.regions.on;
        if regions {
            self.regions.start(res);
        }
        let (w, l0) = (self.window, self.layer);
        let dx = (w.x[1] - w.x[0]) / res as f64;
        let dy = (w.y[1] - w.y[0]) / res as f64;
        let last = model.layers.len();
        let maps = self.images > 1;
        for row in 0..res {
            let y = w.y[1] - (row as f64 + 0.5) * dy;
            for col in 0..res {
                let p = [w.x[0] + (col as f64 + 0.5) * dx, y];
                if l0 == 0 {
                    self.feature_row.clear();
                    self.feature_row.extend(features.0.iter().map(|f| f.of(p)));
                    for (k, v) in self.feature_row.iter().enumerate() {
                        ws.a[0][(col, k)] = *v;
                    }
                } else {
                    // The point (s, t) of the picture is origin + s·e1 + t·e2 in the layer.
                    let (o, e1, e2) =
                        (&self.basis.origin, &self.basis.axes[0], &self.basis.axes[1]);
                    for k in 0..self.width {
                        ws.a[l0][(col, k)] = o[k] + p[0] * e1[k] + p[1] * e2[k];
                    }
                }
            }
            model.forward_from(l0, ws);
            if regions {
                self.regions.record_row(row, &ws.z[..last - 1]);
            }
            let mut plane = 0;
            // Every output, then (in the input space) every hidden unit and every input.
            let hidden: &[DMatrix<f64>] = if maps { &ws.a[1..last] } else { &[] };
            let inputs: &[DMatrix<f64>] = if maps { &ws.a[..1] } else { &[] };
            for a in std::iter::once(&ws.a[last]).chain(hidden).chain(inputs) {
                // Column j of the batch is unit j at every point of this row (contiguous).
                for column in a.as_slice().chunks_exact(res) {
                    let base = (plane * res + row) * res;
                    for (v, &x) in self.values[base..base + res].iter_mut().zip(column) {
                        *v = x as f32;
                    }
                    plane += 1;
                }
            }
        }
        debug_assert!(!maps || planes == outputs + hidden_units + features.0.len());
        if regions {
            self.regions.paint();
        }
    }

    pub(super) fn paint(&mut self, model: &Mlp, outputs: usize) {
        let plane = self.res * self.res;
        self.rgba.resize(self.images * plane * 4, 255);
        let (out_values, rest) = self.values.split_at(outputs * plane);
        let (out_rgba, rest_rgba) = self.rgba.split_at_mut(plane * 4);
        match self.task {
            _ if self.discrete => {
                let k = match self.task {
                    Task::Binary => 1,
                    Task::Multiclass(k) => k,
                    Task::Regression => 0,
                };
                raster::discrete_rgba(&self.palette, out_values, k, plane, out_rgba)
            }
            Task::Binary => raster::probability_rgba(&self.palette, out_values, out_rgba),
            Task::Multiclass(k) => {
                raster::classes_rgba(&self.palette, out_values, k, plane, out_rgba)
            }
            Task::Regression => {
                raster::value_rgba(&self.palette, out_values, self.value_range as f32, out_rgba)
            }
        }
        let units = rest.len() - self.feature_maps * plane;
        let (unit_values, input_values) = rest.split_at(units);
        let (unit_rgba, input_rgba) = rest_rgba.split_at_mut(units * 4);
        raster::activation_rgba(&self.palette, model.activation, unit_values, unit_rgba);
        // An input's map is scaled by its largest magnitude on the window.
        for (v, px) in input_values
            .chunks_exact(plane)
            .zip(input_rgba.chunks_exact_mut(plane * 4))
        {
            let range = v.iter().fold(1e-9f32, |m, x| m.max(x.abs()));
            raster::value_rgba(&self.palette, v, range, px);
        }
    }
}
