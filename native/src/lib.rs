//! cleanwire's native core: the per-character and per-line scans of a document,
//! behind a small Python API (`cleanwire._native`). Decisions stay in Python.

use memchr::{memchr, memchr_iter};
use pyo3::prelude::*;
use regex::{Regex, RegexBuilder};

/// A set of line patterns, each already translated to this engine's syntax, and
/// compiled once; each finds, in one pass over a whole document, the lines it
/// matches. A translated pattern never matches across a line break, so a match
/// found in the document lies within one line.
#[pyclass(frozen, module = "cleanwire._native")]
struct LineFilter {
    regexes: Vec<Result<Regex, String>>,
}

#[pymethods]
impl LineFilter {
    /// `patterns`: (pattern, ignore case) pairs; `size_limit`: the most bytes a
    /// compiled pattern may take (a larger one is reported, not compiled).
    #[new]
    fn new(py: Python<'_>, patterns: Vec<(String, bool)>, size_limit: usize) -> Self {
        let regexes = py.allow_threads(|| {
            patterns
                .iter()
                .map(|(pattern, ignore_case)| compile(pattern, *ignore_case, size_limit))
                .collect()
        });
        LineFilter { regexes }
    }

    /// Why each pattern could not be compiled, or None where it was.
    fn errors(&self) -> Vec<Option<String>> {
        self.regexes.iter().map(|r| r.as_ref().err().cloned()).collect()
    }

    /// The lines (0-based, split at "\n") of `text` in which pattern `which`
    /// finds a match; None when that pattern could not be compiled.
    fn lines(&self, py: Python<'_>, which: usize, text: &str) -> Option<Vec<u32>> {
        let regex = self.regexes.get(which)?.as_ref().ok()?;
        Some(py.allow_threads(|| matching_lines(regex, text)))
    }
}

fn compile(pattern: &str, ignore_case: bool, size_limit: usize) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(ignore_case)
        .size_limit(size_limit)
        .dfa_size_limit(size_limit)
        .build()
        .map_err(|error| error.to_string())
}

/// Lines of `text` holding a match of `regex`: one search from each line on that
/// has not matched yet, skipping to the next line after each hit.
fn matching_lines(regex: &Regex, text: &str) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut line: u32 = 0;
    let mut line_start = 0;
    while line_start <= bytes.len() {
        let Some(end) = regex.shortest_match_at(text, line_start) else { break };
        line += memchr_iter(b'\n', &bytes[line_start..end]).count() as u32;
        found.push(line);
        match memchr(b'\n', &bytes[end..]) {
            Some(newline) => {
                line_start = end + newline + 1;
                line += 1;
            }
            None => break,
        }
    }
    found
}

/// The lines of `text` that start with one of `starts` or end with one of `ends`.
#[pyfunction]
fn lines_wrapped(py: Python<'_>, text: &str, starts: &str, ends: &str) -> Vec<u32> {
    py.allow_threads(|| {
        let mut found = Vec::new();
        for (index, line) in text.split('\n').enumerate() {
            let first = line.chars().next();
            let last = line.chars().next_back();
            if first.is_some_and(|c| starts.contains(c)) || last.is_some_and(|c| ends.contains(c)) {
                found.push(index as u32);
            }
        }
        found
    })
}

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<LineFilter>()?;
    module.add_function(wrap_pyfunction!(lines_wrapped, module)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_is_reported_once_per_line() {
        let regex = Regex::new("(?m:^)a|b").unwrap();
        assert_eq!(matching_lines(&regex, "ab b\nxx\nbab\n"), vec![0, 2]);
    }

    #[test]
    fn an_empty_match_belongs_to_its_line() {
        let regex = Regex::new("(?m:$)").unwrap();
        assert_eq!(matching_lines(&regex, "a\n\nb"), vec![0, 1, 2]);
    }
}
