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

/// The lines searched: those of `text` (split at "\n") at `positions`
/// (ascending, native-endian u32), or all of them. A document of a million lines may hold a few
/// distinct ones, so nothing is kept per line: they are found again each time.
#[derive(Clone, Copy)]
pub struct Picked<'t> {
    pub text: &'t str,
    pub positions: Option<&'t [u8]>,
}

impl<'t> Picked<'t> {
    fn lines(self) -> impl Iterator<Item = &'t str> {
        let mut wanted = self.positions.map(|positions| {
            positions.chunks_exact(4).map(|at| u32::from_ne_bytes([at[0], at[1], at[2], at[3]])).peekable()
        });
        self.text.split('\n').enumerate().filter_map(move |(index, line)| match &mut wanted {
            None => Some(line),
            Some(wanted) => wanted.next_if_eq(&(index as u32)).map(|_| line),
        })
    }
}

/// How often each distinct line stands among the lines.
fn counted<'t>(lines: Picked<'t>) -> HashMap<&'t str, u32> {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for line in lines.lines() {
        *counts.entry(line).or_default() += 1;
    }
    counts
}

/// `find_verbatim_repeats`: lines equal to an earlier line of at least `min_words` words.
pub fn verbatim_repeats(lines: Picked<'_>, min_words: usize) -> Vec<u32> {
    let counts = counted(lines);
    let mut seen: HashSet<&str> = HashSet::new();
    let mut repeats = Vec::new();
    for (position, line) in lines.lines().enumerate() {
        if counts[line] > 1 && !seen.insert(line) && word_count(line) >= min_words {
            repeats.push(position as u32);
        }
    }
    repeats
}

/// `find_nearby_repeats`: lines of at least `min_words` words repeating the line
/// just above them, or one earlier line, once, looking like chrome.
pub fn nearby_repeats(lines: Picked<'_>, min_words: usize) -> Vec<u32> {
    let counts = counted(lines);
    let mut seen: HashSet<&str> = HashSet::new();
    let mut repeats = Vec::new();
    let mut above = None;
    for (position, line) in lines.lines().enumerate() {
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
        let all = Picked { text, positions: None };
        assert_eq!(nearby_repeats(all, 1), vec![2, 4, 6]);
        assert_eq!(verbatim_repeats(all, 2), vec![2, 4]);
        let positions: Vec<u8> = [0u32, 1, 3, 4, 8].iter().flat_map(|p| p.to_ne_bytes()).collect();
        let some = Picked { text, positions: Some(&positions) };
        assert_eq!(nearby_repeats(some, 1), vec![3]);
    }
}
