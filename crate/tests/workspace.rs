//! A workspace made shorter for a pass's last chunk computes those rows bit for bit as a
//! workspace of their own size would, and reuses its storage.
#![cfg(not(target_arch = "wasm32"))]

use featurespace::config::Activation;
use featurespace::nn::{Mlp, Output, Workspace};
use rand::{Rng, SeedableRng};

fn load(ws: &mut Workspace, x: &[[f64; 2]]) {
    for (r, p) in x.iter().enumerate() {
        ws.a[0][(r, 0)] = p[0];
        ws.a[0][(r, 1)] = p[1];
    }
}

#[test]
fn a_shorter_workspace_computes_the_same_rows_without_allocating() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    for (activation, output) in [
        (Activation::Tanh, Output::Sigmoid),
        (Activation::Relu, Output::Softmax),
    ] {
        let model = Mlp::new(&[2, 32, 16, 3], activation, output, &mut rng);
        let x: Vec<[f64; 2]> = (0..300)
            .map(|_| [rng.random_range(-6.0..6.0), rng.random_range(-6.0..6.0)])
            .collect();
        // Every row at once, as the reference.
        let mut whole = model.workspace(x.len());
        load(&mut whole, &x);
        model.forward(&mut whole);
        let mut ws = model.workspace(256);
        let storage: Vec<*const f64> = ws.a.iter().chain(&ws.z).map(|m| m.as_ptr()).collect();
        // Chunks of 256, then 44, then a short step of 12 and of 1, then 256 again.
        for (start, len) in [(0, 256), (256, 44), (100, 12), (299, 1), (0, 256)] {
            ws.set_rows(len);
            assert_eq!((ws.rows(), ws.capacity()), (len, 256));
            load(&mut ws, &x[start..start + len]);
            model.forward(&mut ws);
            for (l, (a, reference)) in ws.a.iter().zip(&whole.a).enumerate() {
                assert_eq!(a.nrows(), len);
                for r in 0..len {
                    for k in 0..a.ncols() {
                        assert_eq!(
                            a[(r, k)].to_bits(),
                            reference[(start + r, k)].to_bits(),
                            "layer {l}, row {}, column {k}",
                            start + r
                        );
                    }
                }
            }
        }
        let after: Vec<*const f64> = ws.a.iter().chain(&ws.z).map(|m| m.as_ptr()).collect();
        assert_eq!(storage, after, "set_rows reallocated");
    }
}

#[test]
#[should_panic(expected = "257 rows in a workspace of 256")]
fn a_workspace_does_not_grow_past_its_capacity() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let model = Mlp::new(&[2, 4, 1], Activation::Tanh, Output::Sigmoid, &mut rng);
    model.workspace(256).set_rows(257);
}

#[test]
fn in_chunks_covers_every_row_once_each_chunk_as_tall_as_itself() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
    let model = Mlp::new(&[2, 4, 1], Activation::Tanh, Output::Sigmoid, &mut rng);
    let mut ws = model.workspace(256);
    // Each chunk as (start, end).
    for (n, expected) in [
        (300, vec![(0, 256), (256, 300)]),
        (256, vec![(0, 256)]),
        (5, vec![(0, 5)]),
        (0, vec![]),
    ] {
        let mut seen = Vec::new();
        ws.in_chunks(n, |ws, chunk| {
            assert_eq!(ws.rows(), chunk.len());
            seen.push((chunk.start, chunk.end));
        });
        assert_eq!(seen, expected, "{n} rows");
    }
}
