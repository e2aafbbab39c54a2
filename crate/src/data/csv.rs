//! Points from CSV text with a header naming `x1`, `x2` and `label`. A label is a class
//! (an integer from 0 to 9) or, when any label has a fraction, a regression target. Errors name
//! the line and the reason, and nothing partial is ever returned.

use super::{Dataset, Task};
use std::fmt;

pub const MAX_ROWS: usize = 100_000;
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

/// Parses the points and decides the task from the labels.
pub fn parse(text: &str) -> Result<(Dataset, Task), CsvError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| error(1, format!("cannot read the header: {e}")))?
        .clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                error(
                    1,
                    format!("missing column '{name}' in the header (expected x1,x2,label)"),
                )
            })
    };
    let columns = [column("x1")?, column("x2")?, column("label")?];
    let mut data = Dataset::default();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            error(line, format!("not valid CSV: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        if data.len() == MAX_ROWS {
            return Err(error(line, format!("more than {MAX_ROWS} rows")));
        }
        let mut values = [0.0; 3];
        for (k, (&c, name)) in columns.iter().zip(["x1", "x2", "label"]).enumerate() {
            let field = record
                .get(c)
                .filter(|f| !f.is_empty())
                .ok_or_else(|| error(line, format!("missing column '{name}'")))?;
            let v: f64 = field
                .parse()
                .map_err(|_| error(line, format!("{name} '{field}' is not a number")))?;
            if !v.is_finite() {
                return Err(error(
                    line,
                    format!("{name} is {field}: NaN and infinity are not allowed"),
                ));
            }
            values[k] = v;
        }
        data.push_value([values[0], values[1]], values[2]);
    }
    if data.is_empty() {
        return Err(error(1, "no data rows"));
    }
    let task = task_of(&data, text)?;
    Ok((data, task))
}

/// Integer labels are classes 0 … 9; any fraction makes the whole file a regression.
fn task_of(data: &Dataset, text: &str) -> Result<Task, CsvError> {
    let line_of = |i: usize| line_of_row(text, i);
    if data.y.iter().all(|y| y.fract() == 0.0) {
        if let Some(i) = data.y.iter().position(|&y| !(0.0..=MAX_CLASS).contains(&y)) {
            return Err(error(
                line_of(i),
                format!(
                    "label {} out of range: classes are integers from 0 to {MAX_CLASS}",
                    data.y[i]
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
            line_of(i),
            format!(
                "label {} out of range: regression targets lie within ±{MAX_TARGET}",
                data.y[i]
            ),
        ));
    }
    Ok(Task::Regression)
}

/// The file line of data row `i` (skipping the header and blank lines).
fn line_of_row(text: &str, i: usize) -> u64 {
    text.lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.trim().trim_matches(',').is_empty())
        .nth(i)
        .map_or(0, |(n, _)| n as u64 + 1)
}

/// Checks that a test set fits the task learned from the training set.
pub fn check_against(test: &Dataset, task: Task, text: &str) -> Result<(), CsvError> {
    match task {
        Task::Regression => Ok(()),
        t => match test
            .y
            .iter()
            .position(|&y| y.fract() != 0.0 || y < 0.0 || y as usize >= t.classes())
        {
            Some(i) => Err(error(
                line_of_row(text, i),
                format!(
                    "label {} is not one of the training set's classes 0 to {}",
                    test.y[i],
                    t.classes() - 1
                ),
            )),
            None => Ok(()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_classes_and_regression() {
        let (d, t) = parse("x1,x2,label\n0.5,1,1\n-2,3e-1,0\n\n1,1,0\n").unwrap();
        assert_eq!(t, Task::Binary);
        assert_eq!(d.x, vec![[0.5, 1.0], [-2.0, 0.3], [1.0, 1.0]]);
        assert_eq!(d.y, vec![1.0, 0.0, 0.0]);
        let (_, t) = parse("label,x2,x1\n2,0,0\n0,1,1\n1,2,2\n").unwrap();
        assert_eq!(t, Task::Multiclass(3));
        let (d, t) = parse("x1,x2,label\n0,0,0.25\n1,1,-3\n").unwrap();
        assert_eq!(t, Task::Regression);
        assert_eq!(d.y, vec![0.25, -3.0]);
    }

    #[test]
    fn errors_name_the_line_and_reason() {
        let cases = [
            ("x1,label\n1,1\n", 1, "missing column 'x2'"),
            ("x1,x2,label\n1,2,0\n1,2\n", 3, "missing column 'label'"),
            (
                "x1,x2,label\n1,2,0\n1,abc,1\n",
                3,
                "x2 'abc' is not a number",
            ),
            ("x1,x2,label\n1,NaN,0\n", 2, "NaN"),
            ("x1,x2,label\n1,inf,0\n", 2, "infinity"),
            ("x1,x2,label\n1,1,0\n2,2,12\n", 3, "out of range"),
            ("x1,x2,label\n1,1,-1\n", 2, "out of range"),
            ("x1,x2,label\n1,1,0.5\n2,2,1e9\n", 3, "out of range"),
            ("x1,x2,label\n", 1, "no data rows"),
        ];
        for (text, line, reason) in cases {
            let e = parse(text).unwrap_err();
            assert_eq!(e.line, line, "{text:?}: {e}");
            assert!(e.to_string().contains(reason), "{text:?}: {e}");
        }
    }

    #[test]
    fn too_many_rows() {
        let mut text = String::from("x1,x2,label\n");
        for i in 0..=MAX_ROWS {
            text.push_str(&format!("{i},0,0\n"));
        }
        let e = parse(&text).unwrap_err();
        assert!(e.reason.contains("more than 100000 rows"));
        assert_eq!(e.line, MAX_ROWS as u64 + 2);
    }

    #[test]
    fn test_set_must_use_the_training_classes() {
        let text = "x1,x2,label\n0,0,1\n0,0,2\n";
        let (d, _) = parse(text).unwrap();
        let e = check_against(&d, Task::Binary, text).unwrap_err();
        assert_eq!(e.line, 3);
    }
}
