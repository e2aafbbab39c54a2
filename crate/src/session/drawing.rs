//! Data made by hand: a point added, erased or moved on the input plane, or an empty plane. An
//! edit turns whatever the session trains on (a generated set, CSV points, an earlier drawing)
//! into a drawing — the `custom` data set held by the `drawn` key — and returns the config of
//! the new run. The edits before can be undone.

use crate::config::{Config, DatasetKind};
use crate::data::drawn::{split_order, Drawing, Drawn, Plane};
use crate::data::{Dataset, Split, Task};
use crate::views::Window;
use std::rc::Rc;

/// Undo keeps this many data sets back.
pub const UNDO_LEVELS: usize = 50;

/// One change to the data. Indices count the session's points, training first (as the views
/// and `data()` order them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Edit {
    Add {
        at: [f64; 2],
        label: u8,
    },
    Erase(usize),
    Move {
        index: usize,
        to: [f64; 2],
    },
    /// An empty plane (the one shown now).
    Clear,
}

/// Points loaded from a CSV file: what they are, their task, and the file's text (a training
/// worker, or a linked element, loads the same text). Shared by the run and the undo history.
#[derive(Debug, PartialEq)]
pub struct LoadedPoints {
    pub points: Dataset,
    pub task: Task,
    pub text: String,
}

/// See `LoadedPoints`.
pub type Loaded = Rc<LoadedPoints>;

/// What a run's data is: the data-set keys and any loaded points.
#[derive(Clone, Debug, PartialEq)]
pub struct DataState {
    pub dataset: DatasetKind,
    pub points: usize,
    pub drawn: Drawn,
    pub loaded: Option<Loaded>,
}

impl DataState {
    pub fn of(config: &Config, loaded: &Option<Loaded>) -> DataState {
        DataState {
            dataset: config.dataset,
            points: config.points,
            drawn: config.drawn.clone(),
            loaded: loaded.clone(),
        }
    }

    /// `config` with this data.
    pub fn apply(&self, config: &mut Config) {
        config.dataset = self.dataset;
        config.points = self.points;
        config.drawn = self.drawn.clone();
    }
}

/// The data sets before the last edits, newest last.
#[derive(Clone, Debug, Default)]
pub struct History {
    states: Vec<DataState>,
}

impl History {
    pub fn push(&mut self, state: DataState) {
        if self.states.last() == Some(&state) {
            return;
        }
        if self.states.len() == UNDO_LEVELS {
            self.states.remove(0);
        }
        self.states.push(state);
    }

    pub fn pop(&mut self) -> Option<DataState> {
        self.states.pop()
    }

    pub fn len(&self) -> usize {
        self.states.len()
    }

    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }
}

/// The plane of the input view for this data: the drawing's, or the square around the points.
pub fn plane_of(config: &Config, data: &Split) -> Plane {
    if let Some(d) = drawing_of(config) {
        return d.plane;
    }
    let flat: Vec<f64> = data
        .train
        .x
        .iter()
        .chain(&data.test.x)
        .flatten()
        .copied()
        .collect();
    let w = Window::covering(&flat, None);
    Plane::around(w.x, w.y)
}

/// The drawing a config holds, if its data set is one.
pub fn drawing_of(config: &Config) -> Option<Drawing> {
    (config.dataset == DatasetKind::Custom)
        .then(|| config.drawn.drawing())
        .flatten()
}

/// The data as a drawing, and for each point in the session's order its index in the drawing.
pub fn current(config: &Config, data: &Split) -> Result<(Drawing, Vec<usize>), String> {
    if let Some(d) = drawing_of(config) {
        let order = split_order(d.len(), config.train_ratio).0;
        return Ok((d, order));
    }
    if data.task == Task::Regression {
        return Err(
            "points can be drawn with classes only, and this data set's labels are \
                    values (a regression): choose a data set with classes, or start from an empty \
                    plane"
                .into(),
        );
    }
    let mut d = Drawing::empty(plane_of(config, data));
    for (p, &y) in data
        .train
        .x
        .iter()
        .zip(&data.train.y)
        .chain(data.test.x.iter().zip(&data.test.y))
    {
        d.push(*p, y as u8)?;
    }
    let n = d.len();
    Ok((d, (0..n).collect()))
}

/// The config of the run on the data after `edit`; an error says why the edit cannot be made.
pub fn apply(config: &Config, data: &Split, edit: Edit) -> Result<Config, String> {
    let drawing = match edit {
        Edit::Clear => Drawing::empty(plane_of(config, data)),
        _ => {
            let (mut d, order) = current(config, data)?;
            let at = |index: usize| {
                order.get(index).copied().ok_or_else(|| {
                    format!(
                        "there is no point {index}: the data has {} points",
                        order.len()
                    )
                })
            };
            match edit {
                Edit::Add { at, label } => d.push(at, label)?,
                Edit::Erase(index) => {
                    let i = at(index)?;
                    d.x.remove(i);
                    d.labels.remove(i);
                }
                Edit::Move { index, to } => {
                    let i = at(index)?;
                    if !(to[0].is_finite() && to[1].is_finite()) {
                        return Err("a point moves to finite coordinates only".into());
                    }
                    d.x[i] = d.plane.snap(to);
                }
                Edit::Clear => unreachable!(),
            }
            d
        }
    };
    let mut next = config.clone();
    next.dataset = DatasetKind::Custom;
    next.set("drawn", Drawn::of(&drawing).as_str())
        .map_err(|e| e.message)?;
    next.points = drawing.len();
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::generate;

    fn band() -> (Config, Split) {
        let config = Config::default();
        let data = generate(&config);
        (config, data)
    }

    #[test]
    fn drawing_on_a_generated_set_keeps_its_points() {
        let (config, data) = band();
        let next = apply(
            &config,
            &data,
            Edit::Add {
                at: [0.5, 0.5],
                label: 1,
            },
        )
        .unwrap();
        assert_eq!(next.dataset, DatasetKind::Custom);
        assert_eq!(next.points, 501);
        let split = generate(&next);
        assert_eq!(split.train.len() + split.test.len(), 501);
        // Every old point is still there, within a cell of where it was.
        let d = next.drawn.drawing().unwrap();
        let cell = d.plane.size / 1024.0;
        for (p, y) in data.train.x.iter().zip(&data.train.y) {
            assert!(d.x.iter().zip(&d.labels).any(|(q, &l)| l as f64 == *y
                && (p[0] - q[0]).abs() <= cell
                && (p[1] - q[1]).abs() <= cell));
        }
        assert_eq!(d.labels[500], 1);
        assert!((d.x[500][0] - 0.5).abs() <= cell);
    }

    #[test]
    fn erase_and_move_name_the_sessions_points() {
        let config = Config {
            dataset: DatasetKind::Custom,
            ..Config::default()
        };
        let empty = generate(&config);
        let mut next = apply(&config, &empty, Edit::Clear).unwrap();
        assert_eq!(next.points, 0);
        for i in 0..10 {
            let data = generate(&next);
            next = apply(
                &next,
                &data,
                Edit::Add {
                    at: [i as f64 / 10.0, 0.0],
                    label: (i % 3) as u8,
                },
            )
            .unwrap();
        }
        let data = generate(&next);
        assert_eq!(data.task, Task::Multiclass(3));
        // The last training point in the session's order goes.
        let gone = data.train.x[data.train.len() - 1];
        let after = apply(&next, &data, Edit::Erase(data.train.len() - 1)).unwrap();
        let d = after.drawn.drawing().unwrap();
        assert_eq!(d.len(), 9);
        assert!(!d.x.contains(&gone));
        // The first test point moves.
        let n = data.train.len();
        let moved = apply(
            &next,
            &data,
            Edit::Move {
                index: n,
                to: [-0.5, 0.25],
            },
        )
        .unwrap();
        let s = generate(&moved);
        let all: Vec<[f64; 2]> = s.train.x.iter().chain(&s.test.x).copied().collect();
        assert!(all
            .iter()
            .any(|p| (p[0] + 0.5).abs() < 0.01 && (p[1] - 0.25).abs() < 0.01));
        assert!(!all.contains(&data.test.x[0]));
        assert!(apply(&next, &data, Edit::Erase(10))
            .unwrap_err()
            .contains("no point 10"));
        assert!(apply(
            &next,
            &data,
            Edit::Add {
                at: [0.0, 0.0],
                label: 12
            }
        )
        .is_err());
    }

    #[test]
    fn regression_data_cannot_be_drawn_on_but_can_be_cleared() {
        let mut config = Config::default();
        config.set("dataset", "plane").unwrap();
        let data = generate(&config);
        let e = apply(
            &config,
            &data,
            Edit::Add {
                at: [0.0, 0.0],
                label: 0,
            },
        )
        .unwrap_err();
        assert!(e.contains("regression"), "{e}");
        let cleared = apply(&config, &data, Edit::Clear).unwrap();
        assert_eq!(cleared.drawn.count(), 0);
        assert!(cleared.drawn.drawing().is_some());
    }

    #[test]
    fn a_drawing_travels_in_the_query_and_only_with_custom_data() {
        assert!(!Config::default().to_query().contains("drawn"));
        let (config, data) = band();
        let next = apply(
            &config,
            &data,
            Edit::Add {
                at: [0.1, 0.2],
                label: 0,
            },
        )
        .unwrap();
        let query = next.to_query();
        assert!(query.contains("&drawn=1~"), "{query}");
        let (back, errors) = Config::from_query(&query);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back, next);
        assert_eq!(generate(&back), generate(&next));
        // Noise and seed leave drawn points where they are.
        let mut noisy = next.clone();
        noisy.set("noise", "0.5").unwrap();
        noisy.set("seed", "9").unwrap();
        assert_eq!(generate(&noisy), generate(&next));
        // With another data set the key is not the data.
        let mut other = next.clone();
        other.set("dataset", "xor").unwrap();
        assert_eq!(
            generate(&other).train.len() + generate(&other).test.len(),
            501
        );
        assert!(drawing_of(&other).is_none());
        let bad = Config::from_query("dataset=custom&drawn=1~0~0~1~A").1;
        assert_eq!(bad[0].key, "drawn");
        assert!(
            bad[0].message.contains("four characters"),
            "{}",
            bad[0].message
        );
    }

    #[test]
    fn the_history_keeps_a_bounded_number_of_states() {
        let (config, _) = band();
        let mut h = History::default();
        for points in 0..UNDO_LEVELS + 5 {
            h.push(DataState {
                points,
                ..DataState::of(&config, &None)
            });
            h.push(DataState {
                points,
                ..DataState::of(&config, &None)
            });
        }
        assert_eq!(h.len(), UNDO_LEVELS);
        assert_eq!(h.pop().unwrap().points, UNDO_LEVELS + 4);
    }
}
