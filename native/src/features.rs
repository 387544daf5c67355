//! The line classifier's per-line features (src/cleanwire/pipeline/classify.py):
//! each line's words and stop words per language, and whether it is link-like,
//! for a whole document in one call. The classes and the verdicts stay in Python.
//!
//! Exactness is the point: the reference lowercases with Python's `str.lower`
//! and finds words with the `regex` module's classes, both of their own Unicode
//! versions. A line is worked out here only when none of its characters is
//! `inexact()`, a set a test checks every code point against the reference for;
//! any other line is marked `DEFERRED`, and Python works it out.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use regex::Regex;

/// Python works out this line's features: it holds a character that is
/// `inexact()`, such as a capital sigma (which lowercases by its place in a
/// word, and the reference lowercases such a line word by word).
pub const DEFERRED: u8 = 1;
/// Python decides whether the line is link-like: it may hold an address, which
/// the reference's URL pattern measures.
pub const LINK_UNKNOWN: u8 = 2;
/// The line is a bar of short items between separators (a menu, a breadcrumb).
pub const LINK_LIKE: u8 = 4;

/// What a line worked out here may not hold: a character outside the ranges
/// where both sides class and lowercase alike (Latin with its extensions and
/// combining marks, Greek, Cyrillic, Armenian, Vietnamese's letters, and the
/// punctuation, symbols, arrows and shapes of U+2000 to U+2BFF), one this
/// core's Unicode has not assigned (the `regex` module's newer one may have), or
/// a capital sigma.
fn inexact() -> &'static Regex {
    static INEXACT: OnceLock<Regex> = OnceLock::new();
    INEXACT.get_or_init(|| {
        Regex::new(r"[^\x{0}-\x{58f}\x{1e00}-\x{1eff}\x{2000}-\x{2bff}]|\p{Cn}|\x{3a3}").expect("a valid pattern")
    })
}

const SOFT_HYPHEN: char = '\u{ad}';

/// Whether `c` is a letter or a mark: a character of classify.py's `_WORD`.
fn in_word(c: char) -> bool {
    /// Up to here (past every character a line worked out here holds, though not
    /// past all they lowercase to) the answer is looked up in a table.
    const TABLED: usize = 0x2c00;
    static LETTER_OR_MARK: OnceLock<Regex> = OnceLock::new();
    static TABLE: OnceLock<Vec<bool>> = OnceLock::new();
    let class = || LETTER_OR_MARK.get_or_init(|| Regex::new(r"^[\p{L}\p{M}]$").expect("a valid pattern"));
    let is_in = |c: char| class().is_match(c.encode_utf8(&mut [0; 4]));
    match TABLE.get_or_init(|| (0..TABLED as u32).map(|c| char::from_u32(c).is_some_and(is_in)).collect()).get(c as usize) {
        Some(&tabled) => tabled,
        None => is_in(c),
    }
}

/// classify.py's `_WORD` (`[\p{L}\p{M}]+(?:'[\p{L}\p{M}]+)?`) on `lowered`: each
/// word, found leftmost first, as that pattern finds them.
fn each_word(lowered: &str, mut found: impl FnMut(&str)) {
    if lowered.is_ascii() {
        return each_ascii_word(lowered.as_bytes(), found);
    }
    let mut chars = lowered.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !in_word(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut after_apostrophe = false;
        loop {
            match chars.peek() {
                Some(&(at, next)) if in_word(next) => {
                    end = at + next.len_utf8();
                    chars.next();
                }
                Some(&(at, '\'')) if !after_apostrophe && lowered[at + 1..].chars().next().is_some_and(in_word) => {
                    after_apostrophe = true;
                    chars.next();
                }
                _ => break,
            }
        }
        found(&lowered[start..end]);
    }
}

/// classify.py's `_URL_LITERAL`: what every address its `_URL` finds holds.
fn url_literal() -> &'static Regex {
    static URL: OnceLock<Regex> = OnceLock::new();
    URL.get_or_init(|| Regex::new(r"://|www\.|@|\.(?:com|org|net|de|at|ch|fr|uk|eu|info|io)").expect("a valid pattern"))
}

/// classify.py's `_MENU_SEPARATOR`.
fn menu_separator() -> &'static Regex {
    static SEPARATOR: OnceLock<Regex> = OnceLock::new();
    SEPARATOR.get_or_init(|| Regex::new(r"\s(?:[|·•»›>/\\]|::)\s|\s?\|\s?").expect("a valid pattern"))
}

const MAX_MENU_ITEM_WORDS: usize = 4;
const MIN_MENU_ITEMS: usize = 3;

/// Python's `str.isspace`, which `str.split()` and `str.strip()` go by: Unicode's
/// White_Space and the four information separators U+001C to U+001F.
pub fn python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The stop words of each language of a classify rule, each word with the set
/// of languages (a bit each) it is a stop word of.
pub struct StopWords {
    languages: usize,
    of_word: HashMap<String, u64, BuildHasherDefault<Fnv>>,
}

/// FNV-1a: words are short, and SipHash's start-up costs more than the look-up.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = hash;
    }
}

impl StopWords {
    pub const MAX_LANGUAGES: usize = 64;

    pub fn new(lists: Vec<Vec<String>>) -> Result<StopWords, String> {
        if lists.len() > Self::MAX_LANGUAGES {
            return Err(format!("at most {} stop-word lists, not {}", Self::MAX_LANGUAGES, lists.len()));
        }
        let mut of_word: HashMap<String, u64, BuildHasherDefault<Fnv>> = HashMap::default();
        let languages = lists.len();
        for (position, list) in lists.into_iter().enumerate() {
            for word in list {
                *of_word.entry(word).or_default() |= 1 << position;
            }
        }
        Ok(StopWords { languages, of_word })
    }

    pub fn languages(&self) -> usize {
        self.languages
    }

    /// For each line of `text` (split at "\n"): its flags, and into `counts` its
    /// number of words and then its stop words in each language (zeros for a
    /// deferred line).
    pub fn features(&self, text: &str, counts: &mut Vec<u32>, flags: &mut Vec<u8>) {
        let mut lowered = String::new();
        for line in text.split('\n') {
            let first = counts.len();
            counts.resize(first + 1 + self.languages, 0);
            if !line.is_ascii() && inexact().is_match(line) {
                flags.push(DEFERRED);
                continue;
            }
            lowercase_into(line, &mut lowered);
            self.count_words(&lowered, &mut counts[first..]);
            flags.push(link_flags(line));
        }
    }

    fn count_words(&self, lowered: &str, counts: &mut [u32]) {
        each_word(lowered, |word| {
            counts[0] += 1;
            let mut languages = self.of_word.get(word).copied().unwrap_or(0);
            while languages != 0 {
                counts[1 + languages.trailing_zeros() as usize] += 1;
                languages &= languages - 1;
            }
        });
    }
}

/// `each_word` where every character is ASCII, whose letters are A to Z.
fn each_ascii_word(lowered: &[u8], mut found: impl FnMut(&str)) {
    let letters_from = |from: usize| from + lowered[from..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let mut at = 0;
    while at < lowered.len() {
        if !lowered[at].is_ascii_alphabetic() {
            at += 1;
            continue;
        }
        let start = at;
        at = letters_from(at);
        if lowered.get(at) == Some(&b'\'') && lowered.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
            at = letters_from(at + 1);
        }
        // Only ASCII letters and an apostrophe: valid UTF-8.
        found(std::str::from_utf8(&lowered[start..at]).expect("ASCII"));
    }
}

/// `line` as classify.py's `words` finds words in: soft hyphens gone, lowercased
/// (the full mapping, as `str.lower`), typographic apostrophes made plain.
fn lowercase_into(line: &str, lowered: &mut String) {
    lowered.clear();
    if line.is_ascii() {
        lowered.push_str(line);
        lowered.make_ascii_lowercase();
        return;
    }
    for c in line.chars() {
        match c {
            _ if c.is_ascii() => lowered.push(c.to_ascii_lowercase()),
            SOFT_HYPHEN => {}
            '’' => lowered.push('\''),
            _ => lowered.extend(c.to_lowercase()),
        }
    }
}

/// classify.py's `is_link_like`, except where the line may hold an address.
fn link_flags(line: &str) -> u8 {
    if line.starts_with('|') {
        return 0; // a table row, not a menu
    }
    if url_literal().is_match(line) {
        return LINK_UNKNOWN;
    }
    if is_menu_bar(line) {
        LINK_LIKE
    } else {
        0
    }
}

fn is_menu_bar(line: &str) -> bool {
    if !line.contains(['|', '>', '/', '\\', '·', '•', '»', '›']) && !line.contains("::") {
        return false;
    }
    let mut items = 0;
    for item in menu_separator().split(line) {
        let words = item.split(python_space).filter(|piece| !piece.is_empty()).count();
        if words == 0 {
            continue; // only spaces: no item
        }
        if words > MAX_MENU_ITEM_WORDS {
            return false;
        }
        items += 1;
    }
    items >= MIN_MENU_ITEMS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features_of(lists: Vec<Vec<&str>>, text: &str) -> (Vec<u32>, Vec<u8>) {
        let stops = StopWords::new(lists.into_iter().map(|l| l.into_iter().map(String::from).collect()).collect()).unwrap();
        let (mut counts, mut flags) = (Vec::new(), Vec::new());
        stops.features(text, &mut counts, &mut flags);
        (counts, flags)
    }

    #[test]
    fn words_are_counted_lowercased_with_plain_apostrophes() {
        let (counts, flags) = features_of(vec![vec!["the", "it's"], vec!["die", "the"]], "The cat — it’s THE cat\nDie Kat\u{ad}ze");
        assert_eq!(counts, vec![5, 3, 2, 2, 0, 1]);
        assert_eq!(flags, vec![0, 0]);
    }

    #[test]
    fn a_line_beyond_the_exact_ranges_or_with_a_capital_sigma_is_deferred() {
        let (counts, flags) = features_of(vec![vec!["a"]], "中文 a\nΟΔΟΣ\nplain a");
        assert_eq!(flags, vec![DEFERRED, DEFERRED, 0]);
        assert_eq!(counts, vec![0, 0, 0, 0, 2, 1]);
    }

    #[test]
    fn a_menu_bar_is_link_like_and_an_address_is_left_to_python() {
        let (_, flags) = features_of(vec![], "Home | News | Sport\n| a | b | c |\nsee www.example.org\nHome | News in the whole wide world | Sport");
        assert_eq!(flags, vec![LINK_LIKE, 0, LINK_UNKNOWN, 0]);
    }
}
