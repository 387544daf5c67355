//! cleanwire's native core: the per-character and per-line scans of a document,
//! behind a small Python API (`cleanwire._native`). Decisions stay in Python.

mod dedupe;
mod features;
mod lines;
mod normalize;
mod prefilter;

use std::sync::OnceLock;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use regex::{Regex, RegexBuilder};

use features::StopWords;
use lines::{line_starts, matching_among, matching_lines};
use prefilter::Literals;

/// One line pattern: whether it ignores case, and its translation to this
/// engine's syntax once compiled (see `LineFilter::compile`).
struct Pattern {
    ignore_case: bool,
    compiled: OnceLock<Regex>,
}

/// A set of line patterns, each compiled when Python has translated it (only
/// the patterns worth it: compiling takes time). A translated pattern never
/// matches across a line break, so a match found in a document lies within one
/// line.
///
/// Patterns given literals (one of which every match holds) are searched in one
/// pass for all of them (`scan`): the literal automaton finds their candidate
/// lines, and each compiled pattern runs on its candidate lines only. The others
/// are searched over the whole document, one pattern at a time (`lines`).
#[pyclass(frozen, module = "cleanwire._native")]
struct LineFilter {
    patterns: Vec<Pattern>,
    size_limit: usize,
    exact_case: Option<Literals>,
    folded_case: Option<Literals>,
}

#[pymethods]
impl LineFilter {
    /// `patterns`: (ignore case, its literals or None); literals of a pattern
    /// that ignores case are case-folded, and are looked for in the case-folded
    /// text. `size_limit`: the most bytes a compiled pattern may take. A
    /// ValueError when the literals' automaton cannot be built.
    #[new]
    fn new(py: Python<'_>, patterns: Vec<(bool, Option<Vec<String>>)>, size_limit: usize) -> PyResult<Self> {
        py.allow_threads(|| {
            let of_mode = |folded: bool| {
                Literals::new(patterns.iter().enumerate().filter_map(|(index, (ignore_case, literals))| {
                    let literals = literals.as_deref()?;
                    (*ignore_case == folded).then_some((index as u32, literals))
                }))
            };
            Ok(LineFilter {
                exact_case: of_mode(false).map_err(PyValueError::new_err)?,
                folded_case: of_mode(true).map_err(PyValueError::new_err)?,
                size_limit,
                patterns: patterns
                    .into_iter()
                    .map(|(ignore_case, _)| Pattern { ignore_case, compiled: OnceLock::new() })
                    .collect(),
            })
        })
    }

    /// Compile pattern `which` as `translated` (this engine's syntax); why it
    /// cannot be (too large), or None. A pattern is compiled once: later calls
    /// change nothing.
    fn compile(&self, py: Python<'_>, which: usize, translated: &str) -> Option<String> {
        let pattern = self.patterns.get(which)?;
        if pattern.compiled.get().is_some() {
            return None;
        }
        match py.allow_threads(|| compile(translated, pattern.ignore_case, self.size_limit)) {
            Ok(regex) => {
                let _ = pattern.compiled.set(regex);
                None
            }
            Err(error) => Some(error),
        }
    }

    /// The lines (0-based, split at "\n") of `text` in which pattern `which`
    /// finds a match; None when that pattern is not compiled.
    fn lines(&self, py: Python<'_>, which: usize, text: &str) -> Option<Vec<u32>> {
        let regex = self.patterns.get(which)?.compiled.get()?;
        Some(py.allow_threads(|| matching_lines(regex, text)))
    }

    /// Every pattern's candidate lines in `text` at once: the lines holding one of
    /// its literals (found in `folded`, the text case-folded, for a pattern that
    /// ignores case) in which it finds a match where it is compiled, all of them
    /// where it is not. As two byte strings of native-endian u32: the lines,
    /// pattern after pattern, and where each pattern's lines end.
    #[pyo3(signature = (text, folded=None))]
    fn scan<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        folded: Option<&str>,
    ) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
        if self.folded_case.is_some() && folded.is_none() {
            return Err(PyValueError::new_err("patterns ignoring case need the case-folded text"));
        }
        let (lines, ends) = py.allow_threads(|| self.candidates(text, folded.unwrap_or("")));
        Ok((PyBytes::new(py, &as_bytes(&lines)), PyBytes::new(py, &as_bytes(&ends))))
    }
}

impl LineFilter {
    fn candidates(&self, text: &str, folded: &str) -> (Vec<u32>, Vec<u32>) {
        let mut found: Vec<Vec<u32>> = vec![Vec::new(); self.patterns.len()];
        if let Some(literals) = &self.exact_case {
            literals.lines_holding(text, &mut found);
        }
        if let Some(literals) = &self.folded_case {
            literals.lines_holding(folded, &mut found);
        }
        let starts = if found.iter().any(|lines| !lines.is_empty()) { line_starts(text) } else { Vec::new() };
        let mut lines = Vec::new();
        let mut ends = Vec::with_capacity(found.len());
        for (pattern, holding) in self.patterns.iter().zip(found) {
            if !holding.is_empty() {
                match pattern.compiled.get() {
                    Some(regex) => lines.extend(matching_among(regex, text, &starts, holding)),
                    None => lines.extend(holding),
                }
            }
            ends.push(lines.len() as u32);
        }
        (lines, ends)
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

fn as_bytes(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|value| value.to_ne_bytes()).collect()
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

/// The line classifier's per-line features for one classify rule's stop-word
/// lists (see features.rs).
#[pyclass(frozen, module = "cleanwire._native")]
struct LineFeatures {
    stops: StopWords,
}

#[pymethods]
impl LineFeatures {
    /// `lists`: the stop words of each language, in the rule's order. A
    /// ValueError past `StopWords::MAX_LANGUAGES` lists.
    #[new]
    fn new(lists: Vec<Vec<String>>) -> PyResult<Self> {
        Ok(LineFeatures { stops: StopWords::new(lists).map_err(PyValueError::new_err)? })
    }

    /// Each line's features in `text` (lines joined by "\n"), as two byte strings:
    /// native-endian u32, for each line its number of words and then its stop
    /// words in each language; and a byte of flags for each line.
    fn of_lines<'py>(&self, py: Python<'py>, text: &str) -> (Bound<'py, PyBytes>, Bound<'py, PyBytes>) {
        let (counts, flags) = py.allow_threads(|| {
            let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
            let mut counts = Vec::with_capacity(lines * (1 + self.stops.languages()));
            let mut flags = Vec::with_capacity(lines);
            self.stops.features(text, &mut counts, &mut flags);
            (counts, flags)
        });
        (PyBytes::new(py, &as_bytes(&counts)), PyBytes::new(py, &flags))
    }
}

/// normalize.py's layout for `text`, which NFC leaves as it is, in `mode` (safe,
/// full or none): the text, and its counts of exotic spaces made plain, runs of
/// spaces folded, line breaks converted, indents removed, line ends stripped and
/// blank lines removed, and whether a final newline was added. A ValueError for
/// an unknown mode.
#[pyfunction]
fn normalize_layout(py: Python<'_>, text: &str, mode: &str) -> PyResult<(String, (usize, usize, usize, usize, usize, usize, bool))> {
    let mode = match mode {
        "safe" => normalize::Mode::Safe,
        "full" => normalize::Mode::Full,
        "none" => normalize::Mode::Untouched,
        _ => return Err(PyValueError::new_err(format!("unknown normalization mode {mode:?}"))),
    };
    let (text, c) = py.allow_threads(|| normalize::normalize(text, mode));
    let counts = (
        c.chars_replaced,
        c.spaces_folded,
        c.line_breaks_converted,
        c.indents_removed,
        c.line_ends_stripped,
        c.blank_lines_removed,
        c.final_newline_added,
    );
    Ok((text, counts))
}

/// dedupe.py's search for repeated lines among `text`'s lines (split at "\n"),
/// or among those at `positions` (ascending native-endian u32): `mode`
/// "verbatim" or "nearby", lines of at least `min_words` words. The positions of
/// the repeats among the lines searched; a ValueError for another mode.
#[pyfunction]
#[pyo3(signature = (text, mode, min_words, positions=None))]
fn repeated_lines(py: Python<'_>, text: &str, mode: &str, min_words: usize, positions: Option<&[u8]>) -> PyResult<Vec<u32>> {
    let find = match mode {
        "verbatim" => dedupe::verbatim_repeats,
        "nearby" => dedupe::nearby_repeats,
        _ => return Err(PyValueError::new_err(format!("no native search for {mode:?} repeats"))),
    };
    Ok(py.allow_threads(|| find(dedupe::Picked { text, positions }, min_words)))
}

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<LineFilter>()?;
    module.add_class::<LineFeatures>()?;
    module.add("DEFERRED", features::DEFERRED)?;
    module.add("LINK_UNKNOWN", features::LINK_UNKNOWN)?;
    module.add("LINK_LIKE", features::LINK_LIKE)?;
    module.add_function(wrap_pyfunction!(lines_wrapped, module)?)?;
    module.add_function(wrap_pyfunction!(normalize_layout, module)?)?;
    module.add_function(wrap_pyfunction!(repeated_lines, module)?)?;
    Ok(())
}
