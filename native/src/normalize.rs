//! Normalization's layout (src/cleanwire/pipeline/normalize.py, `_normalize_layout`,
//! and layout.py) for a text that NFC leaves as it is: line breaks to LF, exotic
//! spaces made plain, line ends stripped, runs of spaces folded (in prose lines
//! only, in safe mode), blank lines made one between paragraphs, one final
//! newline; with the count of each kind of change. Python composes (NFC) a text
//! that needs it, and such a text keeps its path.

use std::borrow::Cow;

/// How normalization treats the spaces inside a line (`--normalize`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Line breaks only; a line of nothing but spaces becomes blank.
    Untouched,
    /// Exotic spaces made plain, line ends stripped, prose lines' runs folded.
    Safe,
    /// As safe, and tabs made spaces, every run folded, indentation removed.
    Full,
}

/// The counts of normalize.py's `NormalizeStats`, in its order, less the two
/// this side never changes (mojibake, NFC).
#[derive(Default, Debug, PartialEq, Eq)]
pub struct Changes {
    pub chars_replaced: usize,
    pub spaces_folded: usize,
    pub line_breaks_converted: usize,
    pub indents_removed: usize,
    pub line_ends_stripped: usize,
    pub blank_lines_removed: usize,
    pub final_newline_added: bool,
}

/// layout.py's `EXOTIC_SPACE_CHARS` less the tab: every Unicode space separator
/// but the plain space.
fn exotic_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// normalize.py's `_LINE_BREAK_CHARS` (with "\r\n" as one).
fn line_break(c: char) -> bool {
    matches!(c, '\r' | '\u{b}' | '\u{c}' | '\u{1c}' | '\u{1d}' | '\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

pub fn normalize(text: &str, mode: Mode) -> (String, Changes) {
    let mut changes = Changes::default();
    let fixed = fix_characters(text, mode, &mut changes);
    let mut text;
    if mode == Mode::Full {
        text = fixed.into_owned();
        if text.contains("  ") {
            text = fold_runs(&text, &mut changes.spaces_folded);
        }
        // After folding there is at most one space at either end of a line.
        changes.line_ends_stripped = text.matches(" \n").count() + usize::from(text.ends_with(' '));
        text = text.replace(" \n", "\n");
        text.truncate(text.trim_end_matches(' ').len());
        changes.indents_removed = text.matches("\n ").count() + usize::from(text.starts_with(' '));
        text = text.replace("\n ", "\n");
        let indent = text.len() - text.trim_start_matches(' ').len();
        text.drain(..indent);
    } else {
        text = by_line(&fixed, |line, out| {
            let kept = if mode == Mode::Untouched { untouched_line_end(line) } else { line.trim_end_matches([' ', '\t']) };
            changes.line_ends_stripped += usize::from(kept.len() < line.len());
            if mode == Mode::Safe && kept.contains("  ") && !kept.starts_with([' ', '\t']) && !is_aligned(kept) {
                out.push_str(&fold_runs(kept, &mut changes.spaces_folded));
            } else {
                out.push_str(kept);
            }
        });
    }
    let newlines = text.matches('\n').count();
    let ended_with_newline = text.ends_with('\n');
    if let Cow::Owned(fewer) = one_blank_line_at_most(&text) {
        text = fewer;
    }
    // Trimmed in place: the text may be most of the memory a run takes.
    text.truncate(text.trim_end_matches('\n').len());
    let blank_start = text.len() - text.trim_start_matches('\n').len();
    text.drain(..blank_start);
    if !text.is_empty() {
        changes.final_newline_added = !ended_with_newline;
        text.push('\n');
    }
    changes.blank_lines_removed = newlines + usize::from(changes.final_newline_added) - text.matches('\n').count();
    (text, changes)
}

/// Line breaks to LF; unless the mode leaves lines untouched, exotic spaces (and
/// in full mode tabs) to a plain space. Most texts need none of it: they are
/// given back as they are, not copied.
fn fix_characters<'a>(text: &'a str, mode: Mode, changes: &mut Changes) -> Cow<'a, str> {
    let spaces = mode != Mode::Untouched;
    let tabs = mode == Mode::Full;
    // Most characters are none of these: what lies between them is copied whole.
    let mut fixed = String::new();
    let mut copied_to = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let plain = if c.is_ascii() { c >= ' ' && c != '\x7f' || c == '\n' || (c == '\t' && !tabs) } else { c > '\u{3000}' };
        if plain {
            continue;
        }
        let replacement = if line_break(c) {
            if c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n') {
                chars.next();
            }
            changes.line_breaks_converted += 1;
            '\n'
        } else if spaces && (exotic_space(c) || (tabs && c == '\t')) {
            changes.chars_replaced += 1;
            ' '
        } else {
            continue;
        };
        if fixed.capacity() == 0 {
            fixed.reserve(text.len() + 1);
        }
        fixed.push_str(&text[copied_to..at]);
        fixed.push(replacement);
        copied_to = chars.peek().map_or(text.len(), |&(next, _)| next);
    }
    if fixed.capacity() == 0 {
        return Cow::Borrowed(text);
    }
    fixed.push_str(&text[copied_to..]);
    Cow::Owned(fixed)
}

/// `text` with each line (split at "\n") written by `write`, the line breaks kept.
fn by_line(text: &str, mut write: impl FnMut(&str, &mut String)) -> String {
    let mut out = String::with_capacity(text.len());
    for (position, line) in text.split('\n').enumerate() {
        if position > 0 {
            out.push('\n');
        }
        write(line, &mut out);
    }
    out
}

/// layout.py's `strip_line_ends` with `keep_trailing`: only a line of nothing but
/// spaces (of any kind, tabs too) loses them.
fn untouched_line_end(line: &str) -> &str {
    if line.chars().all(|c| c == ' ' || c == '\t' || exotic_space(c)) {
        ""
    } else {
        line
    }
}

/// Every run of two spaces or more made one, counted.
fn fold_runs(text: &str, folded: &mut usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_space = false;
    let mut in_run = false;
    for c in text.chars() {
        if c == ' ' {
            if after_space {
                if !in_run {
                    *folded += 1;
                    in_run = true;
                }
                continue;
            }
            after_space = true;
        } else {
            after_space = false;
            in_run = false;
        }
        out.push(c);
    }
    out
}

/// Marks after which two spaces are the habit of ending a sentence, not alignment.
const SENTENCE_ENDS: [char; 11] = ['.', '!', '?', ':', ';', '\u{2026}', '"', '\'', '\u{201d}', '\u{2019}', ')'];

/// layout.py's `is_aligned`: a tab, three spaces in a row, or two pairs of spaces
/// not after the end of a sentence, between words otherwise one space apart.
fn is_aligned(line: &str) -> bool {
    if line.contains('\t') || line.contains("   ") {
        return true;
    }
    // Runs of spaces are one or two long now; the line does not start with one.
    let (mut pairs, mut single) = (0, false);
    let mut before = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            if chars.peek() == Some(&' ') {
                chars.next();
                pairs += usize::from(!before.is_some_and(|b| SENTENCE_ENDS.contains(&b)));
            } else {
                single = true;
            }
            before = Some(' ');
        } else {
            before = Some(c);
        }
    }
    pairs >= 2 && single
}

/// normalize.py's `_BLANK_RUNS`: runs of three newlines or more made two.
fn one_blank_line_at_most(text: &str) -> Cow<'_, str> {
    if !text.contains("\n\n\n") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(run) = rest.find("\n\n\n") {
        let after = rest[run..].len() - rest[run..].trim_start_matches('\n').len();
        out.push_str(&rest[..run + 2]);
        rest = &rest[run + after..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_mode_keeps_indentation_and_columns_and_folds_prose() {
        let (text, changes) = normalize("\n\nA  prose  line \r\n    code  here\ncol  one  two three\u{a0}x\n\n\n\nend", Mode::Safe);
        assert_eq!(text, "A prose line\n    code  here\ncol  one  two three x\n\nend\n");
        assert_eq!(changes.spaces_folded, 2);
        assert_eq!(changes.line_breaks_converted, 1);
        assert_eq!(changes.chars_replaced, 1);
        assert_eq!(changes.line_ends_stripped, 1);
        assert_eq!(changes.blank_lines_removed, 4);
        assert!(changes.final_newline_added);
    }

    #[test]
    fn full_mode_folds_everything_and_removes_indentation() {
        let (text, changes) = normalize("  a\tb  c \n   d", Mode::Full);
        assert_eq!(text, "a b c\nd\n");
        assert_eq!((changes.indents_removed, changes.line_ends_stripped, changes.chars_replaced), (2, 1, 1));
    }

    #[test]
    fn untouched_mode_empties_only_lines_of_spaces() {
        let (text, changes) = normalize("a  \n \u{a0}\t\nb", Mode::Untouched);
        assert_eq!(text, "a  \n\nb\n");
        assert_eq!(changes.line_ends_stripped, 1);
    }
}
