//! The export's records: `;`-separated fields, `"` quoting with `""` escapes and line breaks
//! inside quotes, the BOM and Pix's `'` before formula starts taken off.

use serde::{Deserialize, Serialize};
use std::io::BufRead;

pub(super) const BOM: &str = "\u{feff}";

/// One record of the file: its fields and the (1-based) line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: u64,
    pub fields: Vec<String>,
}

/// What can go wrong while splitting the file into records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SyntaxProblem {
    /// Bytes that are not UTF-8 (an export re-saved in Windows-1252, say).
    NotUtf8,
    /// A quoted value is never closed: the file was cut.
    Truncated,
    /// A quote in the middle of an unquoted value, or text after a closing quote.
    StrayQuote,
    /// The file is larger than the import accepts.
    TooLarge {
        limit_bytes: u64,
    },
    Io(String),
}

/// Splits a Pix export into records, one at a time.
pub struct Records<R> {
    input: R,
    line: u64,
    bytes_read: u64,
    limit_bytes: u64,
    first: bool,
    done: bool,
    buffer: Vec<u8>,
}

impl<R: BufRead> Records<R> {
    pub fn new(input: R, limit_bytes: u64) -> Records<R> {
        Records {
            input,
            line: 0,
            bytes_read: 0,
            limit_bytes,
            first: true,
            done: false,
            buffer: Vec::new(),
        }
    }

    /// Bytes consumed so far (for a progress bar).
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// The next physical line, without its `\n` / `\r\n`; none at the end.
    fn next_line(&mut self) -> Result<Option<String>, SyntaxProblem> {
        self.buffer.clear();
        let n = self
            .input
            .read_until(b'\n', &mut self.buffer)
            .map_err(|e| SyntaxProblem::Io(e.to_string()))?;
        if n == 0 {
            return Ok(None);
        }
        self.bytes_read += n as u64;
        if self.bytes_read > self.limit_bytes {
            return Err(SyntaxProblem::TooLarge {
                limit_bytes: self.limit_bytes,
            });
        }
        self.line += 1;
        if self.buffer.ends_with(b"\n") {
            self.buffer.pop();
            if self.buffer.ends_with(b"\r") {
                self.buffer.pop();
            }
        }
        let mut text = String::from_utf8(std::mem::take(&mut self.buffer))
            .map_err(|_| SyntaxProblem::NotUtf8)?;
        if self.first {
            self.first = false;
            if let Some(rest) = text.strip_prefix(BOM) {
                text = rest.to_owned();
            }
        }
        Ok(Some(text))
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Record, (u64, SyntaxProblem)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let fail = |this: &mut Self, problem| {
            this.done = true;
            Some(Err((this.line.max(1), problem)))
        };
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut in_quotes = false;
        // After a closing quote only `;` or the end of the record may follow.
        let mut after_quote = false;
        let mut start_line = 0;
        loop {
            let line = match self.next_line() {
                Ok(Some(line)) => line,
                Ok(None) if in_quotes => return fail(self, SyntaxProblem::Truncated),
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(problem) => return fail(self, problem),
            };
            if start_line == 0 {
                // Blank lines between records (a trailing newline) are not records.
                if line.is_empty() {
                    continue;
                }
                start_line = self.line;
            } else {
                // A line break inside quotes belongs to the value.
                field.push('\n');
            }
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                if in_quotes {
                    if c == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            field.push('"');
                        } else {
                            in_quotes = false;
                            after_quote = true;
                        }
                    } else {
                        field.push(c);
                    }
                } else if c == ';' {
                    fields.push(std::mem::take(&mut field));
                    after_quote = false;
                } else if after_quote {
                    return fail(self, SyntaxProblem::StrayQuote);
                } else if c == '"' {
                    if !field.is_empty() {
                        return fail(self, SyntaxProblem::StrayQuote);
                    }
                    in_quotes = true;
                } else {
                    field.push(c);
                }
            }
            if !in_quotes {
                fields.push(field);
                return Some(Ok(Record {
                    line: start_line,
                    fields: fields.into_iter().map(unescape_formula).collect(),
                }));
            }
        }
    }
}

/// Pix prefixes values starting with `- @ = +` with `'` so spreadsheets do not run them.
fn unescape_formula(value: String) -> String {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['-', '@', '=', '+']) => rest.to_owned(),
        _ => value,
    }
}
