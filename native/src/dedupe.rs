//! Dedupe's search for repeated lines (src/cleanwire/pipeline/dedupe.py,
//! `find_verbatim_repeats` and `find_nearby_repeats`): every line hashed once,
//! for a whole document in one call.

use std::collections::{HashMap, HashSet};

use crate::features::python_space;

/// dedupe.py's `_MAX_CHROME_WORDS`.
const MAX_CHROME_WORDS: usize = 20;

/// `len(text.split())` in Python.
fn word_count(text: &str) -> usize {
    text.split(python_space).filter(|piece| !piece.is_empty()).count()
}

/// dedupe.py's `_ENDS_LIKE_SENTENCE`: a closing mark, then maybe closing quotes or brackets.
fn ends_like_sentence(text: &str) -> bool {
    let open = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    open.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn counted<'t>(lines: &[&'t str]) -> HashMap<&'t str, u32> {
    let mut counts: HashMap<&str, u32> = HashMap::with_capacity(lines.len());
    for &line in lines {
        *counts.entry(line).or_default() += 1;
    }
    counts
}

/// `find_verbatim_repeats`: lines equal to an earlier line of at least `min_words` words.
pub fn verbatim_repeats(lines: &[&str], min_words: usize) -> Vec<u32> {
    let counts = counted(lines);
    let mut seen: HashSet<&str> = HashSet::new();
    let mut repeats = Vec::new();
    for (position, &line) in lines.iter().enumerate() {
        if counts[line] > 1 && !seen.insert(line) && word_count(line) >= min_words {
            repeats.push(position as u32);
        }
    }
    repeats
}

/// `find_nearby_repeats`: lines of at least `min_words` words repeating the line
/// just above them, or one earlier line, once, looking like chrome.
pub fn nearby_repeats(lines: &[&str], min_words: usize) -> Vec<u32> {
    let counts = counted(lines);
    let mut seen: HashSet<&str> = HashSet::new();
    let mut repeats = Vec::new();
    for (position, &line) in lines.iter().enumerate() {
        let count = counts[line];
        if count < 2 {
            continue;
        }
        let words = word_count(line);
        if words < min_words {
            continue;
        }
        if !seen.insert(line) {
            let adjacent = lines[position - 1] == line;
            let chrome = count == 2 && words <= MAX_CHROME_WORDS && !ends_like_sentence(line);
            if adjacent || chrome {
                repeats.push(position as u32);
            }
        }
    }
    repeats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_again_below_itself_or_twice_as_chrome_is_a_repeat() {
        let lines = ["Top stories", "A line of text.", "A line of text.", "x", "Top stories", "Said.", "Said.", "y", "Said."];
        assert_eq!(nearby_repeats(&lines, 1), vec![2, 4, 6]);
        assert_eq!(verbatim_repeats(&lines, 2), vec![2, 4]);
    }
}
