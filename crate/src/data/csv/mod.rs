//! Points from CSV with a header naming `x1`, `x2` and `label`. A label is a class (an integer
//! from 0 to 9) or, when any label has a fraction, a regression target. Errors name the line and
//! the reason (quoting at most a short excerpt of the input), and nothing partial is ever
//! returned.
//!
//! One reader serves both paths: [`parse`] over text in memory (the browser) and [`read`] over
//! any `io::Read` (the CLI's files). It streams rows and stops as soon as the file has more rows
//! than a session takes ([`MAX_ROWS`]) or a row grows past [`MAX_ROW_BYTES`] (a quote left open
//! makes the rest of a file one field), so a huge file is never held in memory.

use super::{Dataset, Task};
use crate::config::{excerpt, MAX_POINTS};
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};

/// Rows a file may have: as many points as a session takes (the `points` key's maximum).
pub const MAX_ROWS: usize = MAX_POINTS;
/// Bytes one row may take.
pub const MAX_ROW_BYTES: u64 = 1 << 20;
pub const MAX_CLASS: f64 = 9.0;
pub const MAX_TARGET: f64 = 1e6;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    /// 1-based line of the file the problem is on.
    pub line: u64,
    pub reason: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for CsvError {}

fn error(line: u64, reason: impl Into<String>) -> CsvError {
    CsvError {
        line,
        reason: reason.into(),
    }
}

/// The points of a file, the task their labels make, and the line each point is on.
#[derive(Clone, Debug, PartialEq)]
pub struct Points {
    pub data: Dataset,
    pub task: Task,
    /// The 1-based file line of each point, in order.
    pub lines: Vec<u64>,
}

/// Parses CSV text in memory; see [`read`].
pub fn parse(text: &str) -> Result<(Dataset, Task), CsvError> {
    let points = read(text.as_bytes())?;
    Ok((points.data, points.task))
}

/// Reads the points row by row from `input` and decides the task from the labels.
pub fn read(input: impl Read) -> Result<Points, CsvError> {
    let (data, lines) = read_rows(input)?;
    let task = task_of(&data, &lines)?;
    Ok(Points { data, task, lines })
}

/// Feeds the csv reader with every empty line made one space, so that the reader skips no line
/// and the positions it gives name the real line of every row; and fails once a row (from
/// `row_start`, which the caller moves on after each row) passes `MAX_ROW_BYTES`.
struct Rows<R> {
    inner: R,
    /// Bytes given to the csv reader so far, spaces included (its positions count them too).
    given: u64,
    row_start: u64,
    at_line_start: bool,
    /// A space was given before the byte that comes next.
    padded: bool,
    too_long: bool,
}

impl<R: BufRead> Read for Rows<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.given - self.row_start > MAX_ROW_BYTES {
            self.too_long = true;
            return Err(io::Error::other("a row is too long"));
        }
        let input = self.inner.fill_buf()?;
        let (mut n, mut used) = (0, 0);
        for &b in input {
            if n == out.len() {
                break;
            }
            if self.at_line_start && (b == b'\n' || b == b'\r') && !self.padded {
                out[n] = b' ';
                n += 1;
                self.padded = true;
                if n == out.len() {
                    break;
                }
            }
            out[n] = b;
            n += 1;
            used += 1;
            self.at_line_start = b == b'\n';
            self.padded = false;
        }
        self.inner.consume(used);
        self.given += n as u64;
        Ok(n)
    }
}

/// Reads the header and the rows: the points with the line of each.
fn read_rows(input: impl Read) -> Result<(Dataset, Vec<u64>), CsvError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(Rows {
            inner: BufReader::new(input),
            given: 0,
            row_start: 0,
            at_line_start: true,
            padded: false,
            too_long: false,
        });
    let mut record = ::csv::StringRecord::new();
    let mut columns: Option<([usize; 3], u64)> = None;
    let mut data = Dataset::default();
    let mut lines = Vec::new();
    // Where the next row starts (a failed read may have moved the reader's position on).
    let mut next_line = 1;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(&e, reader.get_ref(), next_line)),
        }
        let next = reader.position();
        next_line = next.line();
        reader.get_mut().row_start = next.byte();
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let Some((columns, _)) = columns else {
            columns = Some((header_columns(&record, line)?, line));
            continue;
        };
        if data.len() == MAX_ROWS {
            return Err(error(
                line,
                format!(
                    "more than {MAX_ROWS} rows; the limit is {MAX_ROWS} points \
                     (the points key's maximum)"
                ),
            ));
        }
        let mut values = [0.0; 3];
        for (k, (&c, name)) in columns.iter().zip(["x1", "x2", "label"]).enumerate() {
            values[k] = value(record.get(c), name, line)?;
        }
        data.push_value([values[0], values[1]], values[2]);
        lines.push(line);
    }
    match columns {
        None => Err(error(
            1,
            "the file is empty: expected a header x1,x2,label and a row for each point",
        )),
        Some((_, header)) if data.is_empty() => Err(error(
            header,
            "no points: the header is not followed by any rows",
        )),
        Some(_) => Ok((data, lines)),
    }
}

/// The columns of x1, x2 and label in the header.
fn header_columns(header: &::csv::StringRecord, line: u64) -> Result<[usize; 3], CsvError> {
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                let shown: Vec<&str> = header.iter().collect();
                error(
                    line,
                    format!(
                        "missing column '{name}' in the header '{}' (expected x1,x2,label)",
                        excerpt(&shown.join(","))
                    ),
                )
            })
    };
    Ok([column("x1")?, column("x2")?, column("label")?])
}

/// One finite number of a row.
fn value(field: Option<&str>, name: &str, line: u64) -> Result<f64, CsvError> {
    let field = field
        .filter(|f| !f.is_empty())
        .ok_or_else(|| error(line, format!("missing column '{name}'")))?;
    let v: f64 = field.parse().map_err(|_| {
        // A field over several lines comes from a quote left open.
        let hint = if field.contains('\n') {
            "; is a quote left open?"
        } else {
            ""
        };
        error(
            line,
            format!("{name} '{}' is not a number{hint}", excerpt(field)),
        )
    })?;
    if !v.is_finite() {
        return Err(error(
            line,
            format!(
                "{name} is '{}': NaN and infinity are not allowed",
                excerpt(field)
            ),
        ));
    }
    Ok(v)
}

/// Words for a reader's error, on the line it happened.
fn csv_error<R>(e: &::csv::Error, rows: &Rows<R>, next_line: u64) -> CsvError {
    let line = e.position().map_or(next_line, |p| p.line()).max(1);
    match e.kind() {
        ::csv::ErrorKind::Io(_) if rows.too_long => error(
            line,
            format!("a row longer than {MAX_ROW_BYTES} bytes starts here; is a quote left open?"),
        ),
        ::csv::ErrorKind::Io(io) => error(line, format!("cannot read the file: {io}")),
        ::csv::ErrorKind::Utf8 { .. } => error(line, "not UTF-8 text"),
        _ => error(line, format!("not valid CSV: {}", excerpt(&e.to_string()))),
    }
}

/// A label for a message: plain when short, else in exponent form (1e300, not 301 digits).
fn shown(v: f64) -> String {
    if v.abs() < 1e15 {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// Integer labels are classes 0 … 9; any fraction makes the whole file a regression.
fn task_of(data: &Dataset, lines: &[u64]) -> Result<Task, CsvError> {
    if data.y.iter().all(|y| y.fract() == 0.0) {
        if let Some(i) = data.y.iter().position(|&y| !(0.0..=MAX_CLASS).contains(&y)) {
            return Err(error(
                lines[i],
                format!(
                    "label {} out of range: classes are integers from 0 to {MAX_CLASS}",
                    shown(data.y[i])
                ),
            ));
        }
        let classes = data.y.iter().fold(0.0f64, |a, &b| a.max(b)) as usize + 1;
        return Ok(if classes <= 2 {
            Task::Binary
        } else {
            Task::Multiclass(classes)
        });
    }
    if let Some(i) = data.y.iter().position(|y| y.abs() > MAX_TARGET) {
        return Err(error(
            lines[i],
            format!(
                "label {} out of range: regression targets lie within ±{MAX_TARGET}",
                shown(data.y[i])
            ),
        ));
    }
    Ok(Task::Regression)
}

/// Checks that a test set fits the task learned from the training set.
pub fn check_against(test: &Points, task: Task) -> Result<(), CsvError> {
    match task {
        Task::Regression => Ok(()),
        t => match test
            .data
            .y
            .iter()
            .position(|&y| y.fract() != 0.0 || y < 0.0 || y as usize >= t.classes())
        {
            Some(i) => Err(error(
                test.lines[i],
                format!(
                    "label {} is not one of the training set's classes 0 to {}",
                    shown(test.data.y[i]),
                    t.classes() - 1
                ),
            )),
            None => Ok(()),
        },
    }
}

#[cfg(test)]
mod tests;
