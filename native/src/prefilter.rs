//! The literal prefilter in one pass: every literal of every pattern found at once
//! by an Aho-Corasick automaton, giving each pattern the lines holding one of its
//! literals. A pattern's literals are such that each of its matches holds one.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use memchr::memchr_iter;

/// Literals of one case mode, found all at once, and which patterns each is one of.
pub struct Literals {
    automaton: AhoCorasick,
    users: Vec<Vec<u32>>,
}

impl Literals {
    /// `literals`: (pattern, its literals). None when there are no literals; an
    /// error when the automaton cannot be built (too large).
    pub fn new<'a>(literals: impl IntoIterator<Item = (u32, &'a [String])>) -> Result<Option<Literals>, String> {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut words: Vec<&str> = Vec::new();
        let mut users: Vec<Vec<u32>> = Vec::new();
        for (pattern, of_pattern) in literals {
            for literal in of_pattern {
                let id = *ids.entry(literal.as_str()).or_insert_with(|| {
                    words.push(literal.as_str());
                    users.push(Vec::new());
                    words.len() - 1
                });
                if users[id].last() != Some(&pattern) {
                    users[id].push(pattern);
                }
            }
        }
        if words.is_empty() {
            return Ok(None);
        }
        // Overlapping search needs the standard match kind: every literal is
        // reported, also one inside or overlapping another. The contiguous NFA is a
        // tenth of the DFA's size: searching one document at a time, between other
        // work, the DFA is no faster, its tables no longer in the CPU's caches.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&words)
            .map_err(|error| error.to_string())?;
        Ok(Some(Literals { automaton, users }))
    }

    /// For each pattern (an index into `found`), the lines of `haystack` (split at "\n")
    /// holding one of its literals, ascending, each once; added to `found`.
    pub fn lines_holding(&self, haystack: &str, found: &mut [Vec<u32>]) {
        let bytes = haystack.as_bytes();
        let mut last_line = vec![u32::MAX; found.len()];
        let (mut counted_to, mut line) = (0usize, 0u32);
        for hit in self.automaton.find_overlapping_iter(haystack) {
            // Hits come by where they end; no literal holds a line break, so a hit
            // lies in the line its last byte is in.
            let end = hit.end();
            if end > counted_to {
                line += memchr_iter(b'\n', &bytes[counted_to..end]).count() as u32;
                counted_to = end;
            }
            for &pattern in &self.users[hit.pattern().as_usize()] {
                let slot = pattern as usize;
                if last_line[slot] != line {
                    last_line[slot] = line;
                    found[slot].push(line);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_inside_another_is_found_too() {
        let of_first = vec!["advertisement".to_string()];
        let of_second = vec!["advert".to_string(), "tise".to_string()];
        let literals = Literals::new([(0, &of_first[..]), (1, &of_second[..])]).unwrap().unwrap();
        let mut found = vec![Vec::new(), Vec::new()];
        literals.lines_holding("x\nan advertisement\nadvert tise\n", &mut found);
        assert_eq!(found, vec![vec![1], vec![1, 2]]);
    }
}
