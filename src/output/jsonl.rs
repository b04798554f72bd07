//! The JSON Lines encoder: writes a record byte for byte as `serde_json::to_writer` writes its
//! serde derive (same field order, same left-out fields, same escapes, same number formats),
//! without serde's per-field dispatch.
//!
//! Why by hand: encoding was an eighth of the whole run, most of it spent going through serde's
//! generic machinery for short strings (ids, kinds, names) and for `#[serde(flatten)]`, which
//! goes through a map serializer. Strings are checked eight bytes at a time for bytes that need
//! an escape (a short string in one overlapping word, `swar::any`) and copied whole when there
//! are none (nearly always). What is the same in many records is encoded once: an entity's
//! entry fields (`{"id":…,"parents":[…]`, by the extractor for each gazetteer entry, see
//! `EntityFact::encoded_entry`) and each enumeration's field with its serialized name
//! (`{"kind":"money"`, `,"qualifier":"exact"`; the names from serde, for every variant the
//! schema lists). Integers below 10^8 — offsets, sentence indices, most values — are written
//! eight digits at a time in a `u64` (`decimal8`), others by itoa; numbers that are not whole by
//! zmij, unless they have at most eight decimals, which are checked and written as an integer
//! scaled by 10^8 (`short_decimal`).
//!
//! The serde derive in `record.rs` stays the contract: it produces the pretty JSON format and
//! the JSON Schema, and the tests compare this encoder's bytes with `serde_json::to_vec` on the
//! corpus, on the bad inputs and on arbitrary strings (`tests/common/mod.rs`). Every struct is
//! destructured here field by field, so a field added to a record type fails to compile until
//! it is written here too.

use std::sync::LazyLock;

use serde::Serialize;

use crate::swar;

use super::record::{
    ClaimFact, EntityFact, ErrorInfo, ErrorRecord, Evidence, Facts, FactsRecord, QuantityFact, Record, SiFact, Source,
    Stats,
};
use super::schema;

/// Appends `record` as one compact JSON object (no newline).
pub(super) fn write_record(out: &mut Vec<u8>, record: &Record) {
    match record {
        Record::Facts(r) => facts_record(out, r),
        Record::Error(r) => error_record(out, r),
    }
}

fn facts_record(out: &mut Vec<u8>, r: &FactsRecord) {
    let FactsRecord { schema, id, source: src, meta, facts } = r;
    out.extend_from_slice(b"{\"schema\":");
    string(out, schema);
    out.extend_from_slice(b",\"id\":");
    string(out, id);
    out.extend_from_slice(b",\"source\":");
    source(out, src);
    if let Some(meta) = meta {
        out.extend_from_slice(b",\"meta\":");
        serde_value(out, meta);
    }
    let Facts { stats: st, entities, quantities, claims } = facts;
    out.extend_from_slice(b",\"stats\":");
    stats(out, st);
    out.extend_from_slice(b",\"entities\":");
    array(out, entities, entity);
    out.extend_from_slice(b",\"quantities\":");
    array(out, quantities, quantity);
    out.extend_from_slice(b",\"claims\":");
    array(out, claims, claim);
    out.push(b'}');
}

fn error_record(out: &mut Vec<u8>, r: &ErrorRecord) {
    let ErrorRecord { schema, id, source: src, error } = r;
    let ErrorInfo { kind, message } = error;
    out.extend_from_slice(b"{\"schema\":");
    string(out, schema);
    out.extend_from_slice(b",\"id\":");
    string(out, id);
    out.extend_from_slice(b",\"source\":");
    source(out, src);
    out.extend_from_slice(b",\"error\":{\"kind\":");
    string(out, kind);
    out.extend_from_slice(b",\"message\":");
    string(out, message);
    out.extend_from_slice(b"}}");
}

fn source(out: &mut Vec<u8>, s: &Source) {
    let Source { path, line, bytes, encoding } = s;
    out.extend_from_slice(b"{\"path\":");
    string(out, path);
    optional(out, b",\"line\":", line.as_ref(), |out, line| uint(out, *line));
    out.extend_from_slice(b",\"bytes\":");
    uint(out, *bytes);
    optional(out, b",\"encoding\":", *encoding, string);
    out.push(b'}');
}

fn stats(out: &mut Vec<u8>, s: &Stats) {
    let Stats { paragraphs, sentences, tokens, entities, quantities, claims } = *s;
    out.extend_from_slice(b"{\"paragraphs\":");
    uint(out, paragraphs as u64);
    out.extend_from_slice(b",\"sentences\":");
    uint(out, sentences as u64);
    out.extend_from_slice(b",\"tokens\":");
    uint(out, tokens as u64);
    out.extend_from_slice(b",\"entities\":");
    uint(out, entities as u64);
    out.extend_from_slice(b",\"quantities\":");
    uint(out, quantities as u64);
    out.extend_from_slice(b",\"claims\":");
    uint(out, claims as u64);
    out.push(b'}');
}

fn entity(out: &mut Vec<u8>, e: &EntityFact) {
    let EntityFact {
        id,
        name,
        kind,
        wikidata,
        parents,
        text,
        start,
        end,
        char_start,
        char_end,
        sentence,
        encoded_entry,
    } = e;
    match encoded_entry {
        Some(encoded) => {
            debug_assert_eq!(*encoded, super::encode_entry(id, name, kind, *wikidata, parents), "the entry of {id}");
            out.extend_from_slice(encoded.as_bytes());
        }
        None => entry(out, id, name, kind, *wikidata, parents),
    }
    field(out, b",\"text\":\"", text);
    span(out, *start, *end, *char_start, *char_end, *sentence);
    out.push(b'}');
}

/// The fields of an entity that come from its gazetteer entry, from the opening brace to
/// `parents`: `{"id":…,"name":…,"kind":…,"wikidata":…,"parents":[…]`.
pub(super) fn entry(out: &mut Vec<u8>, id: &str, name: &str, kind: &str, wikidata: Option<&str>, parents: &[String]) {
    out.extend_from_slice(b"{\"id\":");
    string(out, id);
    out.extend_from_slice(b",\"name\":");
    string(out, name);
    out.extend_from_slice(b",\"kind\":");
    string(out, kind);
    optional(out, b",\"wikidata\":", wikidata, string);
    if !parents.is_empty() {
        out.extend_from_slice(b",\"parents\":");
        array(out, parents, |out, p| string(out, p));
    }
}

fn quantity(out: &mut Vec<u8>, q: &QuantityFact) {
    let QuantityFact {
        kind,
        value,
        low,
        high,
        unit,
        si: si_fact,
        date,
        period,
        qualifier,
        change,
        basis,
        text,
        start,
        end,
        char_start,
        char_end,
        sentence,
        rule,
    } = q;
    let names = &*NAMES;
    names.kind[*kind as usize].write(out);
    numbers(out, *value, *low, *high);
    if let Some(unit) = unit {
        field(out, b",\"unit\":\"", unit);
    }
    optional(out, b",\"si\":", si_fact.as_ref(), si);
    if let Some(date) = date {
        field(out, b",\"date\":\"", date);
    }
    if let Some(period) = period {
        field(out, b",\"period\":\"", period);
    }
    names.qualifier[*qualifier as usize].write(out);
    if let Some(change) = change {
        names.change[*change as usize].write(out);
    }
    if let Some(basis) = basis {
        names.basis[*basis as usize].write(out);
    }
    field(out, b",\"text\":\"", text);
    span(out, *start, *end, *char_start, *char_end, *sentence);
    field(out, b",\"rule\":\"", rule);
    out.push(b'}');
}

fn si(out: &mut Vec<u8>, s: &SiFact) {
    let SiFact { value, low, high, unit } = *s;
    out.push(b'{');
    for (key, v) in [(&b"\"value\":"[..], value), (b"\"low\":", low), (b"\"high\":", high)] {
        if let Some(v) = v {
            out.extend_from_slice(key);
            number(out, v);
            out.push(b',');
        }
    }
    out.extend_from_slice(b"\"unit\":");
    string(out, unit);
    out.push(b'}');
}

fn claim(out: &mut Vec<u8>, c: &ClaimFact) {
    let ClaimFact {
        quantity,
        subject,
        subject_text,
        place,
        place_text,
        time,
        time_text,
        metric,
        change,
        basis,
        sentence,
        evidence,
    } = c;
    let names = &*NAMES;
    out.extend_from_slice(b"{\"quantity\":");
    uint(out, *quantity as u64);
    out.extend_from_slice(b",\"subject\":");
    string(out, subject);
    out.extend_from_slice(b",\"subject_text\":");
    string(out, subject_text);
    optional(out, b",\"place\":", *place, string);
    optional(out, b",\"place_text\":", *place_text, string);
    optional(out, b",\"time\":", time.as_deref(), string);
    optional(out, b",\"time_text\":", *time_text, string);
    optional(out, b",\"metric\":", metric.as_deref(), string);
    if let Some(change) = change {
        names.change[*change as usize].write(out);
    }
    if let Some(basis) = basis {
        names.basis[*basis as usize].write(out);
    }
    out.extend_from_slice(b",\"sentence\":");
    uint(out, *sentence as u64);
    let Evidence { subject: from, place: place_from, time: time_from } = evidence;
    out.extend_from_slice(b",\"evidence\":{\"subject\":");
    names.origin[*from as usize].write(out);
    if let Some(from) = place_from {
        out.extend_from_slice(b",\"place\":");
        names.origin[*from as usize].write(out);
    }
    if let Some(from) = time_from {
        out.extend_from_slice(b",\"time\":");
        names.origin[*from as usize].write(out);
    }
    out.extend_from_slice(b"}}");
}

/// The enumerations' fields as they are written, by variant (`as usize`): the key with its
/// punctuation and the name serde gives the variant.
struct Names {
    /// `{"kind":"…"`: a quantity's first field.
    kind: Vec<Name>,
    /// `,"qualifier":"…"`.
    qualifier: Vec<Name>,
    /// `,"change":"…"` (the same key in quantities and claims).
    change: Vec<Name>,
    /// `,"basis":"…"`.
    basis: Vec<Name>,
    /// `"…"`: the value alone (the evidence's keys vary).
    origin: Vec<Name>,
}

/// One enumeration field, in a fixed-size array: appended by a copy of the whole array (no call
/// to `memcpy`), then cut to its length.
#[derive(Clone)]
struct Name {
    bytes: [u8; Name::MAX],
    len: usize,
}

impl Name {
    /// The longest field (`,"basis":"from_a_quarter_earlier"` has 33 bytes).
    const MAX: usize = 48;

    fn new(field: &[u8]) -> Name {
        let mut bytes = [0; Name::MAX];
        bytes[..field.len()].copy_from_slice(field);
        Name { bytes, len: field.len() }
    }

    #[cfg(test)]
    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    #[inline(always)]
    fn write(&self, out: &mut Vec<u8>) {
        let at = out.len();
        out.extend_from_slice(&self.bytes);
        out.truncate(at + self.len);
    }
}

static NAMES: LazyLock<Names> = LazyLock::new(|| Names {
    kind: names(b"{\"kind\":", schema::all_kinds(), |v| v as usize),
    qualifier: names(b",\"qualifier\":", schema::all_qualifiers(), |v| v as usize),
    change: names(b",\"change\":", schema::all_changes(), |v| v as usize),
    basis: names(b",\"basis\":", schema::all_bases(), |v| v as usize),
    origin: names(b"", schema::all_origins(), |v| v as usize),
});

/// `key` and the serialized name of each of `variants`, at the index `index` gives it.
fn names<T: Serialize + Copy>(key: &[u8], variants: impl IntoIterator<Item = T>, index: fn(T) -> usize) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    for v in variants {
        let i = index(v);
        if out.len() <= i {
            out.resize(i + 1, Name::new(b""));
        }
        let mut field = key.to_vec();
        serde_value(&mut field, &v);
        assert!(field.len() <= Name::MAX, "an enumeration field longer than {} bytes", Name::MAX);
        out[i] = Name::new(&field);
    }
    out
}

/// `"start":…,"end":…,"char_start":…,"char_end":…,"sentence":…` with the leading comma.
/// Numbers below 10^8 (all but those of documents of 100 MB) are put together in a buffer on
/// the stack, each key and eight digits written at once, and appended in one copy. Inlined in
/// its two callers (entities and quantities): the call's cost was a tenth of the function's.
#[inline(always)]
fn span(out: &mut Vec<u8>, start: usize, end: usize, char_start: usize, char_end: usize, sentence: usize) {
    if start.max(end).max(char_start).max(char_end).max(sentence) >= 100_000_000 {
        out.extend_from_slice(b",\"start\":");
        uint(out, start as u64);
        out.extend_from_slice(b",\"end\":");
        uint(out, end as u64);
        out.extend_from_slice(b",\"char_start\":");
        uint(out, char_start as u64);
        out.extend_from_slice(b",\"char_end\":");
        uint(out, char_end as u64);
        out.extend_from_slice(b",\"sentence\":");
        uint(out, sentence as u64);
        return;
    }
    // Character offsets are the byte offsets in ASCII text (97% of the facts of the corpora):
    // their digits are the same.
    let start_digits = digits(start);
    let end_digits = digits(end);
    let char_start_digits = if char_start == start { start_digits } else { digits(char_start) };
    let char_end_digits = if char_end == end { end_digits } else { digits(char_end) };
    // The keys take 54 bytes, the numbers at most 5 × 8: the buffer is appended whole (a
    // fixed-size copy) and cut to length.
    let mut buf = [0u8; 96];
    let mut at = 0;
    put(&mut buf, &mut at, b",\"start\":", start_digits);
    put(&mut buf, &mut at, b",\"end\":", end_digits);
    put(&mut buf, &mut at, b",\"char_start\":", char_start_digits);
    put(&mut buf, &mut at, b",\"char_end\":", char_end_digits);
    put(&mut buf, &mut at, b",\"sentence\":", digits(sentence));
    let len = out.len();
    out.extend_from_slice(&buf);
    out.truncate(len + at);
}

/// The digits of `n` (below 10^8) as [`decimal8`] gives them.
#[inline(always)]
fn digits(n: usize) -> (u64, usize) {
    if n < 10_000 {
        let (digits, len) = decimal4(n as u32);
        (u64::from(digits), len)
    } else {
        decimal8(n as u32)
    }
}

/// Writes `key` and `digits` (from [`digits`]) into `buf` at `at`, which it moves past them: the
/// key and eight bytes of digits in fixed-size copies, the position moved by the number of
/// digits.
#[inline(always)]
fn put<const N: usize>(buf: &mut [u8; 96], at: &mut usize, key: &[u8; N], (digits, len): (u64, usize)) {
    buf[*at..*at + N].copy_from_slice(key);
    *at += N;
    buf[*at..*at + 8].copy_from_slice(&digits.to_le_bytes());
    *at += len;
}

/// The optional `value`, `low` and `high` fields, each with its leading comma.
fn numbers(out: &mut Vec<u8>, value: Option<f64>, low: Option<f64>, high: Option<f64>) {
    if let Some(v) = value {
        out.extend_from_slice(b",\"value\":");
        number(out, v);
    }
    if let Some(v) = low {
        out.extend_from_slice(b",\"low\":");
        number(out, v);
    }
    if let Some(v) = high {
        out.extend_from_slice(b",\"high\":");
        number(out, v);
    }
}

/// A field that serde leaves out when it is `None`: `key` (with its leading comma) and the value
/// written by `write`.
fn optional<T: ?Sized>(out: &mut Vec<u8>, key: &[u8], value: Option<&T>, write: impl FnOnce(&mut Vec<u8>, &T)) {
    if let Some(value) = value {
        out.extend_from_slice(key);
        write(out, value);
    }
}

fn array<T>(out: &mut Vec<u8>, items: &[T], mut write: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

/// Raw JSON (`meta`) goes through serde, and the enumerations' names once (`NAMES`): they live in
/// the serde derive.
fn serde_value<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(&mut *out, value).expect("enumerations and raw JSON serialize");
}

/// An unsigned integer as itoa writes it: below 10^8 (offsets, indices, counts) from
/// [`decimal4`] or [`decimal8`], four or eight bytes written and the ones past its digits cut
/// off again.
#[inline(always)]
fn uint(out: &mut Vec<u8>, n: u64) {
    let at = out.len();
    if n < 10_000 {
        let (digits, len) = decimal4(n as u32);
        out.extend_from_slice(&digits.to_le_bytes());
        out.truncate(at + len);
    } else if n < 100_000_000 {
        let (digits, len) = decimal8(n as u32);
        out.extend_from_slice(&digits.to_le_bytes());
        out.truncate(at + len);
    } else {
        out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }
}

/// The decimal digits of `n` (below 10^4) as ASCII bytes in a `u32`, the first digit in the
/// lowest byte (the first in memory), and how many there are: the two pairs, then the four
/// digits split in parallel, each in its own lane (multiplications by reciprocals: `x * 5243 >>
/// 19` is `x / 100` below 10^4, `x * 103 >> 10` is `x / 10` below 100; no lane overflows into
/// the next).
#[inline(always)]
fn decimal4(n: u32) -> (u32, usize) {
    debug_assert!(n < 10_000);
    let hundreds = (n * 5243) >> 19;
    let pairs = hundreds | (n - hundreds * 100) << 16;
    let tens = ((pairs * 103) >> 10) & 0x000f_000f;
    let digits = tens | (pairs - tens * 10) << 8;
    // Leading zeros are the low zero bytes; the last digit always stays.
    let zeros = ((digits | 1 << 24).trailing_zeros() / 8) as usize;
    ((digits >> (8 * zeros)) | 0x3030_3030, 4 - zeros)
}

/// [`decimal4`] for `n` below 10^8, in a `u64`.
#[inline(always)]
fn decimal8(n: u32) -> (u64, usize) {
    let digits = digits8(n);
    let zeros = ((digits | 1 << 56).trailing_zeros() / 8) as usize;
    (ascii(digits >> (8 * zeros)), 8 - zeros)
}

/// The eight decimal digits of `n` (below 10^8), leading zeros included, as the numbers 0 to 9
/// in the bytes of a `u64`, the first digit in the lowest byte: [`decimal4`]'s lanes, for the
/// two halves of four digits at once.
#[inline(always)]
fn digits8(n: u32) -> u64 {
    debug_assert!(n < 100_000_000);
    let halves = u64::from(n / 10_000) | u64::from(n % 10_000) << 32;
    let hundreds = ((halves * 5243) >> 19) & 0x0000_007f_0000_007f;
    let pairs = hundreds | (halves - hundreds * 100) << 16;
    let tens = ((pairs * 103) >> 10) & 0x000f_000f_000f_000f;
    tens | (pairs - tens * 10) << 8
}

/// Digits from [`digits8`] as ASCII (the bytes past the digits, which are zero, become `0`s).
#[inline(always)]
fn ascii(digits: u64) -> u64 {
    digits | 0x3030_3030_3030_3030
}

/// A number as `record::number` writes it: whole numbers as integers, others as shortest floats.
fn number(out: &mut Vec<u8>, v: f64) {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    // Below 2^53 the conversion is exact, so `v` is whole when it converts back to itself (the
    // same test as `fract() == 0.0`, without its call to `trunc`); -0.0 is written 0 either way.
    if v.abs() < EXACT && (v as i64) as f64 == v {
        let i = v as i64;
        if i < 0 {
            out.push(b'-');
        }
        uint(out, i.unsigned_abs());
    } else if !short_decimal(out, v) {
        if v.is_finite() {
            out.extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
        } else {
            out.extend_from_slice(b"null");
        }
    }
}

/// Writes `v`, which is not whole, as zmij writes it when that has at most eight decimals and
/// `v` is between 10^-5 and 10^7 (shares, rates and most other fractions: nine in ten of the
/// numbers that are not whole); returns false, writing nothing, otherwise.
///
/// `v` is scaled by 10^8 and rounded to an integer `k`. When `k / 10^8` (correctly rounded, and
/// `k` is exact below 2^53) is `v` again, the decimal `k × 10^-8` reads back as `v`. Below 10^7
/// two doubles are less than 2^-29 apart, so no other decimal with eight places reads back as
/// `v`, and no shorter decimal does either (it would be one with eight places, its last ones
/// zero): zmij's shortest round trip is `k × 10^-8` without its trailing zeros. From 10^-5 to
/// 10^16 zmij writes it without an exponent, as `integer.fraction`.
#[inline]
fn short_decimal(out: &mut Vec<u8>, v: f64) -> bool {
    const SCALE: f64 = 100_000_000.0;
    let a = v.abs();
    if !(1e-5..1e7).contains(&a) {
        return false;
    }
    // Rounding by adding a half (no SSE4.1 `round`): a `k` off by one fails the test below.
    let k = (a * SCALE + 0.5) as i64;
    let (whole, fraction) = (k / 100_000_000, (k % 100_000_000) as u32);
    if k as f64 / SCALE != a || fraction == 0 {
        return false;
    }
    if v < 0.0 {
        out.push(b'-');
    }
    uint(out, whole as u64);
    out.push(b'.');
    // The fraction's eight digits, the trailing zeros (the high zero bytes) cut off.
    let digits = digits8(fraction);
    let at = out.len();
    out.extend_from_slice(&ascii(digits).to_le_bytes());
    out.truncate(at + 8 - (digits.leading_zeros() / 8) as usize);
    true
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, and
/// `\u00xx` for the other control characters; everything else (non-ASCII included) as is.
#[inline]
fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if swar::any(bytes, escape_word) {
        return escaped(out, bytes);
    }
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    out.extend_from_slice(bytes);
    out.push(b'"');
}

/// `key` (with its leading comma and the string's opening quote) and the string `s`: what
/// `key` without its quote and [`string`] write.
///
/// A string of up to 16 bytes (rules, units, most quantity and entity texts) is loaded in two
/// words that may overlap (one word made of its own bytes when shorter than four), tested for
/// bytes to escape in those words, and put together with the key and its closing quote in a
/// buffer on the stack that is appended whole (a fixed-size copy) and then cut to length: no
/// call to `memcpy` and one capacity check. Longer strings are copied as they are.
#[inline(always)]
fn field<const N: usize>(out: &mut Vec<u8>, key: &[u8; N], s: &str) {
    const BUF: usize = 32;
    let bytes = s.as_bytes();
    let len = bytes.len();
    if N + 17 <= BUF && len <= 16 {
        let mut buf = [0u8; BUF];
        buf[..N].copy_from_slice(key);
        let clean = match len {
            8..=16 => {
                let first = u64::from_le_bytes(bytes[..8].try_into().expect("eight bytes"));
                let last = u64::from_le_bytes(bytes[len - 8..len].try_into().expect("eight bytes"));
                buf[N..N + 8].copy_from_slice(&first.to_le_bytes());
                buf[N + len - 8..N + len].copy_from_slice(&last.to_le_bytes());
                escape_word(first) | escape_word(last) == 0
            }
            4..=7 => {
                let first = u32::from_le_bytes(bytes[..4].try_into().expect("four bytes"));
                let last = u32::from_le_bytes(bytes[len - 4..len].try_into().expect("four bytes"));
                buf[N..N + 4].copy_from_slice(&first.to_le_bytes());
                buf[N + len - 4..N + len].copy_from_slice(&last.to_le_bytes());
                escape_word(u64::from(first) | u64::from(last) << 32) == 0
            }
            1..=3 => {
                let (a, b, c) = (bytes[0], bytes[len / 2], bytes[len - 1]);
                buf[N] = a;
                buf[N + len / 2] = b;
                buf[N + len - 1] = c;
                escape_word(u64::from_le_bytes([a, b, c, a, a, a, a, a])) == 0
            }
            _ => true,
        };
        if clean {
            buf[N + len] = b'"';
            let at = out.len();
            out.extend_from_slice(&buf);
            out.truncate(at + N + len + 1);
            return;
        }
    }
    out.extend_from_slice(key.split_last().map_or(&key[..], |(_, key)| key));
    string(out, s);
}

/// [`string`] for a string that has bytes to escape.
#[cold]
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut from = 0;
    while let Some(i) = next_escape(bytes, from) {
        out.extend_from_slice(&bytes[from..i]);
        escape(out, bytes[i]);
        from = i + 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

/// Some byte of `w` needs an escape.
#[inline]
fn escape_word(w: u64) -> u64 {
    swar::any_below(w, 0x20) | swar::any_eq(w, b'"') | swar::any_eq(w, b'\\')
}

/// The position of the first byte at or after `from` that needs an escape, eight bytes at a
/// time.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    swar::find(bytes, from, escape_word, needs_escape)
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

fn escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x09 => out.extend_from_slice(b"\\t"),
        0x0a => out.extend_from_slice(b"\\n"),
        0x0c => out.extend_from_slice(b"\\f"),
        0x0d => out.extend_from_slice(b"\\r"),
        _ => out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 0xf) as usize]]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(s: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("é上海🚗\u{7f}\u{2028}");
        for s in [all.as_str(), "", "plain", "12345678", "1234567\"", "\"1234567", "a\\b", "tab\there", "x\u{1f}"] {
            assert_eq!(encoded(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
        // Every position of an escaped byte inside and around one eight-byte word.
        for at in 0..17 {
            for b in [b'"', b'\\', b'\n', 0, 0x1f] {
                let mut s = vec![b'a'; 17];
                s[at] = b;
                let s = String::from_utf8(s).unwrap();
                assert_eq!(encoded(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
            }
        }
    }

    /// The contract: what serde_json writes for the derive.
    fn serde(record: &Record) -> Vec<u8> {
        serde_json::to_vec(record).unwrap()
    }

    fn hand(record: &Record) -> Vec<u8> {
        let mut out = Vec::new();
        write_record(&mut out, record);
        out
    }

    #[test]
    fn every_corpus_record_is_written_as_serde_writes_it() {
        let extractor = crate::Extractor::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let mut doc =
                crate::Document::from_text(path.display().to_string(), std::fs::read_to_string(&path).unwrap());
            // Every optional field of the source, and kept JSONL fields of every JSON type.
            doc.line = Some(7);
            doc.encoding = Some("windows-1252");
            let raw = |s: &str| Some(serde_json::value::RawValue::from_string(s.into()).unwrap());
            doc.meta = Some(crate::source::Meta(vec![
                ("url".into(), raw("\"https://x.com/a?b=\\\"c\\\"\"")),
                ("n".into(), raw("[1, 2.5, {\"k\": null}]")),
                ("missing".into(), None),
            ]));
            let mut facts = extractor.extract(&doc);
            assert!(facts.entities.iter().all(|e| e.encoded_entry.is_some()));
            let record = Record::Facts(FactsRecord::new(&doc, facts.clone()));
            assert_eq!(String::from_utf8(hand(&record)).unwrap(), String::from_utf8(serde(&record)).unwrap());
            // Entities whose entry was not encoded beforehand are written from their fields.
            facts.entities.iter_mut().for_each(|e| e.encoded_entry = None);
            assert_eq!(hand(&Record::Facts(FactsRecord::new(&doc, facts))), serde(&record));
            n += 1;
        }
        assert!(n >= 5, "the corpus has articles");
    }

    #[test]
    fn error_records_are_written_as_serde_writes_them() {
        let source = Source { path: "dir/\"odd\"\tname.txt", line: Some(3), bytes: 12, encoding: None };
        let record = Record::Error(ErrorRecord {
            schema: crate::SCHEMA,
            id: "odd\u{1}id",
            source,
            error: ErrorInfo { kind: "json", message: "dir/x.jsonl:3: expected `,` \\ or `}`\n".into() },
        });
        assert_eq!(hand(&record), serde(&record));
    }

    #[test]
    fn the_word_test_never_misses_nor_invents_an_escape() {
        for b in 0..=255u8 {
            let word = [b; 8];
            let found = next_escape(&word, 0).is_some();
            assert_eq!(found, needs_escape(b), "byte {b:#x}");
        }
    }

    #[test]
    fn fields_are_written_as_key_and_string() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("é上海🚗\u{7f}");
        let mut cases = vec![String::new(), all];
        // Every length up to 20 bytes, with a byte to escape at every position and without.
        for len in 0..21 {
            cases.push("a".repeat(len));
            for at in 0..len {
                for b in [b'"', b'\\', b'\n', 0, 0x1f] {
                    let mut s = vec![b'a'; len];
                    s[at] = b;
                    cases.push(String::from_utf8(s).unwrap());
                }
            }
            cases.push("é".repeat(len / 2) + &"x".repeat(len % 2));
        }
        for s in &cases {
            let mut fast = b"{".to_vec();
            field(&mut fast, b",\"text\":\"", s);
            field(&mut fast, b",\"abcdefghij\":\"", s);
            field(&mut fast, b",\"a_rather_long_key_x_too_long_for_the_buffer\":\"", s);
            let mut plain = b"{,\"text\":".to_vec();
            string(&mut plain, s);
            plain.extend_from_slice(b",\"abcdefghij\":");
            string(&mut plain, s);
            plain.extend_from_slice(b",\"a_rather_long_key_x_too_long_for_the_buffer\":");
            string(&mut plain, s);
            assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(plain).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn integers_are_written_as_itoa_writes_them() {
        let itoa = |n: u64| itoa::Buffer::new().format(n).to_owned();
        let mine = |n: u64| {
            let mut out = b"x".to_vec();
            uint(&mut out, n);
            String::from_utf8(out[1..].to_vec()).unwrap()
        };
        // Every number of up to six digits, every length's first and last, and a sample above.
        for n in 0..1_000_000 {
            assert_eq!(mine(n), itoa(n));
        }
        for digits in 1..=20u32 {
            let first = 10u64.pow(digits - 1);
            for n in [first, first + 1, first.saturating_mul(10) - 1, first.saturating_mul(10)] {
                assert_eq!(mine(n), itoa(n));
            }
        }
        for n in (1_000_000..100_000_000).step_by(9_973).chain([u64::MAX, u64::MAX - 1]) {
            assert_eq!(mine(n), itoa(n));
        }
    }

    /// `span`'s buffer against the fields written one by one: offsets on either side of 10^4
    /// (where four digits give way to eight) and of 10^8 (where the buffer does), character
    /// offsets that are the byte offsets and that are not.
    #[test]
    fn spans_are_written_field_by_field() {
        let plain = |[start, end, char_start, char_end, sentence]: [usize; 5]| {
            let mut out = Vec::new();
            for (key, n) in [
                (&b",\"start\":"[..], start),
                (b",\"end\":", end),
                (b",\"char_start\":", char_start),
                (b",\"char_end\":", char_end),
                (b",\"sentence\":", sentence),
            ] {
                out.extend_from_slice(key);
                out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
            }
            String::from_utf8(out).unwrap()
        };
        let edges = [0, 1, 9, 10, 99, 100, 999, 1_000, 9_999, 10_000, 10_001, 99_999_999, 100_000_000, usize::MAX];
        let random =
            xorshift().take(50_000).map(|n| [n % 10_000, n % 20_000, n % 1_000_000_000][(n >> 60) as usize % 3]);
        let numbers: Vec<usize> = edges.into_iter().chain(random.map(|n| n as usize)).collect();
        for (i, w) in numbers.windows(3).enumerate() {
            let (start, end, other) = (w[0], w[1], w[2]);
            for fields in [[start, end, start, end, i], [start, end, other, end, other], [start, end, start, other, 3]]
            {
                let mut out = Vec::new();
                span(&mut out, fields[0], fields[1], fields[2], fields[3], fields[4]);
                assert_eq!(String::from_utf8(out).unwrap(), plain(fields), "{fields:?}");
            }
        }
    }

    /// A fixed sequence of pseudo-random numbers, the same on every run.
    fn xorshift() -> impl Iterator<Item = u64> {
        crate::testing::xorshift(0x9E37_79B9_7F4A_7C15)
    }

    #[test]
    fn enumerations_are_written_as_serde_writes_them() {
        let names = &*NAMES;
        fn json<T: Serialize>(v: &T) -> String {
            serde_json::to_string(v).unwrap()
        }
        for v in schema::all_kinds() {
            assert_eq!(names.kind[v as usize].as_bytes(), format!("{{\"kind\":{}", json(&v)).as_bytes());
        }
        for v in schema::all_qualifiers() {
            assert_eq!(names.qualifier[v as usize].as_bytes(), format!(",\"qualifier\":{}", json(&v)).as_bytes());
        }
        for v in schema::all_changes() {
            assert_eq!(names.change[v as usize].as_bytes(), format!(",\"change\":{}", json(&v)).as_bytes());
        }
        for v in schema::all_bases() {
            assert_eq!(names.basis[v as usize].as_bytes(), format!(",\"basis\":{}", json(&v)).as_bytes());
        }
        for v in schema::all_origins() {
            assert_eq!(names.origin[v as usize].as_bytes(), json(&v).as_bytes());
        }
    }

    #[test]
    fn numbers_are_written_as_record_number_writes_them() {
        #[derive(Serialize)]
        struct V(#[serde(serialize_with = "super::super::record::number")] Option<f64>);
        let wide = (-40..40).flat_map(|e| [1.0, -1.0, 2.5, -7.0 / 3.0].map(|m: f64| m * 10f64.powi(e)));
        let edges =
            [-9_007_199_254_740_991.0, 9_007_199_254_740_991.0, -9_007_199_254_740_992.0, 4_503_599_627_370_495.5];
        for v in [0.0, -0.0, 1.0, 100000.0, 1.13e9, 3.3, -4.25, 1e300, 1e-7, 9_007_199_254_740_992.0, 0.1 + 0.2]
            .into_iter()
            .chain([f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN_POSITIVE, -99_999_999.0, 1e8])
            .chain(edges)
            .chain(wide)
        {
            let mut out = Vec::new();
            number(&mut out, v);
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&V(Some(v))).unwrap(), "{v}");
        }
    }

    /// `short_decimal` against the contract (`record::number` through serde_json, which writes
    /// with zmij): every decimal with up to eight places from a range of integers scaled by each
    /// power of ten, random ones, the doubles on either side of each (which have longer
    /// decimals), and the ends of the range it takes.
    #[test]
    fn short_decimals_are_written_as_zmij_writes_them() {
        #[derive(Serialize)]
        struct V(#[serde(serialize_with = "super::super::record::number")] Option<f64>);
        let check = |v: f64| {
            let mut out = Vec::new();
            number(&mut out, v);
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&V(Some(v))).unwrap(), "{v:e}");
        };
        let mut short = 0;
        let mut check_around = |v: f64| {
            for v in [v, v.next_up(), v.next_down(), -v] {
                check(v);
            }
            short += usize::from(short_decimal(&mut Vec::new(), v));
        };
        for places in 1..=9 {
            let scale = 10f64.powi(places);
            for k in (0..3_000).chain((3_000..2_000_000).step_by(997)) {
                check_around(k as f64 / scale);
            }
            for k in xorshift().take(20_000) {
                check_around((k % 1_000_000_000_000_000) as f64 / scale);
                check_around((k % 10_000_000_000) as f64 / scale);
            }
        }
        for v in [1e-5, 1.5e-5, 9.99999e-6, 1e7, 9_999_999.999_999_99, 9_999_999.5, 0.1 + 0.2, 1.0 / 3.0] {
            check_around(v);
        }
        assert!(short > 100_000, "the fast path was taken {short} times");
    }
}
