//! Dedupe's search for repeated lines (src/cleanwire/pipeline/dedupe.py,
//! `find_verbatim_repeats` and `find_nearby_repeats`): every line hashed once,
//! for a whole document (its lines joined by "\n") in one call.

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

/// How often each distinct line stands in `text` (lines split at "\n"): a
/// document of a million lines may hold a few distinct ones, so nothing is
/// kept per line.
fn counted(text: &str) -> HashMap<&str, u32> {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for line in text.split('\n') {
        *counts.entry(line).or_default() += 1;
    }
    counts
}

/// `find_verbatim_repeats`: lines equal to an earlier line of at least `min_words` words.
pub fn verbatim_repeats(text: &str, min_words: usize) -> Vec<u32> {
    let counts = counted(text);
    let mut seen: HashSet<&str> = HashSet::new();
    let mut repeats = Vec::new();
    for (position, line) in text.split('\n').enumerate() {
        if counts[line] > 1 && !seen.insert(line) && word_count(line) >= min_words {
            repeats.push(position as u32);
        }
    }
    repeats
}

/// `find_nearby_repeats`: lines of at least `min_words` words repeating the line
/// just above them, or one earlier line, once, looking like chrome.
pub fn nearby_repeats(text: &str, min_words: usize) -> Vec<u32> {
    let counts = counted(text);
    let mut seen: HashSet<&str> = HashSet::new();
    let mut repeats = Vec::new();
    let mut above = None;
    for (position, line) in text.split('\n').enumerate() {
        let just_above = std::mem::replace(&mut above, Some(line));
        let count = counts[line];
        if count < 2 {
            continue;
        }
        let words = word_count(line);
        if words < min_words {
            continue;
        }
        if !seen.insert(line) {
            let adjacent = just_above == Some(line);
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
        let text = "Top stories\nA line of text.\nA line of text.\nx\nTop stories\nSaid.\nSaid.\ny\nSaid.";
        assert_eq!(nearby_repeats(text, 1), vec![2, 4, 6]);
        assert_eq!(verbatim_repeats(text, 2), vec![2, 4]);
    }
}
