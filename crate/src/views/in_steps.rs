//! A view updated over several calls: for the deepest and widest networks the points'
//! activations in a late layer are the one part of a frame that can take most of 100 ms (six
//! layers of 256 on 300 points: 10⁸ multiply-adds). While training, the page may let a view
//! spend a bounded amount of work per call: the update then places the points in steps, each
//! for the weights its first step took (a copy), and only its last step changes what the view
//! shows. Until then the view shows its last whole update.

use super::points::activations;
use super::SpaceView;
use crate::config::Features;
use crate::data::Split;
use crate::nn::{Mlp, Workspace};

/// An update under way: the weights and inputs it is for, and the activations placed so far.
pub(super) struct Pending {
    model: Mlp,
    features: Features,
    /// The points (x1, x2), training then test: a change of data starts the update afresh.
    origins: Vec<f64>,
    acts: Vec<f64>,
    done: usize,
}

impl SpaceView {
    /// Multiply-adds each `update_in_steps` may spend on the points' activations (0: no limit,
    /// and no update under way is kept).
    pub fn set_step_work(&mut self, work: usize) {
        self.step_work = work;
        if work == 0 {
            self.pending = None;
        }
    }

    /// Whether an update is under way (the next `update_in_steps` goes on with it).
    pub fn pending(&self) -> bool {
        self.pending.is_some()
    }

    /// As `update`, within the step work: true when the view now shows a whole update (of the
    /// weights its first step took), false while its points are still being placed.
    pub fn update_in_steps(
        &mut self,
        model: &Mlp,
        features: &Features,
        data: &Split,
        ws: &mut Workspace,
    ) -> bool {
        let n = data.train.len() + data.test.len();
        let per_point: usize = model.layers[..self.layer.min(model.layers.len())]
            .iter()
            .map(|l| l.w.len() + l.b.len())
            .sum();
        let per_step = if self.step_work == 0 {
            n
        } else {
            (self.step_work / per_point.max(1)).max(1)
        };
        let fresh = |p: &Pending| {
            p.model.sizes() == model.sizes()
                && p.features == *features
                && p.origins.len() == 2 * n
                && data
                    .train
                    .x
                    .iter()
                    .chain(&data.test.x)
                    .flatten()
                    .zip(&p.origins)
                    .all(|(a, b)| a.to_bits() == b.to_bits())
        };
        if self.pending.as_ref().is_some_and(|p| !fresh(p)) {
            self.pending = None;
        }
        if self.pending.is_none()
            && (self.layer == 0 || per_step >= n || !self.available_for(model))
        {
            self.update(model, features, data, ws);
            return true;
        }
        let pending = self.pending.get_or_insert_with(|| Pending {
            model: model.clone(),
            features: features.clone(),
            origins: data
                .train
                .x
                .iter()
                .chain(&data.test.x)
                .flatten()
                .copied()
                .collect(),
            acts: Vec::new(),
            done: 0,
        });
        let (start, end) = (pending.done, (pending.done + per_step).min(n));
        let train = data.train.x.len();
        for (set, offset) in [(&data.train.x, 0), (&data.test.x, train)] {
            let (lo, hi) = (start.max(offset), end.min(offset + set.len()));
            if lo < hi {
                let points = &set[lo - offset..hi - offset];
                activations(
                    &pending.model,
                    &pending.features,
                    points,
                    self.layer,
                    ws,
                    &mut pending.acts,
                );
            }
        }
        pending.done = end;
        if end < n {
            return false;
        }
        let Pending {
            model,
            features,
            origins,
            acts,
            ..
        } = self.pending.take().expect("under way");
        if self.begin(&model, &features, data) {
            self.origins = origins;
            self.acts = acts;
            self.finish(&model, &features);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::SpaceView;
    use crate::session::test_session;

    const QUERY: &str = "dataset=xor&points=300&hidden=32,32,32&seed=3";

    /// Multiply-adds of one point's activations in layer 3 of QUERY's network.
    const PER_POINT: usize = (2 * 32 + 32) + 2 * (32 * 32 + 32);

    /// Stepped while the run trains on, the view shows its last whole update until the last
    /// step, and then exactly what a whole update of the first step's weights shows.
    #[test]
    fn an_update_in_steps_shows_the_weights_its_first_step_took() {
        let mut s = test_session(QUERY);
        let (mut view, mut reference) = (SpaceView::new(3, 24), SpaceView::new(3, 24));
        s.render(&mut view);
        s.render(&mut reference);
        let shown = (view.points().to_vec(), view.rgba().to_vec());
        s.step(3);
        s.render(&mut reference);
        view.set_step_work(120 * PER_POINT); // 300 points: three steps
        for _ in 0..2 {
            assert!(!s.render_in_steps(&mut view));
            assert!(view.pending());
            assert_eq!((view.points().to_vec(), view.rgba().to_vec()), shown);
            s.step_batches(4);
        }
        assert!(s.render_in_steps(&mut view));
        assert!(!view.pending());
        assert_eq!(view.points(), reference.points());
        assert_eq!(view.rgba(), reference.rgba());
        // Without a limit every call is whole.
        view.set_step_work(0);
        assert!(s.render_in_steps(&mut view));
    }

    /// Other points or another network start the update afresh; the input plane and views
    /// within the limit never wait.
    #[test]
    fn an_update_under_way_starts_again_on_other_data() {
        let mut s = test_session(QUERY);
        let mut other = test_session(&format!("{QUERY}&seed=4"));
        let mut view = SpaceView::new(3, 24);
        view.set_step_work(200 * PER_POINT); // two steps
        assert!(!s.render_in_steps(&mut view));
        // Other points: the first step again, for them.
        assert!(!other.render_in_steps(&mut view));
        assert!(other.render_in_steps(&mut view));
        let mut reference = SpaceView::new(3, 24);
        other.render(&mut reference);
        assert_eq!(view.points(), reference.points());
        // Another layer: its activations are not those of the update under way.
        assert!(!s.render_in_steps(&mut view));
        view.set_layer(2);
        assert!(!view.pending());
        view.set_layer(3);
        let mut wide = test_session("dataset=xor&points=300&hidden=32,32,32,8&seed=3");
        assert!(!s.render_in_steps(&mut view));
        assert!(
            !wide.render_in_steps(&mut view),
            "another network starts afresh"
        );
        let mut plane = SpaceView::new(0, 24);
        plane.set_step_work(1);
        assert!(s.render_in_steps(&mut plane));
        view.set_step_work(300 * PER_POINT);
        let mut fresh = SpaceView::new(3, 24);
        fresh.set_step_work(300 * PER_POINT);
        assert!(
            s.render_in_steps(&mut fresh),
            "all the points within one step"
        );
    }
}
