//! Points from CSV with a header naming `x1`, `x2` and `label`. A label is a class (an integer
//! from 0 to 9) or, when any label has a fraction, a regression target. Errors name the line and
//! the reason (quoting at most a short excerpt of the input), and nothing partial is ever
//! returned.
//!
//! One reader (`records`, by hand) serves both paths: [`parse`] over text in memory (the browser)
//! and [`read`] over any `io::Read` (the CLI's files). It streams rows and stops as soon as the file has more rows
//! than a session takes ([`MAX_ROWS`]) or a row grows past [`MAX_ROW_BYTES`] (a quote left open
//! makes the rest of a file one field), so a huge file is never held in memory.

use super::{Dataset, Task};
use crate::config::{excerpt, exponent, plain, Plain, MAX_POINTS};
use records::Records;
use std::fmt;
use std::io::{BufRead, BufReader, Read};

mod records;

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

/// Reads the header and the rows: the points with the line of each.
fn read_rows(input: impl Read) -> Result<(Dataset, Vec<u64>), CsvError> {
    let mut records = Records::new(BufReader::new(input));
    let mut columns: Option<([usize; 3], u64)> = None;
    let mut data = Dataset::default();
    let mut lines = Vec::new();
    while let Some(line) = records.next_record()? {
        if records.fields().all(str::is_empty) {
            continue;
        }
        let Some((columns, _)) = columns else {
            columns = Some((header_columns(&records, line)?, line));
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
            values[k] = value(records.get(c), name, line)?;
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
fn header_columns<R: BufRead>(header: &Records<R>, line: u64) -> Result<[usize; 3], CsvError> {
    let column = |name: &str| {
        header
            .fields()
            .position(|h| h.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                let shown: Vec<&str> = header.fields().collect();
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
    let v = crate::config::parse_number(field).ok_or_else(|| {
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

/// A label for a message: plain when short, else in exponent form (1e300, not 301 digits).
fn shown(v: f64) -> String {
    if v.abs() < 1e15 {
        plain(v)
    } else {
        exponent(v)
    }
}

/// Integer labels are classes 0 … 9; any fraction makes the whole file a regression.
fn task_of(data: &Dataset, lines: &[u64]) -> Result<Task, CsvError> {
    if data.y.iter().all(|y| y.fract() == 0.0) {
        if let Some(i) = data.y.iter().position(|&y| !(0.0..=MAX_CLASS).contains(&y)) {
            return Err(error(
                lines[i],
                format!(
                    "label {} out of range: classes are integers from 0 to {}",
                    shown(data.y[i]),
                    Plain(MAX_CLASS)
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
                "label {} out of range: regression targets lie within ±{}",
                shown(data.y[i]),
                Plain(MAX_TARGET)
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
