//! The compiled-in data files (`data/`) and the small line-oriented format they share.
//!
//! Every data file is UTF-8 text: `#` starts a comment line, blank lines are ignored, and each
//! other line is one record whose fields are separated by tabs. Word lists have one field.
//! Keeping the tables in files makes them diffable and reviewable apart from the code.

use std::path::PathBuf;

/// Unit lexicon (`data/units.tsv`).
pub const UNITS: &str = include_str!("../data/units.tsv");
/// Rates of a measure per unit of time composed by the unit rule (`data/rates.tsv`).
pub const RATES: &str = include_str!("../data/rates.tsv");
/// Scale words (`data/scales.tsv`).
pub const SCALES: &str = include_str!("../data/scales.tsv");
/// Spelled-out number words (`data/number_words.tsv`).
pub const NUMBER_WORDS: &str = include_str!("../data/number_words.tsv");
/// Units of time that "a"/"an" counts as one, with their cue and stop words (`data/article_units.tsv`).
pub const ARTICLE_UNITS: &str = include_str!("../data/article_units.tsv");
/// Currency symbols, codes and words (`data/currencies.tsv`).
pub const CURRENCIES: &str = include_str!("../data/currencies.tsv");
/// Words that present a quantity as a change (`data/change_words.tsv`).
pub const CHANGE_WORDS: &str = include_str!("../data/change_words.tsv");
/// What a change is measured against (`data/bases.tsv`).
pub const BASES: &str = include_str!("../data/bases.tsv");
/// Multiword counted nouns (`data/compound_nouns.txt`).
pub const COMPOUND_NOUNS: &str = include_str!("../data/compound_nouns.txt");
/// Qualifier phrases (`data/qualifiers.tsv`).
pub const QUALIFIERS: &str = include_str!("../data/qualifiers.tsv");
/// Month names (`data/months.tsv`).
pub const MONTHS: &str = include_str!("../data/months.tsv");
/// Irregular plurals (`data/plurals.tsv`).
pub const PLURALS: &str = include_str!("../data/plurals.tsv");
/// Words that are not counted nouns (`data/count_exclusions.txt`).
pub const COUNT_EXCLUSIONS: &str = include_str!("../data/count_exclusions.txt");
/// Nouns a year modifies (`data/year_nouns.txt`).
pub const YEAR_NOUNS: &str = include_str!("../data/year_nouns.txt");
/// Words that turn the following number into a name (`data/name_prefixes.txt`).
pub const NAME_PREFIXES: &str = include_str!("../data/name_prefixes.txt");
/// Words before a lone "point" that make it a decimal point (`data/point_cues.txt`).
pub const POINT_CUES: &str = include_str!("../data/point_cues.txt");
/// Function words (`data/stopwords.txt`).
pub const STOPWORDS: &str = include_str!("../data/stopwords.txt");
/// Words that make a following four-digit number a year (`data/year_cues.txt`).
pub const YEAR_CUES: &str = include_str!("../data/year_cues.txt");
/// Abbreviations that do not end a sentence (`data/abbreviations.tsv`).
pub const ABBREVIATIONS: &str = include_str!("../data/abbreviations.tsv");
/// Prepositions that keep a company from being a claim's subject (`data/claims/prepositions.txt`).
pub const CLAIM_PREPOSITIONS: &str = include_str!("../data/claims/prepositions.txt");
/// Verbs that name a metric (`data/claims/metric_verbs.tsv`).
pub const CLAIM_METRIC_VERBS: &str = include_str!("../data/claims/metric_verbs.tsv");
/// Nouns that name a metric after a measure (`data/claims/metric_nouns.tsv`).
pub const CLAIM_METRIC_NOUNS: &str = include_str!("../data/claims/metric_nouns.tsv");
/// Connectives between a metric and its value (`data/claims/connectives.txt`).
pub const CLAIM_CONNECTIVES: &str = include_str!("../data/claims/connectives.txt");
/// Trap phrases for ambiguous names (`data/entities/context/traps.tsv`).
pub const CONTEXT_TRAPS: &str = include_str!("../data/entities/context/traps.tsv");
/// Titles and given names before a person's surname (`data/entities/context/person_cues.txt`).
pub const CONTEXT_PERSON_CUES: &str = include_str!("../data/entities/context/person_cues.txt");
/// Institution words after a name (`data/entities/context/non_auto_after.txt`).
pub const CONTEXT_NON_AUTO_AFTER: &str = include_str!("../data/entities/context/non_auto_after.txt");
/// Automotive words near a name (`data/entities/context/auto_cues.txt`).
pub const CONTEXT_AUTO_CUES: &str = include_str!("../data/entities/context/auto_cues.txt");
/// Words that make a document automotive (`data/entities/context/auto_keywords.txt`).
pub const CONTEXT_AUTO_KEYWORDS: &str = include_str!("../data/entities/context/auto_keywords.txt");
/// The default gazetteer files (`data/entities/*.tsv`), as `(file name, contents)`, sorted by name.
pub const GAZETTEERS: &[(&str, &str)] = &[
    ("automakers.tsv", include_str!("../data/entities/automakers.tsv")),
    ("battery_makers.tsv", include_str!("../data/entities/battery_makers.tsv")),
    ("charging_networks.tsv", include_str!("../data/entities/charging_networks.tsv")),
    ("demonyms.tsv", include_str!("../data/entities/demonyms.tsv")),
    ("joint_ventures.tsv", include_str!("../data/entities/joint_ventures.tsv")),
    ("places.tsv", include_str!("../data/entities/places.tsv")),
    ("suppliers.tsv", include_str!("../data/entities/suppliers.tsv")),
];

/// A data file that could not be parsed.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {reason}")]
pub struct DataError {
    /// The file, as given or as named in `data/`.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with the line.
    pub reason: String,
}

/// One record of a data file.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// 1-based line number, for error messages.
    pub line: usize,
    fields: [&'a str; Row::MAX_FIELDS],
    len: usize,
}

impl<'a> Row<'a> {
    /// The most fields a record may have.
    pub const MAX_FIELDS: usize = 8;

    /// Field `i`, or `""` when the line has fewer fields (trailing empty fields may be omitted).
    pub fn get(&self, i: usize) -> &'a str {
        if i < self.len { self.fields[i] } else { "" }
    }

    /// Number of fields on the line.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the line has no fields (never produced by [`rows`]).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Iterates over the records of a data file, skipping comments and blank lines.
/// A line with more than [`Row::MAX_FIELDS`] fields is an error.
///
/// Fields are split at tabs by bytes and trimmed by [`trim`] (characters decoded only at an end
/// that is not ASCII): the built-in lists, the gazetteer's among them, are read on every start.
pub fn rows(src: &str) -> impl Iterator<Item = Result<Row<'_>, (usize, String)>> {
    src.lines().enumerate().filter_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if trim(line).is_empty() || line.starts_with('#') {
            return None;
        }
        let mut fields = [""; Row::MAX_FIELDS];
        let mut len = 0;
        let mut start = 0;
        // Every tab, then the end of the line, ends a field.
        let bytes = line.as_bytes();
        for end in (0..bytes.len()).filter(|&j| bytes[j] == b'\t').chain([bytes.len()]) {
            if len == Row::MAX_FIELDS {
                return Some(Err((i + 1, format!("more than {} tab-separated fields", Row::MAX_FIELDS))));
            }
            // Between tabs (ASCII): on character boundaries.
            fields[len] = trim(&line[start..end]);
            len += 1;
            start = end + 1;
        }
        Some(Ok(Row { line: i + 1, fields, len }))
    })
}

/// `s` without white space at either end: as `str::trim`, with the ASCII white space taken off
/// byte by byte first and the characters decoded only when a non-ASCII one is left at an end.
pub(crate) fn trim(s: &str) -> &str {
    // What `char::is_whitespace` says of ASCII: tab, line feed, vertical tab, form feed,
    // carriage return and space.
    let space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = s.as_bytes();
    let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !space(b)).map_or(start, |j| j + 1);
    // ASCII bytes: on character boundaries.
    let s = &s[start..end];
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&first), Some(&last)) if first >= 0x80 || last >= 0x80 => s.trim(),
        _ => s,
    }
}

/// Parses a compiled-in table; a malformed line is a bug in `data/`, caught by the tests.
pub(crate) fn builtin_rows<'a>(name: &'static str, src: &'a str) -> impl Iterator<Item = Row<'a>> {
    rows(src).map(move |row| match row {
        Ok(row) => row,
        Err((line, reason)) => panic!("data/{name}:{line}: {reason}"),
    })
}

/// The words of a one-word-per-line list.
pub(crate) fn words<'a>(name: &'static str, src: &'a str) -> impl Iterator<Item = &'a str> {
    builtin_rows(name, src).map(|row| row.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_skip_comments_and_split_tabs() {
        let src = "# comment\n\na\tb\n\nc\r\n";
        let rows: Vec<_> = rows(src).map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].get(0), rows[0].get(1)), (3, "a", "b"));
        assert_eq!((rows[1].line, rows[1].get(0), rows[1].get(5)), (5, "c", ""));
    }

    /// [`rows`] reads what splitting by characters with `str::split` and `str::trim` reads.
    #[test]
    fn rows_are_those_of_a_split_by_characters() {
        type Read = Result<(usize, usize, Vec<String>), (usize, String)>;
        let by_characters = |src: &str| -> Vec<Read> {
            let mut out = Vec::new();
            for (i, line) in src.lines().enumerate() {
                let line = line.strip_suffix('\r').unwrap_or(line);
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let fields: Vec<String> = line.split('\t').map(|f| f.trim().to_owned()).collect();
                out.push(if fields.len() > Row::MAX_FIELDS {
                    Err((i + 1, format!("more than {} tab-separated fields", Row::MAX_FIELDS)))
                } else {
                    Ok((i + 1, fields.len(), fields))
                });
            }
            out
        };
        let pieces =
            ["a", "\t", "\n", "\r", "\r\n", " ", "#", "|", "\u{a0}", "\u{3000}", "é", "\u{b}", "\u{1f}", "x y"];
        let texts = crate::testing::random_texts(&pieces, 5000, 24);
        for src in texts.chain(GAZETTEERS.iter().map(|(_, src)| src.to_string())) {
            let ours: Vec<_> = rows(&src)
                .map(|r| r.map(|r| (r.line, r.len(), (0..r.len()).map(|i| r.get(i).to_owned()).collect())))
                .collect();
            assert_eq!(ours, by_characters(&src), "{src:?}");
        }
    }

    #[test]
    fn trim_is_str_trim() {
        let pieces = ["a", "\t", " ", "\u{a0}", "\u{2028}", "é", "\u{b}", "\u{c}", "\u{1c}", "\u{85}", "x y"];
        for s in crate::testing::random_texts(&pieces, 5000, 8) {
            assert_eq!(trim(&s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn word_lists_are_sorted_and_unique() {
        for (name, src) in [
            ("count_exclusions.txt", COUNT_EXCLUSIONS),
            ("name_prefixes.txt", NAME_PREFIXES),
            ("stopwords.txt", STOPWORDS),
            ("year_cues.txt", YEAR_CUES),
            ("year_nouns.txt", YEAR_NOUNS),
            ("compound_nouns.txt", COMPOUND_NOUNS),
        ] {
            let list: Vec<_> = words(name, src).collect();
            let mut sorted = list.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(list, sorted, "data/{name} must be sorted and without duplicates");
        }
    }
}
