//! The kernels' products against nalgebra's, and their fixed summation orders bit for bit.

use super::*;

#[test]
fn products_equal_nalgebra() {
    for (m, k, n) in [(7, 4, 6), (10, 9, 3), (1, 1, 1), (13, 2, 50)] {
        let a = DMatrix::from_fn(m, k, |i, j| (i as f64 - 2.5) * 0.3 + j as f64 * 0.7);
        let b = DMatrix::from_fn(k, n, |i, j| (i * j) as f64 * 0.1 - 0.4);
        let c = DMatrix::from_fn(m, n, |i, j| (i + 2 * j) as f64 * 0.05);
        let bias = DVector::from_fn(n, |j, _| j as f64 * 0.25 - 1.0);
        let close = |x: &DMatrix<f64>, y: &DMatrix<f64>| (x - y).abs().max() < 1e-12;
        let mut out = DMatrix::zeros(m, n);
        affine(&mut out, &a, &b, &bias);
        let mut expected = &a * &b;
        for (mut col, &bj) in expected.column_iter_mut().zip(bias.iter()) {
            col.add_scalar_mut(bj);
        }
        assert!(close(&out, &expected));
        let mut out = DMatrix::zeros(k, n);
        tr_mul(&mut out, &a, &c);
        assert!(close(&out, &(a.transpose() * &c)));
        let mut out = DMatrix::zeros(m, k);
        mul_tr(&mut out, &c, &b);
        assert!(close(&out, &(&c * b.transpose())));
    }
}

#[test]
fn every_row_sums_its_inputs_in_order() {
    // Every entry of a product is start + a₀·w₀ + a₁·w₁ + … left to right, whatever path its
    // rows take: alone (1 to `SHORT` rows, kept in registers), or repeated past `SHORT` (the
    // folds, four inputs a pass, with any inputs left over, over tens or hundreds of rows);
    // for `affine` and for the delta-style `mul_tr`, 0 to 9 inputs.
    for (rows, k) in (1..=SHORT).flat_map(|rows| (0..=9).map(move |k| (rows, k))) {
        let a = DMatrix::from_fn(rows, k, |i, j| ((i * 7 + j * 3) as f64 * 0.37).sin());
        let w = DMatrix::from_fn(k, 5, |i, j| ((i + 5 * j) as f64 * 0.91).cos());
        let b = DVector::from_fn(5, |j, _| j as f64 * 0.1 - 0.2);
        let wt = w.transpose();
        let in_order = |r: usize, j: usize, start: f64| {
            (0..k).fold(start, |v, p| v + a[(r % rows, p)] * w[(p, j)])
        };
        for tall in [rows, 48, 48 + rows, 13 + 2 * rows, 515 + rows] {
            let x = DMatrix::from_fn(tall, k, |i, j| a[(i % rows, j)]);
            let (mut z, mut d) = (DMatrix::zeros(tall, 5), DMatrix::zeros(tall, 5));
            affine(&mut z, &x, &w, &b);
            mul_tr(&mut d, &x, &wt);
            for (r, j) in (0..tall).flat_map(|r| (0..5).map(move |j| (r, j))) {
                let what = format!("{rows} rows as {tall}, {k} inputs: row {r}, column {j}");
                assert_eq!(
                    z[(r, j)].to_bits(),
                    in_order(r, j, b[j]).to_bits(),
                    "{what}"
                );
                assert_eq!(d[(r, j)].to_bits(), in_order(r, j, 0.0).to_bits(), "{what}");
            }
        }
    }
}

#[test]
fn every_length_sums_in_the_fixed_order() {
    // Short lengths take the straight-line path, longer ones the loop: the same pattern
    // (four running sums over whole groups of four, combined, then the rest in order).
    let a: Vec<f64> = (0..40)
        .map(|i| ((i * 7) as f64 * 0.37).sin() * 1e3)
        .collect();
    let b: Vec<f64> = (0..40)
        .map(|i| ((i * 3) as f64 * 0.91).cos() / 7.0)
        .collect();
    for n in 0..=40 {
        let pattern = |term: &dyn Fn(usize) -> f64| {
            let whole = n / 4 * 4;
            let mut acc = [0.0; 4];
            for r in 0..whole {
                acc[r % 4] += term(r);
            }
            let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
            for r in whole..n {
                s += term(r);
            }
            s
        };
        let d = pattern(&|r| a[r] * b[r]);
        assert_eq!(dot(&a[..n], &b).to_bits(), d.to_bits(), "dot of {n}");
        // aᵀ·b of columns of n rows: every entry a dot in the same pattern.
        let ma = DMatrix::from_fn(n, 3, |r, i| a[r] * (i as f64 + 0.5));
        let mb = DMatrix::from_fn(n, 2, |r, j| b[r] - j as f64);
        let mut out = DMatrix::zeros(3, 2);
        tr_mul(&mut out, &ma, &mb);
        // With the column sums of b in the same pass: the same products, and each sum `sum`'s.
        let (mut fused, mut sums) = (DMatrix::zeros(3, 2), [f64::NAN; 2]);
        tr_mul_sums(&mut fused, &ma, &mb, &mut sums);
        for (i, j) in (0..3).flat_map(|i| (0..2).map(move |j| (i, j))) {
            let e = pattern(&|r| ma[(r, i)] * mb[(r, j)]);
            assert_eq!(out[(i, j)].to_bits(), e.to_bits(), "aᵀ·b of {n} rows");
            assert_eq!(
                fused[(i, j)].to_bits(),
                e.to_bits(),
                "fused aᵀ·b of {n} rows"
            );
        }
        for (j, s) in sums.iter().enumerate() {
            let e = pattern(&|r| mb[(r, j)]);
            assert_eq!(s.to_bits(), e.to_bits(), "sum of column {j} of {n} rows");
        }
        assert_eq!(
            sum(&a[..n]).to_bits(),
            pattern(&|r| a[r]).to_bits(),
            "sum of {n}"
        );
    }
}

#[test]
fn reductions_follow_their_fixed_order() {
    let a: Vec<f64> = (0..11).map(|i| 0.1 * i as f64 + 1e-3).collect();
    let b: Vec<f64> = (0..11).map(|i| 1.0 - 0.07 * i as f64).collect();
    let mut acc = [0.0; 4];
    for i in 0..8 {
        acc[i % 4] += a[i] * b[i];
    }
    let expected =
        (acc[0] + acc[1]) + (acc[2] + acc[3]) + a[8] * b[8] + a[9] * b[9] + a[10] * b[10];
    assert_eq!(dot(&a, &b).to_bits(), expected.to_bits());
    assert!((sum(&a) - a.iter().sum::<f64>()).abs() < 1e-14);
    assert_eq!(dot::<f64>(&[], &[]), 0.0);
}
