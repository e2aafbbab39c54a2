//! The CSV records of a byte stream, one at a time, with the line each starts on: fields split at
//! commas, a field that starts with `"` quoted (commas, line breaks and `""` for a quote inside;
//! bytes after its closing quote are kept), records ended by `\n`, `\r\n` or `\r`. A blank line is
//! a record of one empty field, so no line is skipped unseen. A hand-written reader (not the `csv`
//! crate) keeps the wasm module small; it reads what that crate read with `flexible` rows.

use super::{error, CsvError, MAX_ROW_BYTES};
use std::io::BufRead;

pub(super) struct Records<R> {
    input: R,
    /// The line the next record starts on (1-based).
    line: u64,
    /// The current record's field bytes, one after the other, and where each field ends.
    bytes: Vec<u8>,
    ends: Vec<usize>,
    /// The last line ended with `\r`: a `\n` right after it belongs to that line break.
    after_cr: bool,
}

impl<R: BufRead> Records<R> {
    pub fn new(input: R) -> Self {
        Records {
            input,
            line: 1,
            bytes: Vec::new(),
            ends: Vec::new(),
            after_cr: false,
        }
    }

    /// Reads the next record and gives the line it starts on, or None at the end of the input.
    /// A read error, a record longer than `MAX_ROW_BYTES` or one that is not UTF-8 is an error
    /// on the record's first line.
    pub fn next_record(&mut self) -> Result<Option<u64>, CsvError> {
        self.bytes.clear();
        self.ends.clear();
        let start = self.line;
        let (mut quoted, mut quote_seen, mut field_start) = (false, false, true);
        let (mut any, mut taken) = (false, 0u64);
        loop {
            let chunk = self
                .input
                .fill_buf()
                .map_err(|e| error(start, format!("cannot read the file: {e}")))?;
            if chunk.is_empty() {
                if !any {
                    return Ok(None);
                }
                break;
            }
            let (mut used, mut ended) = (0, false);
            for &b in chunk {
                used += 1;
                if std::mem::take(&mut self.after_cr) && b == b'\n' {
                    continue;
                }
                any = true;
                if std::mem::take(&mut quote_seen) {
                    if b == b'"' {
                        self.bytes.push(b);
                        continue;
                    }
                    quoted = false;
                }
                if quoted {
                    match b {
                        b'"' => quote_seen = true,
                        b'\r' => self.line += 1,
                        b'\n' if self.bytes.last() != Some(&b'\r') => self.line += 1,
                        _ => {}
                    }
                    if b != b'"' {
                        self.bytes.push(b);
                    }
                    continue;
                }
                match b {
                    b'"' if field_start => quoted = true,
                    b',' => {
                        self.ends.push(self.bytes.len());
                        field_start = true;
                        continue;
                    }
                    b'\n' | b'\r' => {
                        self.line += 1;
                        self.after_cr = b == b'\r';
                        ended = true;
                        break;
                    }
                    _ => self.bytes.push(b),
                }
                field_start = false;
            }
            self.input.consume(used);
            taken += used as u64;
            if ended {
                break;
            }
            if taken > MAX_ROW_BYTES {
                return Err(error(
                    start,
                    format!(
                        "a row longer than {MAX_ROW_BYTES} bytes starts here; is a quote left open?"
                    ),
                ));
            }
        }
        self.ends.push(self.bytes.len());
        if std::str::from_utf8(&self.bytes).is_err() {
            return Err(error(start, "not UTF-8 text"));
        }
        Ok(Some(start))
    }

    /// The current record's fields, with white space trimmed at both ends.
    pub fn fields(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|i| self.get(i).unwrap_or(""))
    }

    /// Field `i` of the current record, trimmed.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        // Fields end at ASCII commas, so each is UTF-8 when the record is.
        std::str::from_utf8(&self.bytes[start..end])
            .ok()
            .map(str::trim)
    }
}
