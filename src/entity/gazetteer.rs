//! Gazetteers: the lists of named things factex recognizes.
//!
//! The format (the built-in lists in `data/entities/` and user files given with `--entities`)
//! is UTF-8 text, one entry per line, fields separated by tabs; `#` starts a comment line:
//!
//! ```text
//! # id\tname\tkind\twikidata\taliases\tparents\tflags
//! lexus\tLexus\tbrand\tQ35919\t\ttoyota
//! li-auto\tLi Auto\tautomaker\t\tLi Auto Inc
//! ford\tFord\tautomaker\tQ44294\tFord Motor|Ford Motor Company\t\tambiguous
//! ```
//! (`\t` stands for a tab character.)
//!
//! - `id`: a stable lowercase slug (`a-z`, `0-9`, `-`), unique;
//! - `name`: the canonical display name, which is also matched;
//! - `kind`: a lowercase word. The built-in lists use `automaker`, `brand`, `group`,
//!   `joint_venture`, `battery_maker`, `charging_network`, `supplier`, `place` (countries,
//!   regions, provinces and states, cities, districts) and `demonym` (`Japanese`, `German`);
//! - `wikidata`: optional `Q…` id;
//! - `aliases`: other spellings, separated by `|`;
//! - `parents`: ids of owners (brand → automaker or group, joint venture → its partners) or of
//!   containing places (city → province or state → country; demonym → its country), separated
//!   by `|`;
//! - `flags`, separated by `|`:
//!   - `ci` to match the aliases in any letter case (by default an alias matches as written, or
//!     in all capitals as in wire headlines);
//!   - `ambiguous`: the name is also a common word, a person, an animal, a place or a company
//!     outside the car industry (`Ford`, `Jaguar`, `Smart`, `Georgia`), so a match needs
//!     supporting evidence before it is reported as this entry. The gazetteer only records the
//!     flag; matching still finds every alias.
//!
//! Trailing empty fields may be left out. A later entry with the same id replaces the earlier.

use std::path::{Path, PathBuf};

use crate::data::{self, DataError};

/// One named thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable slug.
    pub id: String,
    /// Canonical display name.
    pub name: String,
    /// What it is: `automaker`, `brand`, `group`, `place`, …
    pub kind: String,
    /// Wikidata id, when known.
    pub wikidata: Option<String>,
    /// Every spelling that is matched, the name first.
    pub aliases: Vec<String>,
    /// Ids of owners (for brands) or containing places.
    pub parents: Vec<String>,
    /// Match in any letter case.
    pub case_insensitive: bool,
    /// The name also means something outside the gazetteer's domain; a match needs evidence.
    pub ambiguous: bool,
}

/// An ordered set of entries, unique by id.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: rustc_hash::FxHashMap<String, usize>,
}

impl Gazetteer {
    /// No entries.
    pub fn empty() -> Gazetteer {
        Gazetteer::default()
    }

    /// The built-in lists from `data/entities/`.
    pub fn builtin() -> Gazetteer {
        Gazetteer::from_files(data::GAZETTEERS.iter().map(parse_builtin))
    }

    /// As [`builtin`](Self::builtin), the files parsed side by side on the rayon pool (a
    /// millisecond of start-up on one thread); for the extractor, which builds on the pool.
    pub(crate) fn builtin_in_parallel() -> Gazetteer {
        use rayon::prelude::*;
        Gazetteer::from_files(data::GAZETTEERS.par_iter().map(parse_builtin).collect::<Vec<_>>())
    }

    /// The entries of parsed files, added in order.
    fn from_files(files: impl IntoIterator<Item = Vec<Entry>>) -> Gazetteer {
        let mut gazetteer = Gazetteer::empty();
        for entries in files {
            gazetteer.extend(entries);
        }
        gazetteer
    }

    /// Adds entries; an entry whose id exists replaces the old one in place.
    pub fn extend(&mut self, entries: impl IntoIterator<Item = Entry>) {
        let entries = entries.into_iter();
        self.entries.reserve(entries.size_hint().0);
        self.by_id.reserve(entries.size_hint().0);
        for entry in entries {
            match self.by_id.get(&entry.id) {
                Some(&i) => self.entries[i] = entry,
                None => {
                    self.by_id.insert(entry.id.clone(), self.entries.len());
                    self.entries.push(entry);
                }
            }
        }
    }

    /// Reads a gazetteer file and adds its entries.
    pub fn load(&mut self, path: &Path) -> Result<(), DataError> {
        let src = std::fs::read_to_string(path).map_err(|e| DataError {
            path: path.to_owned(),
            line: 0,
            reason: e.to_string(),
        })?;
        self.extend(parse(path.to_owned(), &src)?);
        Ok(())
    }

    /// The entries, in insertion order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }
}

/// The entries of a built-in file (`data::GAZETTEERS`), which are tested to parse.
fn parse_builtin((name, src): &(&str, &str)) -> Vec<Entry> {
    parse(Path::new("data/entities").join(name), src).unwrap_or_else(|e| panic!("built-in gazetteer is invalid: {e}"))
}

/// Parses gazetteer text; `path` is used in error messages.
pub fn parse(path: PathBuf, src: &str) -> Result<Vec<Entry>, DataError> {
    // At most one entry a line.
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', src.as_bytes()).count() + 1);
    for row in data::rows(src) {
        let row = row.map_err(|(line, reason)| DataError { path: path.clone(), line, reason })?;
        let fail = |reason: String| DataError { path: path.clone(), line: row.line, reason };
        if row.len() < 3 {
            return Err(fail(format!(
                "expected at least 3 tab-separated fields (id, name, kind), found {}",
                row.len()
            )));
        }
        let (id, name, kind) = (row.get(0), row.get(1), row.get(2));
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(fail(format!("id {id:?} must be a lowercase slug (a-z, 0-9, -)")));
        }
        if name.is_empty() {
            return Err(fail("empty name".into()));
        }
        if kind.is_empty() || !kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return Err(fail(format!("kind {kind:?} must be a lowercase word")));
        }
        let wikidata = row.get(3);
        if !wikidata.is_empty() && !is_wikidata_id(wikidata) {
            return Err(fail(format!("wikidata {wikidata:?} must look like Q123")));
        }
        let listed = row.get(4);
        let mut aliases = Vec::with_capacity(1 + listed.bytes().filter(|&b| b == b'|').count() + 1);
        aliases.push(name.to_owned());
        for alias in items(listed) {
            if !aliases.iter().any(|a| a == alias) {
                aliases.push(alias.to_owned());
            }
        }
        let parents = items(row.get(5)).map(str::to_owned).collect();
        let (mut case_insensitive, mut ambiguous) = (false, false);
        for flag in items(row.get(6)) {
            match flag {
                "ci" => case_insensitive = true,
                "ambiguous" => ambiguous = true,
                other => return Err(fail(format!("unknown flag {other:?} (known: ci, ambiguous)"))),
            }
        }
        out.push(Entry {
            id: id.to_owned(),
            name: name.to_owned(),
            kind: kind.to_owned(),
            wikidata: (!wikidata.is_empty()).then(|| wikidata.to_owned()),
            aliases,
            parents,
            case_insensitive,
            ambiguous,
        });
    }
    Ok(out)
}

/// The non-empty items of a `|`-separated field, trimmed.
fn items(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(data::trim).filter(|item| !item.is_empty())
}

/// `Q` followed by digits.
fn is_wikidata_id(s: &str) -> bool {
    s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Every built-in file with its parsed entries.
    fn builtin_files() -> Vec<(&'static str, Vec<Entry>)> {
        data::GAZETTEERS.iter().map(|(name, src)| (*name, parse(name.into(), src).unwrap())).collect()
    }

    #[test]
    fn the_parallel_builtin_is_the_builtin() {
        let (a, b) = (Gazetteer::builtin(), Gazetteer::builtin_in_parallel());
        assert_eq!(a.entries(), b.entries(), "same entries in the same order");
        assert!(a.entries().iter().all(|e| b.get(&e.id) == Some(e)));
    }

    #[test]
    fn builtin_files_are_sorted_by_id() {
        let mut names: Vec<_> = data::GAZETTEERS.iter().map(|(name, _)| *name).collect();
        names.sort_unstable();
        assert_eq!(names, data::GAZETTEERS.iter().map(|(name, _)| *name).collect::<Vec<_>>(), "GAZETTEERS sorted");
        for (name, entries) in builtin_files() {
            let ids: Vec<_> = entries.iter().map(|e| e.id.as_str()).collect();
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(ids, sorted, "data/entities/{name} must be sorted by id, without duplicates");
        }
    }

    #[test]
    fn builtin_ids_are_unique_across_files() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for (name, entries) in builtin_files() {
            for e in entries {
                if let Some(other) = seen.insert(e.id.clone(), name) {
                    panic!("id {} is in both {other} and {name}", e.id);
                }
            }
        }
    }

    #[test]
    fn builtin_aliases_belong_to_one_entry() {
        // Case-sensitive: `Mini` (the brand) and `mini` would be different spellings.
        let mut owner: HashMap<String, String> = HashMap::new();
        for (_, entries) in builtin_files() {
            for e in entries {
                for alias in &e.aliases {
                    if let Some(other) = owner.insert(alias.clone(), e.id.clone()) {
                        panic!("alias {alias:?} is in both {other} and {}", e.id);
                    }
                }
            }
        }
    }

    #[test]
    fn builtin_parents_exist_and_kinds_are_known() {
        const KINDS: [&str; 9] = [
            "automaker",
            "battery_maker",
            "brand",
            "charging_network",
            "demonym",
            "group",
            "joint_venture",
            "place",
            "supplier",
        ];
        let g = Gazetteer::builtin();
        assert!(g.get("lexus").is_some());
        for e in g.entries() {
            assert!(KINDS.contains(&e.kind.as_str()), "{} has unknown kind {}", e.id, e.kind);
            for p in &e.parents {
                assert!(g.get(p).is_some(), "{} names unknown parent {p}", e.id);
                assert_ne!(p, &e.id, "{} is its own parent", e.id);
            }
            if e.kind == "joint_venture" {
                assert!(e.parents.len() >= 2, "joint venture {} must name its partners", e.id);
            }
            if e.kind == "demonym" {
                assert!(!e.parents.is_empty(), "demonym {} must name its country or region", e.id);
            }
        }
    }

    #[test]
    fn ambiguous_flag() {
        let entries =
            parse("x.tsv".into(), "a\tA\tbrand\nb\tB\tbrand\t\t\t\tambiguous\nc\tC\tbrand\t\t\t\tci|ambiguous\n")
                .unwrap();
        let flags: Vec<_> = entries.iter().map(|e| (e.case_insensitive, e.ambiguous)).collect();
        assert_eq!(flags, [(false, false), (false, true), (true, true)]);
        let g = Gazetteer::builtin();
        for id in ["ford", "jaguar", "smart", "genesis", "lincoln"] {
            assert!(g.get(id).unwrap().ambiguous, "{id} should be flagged ambiguous");
        }
        for id in ["lexus", "byd", "toyota", "china"] {
            assert!(!g.get(id).unwrap().ambiguous, "{id} should not be flagged ambiguous");
        }
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = parse("my.tsv".into(), "# header\nok\tOk\tbrand\nBad Id\tX\tbrand\n").unwrap_err();
        assert_eq!(err.to_string(), r#"my.tsv:3: id "Bad Id" must be a lowercase slug (a-z, 0-9, -)"#);
        let err = parse("my.tsv".into(), "x\tX\n").unwrap_err();
        assert!(err.to_string().starts_with("my.tsv:1: expected at least 3"));
        let err = parse("my.tsv".into(), "x\tX\tbrand\tQ1\t\t\tloud\n").unwrap_err();
        assert!(err.to_string().contains("unknown flag"));
    }

    #[test]
    fn later_entries_override() {
        let mut g = Gazetteer::builtin();
        g.extend(parse("u.tsv".into(), "lexus\tLexus Motors\tbrand\n").unwrap());
        assert_eq!(g.get("lexus").unwrap().name, "Lexus Motors");
    }
}
