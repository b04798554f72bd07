//! Gazetteers: the lists of named things factex recognizes.
//!
//! The format (the built-in lists in `data/entities/` and user files given with `--entities`)
//! is UTF-8 text, one entry per line, fields separated by tabs; `#` starts a comment line:
//!
//! ```text
//! # id\tname\tkind\twikidata\taliases\tparents\tflags
//! lexus\tLexus\tbrand\tQ35919\t\ttoyota
//! li-auto\tLi Auto\tautomaker\t\tLi Auto Inc
//! ```
//! (`\t` stands for a tab character.)
//!
//! - `id`: a stable lowercase slug (`a-z`, `0-9`, `-`), unique;
//! - `name`: the canonical display name, which is also matched;
//! - `kind`: a lowercase word (`automaker`, `brand`, `group`, `place`, …);
//! - `wikidata`: optional `Q…` id;
//! - `aliases`: other spellings, separated by `|`;
//! - `parents`: ids of owners or containing places, separated by `|`;
//! - `flags`: `ci` to match the aliases in any letter case (by default an alias matches as
//!   written, or in all capitals as in wire headlines).
//!
//! Trailing empty fields may be left out. A later entry with the same id replaces the earlier.

use std::collections::HashMap;
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
}

/// An ordered set of entries, unique by id.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
}

impl Gazetteer {
    /// No entries.
    pub fn empty() -> Gazetteer {
        Gazetteer::default()
    }

    /// The built-in lists from `data/entities/`.
    pub fn builtin() -> Gazetteer {
        let mut gazetteer = Gazetteer::empty();
        for (name, src) in data::GAZETTEERS {
            let entries = parse(Path::new("data/entities").join(name), src)
                .unwrap_or_else(|e| panic!("built-in gazetteer is invalid: {e}"));
            gazetteer.extend(entries);
        }
        gazetteer
    }

    /// Adds entries; an entry whose id exists replaces the old one in place.
    pub fn extend(&mut self, entries: impl IntoIterator<Item = Entry>) {
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

/// Parses gazetteer text; `path` is used in error messages.
pub fn parse(path: PathBuf, src: &str) -> Result<Vec<Entry>, DataError> {
    let mut out = Vec::new();
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
        let mut aliases = vec![name.to_owned()];
        for alias in row.get(4).split('|').map(str::trim).filter(|a| !a.is_empty()) {
            if !aliases.iter().any(|a| a == alias) {
                aliases.push(alias.to_owned());
            }
        }
        let parents = row.get(5).split('|').map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect();
        let mut case_insensitive = false;
        for flag in row.get(6).split('|').map(str::trim).filter(|f| !f.is_empty()) {
            match flag {
                "ci" => case_insensitive = true,
                other => return Err(fail(format!("unknown flag {other:?} (known: ci)"))),
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
        });
    }
    Ok(out)
}

/// `Q` followed by digits.
fn is_wikidata_id(s: &str) -> bool {
    s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_are_valid_sorted_and_linked() {
        let g = Gazetteer::builtin();
        assert!(g.get("lexus").is_some());
        for e in g.entries() {
            for p in &e.parents {
                assert!(g.get(p).is_some(), "{} names unknown parent {p}", e.id);
            }
        }
        for (name, src) in data::GAZETTEERS {
            let ids: Vec<_> = parse(name.into(), src).unwrap().into_iter().map(|e| e.id).collect();
            let mut sorted = ids.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(ids, sorted, "data/entities/{name} must be sorted by id, without duplicates");
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
