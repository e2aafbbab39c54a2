//! Matrix products for the network, written out so that every platform sums in the same order.
//! nalgebra hands large products to `matrixmultiply`, whose FMA kernels on x86 round differently
//! from wasm; these loops keep native and browser runs bit-identical.
//!
//! Matrices are column-major with one row per example, so a unit's column is contiguous and the
//! products are axpys over columns: they vectorise across examples without changing any sum's
//! order. Reductions over examples (`dot`, `sum`) keep four running sums in a fixed pattern,
//! which SIMD and scalar builds both follow exactly.

use nalgebra::{DMatrix, DVector, Scalar};
use std::ops::{Add, AddAssign, Mul};

/// The number types the kernels run on: f64 for the network, f32 too for the benchmark that
/// compares the two on the same code.
pub trait Real:
    Scalar + Copy + Default + Add<Output = Self> + Mul<Output = Self> + AddAssign
{
}
impl<T: Scalar + Copy + Default + Add<Output = T> + Mul<Output = T> + AddAssign> Real for T {}

/// Columns of `a` folded into one output column per pass: each output value is loaded and
/// stored once per four inputs instead of once per input.
const UNROLL: usize = 4;

/// Columns up to this many rows (a minibatch's) take the paths that keep each in registers,
/// with their reductions as straight-line code (`short_columns`, `short_tr_mul`); `dot` and
/// `sum` serve longer columns, in the same order. Each row count is a copy of those paths in
/// the module: 12 covers the usual batch of 10 and its remainders; 16 cost 2 KB gzipped more.
const SHORT: usize = 12;

/// out = a · w + b (b added to every row): a layer's pre-activations.
pub fn affine<T: Real>(out: &mut DMatrix<T>, a: &DMatrix<T>, w: &DMatrix<T>, b: &DVector<T>) {
    debug_assert_eq!(w.nrows(), a.ncols());
    debug_assert_eq!(out.shape(), (a.nrows(), w.ncols()));
    let coefs = Coefs {
        c: w.as_slice(),
        per_input: 1,
        per_output: w.nrows(),
    };
    combine_columns(out, a, Some(b.as_slice()), coefs);
}

/// out = a · bᵀ
pub fn mul_tr<T: Real>(out: &mut DMatrix<T>, a: &DMatrix<T>, b: &DMatrix<T>) {
    debug_assert_eq!(b.ncols(), a.ncols());
    debug_assert_eq!(out.shape(), (a.nrows(), b.nrows()));
    let coefs = Coefs {
        c: b.as_slice(),
        per_input: b.nrows(),
        per_output: 1,
    };
    combine_columns(out, a, None, coefs);
}

/// The coefficient of input p in output j, `c[p·per_input + j·per_output]`: W for `affine`,
/// Bᵀ for `mul_tr`. One type for both, so the short columns' copies (one per row count) exist once.
#[derive(Clone, Copy)]
struct Coefs<'a, T> {
    c: &'a [T],
    per_input: usize,
    per_output: usize,
}

impl<T: Copy> Coefs<'_, T> {
    #[inline(always)]
    fn at(&self, p: usize, j: usize) -> T {
        self.c[p * self.per_input + j * self.per_output]
    }
}

/// Column j of `out` = start[j] (or 0) + Σₚ a[:, p] · coef(p, j), p in order, summed left to
/// right.
fn combine_columns<T: Real>(
    out: &mut DMatrix<T>,
    a: &DMatrix<T>,
    starts: Option<&[T]>,
    coefs: Coefs<T>,
) {
    let start = |j: usize| starts.map_or(T::default(), |b| b[j]);
    let coef = |p: usize, j: usize| coefs.at(p, j);
    let (m, k) = a.shape();
    if m == 0 {
        return;
    }
    let a = a.as_slice();
    let col = |p: usize| &a[p * m..(p + 1) * m];
    if m <= SHORT {
        // Short columns (a small minibatch): each stays in registers through every input. The
        // folds below spend more on their set-up and passes than on ten rows (same sums, same
        // order: 1.1-1.3x for 2-4-2-1 and 2-50-1 in wasm SIMD). The row count is matched once
        // per product, not once per column.
        by_rows!(m, short_columns(out.as_mut_slice(), a, starts, coefs));
        return;
    }
    for (j, out_col) in out.as_mut_slice().chunks_exact_mut(m).enumerate() {
        // Up to four columns per pass over `out_col`; the first pass starts from start(j).
        let mut from = Some(start(j));
        let mut p = 0;
        loop {
            let s = |i: usize| coef(p + i, j);
            match k - p {
                0 => out_col.fill(from.unwrap_or_default()),
                1 => fold(out_col, from, [col(p)], [s(0)]),
                2 => fold(out_col, from, [col(p), col(p + 1)], [s(0), s(1)]),
                3 => fold(
                    out_col,
                    from,
                    [col(p), col(p + 1), col(p + 2)],
                    [s(0), s(1), s(2)],
                ),
                _ => fold(
                    out_col,
                    from,
                    [col(p), col(p + 1), col(p + 2), col(p + 3)],
                    [s(0), s(1), s(2), s(3)],
                ),
            }
            p += UNROLL.min(k - p);
            from = None;
            if p >= k {
                break;
            }
        }
    }
}

/// Calls `f::<N>(args…)` with the row count `m` (1 ≤ m ≤ `SHORT`) made the constant N: the
/// one dispatch of a product over short columns, so every column's code is straight-line
/// (matched per column or per sum instead, the dispatch cost more than ten rows' arithmetic).
macro_rules! by_rows {
    ($m:expr, $f:ident($($arg:expr),*)) => {
        match $m {
            1 => $f::<T, 1>($($arg),*),
            2 => $f::<T, 2>($($arg),*),
            3 => $f::<T, 3>($($arg),*),
            4 => $f::<T, 4>($($arg),*),
            5 => $f::<T, 5>($($arg),*),
            6 => $f::<T, 6>($($arg),*),
            7 => $f::<T, 7>($($arg),*),
            8 => $f::<T, 8>($($arg),*),
            9 => $f::<T, 9>($($arg),*),
            10 => $f::<T, 10>($($arg),*),
            11 => $f::<T, 11>($($arg),*),
            _ => $f::<T, SHORT>($($arg),*),
        }
    };
}
use by_rows;

/// Column j of `out` = start[j] (or 0) + Σₚ a[:, p]·coef(p, j), p in order, for columns of N rows:
/// each output column is kept in registers through every input (no pass over memory per
/// input, no loop set-up or remainder). Never inlined, as `short_tr_mul`.
#[inline(never)]
fn short_columns<T: Real, const N: usize>(
    out: &mut [T],
    a: &[T],
    starts: Option<&[T]>,
    coefs: Coefs<T>,
) {
    let (cols, _) = a.as_chunks::<N>();
    let (outs, _) = out.as_chunks_mut::<N>();
    for (j, out_col) in outs.iter_mut().enumerate() {
        let mut v = [starts.map_or(T::default(), |b| b[j]); N];
        for (p, x) in cols.iter().enumerate() {
            let s = coefs.at(p, j);
            for r in 0..N {
                v[r] += x[r] * s;
            }
        }
        *out_col = v;
    }
}

/// out[r] = (start or out[r]) + x₀[r]·s₀ + x₁[r]·s₁ + …, left to right. Where each row starts
/// is chosen once per call, not per row: with the choice inside the loop the loop did not
/// vectorise in wasm, and training ran up to 1.8× slower (same bits either way).
#[inline(always)]
fn fold<T: Real, const N: usize>(out: &mut [T], start: Option<T>, x: [&[T]; N], s: [T; N]) {
    let x = x.map(|c| &c[..out.len()]);
    let terms = |mut v: T, r: usize| {
        for i in 0..N {
            v += x[i][r] * s[i];
        }
        v
    };
    match start {
        Some(b) => {
            for (r, o) in out.iter_mut().enumerate() {
                *o = terms(b, r);
            }
        }
        None => {
            for (r, o) in out.iter_mut().enumerate() {
                *o = terms(*o, r);
            }
        }
    }
}

/// out = aᵀ · b
pub fn tr_mul<T: Real>(out: &mut DMatrix<T>, a: &DMatrix<T>, b: &DMatrix<T>) {
    tr_mul_sums(out, a, b, &mut []);
}

/// out = aᵀ · b, and `sums[j]` = Σ b[:, j] for every j < `sums.len()`: a layer's weight
/// gradient and its bias gradient from one pass over the deltas `b` (each entry a `dot` or a
/// `sum`, in their fixed order).
pub fn tr_mul_sums<T: Real>(out: &mut DMatrix<T>, a: &DMatrix<T>, b: &DMatrix<T>, sums: &mut [T]) {
    let m = a.nrows();
    debug_assert_eq!(b.nrows(), m);
    debug_assert_eq!(out.shape(), (a.ncols(), b.ncols()));
    debug_assert!(sums.len() <= b.ncols());
    let (a, b_cols) = (a.as_slice(), b.as_slice());
    let rows = out.nrows();
    if (1..=SHORT).contains(&m) && rows > 0 {
        by_rows!(m, short_tr_mul(out.as_mut_slice(), rows, a, b_cols, sums));
        return;
    }
    for (j, out_col) in out.as_mut_slice().chunks_exact_mut(rows).enumerate() {
        let bj = &b_cols[j * m..(j + 1) * m];
        for (i, o) in out_col.iter_mut().enumerate() {
            *o = dot(&a[i * m..(i + 1) * m], bj);
        }
    }
    for (j, s) in sums.iter_mut().enumerate() {
        *s = sum(&b_cols[j * m..(j + 1) * m]);
    }
}

/// `tr_mul_sums` for columns of N rows: each column of `b` is loaded once for its sum and
/// every entry of its output column, and every reduction is straight-line code. Called once
/// per product, so never inlined: inlined, its copies (one per row count) changed how the long columns'
/// loops were compiled (batch 200: 0.96× in wasm).
#[inline(never)]
fn short_tr_mul<T: Real, const N: usize>(
    out: &mut [T],
    k: usize,
    a: &[T],
    b: &[T],
    sums: &mut [T],
) {
    let (xs, _) = a.as_chunks::<N>();
    let (ds, _) = b.as_chunks::<N>();
    for (j, (out_col, d)) in out.chunks_exact_mut(k).zip(ds).enumerate() {
        if let Some(s) = sums.get_mut(j) {
            *s = fixed_sum::<T, N>(|r| d[r]);
        }
        for (o, x) in out_col.iter_mut().zip(xs) {
            *o = fixed_sum::<T, N>(|r| x[r] * d[r]);
        }
    }
}

/// Σ a[i]·b[i] over the shorter length, as four interleaved running sums then the tail.
pub fn dot<T: Real>(a: &[T], b: &[T]) -> T {
    let n = a.len().min(b.len());
    let whole = n / 4 * 4;
    let mut acc = [T::default(); 4];
    for (x, y) in a[..whole].chunks_exact(4).zip(b[..whole].chunks_exact(4)) {
        for k in 0..4 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (&x, &y) in a[whole..n].iter().zip(&b[whole..n]) {
        s += x * y;
    }
    s
}

/// Σ a[i], in the same pattern as `dot`.
pub fn sum<T: Real>(a: &[T]) -> T {
    let whole = a.len() / 4 * 4;
    let mut acc = [T::default(); 4];
    for x in a[..whole].chunks_exact(4) {
        for k in 0..4 {
            acc[k] += x[k];
        }
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for &x in &a[whole..] {
        s += x;
    }
    s
}

/// Σ term(r) for r < N in `dot`'s pattern (four running sums over whole groups of four,
/// combined, then the rest in order), as straight-line code.
#[inline(always)]
fn fixed_sum<T: Real, const N: usize>(term: impl Fn(usize) -> T) -> T {
    let whole = N / 4 * 4;
    let mut acc = [T::default(); 4];
    for g in (0..whole).step_by(4) {
        for (k, acc) in acc.iter_mut().enumerate() {
            *acc += term(g + k);
        }
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for r in whole..N {
        s += term(r);
    }
    s
}

#[cfg(test)]
mod tests;
