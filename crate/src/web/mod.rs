//! The wasm-bindgen surface: a handful of methods and raw views of wasm memory. No logic lives
//! here; everything is the pure-Rust `Session` and `SpaceView`.

use crate::config::{Config, ConfigError, DatasetKind};
use crate::data::{self, csv};
use crate::nn::LayerWeights;
use crate::session::drawing::{History, Loaded, LoadedPoints};
use crate::session::{Metrics, Session, Snapshot};
use crate::views::SpaceView;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "bench")]
mod bench;
mod buffers;
mod compare;
mod drawing;
mod exports;
mod figures;
mod space;
mod stepping;
mod stop;
mod timeline;
#[cfg(feature = "bench")]
pub use bench::*;
pub use figures::*;

/// One playground: a session and its two space views. Several can live on one page.
#[wasm_bindgen]
pub struct Playground {
    session: Session,
    input: SpaceView,
    feature: SpaceView,
    /// Labels of the training then the test points, in the order the views' points use.
    labels: Vec<f64>,
    errors: Vec<ConfigError>,
    /// 256 RGBA colours for P = 0 … 1: the heatmaps' colour scale.
    scale: Vec<u8>,
    /// Set by `inject_fault`: the next step panics.
    fault: bool,
    /// Points loaded from CSV, kept in file order so that every config change splits them the
    /// same way; dropped when another data set is chosen.
    custom: Option<Loaded>,
    /// The data before the last edits by hand, for undo.
    edits: History,
    /// The hidden layer the feature view shows (None: the last), as the element asked.
    space: Option<usize>,
    /// The last sample or minibatch step, for its arrows (see `stepping`).
    update: Option<crate::session::Update>,
}

#[derive(Serialize)]
struct Scores {
    train: Metrics,
    test: Option<Metrics>,
}

#[derive(Serialize)]
struct State {
    epoch: u64,
    train: Metrics,
    test: Option<Metrics>,
    layers: Vec<LayerWeights>,
}

pub(crate) fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

#[wasm_bindgen]
impl Playground {
    /// Starts from a URL-hash style query (`dataset=xor&hidden=8,8`); bad pairs are kept for
    /// `take_errors` and their defaults used.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Playground {
        let (mut config, errors) = Config::from_query(query);
        if config.dataset != DatasetKind::Custom {
            config.drawn = Default::default();
        }
        config.points = config.point_count();
        let mut p = Playground {
            session: Session::new(config),
            input: SpaceView::new(0, 100),
            feature: SpaceView::new(1, 64),
            labels: Vec::new(),
            errors,
            scale: colour_scale(&crate::raster::Palette::default()),
            fault: false,
            custom: None,
            edits: History::default(),
            space: None,
            update: None,
        };
        p.rebuilt();
        p
    }

    /// The errors of the last construction or `set_config`, as `[{key, message}]`; cleared.
    pub fn take_errors(&mut self) -> JsValue {
        to_js(&std::mem::take(&mut self.errors))
    }

    /// The config as a plain object with the public keys.
    pub fn config(&self) -> JsValue {
        to_js(self.session.config())
    }

    /// The config as a URL-hash query.
    pub fn query(&self) -> String {
        self.session.config().to_query()
    }

    /// Applies `key=value&…` pairs; a change starts a new session. Returns the rejected pairs.
    /// Loaded (custom) points survive every change but that of the data set; a new train ratio
    /// or seed splits them anew.
    pub fn set_config(&mut self, query: &str) -> JsValue {
        let mut config = self.session.config().clone();
        let errors = config.apply_query(query);
        if &config != self.session.config() {
            if config.dataset != DatasetKind::Custom {
                // Leaving loaded or drawn points (kept for undo): a generated set
                // of the default size, unless asked.
                self.keep_made_data();
                let leaving = self.custom.take().is_some() || !config.drawn.is_empty();
                config.drawn = Default::default();
                if leaving && !query.split('&').any(|p| p.starts_with("points=")) {
                    config.points = Config::default().points;
                }
            }
            self.session = self.session_for(config);
            self.rebuilt();
        }
        to_js(&errors)
    }

    /// Starts again from the same config: same data, same initial weights.
    pub fn reset(&mut self) {
        self.session = self.session_for(self.session.config().clone());
        self.rebuilt();
    }

    /// Loads points from CSV text (`x1,x2,label`) as the `custom` data set, split by
    /// `trainRatio`. Returns `[{key: "csv", message}]` naming the line on error; nothing changes
    /// then.
    pub fn load_csv(&mut self, text: &str) -> JsValue {
        match csv::parse(text) {
            Ok((points, task)) => {
                let mut config = self.session.config().clone();
                config.dataset = DatasetKind::Custom;
                config.points = points.len();
                config.drawn = Default::default();
                if let Err(message) = config.check_size() {
                    return to_js(&[ConfigError {
                        key: "csv".into(),
                        message,
                    }]);
                }
                self.keep_made_data();
                self.custom = Some(std::rc::Rc::new(LoadedPoints {
                    points,
                    task,
                    text: text.to_string(),
                }));
                self.session = self.session_for(config);
                self.rebuilt();
                to_js(&Vec::<ConfigError>::new())
            }
            Err(e) => to_js(&[ConfigError {
                key: "csv".into(),
                message: e.to_string(),
            }]),
        }
    }

    /// The text of the CSV file whose points this run trains on; undefined when its data are
    /// generated or drawn. It follows undo, which can bring loaded points back: the page hands
    /// it to the training worker and to a linked element, and keeps it to rebuild after a crash.
    pub fn loaded_csv(&self) -> Option<String> {
        let config = self.session.config();
        let loaded = config.dataset == DatasetKind::Custom && config.drawn.is_empty();
        loaded
            .then(|| self.custom.as_ref().map(|l| l.text.clone()))
            .flatten()
    }

    pub fn step(&mut self, epochs: u32) {
        if self.fault {
            panic!("a fault injected for testing (Playground.inject_fault)");
        }
        self.session.step(epochs);
    }

    /// Goes back to the weights of the last recorded epoch whose loss was finite (after a
    /// divergence), with a fresh optimizer; returns the epoch they are from.
    pub fn restore_finite(&mut self) -> f64 {
        self.session.restore_finite() as f64
    }

    /// The class colours of the heatmaps and the colour scale: R, G, B bytes per class (two or
    /// three classes; the page's theme). Redraws the views.
    pub fn set_class_colours(&mut self, rgb: &[u8]) {
        let palette = crate::raster::Palette::from_rgb(rgb);
        self.scale = colour_scale(&palette);
        self.input.set_palette(palette.clone());
        self.feature.set_palette(palette);
        self.render();
    }

    /// Trains up to `batches` minibatches (stopping at an epoch's end); returns the epochs ended
    /// (0 or 1). The page trains big networks this way, a slice of an epoch per frame.
    pub fn step_batches(&mut self, batches: u32) -> f64 {
        if self.fault {
            panic!("a fault injected for testing (Playground.inject_fault)");
        }
        self.session.step_batches(batches as usize) as f64
    }

    pub fn batches_per_epoch(&self) -> usize {
        self.session.batches_per_epoch()
    }

    /// Training points × weights: what one epoch costs, for bounding synchronous training.
    pub fn epoch_work(&self) -> f64 {
        (self.session.data().train.len() * self.session.model().param_count()) as f64
    }

    /// Makes the next `step` panic, so tests can check how the page reports a crashed core.
    pub fn inject_fault(&mut self) {
        self.fault = true;
    }

    /// The run's state (see `Snapshot`) as numbers (`Snapshot::to_numbers`), to carry it to
    /// another playground of the same config and data; undefined under L-BFGS.
    pub fn snapshot(&self) -> Option<Vec<f64>> {
        self.session.snapshot().map(|s| s.to_numbers())
    }

    /// Continues the run a `snapshot` describes; an error names why it does not fit.
    pub fn restore(&mut self, snapshot: &[f64]) -> Result<(), JsValue> {
        let snapshot = Snapshot::from_numbers(snapshot).map_err(|e| JsValue::from_str(&e))?;
        self.session
            .restore(&snapshot)
            .map_err(|e| JsValue::from_str(&e))
    }

    pub fn epoch(&self) -> f64 {
        self.session.epoch() as f64
    }

    /// `{epoch, train: {loss, accuracy}, test, layers: [{W, b}]}`.
    pub fn state(&mut self) -> JsValue {
        let train = self.session.train_metrics();
        let test = self.session.test_metrics();
        let layers = self.session.model().weights();
        to_js(&State {
            epoch: self.session.epoch(),
            train,
            test,
            layers,
        })
    }

    /// `{train, test}` as `state()` gives them, without the weights: a frame reads those from
    /// `shape()` and `params()`, which cost far less to carry across than nested arrays.
    pub fn metrics(&mut self) -> JsValue {
        to_js(&Scores {
            train: self.session.train_metrics(),
            test: self.session.test_metrics(),
        })
    }

    /// The output along the single input feature (p against u), or empty when there are more.
    pub fn output_curve(&mut self, lo: f64, hi: f64, n: usize) -> Vec<f64> {
        self.session.output_curve(lo, hi, n).unwrap_or_default()
    }

    /// The network's inputs for every point (training then test), `features` values each.
    pub fn inputs(&self) -> Vec<f64> {
        self.session.inputs()
    }

    /// True once L-BFGS has converged.
    pub fn converged(&self) -> bool {
        self.session.converged()
    }

    /// A fresh seed from the browser's random source, for the "new data" button.
    pub fn random_seed() -> f64 {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes).map_or(1.0, |_| u32::from_le_bytes(bytes) as f64)
    }
}

/// Every config key with its kind, bounds or choices, words and default (see `config::schema`):
/// the front end builds its controls, attributes and properties from this.
#[wasm_bindgen]
pub fn config_schema() -> JsValue {
    to_js(&crate::config::schema::describe())
}

thread_local! {
    static PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Keeps a panic's message for `take_panic`: with `panic = "abort"` the wasm call then traps,
/// and the page asks what happened.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        PANIC.with(|p| *p.borrow_mut() = Some(message));
    }));
}

/// The message of the last panic, once; null when there was none.
#[wasm_bindgen]
pub fn take_panic() -> Option<String> {
    PANIC.with(|p| p.borrow_mut().take())
}

pub(crate) fn colour_scale(palette: &crate::raster::Palette) -> Vec<u8> {
    let p: Vec<f32> = (0..256).map(|i| i as f32 / 255.0).collect();
    let mut rgba = vec![0; 256 * 4];
    crate::raster::probability_rgba(palette, &p, &mut rgba);
    rgba
}

impl Playground {
    /// A new session for `config`: generated data, or the loaded points split by its ratio and seed.
    fn session_for(&self, mut config: Config) -> Session {
        if !config.drawn.is_empty() && config.dataset == DatasetKind::Custom {
            // Drawn points (which come before loaded ones).
            config.points = config.point_count();
            return Session::new(config);
        }
        match (&self.custom, config.dataset) {
            (Some(loaded), DatasetKind::Custom) => {
                config.points = loaded.points.len();
                let split = data::split(
                    loaded.points.clone(),
                    config.train_ratio,
                    config.seed,
                    loaded.task,
                );
                Session::with_data(config, split)
            }
            _ => Session::new(config),
        }
    }

    pub(crate) fn view(&self, which: u32) -> &SpaceView {
        if which == 0 {
            &self.input
        } else {
            &self.feature
        }
    }

    /// After a new session: the feature view shows the last hidden layer; labels are gathered.
    pub(crate) fn rebuilt(&mut self) {
        let depth = self.session.config().hidden.0.len();
        self.feature
            .set_layer(self.space.map_or(depth, |l| l.min(depth)));
        self.feature.set_needs_hidden(self.space.is_none());
        let data = self.session.data();
        self.labels = data.train.y.iter().chain(&data.test.y).copied().collect();
        self.fit_drawn_window();
        self.render();
    }
}
