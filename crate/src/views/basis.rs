//! How a hidden layer's space (one point per example, `width` numbers each) becomes a picture:
//! an affine plane (or 3-space) `a = origin + s·e1 + t·e2 (+ u·e3)` with orthonormal axes. The
//! layer's own two units, two or three units picked by the reader, or a projection chosen so
//! that the next layer's boundary stays a straight line where it can: for one output unit,
//! axis 1 is the output weights' direction (so its boundary is exactly the vertical line at
//! −b/‖w‖) and axis 2 the activations' first principal component orthogonal to it.

use super::eigen::leading_component;
use nalgebra::{DMatrix, DVector};
use serde::Serialize;

/// What the reader asked the axes to be (the element's `axes` key).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum AxesRequest {
    /// The units of a 2-wide layer, a 3D view of a 3-wide one, a projection of a wider one.
    #[default]
    Auto,
    /// The projection, whatever the width.
    Projection,
    /// These units (0-based), two for a plane, three for a 3D view.
    Units(Vec<usize>),
}

impl AxesRequest {
    /// `auto`, `projection`, or 2–3 unit numbers counted from 1 (`1,3`).
    pub fn parse(text: &str) -> Result<AxesRequest, String> {
        match text.trim() {
            "" | "auto" => Ok(AxesRequest::Auto),
            "projection" => Ok(AxesRequest::Projection),
            list => {
                let units = list
                    .split(',')
                    .map(|u| match u.trim().parse::<usize>() {
                        Ok(n) if n >= 1 => Ok(n - 1),
                        _ => Err(format!(
                            "'{}' is not a unit number (1, 2, …)",
                            crate::config::excerpt(u)
                        )),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                // Two or three units: a pairwise check (a sort here would bring the module a
                // second quicksort, ~3 KB).
                let repeated = || (1..units.len()).any(|i| units[..i].contains(&units[i]));
                if !(2..=3).contains(&units.len()) || repeated() {
                    return Err(
                        "give auto, projection, or two or three different unit numbers (1,3)"
                            .into(),
                    );
                }
                Ok(AxesRequest::Units(units))
            }
        }
    }
}

/// How the axes were chosen; the caption says it in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Mode {
    /// The input plane (x1, x2), or a 2-unit layer's own plane.
    Plane,
    /// Two units picked from a wider layer; the others held at their mean.
    Units,
    /// A projection of the whole layer.
    Projection,
    /// Three units, drawn as a turnable 3D scatter.
    Space3d,
}

pub struct Basis {
    pub mode: Mode,
    pub origin: DVector<f64>,
    /// Two orthonormal axes (three in 3D).
    pub axes: Vec<DVector<f64>>,
    /// Short names of the axes, for the tick labels.
    pub names: Vec<String>,
    /// What the axes are, in words.
    pub caption: String,
}

/// The next layer's weights, as the projection needs them.
pub enum Next<'a> {
    /// One output unit (binary or regression): its weight vector.
    OneOutput(DVector<f64>),
    /// A softmax output: weights per class as columns.
    Classes(&'a DMatrix<f64>),
    /// Another hidden layer.
    Hidden,
}

/// Chooses the axes for layer `layer` of `width` units; `acts` holds a sample of the points'
/// activations there (one row each).
pub fn choose(
    layer: usize,
    width: usize,
    acts: &DMatrix<f64>,
    next: Next,
    request: &AxesRequest,
    previous: &[DVector<f64>],
) -> Basis {
    let unit = |k: usize| {
        let mut e = DVector::zeros(width);
        e[k] = 1.0;
        e
    };
    let mean = column_means(acts, width);
    let units = match request {
        AxesRequest::Units(u) if u.iter().all(|&k| k < width) => Some(u.clone()),
        AxesRequest::Auto if width == 2 => Some(vec![0, 1]),
        AxesRequest::Auto if width == 3 => Some(vec![0, 1, 2]),
        _ => None,
    };
    if let Some(units) = units {
        let axes: Vec<_> = units.iter().map(|&k| unit(k)).collect();
        let mut origin = mean;
        for &k in &units {
            origin[k] = 0.0;
        }
        if width == units.len() {
            origin.fill(0.0);
        }
        let names: Vec<String> = units.iter().map(|k| format!("a{}", k + 1)).collect();
        let (mode, caption) = match (units.len(), width) {
            (3, _) => (Mode::Space3d, format!("Every point at its activations of units {} of layer {layer}.", list(&names))),
            (_, 2) => (Mode::Plane, format!("Every point at its activations (a1, a2) in layer {layer}.")),
            _ => (
                Mode::Units,
                format!("Units {} of layer {layer}'s {width}; the other units are held at their mean for the heatmap and lines.", list(&names)),
            ),
        };
        return Basis {
            mode,
            origin,
            axes,
            names,
            caption,
        };
    }
    let centred = centred_sample(acts, &mean);
    let along_output = matches!(next, Next::OneOutput(_));
    let (e1, e2, names, caption) = match next {
        Next::OneOutput(w) if w.norm() > 1e-12 => {
            let e1 = &w / w.norm();
            let e2 = axis(&centred, std::slice::from_ref(&e1), width);
            (
                e1,
                e2,
                vec!["w·a/‖w‖".to_string(), "PC ⊥ w".to_string()],
                format!("Layer {layer}'s {width} units seen along two axes: across, the output weights' direction w/‖w‖ (the output depends on this alone, so its boundary is exactly the vertical line); up, the activations' main spread at right angles to it (first principal component)."),
            )
        }
        Next::Classes(w) if w.ncols() >= 2 => {
            // The class boundaries depend on the differences of the class weights: the two
            // leading directions of those span the plane that keeps them best.
            let k = w.ncols();
            let mut d = DMatrix::zeros(k, width);
            for c in 0..k {
                for r in 0..width {
                    let mean_w: f64 = (0..k).map(|j| w[(r, j)]).sum::<f64>() / k as f64;
                    d[(c, r)] = w[(r, c)] - mean_w;
                }
            }
            let e1 = axis(&d, &[], width);
            let e2 = axis(&d, std::slice::from_ref(&e1), width);
            let exact = if k <= 3 {
                "every class boundary is exact here"
            } else {
                "the boundaries marked approximate are not exact"
            };
            (
                e1,
                e2,
                vec!["class axis 1".to_string(), "class axis 2".to_string()],
                format!("Layer {layer}'s {width} units seen in the plane of the two leading directions of the output's class-weight differences; {exact}."),
            )
        }
        _ => {
            let e1 = axis(&centred, &[], width);
            let e2 = axis(&centred, std::slice::from_ref(&e1), width);
            (
                e1,
                e2,
                vec!["PC 1".to_string(), "PC 2".to_string()],
                format!("Layer {layer}'s {width} units seen along the activations' two main directions (principal components); the next layer's lines are cut through the points' mean and marked where approximate."),
            )
        }
    };
    // Keep the sign of each axis from frame to frame, so the picture does not flip while training.
    let flip = |e: DVector<f64>, k: usize| match previous.get(k) {
        Some(p) if p.len() == e.len() && p.dot(&e) < 0.0 => -e,
        _ => e,
    };
    let e2 = flip(e2, 1);
    let e1 = if along_output { e1 } else { flip(e1, 0) };
    let origin = &mean - &e1 * e1.dot(&mean) - &e2 * e2.dot(&mean);
    Basis {
        mode: Mode::Projection,
        origin,
        axes: vec![e1, e2],
        names,
        caption,
    }
}

/// The input plane: (x1, x2) as they are.
pub fn plane() -> Basis {
    Basis {
        mode: Mode::Plane,
        origin: DVector::zeros(2),
        axes: vec![
            DVector::from_vec(vec![1.0, 0.0]),
            DVector::from_vec(vec![0.0, 1.0]),
        ],
        names: vec!["x1".into(), "x2".into()],
        caption: "The data in the input plane (x1, x2).".into(),
    }
}

fn list(names: &[String]) -> String {
    names.join(", ")
}

fn column_means(acts: &DMatrix<f64>, width: usize) -> DVector<f64> {
    let n = acts.nrows().max(1) as f64;
    DVector::from_fn(width, |k, _| acts.column(k).sum() / n)
}

fn centred_sample(acts: &DMatrix<f64>, mean: &DVector<f64>) -> DMatrix<f64> {
    DMatrix::from_fn(acts.nrows(), acts.ncols(), |r, c| acts[(r, c)] - mean[c])
}

/// The leading component of `rows` orthogonal to `against`, or any direction there.
fn axis(rows: &DMatrix<f64>, against: &[DVector<f64>], width: usize) -> DVector<f64> {
    leading_component(rows, against).unwrap_or_else(|| any_orthogonal(against, width))
}

/// A unit vector orthogonal to `against`: the first standard axis that is not in their span.
fn any_orthogonal(against: &[DVector<f64>], width: usize) -> DVector<f64> {
    for k in 0..width {
        let mut e = DVector::zeros(width);
        e[k] = 1.0;
        for a in against {
            e -= a * a.dot(&e);
        }
        if e.norm() > 1e-6 {
            return &e / e.norm();
        }
    }
    // A one-unit layer: the second axis carries nothing.
    DVector::zeros(width)
}

/// A straight boundary of the next layer in the picture's coordinates: `w·(s, t) + b = 0`
/// (three coefficients in 3D), exact when the unit's weights lie in the axes' span.
#[derive(Clone, Debug, Serialize)]
pub struct Boundary {
    pub w: Vec<f64>,
    pub b: f64,
    pub exact: bool,
    pub label: String,
    /// The unit of the next layer (or the first of the two classes it separates).
    pub unit: usize,
    /// A 2D line's point nearest the window's centre: where its drag handle sits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub middle: Option<[f64; 2]>,
    /// A class pair's boundary: the piece (x0, y0, x1, y1) of the window where the two
    /// classes lead the others; the rest of the line is no boundary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<[f64; 4]>,
    /// False for a class pair that leads nowhere in the window (nothing to draw).
    pub meets: bool,
}

impl Basis {
    /// The coordinates of activations `a` on the axes.
    pub fn coordinates(&self, a: &[f64], out: &mut Vec<f64>) {
        // Over plain slices: nalgebra's element iterator cost a wide layer's 2,000 points
        // most of a millisecond a frame (the same sums, in the same order).
        for e in &self.axes {
            out.push(e.as_slice().iter().zip(a).map(|(e, a)| e * a).sum());
        }
    }

    /// The boundary of a unit with incoming weights `w` and bias `b` in these coordinates: the
    /// unit's value over the plane is `(w·e1) s + (w·e2) t + (w·origin + b)`.
    pub fn boundary(&self, w: &DVector<f64>, b: f64, label: String, unit: usize) -> Boundary {
        let coeffs: Vec<f64> = self.axes.iter().map(|e| e.dot(w)).collect();
        let mut residual = w.clone();
        for (e, c) in self.axes.iter().zip(&coeffs) {
            residual -= e * *c;
        }
        let off = residual.norm();
        Boundary {
            b: w.dot(&self.origin) + b,
            w: coeffs,
            exact: off <= 1e-9 * w.norm().max(1e-300),
            label,
            unit,
            middle: None,
            span: None,
            meets: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_requests_parse() {
        assert_eq!(AxesRequest::parse("auto"), Ok(AxesRequest::Auto));
        assert_eq!(
            AxesRequest::parse("projection"),
            Ok(AxesRequest::Projection)
        );
        assert_eq!(
            AxesRequest::parse("1,3"),
            Ok(AxesRequest::Units(vec![0, 2]))
        );
        assert_eq!(
            AxesRequest::parse(" 2, 1 ,4"),
            Ok(AxesRequest::Units(vec![1, 0, 3]))
        );
        for bad in ["0,1", "1", "1,1", "2,3,2", "1,2,3,4", "x,y", "-1,2"] {
            assert!(AxesRequest::parse(bad).is_err(), "{bad}");
        }
    }
}
