//! Matrix products for the network, written out so that every platform sums in the same order.
//! nalgebra hands large products to `matrixmultiply`, whose FMA kernels on x86 round differently
//! from wasm; these loops keep native and browser runs bit-identical. Matrices are column-major,
//! so each inner loop runs over a contiguous column.

use nalgebra::DMatrix;

/// out = a · b
pub fn mul(out: &mut DMatrix<f64>, a: &DMatrix<f64>, b: &DMatrix<f64>) {
    debug_assert_eq!(b.nrows(), a.ncols());
    debug_assert_eq!(out.shape(), (a.nrows(), b.ncols()));
    combine_columns(out, a, |p, j| b[(p, j)]);
}

/// Column j of `out` = Σₚ a[:, p] · coef(p, j): axpys over contiguous columns, p in order.
fn combine_columns(out: &mut DMatrix<f64>, a: &DMatrix<f64>, coef: impl Fn(usize, usize) -> f64) {
    let (m, k) = a.shape();
    let a = a.as_slice();
    for (j, out_col) in out.as_mut_slice().chunks_exact_mut(m).enumerate() {
        out_col.fill(0.0);
        for p in 0..k {
            let s = coef(p, j);
            for (o, x) in out_col.iter_mut().zip(&a[p * m..(p + 1) * m]) {
                *o += x * s;
            }
        }
    }
}

/// out = aᵀ · b
pub fn tr_mul(out: &mut DMatrix<f64>, a: &DMatrix<f64>, b: &DMatrix<f64>) {
    let m = a.nrows();
    debug_assert_eq!(b.nrows(), m);
    debug_assert_eq!(out.shape(), (a.ncols(), b.ncols()));
    let (a, b_cols) = (a.as_slice(), b.as_slice());
    let rows = out.nrows();
    for (j, out_col) in out.as_mut_slice().chunks_exact_mut(rows).enumerate() {
        let bj = &b_cols[j * m..(j + 1) * m];
        for (i, o) in out_col.iter_mut().enumerate() {
            *o = dot(&a[i * m..(i + 1) * m], bj);
        }
    }
}

/// out = a · bᵀ
pub fn mul_tr(out: &mut DMatrix<f64>, a: &DMatrix<f64>, b: &DMatrix<f64>) {
    debug_assert_eq!(b.ncols(), a.ncols());
    debug_assert_eq!(out.shape(), (a.nrows(), b.nrows()));
    combine_columns(out, a, |p, j| b[(j, p)]);
}

pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_equal_nalgebra() {
        let a = DMatrix::from_fn(7, 4, |i, j| (i as f64 - 2.5) * 0.3 + j as f64 * 0.7);
        let b = DMatrix::from_fn(4, 6, |i, j| (i * j) as f64 * 0.1 - 0.4);
        let c = DMatrix::from_fn(7, 6, |i, j| (i + 2 * j) as f64 * 0.05);
        let close = |x: &DMatrix<f64>, y: &DMatrix<f64>| (x - y).abs().max() < 1e-12;
        let mut out = DMatrix::zeros(7, 6);
        mul(&mut out, &a, &b);
        assert!(close(&out, &(&a * &b)));
        let mut out = DMatrix::zeros(4, 6);
        tr_mul(&mut out, &a, &c);
        assert!(close(&out, &(a.transpose() * &c)));
        let mut out = DMatrix::zeros(7, 4);
        mul_tr(&mut out, &c, &b);
        assert!(close(&out, &(&c * b.transpose())));
    }
}
