//! Full-batch L-BFGS with a line search that satisfies the strong Wolfe conditions
//! (Nocedal & Wright, Numerical Optimization, algorithms 7.4, 3.5 and 3.6).
//!
//! Written here rather than taken from a crate: argmin's L-BFGS, the maintained choice, adds
//! ~490 KB to the wasm module (134 KB gzipped) for this one solver, more than the rest of the
//! playground together; this keeps its state between animation frames and works on our flat
//! parameter slices, and uses only + − × ÷ √ so native and wasm runs stay bit-identical.

use std::collections::VecDeque;

/// Sufficient decrease (c1) and curvature (c2) constants, the usual choice for quasi-Newton.
const C1: f64 = 1e-4;
const C2: f64 = 0.9;
const MAX_EVALS: usize = 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Took a step.
    Progress,
    /// The gradient vanished (or no step could decrease the objective further).
    Converged,
}

pub struct Lbfgs {
    memory: usize,
    /// Stop when every gradient entry is below this.
    pub gtol: f64,
    pairs: VecDeque<(Vec<f64>, Vec<f64>, f64)>,
    f: f64,
    g: Vec<f64>,
    started: bool,
    converged: bool,
    // Scratch, reused every iteration.
    d: Vec<f64>,
    x0: Vec<f64>,
    g_new: Vec<f64>,
    alpha: Vec<f64>,
}

/// The objective: writes the gradient at `x` into `grad` and returns the value.
pub trait Objective {
    fn eval(&mut self, x: &[f64], grad: &mut [f64]) -> f64;
}

impl<F: FnMut(&[f64], &mut [f64]) -> f64> Objective for F {
    fn eval(&mut self, x: &[f64], grad: &mut [f64]) -> f64 {
        self(x, grad)
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

impl Lbfgs {
    pub fn new(memory: usize) -> Lbfgs {
        Lbfgs {
            memory,
            gtol: 1e-10,
            pairs: VecDeque::new(),
            f: f64::NAN,
            g: Vec::new(),
            started: false,
            converged: false,
            d: Vec::new(),
            x0: Vec::new(),
            g_new: Vec::new(),
            alpha: Vec::new(),
        }
    }

    pub fn converged(&self) -> bool {
        self.converged
    }

    /// One iteration from `x` (updated in place).
    pub fn step(&mut self, x: &mut [f64], objective: &mut impl Objective) -> Status {
        let n = x.len();
        if !self.started {
            self.g = vec![0.0; n];
            self.d = vec![0.0; n];
            self.x0 = vec![0.0; n];
            self.g_new = vec![0.0; n];
            self.f = objective.eval(x, &mut self.g);
            self.started = true;
        }
        if self.converged || self.g.iter().all(|g| g.abs() <= self.gtol) {
            self.converged = true;
            return Status::Converged;
        }
        self.direction();
        let mut slope = dot(&self.g, &self.d);
        if slope >= 0.0 || !slope.is_finite() {
            // Not a descent direction: forget the curvature and go downhill.
            self.pairs.clear();
            self.direction();
            slope = dot(&self.g, &self.d);
        }
        let first = if self.pairs.is_empty() {
            (1.0 / self.g.iter().map(|g| g.abs()).sum::<f64>()).min(1.0)
        } else {
            1.0
        };
        self.x0.copy_from_slice(x);
        let Some((step, f_new)) = self.line_search(x, objective, first, slope) else {
            if self.pairs.is_empty() {
                self.converged = true;
                x.copy_from_slice(&self.x0);
                return Status::Converged;
            }
            // Retry once from steepest descent.
            self.pairs.clear();
            x.copy_from_slice(&self.x0);
            return self.step(x, objective);
        };
        // Curvature pair s = x_new − x, y = g_new − g.
        let mut s = vec![0.0; n];
        let mut y = vec![0.0; n];
        for i in 0..n {
            s[i] = step * self.d[i];
            y[i] = self.g_new[i] - self.g[i];
        }
        let sy = dot(&s, &y);
        if sy > 1e-12 * dot(&y, &y).sqrt() * dot(&s, &s).sqrt() {
            if self.pairs.len() == self.memory {
                self.pairs.pop_front();
            }
            self.pairs.push_back((s, y, 1.0 / sy));
        }
        let decrease = self.f - f_new;
        self.f = f_new;
        std::mem::swap(&mut self.g, &mut self.g_new);
        if decrease <= f64::EPSILON * self.f.abs().max(1e-300)
            && self.g.iter().all(|g| g.abs() <= 1e-8)
        {
            self.converged = true;
        }
        Status::Progress
    }

    /// d = −H·g by the two-loop recursion, with H₀ = (sᵀy / yᵀy)·I.
    fn direction(&mut self) {
        let d = &mut self.d;
        for (di, gi) in d.iter_mut().zip(&self.g) {
            *di = -gi;
        }
        self.alpha.clear();
        for (s, y, rho) in self.pairs.iter().rev() {
            let a = rho * dot(s, d);
            for (di, yi) in d.iter_mut().zip(y) {
                *di -= a * yi;
            }
            self.alpha.push(a);
        }
        if let Some((s, y, _)) = self.pairs.back() {
            let gamma = dot(s, y) / dot(y, y);
            d.iter_mut().for_each(|di| *di *= gamma);
        }
        for ((s, y, rho), a) in self.pairs.iter().zip(self.alpha.iter().rev()) {
            let b = rho * dot(y, d);
            for (di, si) in d.iter_mut().zip(s) {
                *di += (a - b) * si;
            }
        }
    }

    /// Evaluates at x0 + t·d into `x` and `g_new`; returns (f, directional derivative).
    fn probe(&mut self, x: &mut [f64], objective: &mut impl Objective, t: f64) -> (f64, f64) {
        for ((x, x0), d) in x.iter_mut().zip(&self.x0).zip(&self.d) {
            *x = x0 + t * d;
        }
        let f = objective.eval(x, &mut self.g_new);
        (f, dot(&self.g_new, &self.d))
    }

    /// Finds a step t with f(t) ≤ f(0) + c1·t·f'(0) and |f'(t)| ≤ c2·|f'(0)|. On success `x`
    /// and `g_new` hold the point and gradient there.
    fn line_search(
        &mut self,
        x: &mut [f64],
        objective: &mut impl Objective,
        first: f64,
        slope0: f64,
    ) -> Option<(f64, f64)> {
        let f0 = self.f;
        let (mut t_prev, mut f_prev, mut d_prev) = (0.0, f0, slope0);
        let mut t = first;
        for evals in 0..MAX_EVALS {
            let (f, d) = self.probe(x, objective, t);
            if !f.is_finite() {
                t /= 2.0;
                continue;
            }
            if f > f0 + C1 * t * slope0 || (evals > 0 && f >= f_prev) {
                return self.zoom(x, objective, (t_prev, f_prev, d_prev), (t, f, d), slope0);
            }
            if d.abs() <= -C2 * slope0 {
                return Some((t, f));
            }
            if d >= 0.0 {
                return self.zoom(x, objective, (t, f, d), (t_prev, f_prev, d_prev), slope0);
            }
            (t_prev, f_prev, d_prev) = (t, f, d);
            t *= 2.0;
        }
        None
    }

    /// Narrows [lo, hi] (lo has the lower value) by safeguarded cubic interpolation.
    fn zoom(
        &mut self,
        x: &mut [f64],
        objective: &mut impl Objective,
        mut lo: (f64, f64, f64),
        mut hi: (f64, f64, f64),
        slope0: f64,
    ) -> Option<(f64, f64)> {
        let f0 = self.f;
        for _ in 0..MAX_EVALS {
            let t = cubic_min(lo, hi);
            let (f, d) = self.probe(x, objective, t);
            if f > f0 + C1 * t * slope0 || f >= lo.1 {
                hi = (t, f, d);
            } else {
                if d.abs() <= -C2 * slope0 {
                    return Some((t, f));
                }
                if d * (hi.0 - lo.0) >= 0.0 {
                    hi = lo;
                }
                lo = (t, f, d);
            }
            if (hi.0 - lo.0).abs() <= 1e-16 * lo.0.abs().max(1e-300) {
                break;
            }
        }
        // No point met the curvature condition; accept the best one if it decreased f.
        if lo.0 > 0.0 && lo.1 < f0 {
            let (f, _) = self.probe(x, objective, lo.0);
            return Some((lo.0, f));
        }
        None
    }
}

/// The minimiser of the cubic through two points with slopes, kept inside the middle 80% of
/// the interval; bisection where the cubic gives nothing useful.
fn cubic_min(a: (f64, f64, f64), b: (f64, f64, f64)) -> f64 {
    let (ta, fa, da) = a;
    let (tb, fb, db) = b;
    let (lo, hi) = (ta.min(tb), ta.max(tb));
    let margin = 0.1 * (hi - lo);
    let d1 = da + db - 3.0 * (fa - fb) / (ta - tb);
    let disc = d1 * d1 - da * db;
    if disc >= 0.0 {
        let d2 = (tb - ta).signum() * disc.sqrt();
        let t = tb - (tb - ta) * (db + d2 - d1) / (db - da + 2.0 * d2);
        if t.is_finite() && t >= lo + margin && t <= hi - margin {
            return t;
        }
    }
    (lo + hi) / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimises_rosenbrock() {
        let mut rosen = |x: &[f64], g: &mut [f64]| {
            let (a, b) = (x[0], x[1]);
            g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
            g[1] = 200.0 * (b - a * a);
            (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
        };
        let mut x = [-1.2, 1.0];
        let mut opt = Lbfgs::new(10);
        let mut iters = 0;
        while opt.step(&mut x, &mut rosen) == Status::Progress && iters < 200 {
            iters += 1;
        }
        assert!(
            (x[0] - 1.0).abs() < 1e-8 && (x[1] - 1.0).abs() < 1e-8,
            "{x:?} after {iters}"
        );
        assert!(iters < 100, "{iters}");
    }

    #[test]
    fn exact_on_a_quadratic() {
        // f = ½ xᵀ A x − bᵀx with A = diag(1, 10, 100): minimum at b / diag.
        let diag = [1.0, 10.0, 100.0];
        let b = [1.0, -2.0, 3.0];
        let mut f = |x: &[f64], g: &mut [f64]| {
            let mut v = 0.0;
            for i in 0..3 {
                g[i] = diag[i] * x[i] - b[i];
                v += 0.5 * diag[i] * x[i] * x[i] - b[i] * x[i];
            }
            v
        };
        let mut x = [0.0; 3];
        let mut opt = Lbfgs::new(5);
        for _ in 0..50 {
            opt.step(&mut x, &mut f);
        }
        assert!(opt.converged());
        for i in 0..3 {
            assert!((x[i] - b[i] / diag[i]).abs() < 1e-10);
        }
    }
}
