//! Masking non-prose before recognition.
//!
//! What it masks: URLs (`http://`, `https://`, `ftp://`, `www.`), Markdown link and image
//! targets (`[text](target)`, `![](target)`), e-mail addresses, Reuters-style tickers (`<TWA>`),
//! UUIDs, long hexadecimal ids (`74795f790aa5…`), other long mixed letter-digit ids
//! (`B08N5WRWNW`), digit runs of 13 or more digits, and phone numbers (`+86 21 5555 0199`,
//! `(555) 123-4567`, `555-123-4567`).
//!
//! Why: the digits and names inside them are not facts: `/upload/2024/74795f…png` holds no year
//! and `lexus.com` names no brand in prose.
//!
//! How: the masked text is a copy of the document in which every byte of a masked region is
//! replaced by an ASCII space. Lengths and offsets are unchanged, so every later stage reports
//! offsets into the original text; output `text` fields are always cut from the original.
//! Markdown targets and e-mail addresses are found by hand from their `](` and `@`, the rest by
//! one regex whose every alternative either ends within a bounded length or matches once started:
//! an alternative that can stay alive without matching (an e-mail's local part over `5%5%5%…`)
//! makes every later match scan to the end of the text, which is quadratic time. Overlapping
//! regions are merged.
//!
//! Known problems: a URL written without a scheme or `www.` (`example.com/2024`) is not masked;
//! trailing sentence punctuation after a URL is kept out of the mask, so a URL that really ends
//! in `.` loses that character.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::Span;

static NON_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i:https?://|ftp://|www\.)[^\s<>\x22\x60]+", // URL
        r"|<[A-Z0-9][A-Z0-9.\-]{0,39}>",                // ticker such as <TWA>
        r"|(?-u:\b)[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?-u:\b)",
        r"|\+[0-9]{1,3}(?:[ .\-]?\(?[0-9]{1,4}\)?){2,5}(?-u:\b)", // international phone number
        r"|\([0-9]{3}\) ?[0-9]{3}[ .\-][0-9]{4}(?-u:\b)",         // (555) 123-4567
        r"|(?-u:\b)[0-9]{3}[.\-][0-9]{3}[.\-][0-9]{4}(?-u:\b)",   // 555-123-4567
        // Id candidates, checked by `is_id`: every id has a digit, and asking for one keeps the
        // long words of prose from being matches at all. Last, so that phone numbers come first.
        r"|(?-u:\b)[A-Za-z]*[0-9][0-9A-Za-z]*(?-u:\b)",
    ))
    .expect("mask pattern compiles")
});

/// A document's text with non-prose regions blanked out.
pub struct Masked<'a> {
    /// The text with masked bytes replaced by spaces (borrowed when nothing was masked).
    pub text: Cow<'a, str>,
    /// The masked regions, in order.
    pub spans: Vec<Span>,
}

/// Masks the non-prose regions of `text`.
pub fn mask(text: &str) -> Masked<'_> {
    let mut spans = Vec::new();
    for m in NON_PROSE.find_iter(text) {
        if let Some(span) = region(m.as_str(), m.start()) {
            spans.push(span);
        }
    }
    let before = spans.len();
    markdown_targets(text.as_bytes(), &mut spans);
    emails(text.as_bytes(), &mut spans);
    if spans.len() > before {
        merge(&mut spans);
    }
    if spans.is_empty() {
        return Masked { text: Cow::Borrowed(text), spans };
    }
    let mut bytes = text.as_bytes().to_vec();
    for span in &spans {
        bytes[span.start..span.end].fill(b' ');
    }
    // Whole characters were replaced by ASCII spaces, so the bytes are still UTF-8.
    let masked = String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned());
    Masked { text: Cow::Owned(masked), spans }
}

/// Longest Markdown link or image target masked: `](` with no `)` within this many bytes is not
/// a link (real targets, a URL and an optional title, are far shorter).
const MAX_TARGET: usize = 4096;

/// Adds the target of every Markdown link or image, between `](` and the first `)` after it
/// (the brackets stay). Linear: the position of the next `)` is looked up once per `)`.
fn markdown_targets(bytes: &[u8], spans: &mut Vec<Span>) {
    let mut close: Option<usize> = None;
    let mut after = 0;
    for open in memchr::memmem::find_iter(bytes, b"](") {
        if open < after {
            continue; // inside the previous target
        }
        let from = open + 2;
        if close.is_none_or(|c| c < from) {
            close = memchr::memchr(b')', &bytes[from..]).map(|i| from + i);
        }
        let Some(end) = close else { return };
        if end - from <= MAX_TARGET {
            if end > from {
                spans.push(Span::new(from, end));
            }
            after = end + 1;
        }
    }
}

/// Longest local part of an e-mail address looked at (RFC 5321 allows 64 bytes).
const MAX_LOCAL: usize = 64;

/// Adds every e-mail address: a local part of `[A-Za-z0-9._%+-]` before `@`, and a domain of two
/// or more dot-separated labels of `[A-Za-z0-9-]` after it.
fn emails(bytes: &[u8], spans: &mut Vec<Span>) {
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let label = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
    for at in memchr::memchr_iter(b'@', bytes) {
        let floor = at.saturating_sub(MAX_LOCAL);
        let start = (floor..at).rev().take_while(|&i| local(bytes[i])).last();
        let Some(start) = start else { continue };
        let mut end = at + 1;
        let mut labels = 0;
        loop {
            let run = bytes[end..].iter().take_while(|&&b| label(b)).count();
            if run == 0 {
                break;
            }
            end += run;
            labels += 1;
            if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(|&b| label(b)) {
                end += 1;
            } else {
                break;
            }
        }
        if labels >= 2 {
            spans.push(Span::new(start, end));
        }
    }
}

/// Sorts `spans` and merges those that overlap.
fn merge(spans: &mut Vec<Span>) {
    spans.sort_unstable_by_key(|s| (s.start, s.end));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        match out.last_mut() {
            Some(last) if s.start < last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    *spans = out;
}

/// Decides what part of a pattern match is masked, if any.
fn region(found: &str, start: usize) -> Option<Span> {
    let bytes = found.as_bytes();
    match bytes[0] {
        b'<' => Some(Span::new(start, start + found.len())),
        b'+' | b'(' => {
            let digits = bytes.iter().filter(|b| b.is_ascii_digit()).count();
            (digits >= 8).then(|| Span::new(start, start + found.len()))
        }
        _ if bytes.len() == 12 && bytes[3] == bytes[7] && matches!(bytes[3], b'.' | b'-') => {
            Some(Span::new(start, start + found.len()))
        }

        _ if is_url_start(bytes) => Some(Span::new(start, start + url_len(found))),
        _ if bytes.len() == 36 && bytes[8] == b'-' => Some(Span::new(start, start + found.len())),
        _ => is_id(bytes).then(|| Span::new(start, start + found.len())),
    }
}

fn is_url_start(bytes: &[u8]) -> bool {
    let lower = |n: usize| bytes.get(..n).map(|b| b.to_ascii_lowercase());
    matches!(lower(4).as_deref(), Some(b"http" | b"www.")) || matches!(lower(3).as_deref(), Some(b"ftp"))
}

/// A URL's length without the sentence punctuation that follows it in prose.
fn url_len(url: &str) -> usize {
    let mut end = url.len();
    let balanced = |s: &str| s.matches('(').count() >= s.matches(')').count();
    while end > 0 {
        match url.as_bytes()[end - 1] {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' => end -= 1,
            b')' if !balanced(&url[..end]) => end -= 1,
            _ => break,
        }
    }
    end
}

/// True for tokens that are identifiers rather than words or numbers: hexadecimal runs of 8+
/// with both letters and digits, 10+ characters that switch between letters and digits at
/// least twice, and 13+ digits.
fn is_id(token: &[u8]) -> bool {
    if token.len() < 8 {
        return false;
    }
    let digits = token.iter().filter(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return false;
    }
    if digits == token.len() {
        return digits >= 13;
    }
    if token.iter().all(u8::is_ascii_hexdigit) {
        return true;
    }
    let switches = token.windows(2).filter(|w| w[0].is_ascii_digit() != w[1].is_ascii_digit()).count();
    token.len() >= 10 && switches >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> String {
        mask(text).text.into_owned()
    }

    #[test]
    fn markdown_image_target_is_masked() {
        let text = "x\n![](http://image.uc.cn/s/wemedia/s/upload/2024/74795f790aa530ab3002f232ac499604.png)\ny";
        let out = masked(text);
        assert_eq!(out.len(), text.len());
        assert!(!out.contains("2024"));
        assert!(out.contains("![]("));
    }

    #[test]
    fn link_text_stays_target_goes() {
        let out = masked("see [the 2025 report](https://example.com/reports/2025/q3.pdf) now");
        assert!(out.contains("[the 2025 report]"));
        assert!(!out.contains("q3.pdf"));
    }

    #[test]
    fn url_in_prose_keeps_final_period() {
        let out = masked("Read https://example.com/news/2024/05/story.html. Then more.");
        assert!(!out.contains("2024"));
        assert!(out.contains(". Then more."));
    }

    #[test]
    fn emails_tickers_and_ids() {
        let out = masked("Write to press@example-motors.com about <TWA> order 8f3a9c2e41b7d05a or B08N5WRWNW.");
        assert!(!out.contains('@'));
        assert!(!out.contains("TWA"));
        assert!(!out.contains("8f3a"));
        assert!(!out.contains("B08N"));
    }

    #[test]
    fn markdown_targets_end_at_the_first_parenthesis() {
        assert_eq!(masked("a [b](x y \"t\") c"), format!("a [b]({}) c", " ".repeat(7)));
        assert_eq!(masked("[](x)[](y)"), "[]( )[]( )");
        // Without a closing parenthesis nothing is a target.
        assert_eq!(masked("a ](b c and 5%"), "a ](b c and 5%");
        let far = format!("[x]({})", "y".repeat(MAX_TARGET + 1));
        assert_eq!(masked(&far), far);
    }

    #[test]
    fn emails_need_a_local_part_and_a_dotted_domain() {
        let address = "a.b+c@news-desk.example.com";
        assert_eq!(masked(&format!("mail {address}. Then")), format!("mail {}. Then", " ".repeat(address.len())));
        for text in ["@example.com", "a@example", "a@b..c", "5 @ 6.7"] {
            assert_eq!(masked(text), text);
        }
        // A URL holding an address is one region.
        assert_eq!(masked("http://user@host.example.com/p x").trim_start(), "x");
    }

    #[test]
    fn runs_of_local_part_characters_do_not_stall() {
        // Each "5" is a candidate; a regex alternative for e-mails would rescan the rest of the
        // text after every one of them.
        let text = "5%".repeat(50_000);
        assert_eq!(masked(&text), text);
    }

    #[test]
    fn phone_numbers() {
        for phone in ["+86 21 5555 0199", "(555) 123-4567", "555-123-4567", "+44 (0)20 7946 0958", "+1-202-555-0147"] {
            let out = masked(&format!("call {phone} today"));
            assert_eq!(out.trim_start_matches("call ").trim_end_matches(" today").trim(), "", "{phone}: {out:?}");
        }
        for not_phone in ["+3.5%", "+4 points", "2020-2024", "(2024)"] {
            assert_eq!(masked(not_phone), not_phone);
        }
    }

    #[test]
    fn words_and_numbers_are_not_ids() {
        for text in ["electrification", "1,200 km", "10-minute", "20240512", "1200kilometres", "COVID19"] {
            assert_eq!(masked(text), text);
        }
        assert_eq!(masked("12345678901234").trim(), "");
    }

    #[test]
    fn non_ascii_regions_stay_valid_utf8() {
        let out = masked("voir https://exemple.fr/voiture/électrique?x=1 puis");
        assert!(out.ends_with(" puis"));
        assert!(!out.contains("exemple"));
    }
}
