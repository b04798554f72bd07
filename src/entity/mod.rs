//! Stage 4: entities — car makers, brands, groups and places from a [`Gazetteer`].
//!
//! Rule `entity.gazetteer`: every alias of every entry is spelled out once (as written, in
//! capitals, and for `ci` entries in lower and title case) into a [`names::NameTable`]. Since a
//! name must start a word, names are only looked up at word starts whose first two bytes begin
//! some spelling (a 64 Kbit table) and whose first four pass the table's filter (a hash, another
//! 64 Kbit table), both read from one load and tested in the loop over the word starts: nineteen
//! words in twenty are rejected without a call, the others cost one look at a bucket of the
//! spellings by their first four bytes and a comparison with the few there. A match counts when no letter or digit touches it on either side, so `Audi` is
//! not found in `Audience` and `Kia` not in `Kiara`, while possessives (`Lexus’`, `Toyota's`)
//! and hyphen or slash combinations (`GAC-Honda` → `GAC`, `Honda`; `Renault/Nissan`) yield
//! their names. Among overlapping matches the longest wins (`Li Auto`, `Great Wall Motor`),
//! then the earliest. The matcher runs on the masked text, so names inside URLs are ignored.

pub mod disambiguate;
pub mod gazetteer;
mod names;

use std::sync::Arc;

pub use disambiguate::COMPANY_KINDS;
pub use gazetteer::{Entry, Gazetteer};

use crate::text::{Span, boundary_after, boundary_before};

/// A name found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index of the entry in the matcher's gazetteer.
    pub entry: usize,
    /// Where it was found.
    pub span: Span,
}

/// Finds gazetteer names in text; build once and share between threads.
#[derive(Debug, Clone)]
pub struct EntityMatcher {
    gazetteer: Gazetteer,
    names: Arc<names::NameTable>,
    /// Every name starts with an ASCII letter or digit or a non-ASCII character: only word
    /// starts need a look.
    word_initial: bool,

    /// Pattern id → entry index.
    owners: Vec<usize>,
    /// Entry index → whether its kind is a company's ([`COMPANY_KINDS`]), told once.
    companies: Vec<bool>,
    disambiguator: std::sync::Arc<disambiguate::Disambiguator>,
}

/// The matcher could not be built (the names take more than 4 GiB).
#[derive(Debug, thiserror::Error)]
#[error("cannot build the entity matcher: {0}")]
pub struct BuildError(#[from] names::TooLarge);

impl EntityMatcher {
    /// Compiles the gazetteer.
    pub fn new(gazetteer: Gazetteer) -> Result<EntityMatcher, BuildError> {
        // Every spelling of every alias, written one after the other into one buffer (about two
        // per alias: as written and in capitals), without a string of its own.
        let aliases: usize = gazetteer.entries().iter().map(|e| e.aliases.len()).sum();
        let mut spelled = Spelled::with_capacity(2 * aliases);
        for (index, entry) in gazetteer.entries().iter().enumerate() {
            for alias in &entry.aliases {
                spelled.variants(alias, entry.case_insensitive, index);
            }
        }
        // A spelling shared by two entries (or two variants of one alias) belongs to the first.
        let mut seen = rustc_hash::FxHashSet::default();
        seen.reserve(spelled.ends.len());
        let mut patterns: Vec<(usize, usize)> = Vec::with_capacity(spelled.ends.len());
        let mut owners = Vec::with_capacity(spelled.ends.len());
        let mut start = 0;
        for (&end, &owner) in spelled.ends.iter().zip(&spelled.owners) {
            if seen.insert(&spelled.bytes[start..end]) {
                patterns.push((start, end - start));
                owners.push(owner);
            }
            start = end;
        }
        drop(seen);
        let companies = gazetteer.entries().iter().map(|e| COMPANY_KINDS.contains(&e.kind.as_str())).collect();
        let spelling = |&(start, len): &(usize, usize)| &spelled.bytes[start..start + len];
        // Names that start with an ASCII letter or digit or a non-ASCII character (all the built-in
        // ones) can only start where `swar::word_starts` looks.
        let word_initial =
            patterns.iter().all(|p| spelling(p).first().is_some_and(|&b| b.is_ascii_alphanumeric() || b >= 0xc0));
        let names = Arc::new(names::NameTable::new(spelled.bytes, &patterns)?);
        Ok(EntityMatcher { gazetteer, names, word_initial, owners, companies, disambiguator: Default::default() })
    }

    /// The gazetteer the matcher was built from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The entry a mention refers to.
    pub fn entry(&self, mention: &Mention) -> &Entry {
        &self.gazetteer.entries()[mention.entry]
    }

    /// Whether each entry (by index) is a company: its kind is one of [`COMPANY_KINDS`].
    pub fn companies(&self) -> &[bool] {
        &self.companies
    }

    /// All names in `text`, sorted by start, without overlaps.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_at(text, None)
    }

    /// As [`find`](Self::find), with the positions that may start a word when they are known
    /// ([`Segmentation::word_starts`](crate::segment::Segmentation::word_starts)).
    pub fn find_at(&self, text: &str, word_starts: Option<&[u32]>) -> Vec<Mention> {
        let mut found = MentionBuffers::default();
        self.find_in(text, word_starts, &mut found);
        found.mentions
    }

    /// As [`find_at`](Self::find_at), into `found` (see [`MentionBuffers`]): the names are
    /// then [`MentionBuffers::mentions`].
    pub fn find_in(&self, text: &str, word_starts: Option<&[u32]>, found: &mut MentionBuffers) {
        let MentionBuffers { candidates, mentions: out } = found;
        candidates.clear();
        out.clear();
        if self.owners.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        // The filters of the name table reject most word starts, tested here in the loop: the
        // first two bytes, then the first four (a hash), both from one load. Only the starts they
        // let through (one in twenty) pay for the call that looks names up.
        if self.word_initial {
            // Only word starts, found eight bytes at a time (or already found).
            match word_starts {
                Some(starts) => {
                    for &s in starts {
                        let s = s as usize;
                        if self.names.may_start_at(bytes, s) {
                            self.look_at(text, s, candidates);
                        }
                    }
                }
                None => {
                    for s in crate::swar::word_starts(bytes) {
                        if self.names.may_start_at(bytes, s) {
                            self.look_at(text, s, candidates);
                        }
                    }
                }
            }
        } else {
            for s in 0..bytes.len() {
                if self.names.may_start_at(bytes, s) {
                    self.look_at(text, s, candidates);
                }
            }
        }
        if candidates.is_empty() {
            return;
        }
        // Leftmost-longest: the earliest start wins, then the longest match there.
        candidates.sort_unstable_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end), m.entry));
        out.reserve(candidates.len());
        let mut end = 0;
        for (i, m) in candidates.iter().enumerate() {
            if m.span.start < end {
                continue;
            }
            end = m.span.end;
            out.push(*m);
            // A joint venture names its partners: "GAC-Honda" also yields GAC and Honda.
            if self.entry(m).kind == "joint_venture" {
                let mut inner_end = m.span.start;
                for c in candidates[i + 1..].iter().take_while(|c| c.span.start < m.span.end) {
                    if c.span.start >= inner_end && c.span.end <= m.span.end && c.entry != m.entry {
                        inner_end = c.span.end;
                        out.push(*c);
                    }
                }
            }
        }
        let unambiguous = out.iter().filter(|m| self.companies[m.entry] && !self.entry(m).ambiguous).count();
        let mut doc = disambiguate::DocContext::default();
        out.retain(|m| {
            let entry = self.entry(m);
            // Neither a company nor ambiguous (most places, demonyms): nothing to check.
            let company = self.companies[m.entry];
            !(company || entry.ambiguous)
                || self.disambiguator.keep(text, m.span, entry, company, &mut doc, unambiguous)
        });
    }
}

/// The names [`EntityMatcher::find_in`] finds, and its room for the names it looks at, kept
/// from one text to the next by a worker (its [`Scratch`](crate::Scratch)), so that finding
/// the names of a document allocates nothing once they have grown to the size of the
/// documents.
#[derive(Debug, Default)]
pub struct MentionBuffers {
    candidates: Vec<Mention>,
    /// The names found, sorted by start, without overlaps.
    pub mentions: Vec<Mention>,
}

impl EntityMatcher {
    /// Adds the names that start at `start` (whose first two bytes begin some spelling) and
    /// end at a word boundary to `candidates`, when no letter or digit comes before `start`.
    #[inline(never)]
    fn look_at(&self, text: &str, start: usize, candidates: &mut Vec<Mention>) {
        let bytes = text.as_bytes();
        // Inside a word (the common case) by the byte before, else by the character before.
        if let Some(&p) = bytes.get(start.wrapping_sub(1))
            && (p.is_ascii_alphanumeric() || (p >= 0x80 && !boundary_before(text, start)))
        {
            return;
        }
        self.names.each_at(bytes, start, |pattern, len| {
            let end = start + len;
            // After the name, an ASCII byte (the common case) decides alone.
            let boundary = match bytes.get(end) {
                Some(&b) if b < 0x80 => !b.is_ascii_alphanumeric(),
                _ => boundary_after(text, end),
            };
            if boundary {
                candidates.push(Mention { entry: self.owners[pattern], span: Span::new(start, end) });
            }
        });
    }
}

/// Spellings written one after the other into one buffer, each with the entry it spells.
struct Spelled {
    bytes: Vec<u8>,
    /// Where each spelling ends in `bytes` (it starts where the one before ends).
    ends: Vec<usize>,
    /// The entry of each spelling.
    owners: Vec<usize>,
}

impl Spelled {
    fn with_capacity(spellings: usize) -> Spelled {
        Spelled {
            bytes: Vec::with_capacity(8 * spellings),
            ends: Vec::with_capacity(spellings),
            owners: Vec::with_capacity(spellings),
        }
    }

    /// Ends the spelling written since the last one, of entry `owner`.
    fn close(&mut self, owner: usize) {
        self.ends.push(self.bytes.len());
        self.owners.push(owner);
    }

    /// The spellings an alias is matched in: as written, in capitals, and for case-insensitive
    /// entries in lower case and with each word capitalized. Repeated spellings are left in;
    /// the matcher keeps the first of each. ASCII aliases (almost all) are cased byte by byte
    /// in place; others as `str::to_uppercase` and `str::to_lowercase` case them (the Greek
    /// final sigma depends on the letters around it).
    fn variants(&mut self, alias: &str, case_insensitive: bool, owner: usize) {
        self.bytes.extend_from_slice(alias.as_bytes());
        self.close(owner);
        if alias.is_ascii() {
            self.bytes.extend(alias.bytes().map(|b| b.to_ascii_uppercase()));
        } else {
            self.bytes.extend_from_slice(alias.to_uppercase().as_bytes());
        }
        self.close(owner);
        if case_insensitive {
            if alias.is_ascii() {
                self.bytes.extend(alias.bytes().map(|b| b.to_ascii_lowercase()));
            } else {
                self.bytes.extend_from_slice(alias.to_lowercase().as_bytes());
            }
            self.close(owner);
            self.title_case(alias);
            self.close(owner);
        }
    }

    /// `s` with the first letter or digit of each word in capitals and the others in small
    /// letters.
    fn title_case(&mut self, s: &str) {
        let mut start = true;
        let mut buf = [0; 4];
        for c in s.chars() {
            if start {
                c.to_uppercase().for_each(|u| self.bytes.extend_from_slice(u.encode_utf8(&mut buf).as_bytes()));
            } else {
                c.to_lowercase().for_each(|l| self.bytes.extend_from_slice(l.encode_utf8(&mut buf).as_bytes()));
            }
            start = !c.is_alphanumeric();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spellings of an alias as they were first made, one string each, without repeats.
    fn variants_by_strings(alias: &str, case_insensitive: bool) -> Vec<String> {
        let mut out = vec![alias.to_owned()];
        let mut push = |v: String| {
            if !out.contains(&v) {
                out.push(v);
            }
        };
        push(alias.to_uppercase());
        if case_insensitive {
            push(alias.to_lowercase());
            let mut title = String::new();
            let mut start = true;
            for c in alias.chars() {
                if start {
                    title.extend(c.to_uppercase())
                } else {
                    title.extend(c.to_lowercase())
                }
                start = !c.is_alphanumeric();
            }
            push(title);
        }
        out
    }

    #[test]
    fn spellings_are_those_made_as_strings() {
        let pieces = ["a", "B", " ", "-", "é", "Ö", "ß", "ΟΔΟΣ", "σ", "İ", "ﬁ", "1", "x"];
        for alias in crate::testing::random_texts(&pieces, 3000, 6) {
            for ci in [false, true] {
                let mut spelled = Spelled::with_capacity(4);
                spelled.variants(&alias, ci, 7);
                let mut start = 0;
                let mut got: Vec<String> = Vec::new();
                for &end in &spelled.ends {
                    let v = String::from_utf8(spelled.bytes[start..end].to_vec()).unwrap();
                    if !got.contains(&v) {
                        got.push(v);
                    }
                    start = end;
                }
                assert_eq!(got, variants_by_strings(&alias, ci), "{alias:?}");
                assert!(spelled.owners.iter().all(|&o| o == 7));
            }
        }
    }

    fn names(text: &str) -> Vec<(&str, String)> {
        let m = EntityMatcher::new(Gazetteer::builtin()).unwrap();
        m.find(text).iter().map(|x| (&text[x.span.start..x.span.end], m.entry(x).id.clone())).collect()
    }

    #[test]
    fn boundaries_and_possessives() {
        assert_eq!(names("Audience"), []);
        assert_eq!(
            names("Lexus’ and Toyota's and Lexus' plans"),
            [("Lexus", "lexus".into()), ("Toyota", "toyota".into()), ("Lexus", "lexus".into())]
        );
    }

    #[test]
    fn joint_ventures_yield_the_venture_and_their_parts() {
        assert_eq!(
            names("Acura (GAC-Honda) and Infiniti (Dongfeng-Nissan)"),
            [
                ("Acura", "acura".into()),
                ("GAC-Honda", "gac-honda".into()),
                ("GAC", "gac".into()),
                ("Honda", "honda".into()),
                ("Infiniti", "infiniti".into()),
                ("Dongfeng-Nissan", "dongfeng-nissan".into()),
                ("Dongfeng", "dongfeng".into()),
                ("Nissan", "nissan".into())
            ]
        );
        assert_eq!(names("the Renault/Nissan deal"), [("Renault", "renault".into()), ("Nissan", "nissan".into())]);
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(
            names("FAW Group and Great Wall Motors"),
            [("FAW Group", "faw-group".into()), ("Great Wall Motors", "great-wall-motor".into())]
        );
        assert_eq!(names("Mercedes-Benz"), [("Mercedes-Benz", "mercedes-benz".into())]);
        assert_eq!(names("Li Auto"), [("Li Auto", "li-auto".into())]);
        assert_eq!(names("Great Wall Motorsport builds cars and SUVs"), [("Great Wall", "great-wall-motor".into())]);
    }

    #[test]
    fn acronyms_are_case_sensitive() {
        assert_eq!(
            names("BYD, NIO, GAC, FAW, BMW and AITO"),
            [
                ("BYD", "byd".into()),
                ("NIO", "nio".into()),
                ("GAC", "gac".into()),
                ("FAW", "faw-group".into()),
                ("BMW", "bmw".into()),
                ("AITO", "aito".into())
            ]
        );
        assert_eq!(names("byd gac faw bmw"), []);
    }

    #[test]
    fn case_insensitive_entries_match_in_any_case() {
        let mut g = Gazetteer::empty();
        g.extend(
            gazetteer::parse("t.tsv".into(), "ionity\tIonity\tcharging_network\t\t\t\tci\nacme\tAcme\tautomaker\n")
                .unwrap(),
        );
        let m = EntityMatcher::new(g).unwrap();
        let text = "IONITY, ionity and Ionity; acme and ACME and Acme";
        let found: Vec<_> = m.find(text).iter().map(|x| &text[x.span.start..x.span.end]).collect();
        assert_eq!(found, ["IONITY", "ionity", "Ionity", "ACME", "Acme"]);
    }

    #[test]
    fn curly_and_straight_possessives() {
        assert_eq!(
            names("Toyota’s plan and Toyota's plan"),
            [("Toyota", "toyota".into()), ("Toyota", "toyota".into())]
        );
    }

    #[test]
    fn boundaries_both_sides() {
        assert_eq!(names("Audience at Kiara's Audit"), []);
        assert_eq!(names("AudiA4"), []);
    }

    #[test]
    fn names_in_urls_are_ignored() {
        let text = "see https://www.toyota.com/lexus/2024 and Lexus";
        let masked = crate::segment::mask(text);
        let m = EntityMatcher::new(Gazetteer::builtin()).unwrap();
        let found: Vec<_> = m.find(&masked.text).iter().map(|x| &text[x.span.start..x.span.end]).collect();
        assert_eq!(found, ["Lexus"]);
    }

    #[test]
    fn ambiguous_names_need_evidence() {
        let gone = [
            "The actor Harrison Ford starred in the film.",
            "Former president Gerald Ford spoke.",
            "He visited the Lincoln Memorial.",
            "Abraham Lincoln was president.",
            "A jaguar was seen; the Jaguar roared at the zoo.",
            "The Book of Genesis tells the story.",
            "The planet Mercury and the planet Saturn are visible.",
            "It was decided by fiat.",
            "Freddie Mercury won the Mercury Prize.",
            "Nikola Tesla was an inventor.",
        ];
        for text in gone {
            let found = names(text);
            assert!(
                found
                    .iter()
                    .all(|(_, id)| !["ford", "lincoln", "jaguar", "genesis", "mercury", "saturn", "fiat", "tesla"]
                        .contains(&id.as_str())),
                "{text}: {found:?}"
            );
        }
        assert_eq!(names("Ford Motor cut prices."), [("Ford Motor", "ford".into())]);
        assert_eq!(names("The Jaguar brand and its cars"), [("Jaguar", "jaguar".into())]);
        let auto = "Tesla and BYD led sales, while Ford and Genesis cut prices on electric cars.";
        let ids: Vec<String> = names(auto).into_iter().map(|(_, id)| id).collect();
        assert_eq!(ids, ["tesla", "byd", "ford", "genesis"]);
    }

    #[test]
    fn capitals_match_but_lowercase_does_not() {
        assert_eq!(names("TOYOTA MOTOR SALES"), [("TOYOTA MOTOR", "toyota".into())]);
        assert_eq!(names("a toyota"), []);
    }
}
