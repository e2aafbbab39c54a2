//! The principal directions the projections need: the leading eigenvector of a small symmetric
//! matrix. Written here rather than taken from nalgebra: its general eigensolver and matrix
//! products cost about 20 KB of wasm, and its eigensolver loops forever on NaN.

use nalgebra::{DMatrix, DVector};

/// The leading right singular vector of `rows` (the first principal component of centred
/// rows), within the space orthogonal to `against`; None when nothing is left there.
pub fn leading_component(rows: &DMatrix<f64>, against: &[DVector<f64>]) -> Option<DVector<f64>> {
    let width = rows.ncols();
    // C = RᵀR, then (I − eeᵀ) C (I − eeᵀ) for each e to keep out; plain loops, which cost the
    // wasm module far less than nalgebra's general matrix products.
    let mut c = covariance(rows);
    for e in against {
        let ce: Vec<f64> = (0..width)
            .map(|i| (0..width).map(|j| c[(i, j)] * e[j]).sum())
            .collect();
        let ece: f64 = (0..width).map(|i| e[i] * ce[i]).sum();
        for i in 0..width {
            for j in 0..width {
                c[(i, j)] += -e[i] * ce[j] - ce[i] * e[j] + e[i] * ece * e[j];
            }
        }
    }
    // Weights that diverged give infinities: no axis (and no eigensolver looping on NaN).
    if !c.iter().all(|v| v.is_finite()) {
        return None;
    }
    let mut e = if width <= EXACT_WIDTH {
        let (values, vectors) = jacobi(c);
        let k = (0..width).max_by(|&a, &b| values[a].total_cmp(&values[b]))?;
        if values[k].is_nan() || values[k] <= 1e-12 {
            return None;
        }
        vectors.column(k).into_owned()
    } else {
        power_iteration(&c)?
    };
    // A fixed sign: the largest component positive.
    if e[e.iamax()] < 0.0 {
        e = -e;
    }
    let norm = e.norm();
    Some(e / norm)
}

/// RᵀR of the rows of `rows`. Each entry sums its products row by row, as the plain triple
/// loop would, but from a contiguous copy of each row and over one triangle only (the product
/// x·y is x·y either way round): a wide layer's 64 × 64 matrix costs a fraction of the time.
fn covariance(rows: &DMatrix<f64>) -> DMatrix<f64> {
    let width = rows.ncols();
    let mut upper = vec![0.0; width * width];
    let mut row = vec![0.0; width];
    for r in 0..rows.nrows() {
        for (k, x) in row.iter_mut().enumerate() {
            *x = rows[(r, k)];
        }
        for (i, &x) in row.iter().enumerate() {
            let sums = &mut upper[i * width + i..(i + 1) * width];
            for (c, &y) in sums.iter_mut().zip(&row[i..]) {
                *c += x * y;
            }
        }
    }
    DMatrix::from_fn(width, width, |i, j| upper[i.min(j) * width + i.max(j)])
}

/// The eigenvalues and eigenvectors (columns) of a symmetric matrix, by cyclic Jacobi rotations:
/// exact to rounding for the small matrices here, and a few hundred bytes of wasm where
/// nalgebra's general eigensolver costs tens of kilobytes.
pub(super) fn jacobi(mut a: DMatrix<f64>) -> (Vec<f64>, DMatrix<f64>) {
    let n = a.nrows();
    let mut v = DMatrix::<f64>::identity(n, n);
    let scale = a.iter().map(|x| x * x).sum::<f64>();
    for _sweep in 0..64 {
        let off: f64 = (0..n)
            .flat_map(|p| (0..n).filter(move |&q| q != p).map(move |q| (p, q)))
            .map(|(p, q)| a[(p, q)] * a[(p, q)])
            .sum();
        if off <= 1e-32 * scale || off == 0.0 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[(p, q)];
                if apq == 0.0 {
                    continue;
                }
                // The rotation that zeroes a[p][q].
                let theta = (a[(q, q)] - a[(p, p)]) / (2.0 * apq);
                let t = if theta >= 0.0 { 1.0 } else { -1.0 }
                    / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (x, y) = (a[(k, p)], a[(k, q)]);
                    a[(k, p)] = c * x - s * y;
                    a[(k, q)] = s * x + c * y;
                }
                for k in 0..n {
                    let (x, y) = (a[(p, k)], a[(q, k)]);
                    a[(p, k)] = c * x - s * y;
                    a[(q, k)] = s * x + c * y;
                }
                for k in 0..n {
                    let (x, y) = (v[(k, p)], v[(k, q)]);
                    v[(k, p)] = c * x - s * y;
                    v[(k, q)] = s * x + c * y;
                }
            }
        }
    }
    ((0..n).map(|k| a[(k, k)]).collect(), v)
}

/// Up to this width the axes come from an exact eigendecomposition; wider layers (up to 256
/// units, where that takes tens of milliseconds a frame) use power iteration.
const EXACT_WIDTH: usize = 32;

/// The leading eigenvector of a symmetric positive semi-definite matrix, by repeated
/// multiplication from the all-ones direction (deterministic), stopping when it settles.
fn power_iteration(c: &DMatrix<f64>) -> Option<DVector<f64>> {
    let width = c.ncols();
    let mut v = DVector::from_fn(width, |k, _| 1.0 + k as f64 * 1e-3);
    v /= v.norm();
    let mut next = DVector::zeros(width);
    for _ in 0..300 {
        // Row i of the symmetric C is its column i, which lies contiguous in memory.
        // (Over plain slices: nalgebra's element iterators cost several times as much.)
        let (cs, vs) = (c.as_slice(), v.as_slice());
        for (i, out) in next.as_mut_slice().iter_mut().enumerate() {
            let column = &cs[i * width..(i + 1) * width];
            *out = column.iter().zip(vs).map(|(a, b)| a * b).sum::<f64>();
        }
        let norm = next.norm();
        if norm.is_nan() || norm <= 1e-12 {
            return None;
        }
        next /= norm;
        let change = next
            .as_slice()
            .iter()
            .zip(v.as_slice())
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
        std::mem::swap(&mut v, &mut next);
        if change < 1e-10 {
            break;
        }
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covariance_is_the_plain_loops_bit_for_bit() {
        let rows = DMatrix::from_fn(37, 9, |r, c| {
            ((r * 7 + c * 3) as f64 * 0.37).sin() * (1.0 + c as f64)
        });
        let mut plain = DMatrix::<f64>::zeros(9, 9);
        for r in 0..37 {
            for i in 0..9 {
                for j in 0..9 {
                    plain[(i, j)] += rows[(r, i)] * rows[(r, j)];
                }
            }
        }
        let fast = covariance(&rows);
        assert!(fast
            .iter()
            .zip(plain.iter())
            .all(|(a, b)| a.to_bits() == b.to_bits()));
    }

    #[test]
    fn jacobi_agrees_with_nalgebra() {
        let m = DMatrix::from_fn(7, 7, |r, c| {
            ((r * 3 + c * 5) % 7) as f64 + ((r + c) as f64).cos()
        });
        let sym = &m + m.transpose();
        let (values, vectors) = jacobi(sym.clone());
        let reference = nalgebra::SymmetricEigen::new(sym.clone());
        let mut a: Vec<f64> = values.clone();
        let mut b: Vec<f64> = reference.eigenvalues.iter().copied().collect();
        a.sort_by(f64::total_cmp);
        b.sort_by(f64::total_cmp);
        for (x, y) in a.iter().zip(&b) {
            assert!((x - y).abs() < 1e-10, "{a:?} {b:?}");
        }
        // A·v = λ·v for every pair.
        for (k, &l) in values.iter().enumerate() {
            let v = vectors.column(k);
            assert!((&sym * v - v * l).amax() < 1e-10);
        }
    }
}
