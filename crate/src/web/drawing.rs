//! The wasm surface of data made by hand (see `session::drawing`): add, erase and move points on
//! the input plane, an empty plane, undo, and what the drawing tools need to know. Every edit
//! starts a new run on the new data.

use super::{to_js, Playground};
use crate::config::{ConfigError, DatasetKind};
use crate::data::Task;
use crate::session::drawing::{self, DataState, Edit};
use crate::views::Window;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// What the drawing tools show: `{drawn, count, classes, editable, reason, undo}`.
#[derive(Serialize)]
struct DrawInfo {
    /// The data is a drawing (the `drawn` key holds it).
    drawn: bool,
    count: usize,
    /// Classes of the data (0 for a regression).
    classes: usize,
    /// Points can be added, erased and moved (the labels are classes).
    editable: bool,
    /// Why not, when not.
    reason: Option<String>,
    /// Edits undo can take back.
    undo: usize,
}

#[wasm_bindgen]
impl Playground {
    pub fn draw_info(&self) -> JsValue {
        let config = self.session.config();
        let data = self.session.data();
        let reason = (data.task == Task::Regression).then(|| {
            "points are drawn with classes, and this data set's labels are values (a regression)"
                .to_string()
        });
        let drawn = drawing::drawing_of(config).is_some();
        to_js(&DrawInfo {
            drawn,
            count: data.train.len() + data.test.len(),
            classes: data.task.classes(),
            editable: reason.is_none(),
            reason,
            undo: self.edits.len(),
        })
    }

    /// Adds a point of class `label` at (x1, x2). Returns the errors (`[{key: "draw", message}]`).
    pub fn draw_add(&mut self, x: f64, y: f64, label: u32) -> JsValue {
        let label = label.min(255) as u8;
        self.draw_edit(Edit::Add { at: [x, y], label })
    }

    /// Erases point `index` (training points first, as the views count them).
    pub fn draw_erase(&mut self, index: u32) -> JsValue {
        self.draw_edit(Edit::Erase(index as usize))
    }

    /// Moves point `index` to (x1, x2).
    pub fn draw_move(&mut self, index: u32, x: f64, y: f64) -> JsValue {
        self.draw_edit(Edit::Move {
            index: index as usize,
            to: [x, y],
        })
    }

    /// An empty plane (the one shown now) to draw on.
    pub fn draw_clear(&mut self) -> JsValue {
        self.draw_edit(Edit::Clear)
    }

    /// Goes back to the data before the last edit; false when there is none.
    pub fn draw_undo(&mut self) -> bool {
        let Some(state) = self.edits.pop() else {
            return false;
        };
        let mut config = self.session.config().clone();
        state.apply(&mut config);
        self.custom = state.loaded;
        self.session = self.session_for(config);
        self.rebuilt();
        true
    }
}

impl Playground {
    fn draw_edit(&mut self, edit: Edit) -> JsValue {
        match drawing::apply(self.session.config(), self.session.data(), edit) {
            Ok(config) => {
                self.edits
                    .push(DataState::of(self.session.config(), &self.custom));
                self.session = self.session_for(config);
                self.rebuilt();
                to_js(&Vec::<ConfigError>::new())
            }
            Err(message) => to_js(&[ConfigError {
                key: "draw".into(),
                message,
            }]),
        }
    }

    /// Before the data changes by other means (another data set, a file): a drawing or loaded
    /// points are kept for undo (a generated set comes back from its keys alone).
    pub(crate) fn keep_made_data(&mut self) {
        let config = self.session.config();
        let loaded = config.dataset == DatasetKind::Custom && self.custom.is_some();
        if loaded || drawing::drawing_of(config).is_some() {
            self.edits.push(DataState::of(config, &self.custom));
        }
    }

    /// The input view shows a drawing's own plane (so that it stays put while points are
    /// drawn, and a link shows it as drawn); other data, the square around the points.
    pub(crate) fn fit_drawn_window(&mut self) {
        let plane = drawing::drawing_of(self.session.config()).map(|d| d.plane);
        self.input.set_window(plane.map(|p| Window {
            x: [p.x0, p.x0 + p.size],
            y: [p.y0, p.y0 + p.size],
        }));
    }
}
