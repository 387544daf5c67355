//! Lines of a document joined by "\n": where each starts, and which a pattern matches.

use memchr::{memchr, memchr_iter};
use regex::Regex;

/// Where each line of `text` starts, in bytes, and where the text ends (one more
/// entry than there are lines), so line `i` is `text[starts[i]..starts[i + 1] - 1]`.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 32 + 2);
    starts.push(0);
    starts.extend(memchr_iter(b'\n', text.as_bytes()).map(|newline| newline + 1));
    starts.push(text.len() + 1);
    starts
}

/// Line `line` of `text`, without its line break.
pub fn line_of<'t>(text: &'t str, starts: &[usize], line: usize) -> &'t str {
    &text[starts[line]..starts[line + 1] - 1]
}

/// Lines of `text` holding a match of `regex`: one search from each line on that
/// has not matched yet, skipping to the next line after each hit.
pub fn matching_lines(regex: &Regex, text: &str) -> Vec<u32> {
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

/// Above one candidate line in this many, searching on through the text beats
/// a search per line (each of which costs the engine's start-up).
const DENSE: usize = 8;

/// Those of `candidates` (ascending line numbers) in which `regex` finds a match;
/// `starts` as `line_starts` gives them for `text`.
pub fn matching_among(regex: &Regex, text: &str, starts: &[usize], candidates: Vec<u32>) -> Vec<u32> {
    let line_count = starts.len() - 1;
    let candidates: Vec<u32> = candidates.into_iter().filter(|&line| (line as usize) < line_count).collect();
    if candidates.len() * DENSE < line_count {
        return candidates.into_iter().filter(|&line| regex.is_match(line_of(text, starts, line as usize))).collect();
    }
    let mut found = Vec::new();
    let mut next = 0;
    while let Some(&line) = candidates.get(next) {
        // The first match from this line on; it lies within one line.
        let Some(end) = regex.shortest_match_at(text, starts[line as usize]) else { break };
        let matched = (starts.partition_point(|&start| start <= end) - 1) as u32;
        next += candidates[next..].partition_point(|&later| later < matched);
        if candidates.get(next) == Some(&matched) {
            found.push(matched);
            next += 1;
        }
    }
    found
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

    #[test]
    fn candidates_dense_or_sparse_keep_the_lines_matching() {
        let regex = Regex::new("(?m:^)b|x(?m:$)").unwrap();
        let text = "ab\nbx\nax\nb\n\nbb\ncc\ndd\nee\nff\ngg";
        let starts = line_starts(text);
        assert_eq!(matching_among(&regex, text, &starts, vec![0, 1, 2, 3, 4, 5]), vec![1, 2, 3, 5]);
        assert_eq!(matching_among(&regex, text, &starts, vec![3]), vec![3]);
        assert_eq!(matching_among(&regex, text, &starts, vec![0, 2, 40]), vec![2]);
    }

    #[test]
    fn each_line_is_cut_without_its_break() {
        let text = "ab\n\ncd";
        let starts = line_starts(text);
        let lines: Vec<&str> = (0..starts.len() - 1).map(|i| line_of(text, &starts, i)).collect();
        assert_eq!(lines, vec!["ab", "", "cd"]);
    }
}
