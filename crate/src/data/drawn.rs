//! Points drawn by hand on the input plane, in the compact text form the `drawn` config key (and
//! so a link) holds:
//!
//! ```text
//! 1~X0~Y0~SIZE~PPPPPPPP…
//! ```
//!
//! `1` is the format's version; the plane drawn on is the square [X0, X0 + SIZE] × [Y0, Y0 + SIZE]
//! (decimal numbers); then four base64url characters (`A–Z a–z 0–9 - _`, no padding) per point:
//! 24 bits, of which the top 10 are the column `qx`, the next 10 the row `qy` and the last 4 the
//! class (0–9). A point lies at the middle of its cell: x1 = X0 + (qx + ½)·SIZE/1024, likewise
//! x2. So 500 points take about 2,000 characters, and each is placed to 1/1024 of the plane.

use super::{Dataset, Split, Task};
use crate::config::{excerpt, Plain, MAX_POINTS};

/// Cells across the plane, per axis.
pub const CELLS: u32 = 1024;
/// The largest class a drawn point may have.
pub const MAX_LABEL: u8 = 9;
/// Drawn points a link carries at most (about 4,000 characters); more must go by CSV.
pub const LINK_POINTS: usize = 1000;
const VERSION: &str = "1";
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The square of the input plane the points were drawn on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plane {
    pub x0: f64,
    pub y0: f64,
    pub size: f64,
}

impl Plane {
    /// A plane with round numbers that holds the rectangle [x0, x1] × [y0, y1].
    pub fn around(x: [f64; 2], y: [f64; 2]) -> Plane {
        let span = (x[1] - x[0]).max(y[1] - y[0]).max(1e-6);
        // Three significant digits of the span.
        let digits = span.log10().floor() as i32 - 2;
        let unit = 10f64.powi(digits);
        let round = |v: f64| {
            let text = crate::config::fixed(v, (-digits).max(0) as usize);
            crate::config::parse_number(&text).unwrap_or(v)
        };
        // In units, rounded first so that -3.2 / 0.01 stays -320, not -321.
        let floor = |v: f64| ((v / unit * 1e6).round() / 1e6).floor() * unit;
        let x0 = round(floor(x[0]));
        let y0 = round(floor(y[0]));
        let size = round((((x[1] - x0).max(y[1] - y0)) / unit).ceil() * unit + unit);
        Plane { x0, y0, size }
    }

    fn cell(&self, v: f64, origin: f64) -> u32 {
        let q = ((v - origin) / self.size * CELLS as f64).floor();
        q.clamp(0.0, (CELLS - 1) as f64) as u32
    }

    fn centre(&self, q: u32, origin: f64) -> f64 {
        origin + (q as f64 + 0.5) * self.size / CELLS as f64
    }

    /// The point's position once drawn: the middle of its cell (a point outside moves to the edge).
    pub fn snap(&self, p: [f64; 2]) -> [f64; 2] {
        [
            self.centre(self.cell(p[0], self.x0), self.x0),
            self.centre(self.cell(p[1], self.y0), self.y0),
        ]
    }
}

/// Points drawn on a plane, in the order they were drawn, labels 0–9.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    pub plane: Plane,
    pub x: Vec<[f64; 2]>,
    pub labels: Vec<u8>,
}

impl Drawing {
    pub fn empty(plane: Plane) -> Drawing {
        Drawing {
            plane,
            x: Vec::new(),
            labels: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Two classes (one sigmoid) unless a label is 2 or more.
    pub fn task(&self) -> Task {
        match self.labels.iter().max() {
            Some(&k) if k >= 2 => Task::Multiclass(k as usize + 1),
            _ => Task::Binary,
        }
    }

    /// Adds a point (snapped to its cell); an error names a bad class or a full drawing.
    pub fn push(&mut self, p: [f64; 2], label: u8) -> Result<(), String> {
        if label > MAX_LABEL {
            return Err(format!("class {label} is not one of 0 to {MAX_LABEL}"));
        }
        if !(p[0].is_finite() && p[1].is_finite()) {
            return Err("a drawn point needs finite coordinates".into());
        }
        if self.len() >= MAX_POINTS {
            return Err(format!("a data set holds at most {MAX_POINTS} points"));
        }
        self.x.push(self.plane.snap(p));
        self.labels.push(label);
        Ok(())
    }

    /// The text form (see the module's description).
    pub fn encode(&self) -> String {
        let mut out = format!(
            "{VERSION}~{}~{}~{}~",
            Plain(self.plane.x0),
            Plain(self.plane.y0),
            Plain(self.plane.size)
        );
        out.reserve(4 * self.len());
        for (p, &label) in self.x.iter().zip(&self.labels) {
            let qx = self.plane.cell(p[0], self.plane.x0);
            let qy = self.plane.cell(p[1], self.plane.y0);
            let bits = (qx << 14) | (qy << 4) | label.min(MAX_LABEL) as u32;
            for shift in [18, 12, 6, 0] {
                out.push(ALPHABET[((bits >> shift) & 63) as usize] as char);
            }
        }
        out
    }

    /// Reads the text form; an error says what is wrong with it (quoting at most an excerpt).
    pub fn decode(text: &str) -> Result<Drawing, String> {
        let bad = |why: &str| format!("'{}' is not a drawing: {why}", excerpt(text));
        let mut parts = text.trim().splitn(5, '~');
        if parts.next() != Some(VERSION) {
            return Err(bad("it must start with the format's version, 1~"));
        }
        let mut number = |name: &str| {
            parts
                .next()
                .and_then(crate::config::parse_number)
                .filter(|v| v.is_finite() && v.abs() < 1e12)
                .ok_or_else(|| bad(&format!("{name} is not a number")))
        };
        let (x0, y0, size) = (number("X0")?, number("Y0")?, number("SIZE")?);
        if size <= 0.0 {
            return Err(bad("SIZE must be above 0"));
        }
        let points = parts.next().ok_or_else(|| bad("the points are missing"))?;
        if points.len() % 4 != 0 {
            return Err(bad("each point takes exactly four characters"));
        }
        if points.len() / 4 > MAX_POINTS {
            return Err(format!(
                "a drawing of {} points is more than the {MAX_POINTS} a data set holds",
                points.len() / 4
            ));
        }
        let mut drawing = Drawing::empty(Plane { x0, y0, size });
        for (n, chunk) in points.as_bytes().chunks_exact(4).enumerate() {
            let mut bits = 0u32;
            for &c in chunk {
                let v = ALPHABET.iter().position(|&a| a == c).ok_or_else(|| {
                    bad(&format!(
                        "point {} has a character outside A–Z a–z 0–9 - _",
                        n + 1
                    ))
                })?;
                bits = (bits << 6) | v as u32;
            }
            let label = (bits & 15) as u8;
            if label > MAX_LABEL {
                return Err(bad(&format!("point {} has class {label} (0 to 9)", n + 1)));
            }
            let plane = drawing.plane;
            drawing.x.push([
                plane.centre(bits >> 14, plane.x0),
                plane.centre((bits >> 4) & 1023, plane.y0),
            ]);
            drawing.labels.push(label);
        }
        Ok(drawing)
    }

    /// The points as a data set (labels as numbers), in drawing order.
    pub fn dataset(&self) -> Dataset {
        Dataset {
            x: self.x.clone(),
            y: self.labels.iter().map(|&l| l as f64).collect(),
        }
    }

    /// Training and test points by a fixed pattern, so that drawing one more point never moves
    /// another between the two: the first point trains, and point i is a test point when
    /// round((i + 1)·(1 − ratio)) passes round(i·(1 − ratio)) — with ratio 0.8 every fifth.
    /// Returns the split and, for each point in the split's order (training first), its index
    /// in the drawing.
    pub fn split(&self, ratio: f64) -> (Split, Vec<usize>) {
        let order = split_order(self.len(), ratio);
        let all = self.dataset();
        let n_train = order.1;
        let pick = |idx: &[usize]| Dataset {
            x: idx.iter().map(|&i| all.x[i]).collect(),
            y: idx.iter().map(|&i| all.y[i]).collect(),
        };
        let split = Split {
            train: pick(&order.0[..n_train]),
            test: pick(&order.0[n_train..]),
            task: self.task(),
        };
        (split, order.0)
    }
}

/// The drawing's indices in the split's order (training first), and how many train.
pub fn split_order(n: usize, ratio: f64) -> (Vec<usize>, usize) {
    let tests = |i: usize| (i as f64 * (1.0 - ratio) + 0.5).floor();
    let is_test = |i: usize| i > 0 && tests(i + 1) > tests(i);
    let mut order: Vec<usize> = (0..n).filter(|&i| !is_test(i)).collect();
    let n_train = order.len();
    order.extend((0..n).filter(|&i| is_test(i)));
    (order, n_train)
}

/// The `drawn` config key's value: empty (no drawing), or a drawing's valid text form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drawn(String);

impl Drawn {
    pub fn parse(text: &str) -> Result<Drawn, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Drawn::default());
        }
        Drawing::decode(text)?;
        Ok(Drawn(text.to_string()))
    }

    pub fn of(drawing: &Drawing) -> Drawn {
        Drawn(drawing.encode())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The drawing, or None when there is none.
    pub fn drawing(&self) -> Option<Drawing> {
        Drawing::decode(&self.0).ok()
    }

    /// How many points the text holds (four characters each).
    pub fn count(&self) -> usize {
        self.0.rsplit('~').next().map_or(0, |p| p.len() / 4)
    }
}

impl serde::Serialize for Drawn {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Drawn {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Drawn::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plane() -> Plane {
        Plane::around([-3.2, 3.2], [-3.2, 3.2])
    }

    #[test]
    fn the_plane_has_round_numbers_and_holds_the_window() {
        let p = plane();
        assert_eq!((p.x0, p.y0), (-3.2, -3.2));
        assert!(p.x0 + p.size >= 3.2 && p.size < 6.5, "{p:?}");
        let q = Plane::around([0.0, 123.456], [10.0, 20.0]);
        assert!(
            q.x0 <= 0.0 && q.x0 + q.size >= 123.456 && q.y0 <= 10.0,
            "{q:?}"
        );
        assert!(format!("{}", q.size).len() <= 5, "{q:?}");
    }

    #[test]
    fn points_round_trip_to_their_cells() {
        let mut d = Drawing::empty(plane());
        let points = [
            ([-3.0, 2.5], 0),
            ([1.25, -0.7], 1),
            ([0.0, 0.0], 2),
            ([3.1, 3.1], 9),
        ];
        for (p, l) in points {
            d.push(p, l).unwrap();
        }
        let text = d.encode();
        assert!(text.starts_with("1~-3.2~-3.2~"), "{text}");
        assert_eq!(text.rsplit('~').next().unwrap().len(), 16);
        let back = Drawing::decode(&text).unwrap();
        assert_eq!(back, d);
        assert_eq!(back.encode(), text);
        let cell = d.plane.size / CELLS as f64;
        for ((p, _), q) in points.iter().zip(&back.x) {
            assert!(
                (p[0] - q[0]).abs() <= cell / 2.0 + 1e-12
                    && (p[1] - q[1]).abs() <= cell / 2.0 + 1e-12
            );
        }
        assert_eq!(back.labels, vec![0, 1, 2, 9]);
        assert_eq!(back.task(), Task::Multiclass(10));
        assert_eq!(Drawn::parse(&text).unwrap().count(), 4);
    }

    #[test]
    fn an_empty_drawing_keeps_its_plane() {
        let d = Drawing::empty(plane());
        let back = Drawing::decode(&d.encode()).unwrap();
        assert!(back.is_empty());
        assert_eq!(back.plane, d.plane);
        assert_eq!(back.task(), Task::Binary);
    }

    #[test]
    fn bad_text_is_named() {
        for (text, says) in [
            ("2~0~0~1~", "version"),
            ("1~a~0~1~", "X0 is not a number"),
            ("1~0~0~0~", "SIZE must be above 0"),
            ("1~0~0~1", "points are missing"),
            ("1~0~0~1~AAA", "four characters"),
            ("1~0~0~1~AA*A", "point 1 has a character"),
            ("1~0~0~1~AAAP", "class 15"),
        ] {
            let e = Drawing::decode(text).unwrap_err();
            assert!(e.contains(says), "{text}: {e}");
        }
        let long = format!("1~0~0~1~{}", "A".repeat(4 * (MAX_POINTS + 1)));
        assert!(Drawn::parse(&long).unwrap_err().contains("more than"));
        assert!(Drawing::empty(plane()).push([0.0, 0.0], 10).is_err());
        assert!(Drawing::empty(plane()).push([f64::NAN, 0.0], 1).is_err());
        assert_eq!(Drawn::parse("  ").unwrap(), Drawn::default());
    }

    #[test]
    fn the_split_is_stable_as_points_are_added() {
        let (order, n_train) = split_order(10, 0.8);
        assert_eq!(n_train, 8);
        let tests: Vec<usize> = order[n_train..].to_vec();
        let (more, more_train) = split_order(11, 0.8);
        assert!(tests.iter().all(|i| more[more_train..].contains(i)));
        assert_eq!(split_order(1, 0.05), (vec![0], 1));
        assert_eq!(split_order(5, 1.0).1, 5);
        let mut d = Drawing::empty(plane());
        for i in 0..20 {
            d.push([i as f64 / 10.0, 0.0], (i % 2) as u8).unwrap();
        }
        let (split, order) = d.split(0.8);
        assert_eq!((split.train.len(), split.test.len()), (16, 4));
        assert_eq!(split.train.y[0], 0.0);
        for (k, &i) in order.iter().enumerate() {
            let (x, y) = if k < 16 {
                (split.train.x[k], split.train.y[k])
            } else {
                (split.test.x[k - 16], split.test.y[k - 16])
            };
            assert_eq!((x, y), (d.x[i], d.labels[i] as f64));
        }
    }
}
