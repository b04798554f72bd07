//! HTML articles (`.html`, `.htm`): the document text is the page's visible text.
//!
//! What it does: drops tags, comments, declarations and the content of elements a reader does
//! not see (`head`, `script`, `style`, `template`, `noscript`, `svg`, `math`, `iframe`, …);
//! decodes character references (`&amp;`, `&nbsp;`, `&#8217;`; the full HTML5 list); collapses
//! runs of white space to one space as a browser does (except inside `pre`); and turns block
//! elements (`p`, `div`, headings, list items, table rows, …) into blank lines and `br` into a
//! line break, so paragraphs survive for the segmenter. Table cells are separated by a tab.
//!
//! Why: news pages are mostly markup around a few paragraphs; reading the markup as text would
//! find numbers in attributes and scripts, and lose the paragraph structure.
//!
//! Known problems: this is a forgiving scanner, not an HTML5 tree builder: misnested or
//! unclosed invisible elements hide text up to the end of their parent, and CSS (`display:
//! none`) is not applied, so hidden navigation or cookie banners are read. The declared
//! character set is not read: the page is decoded like a text file (`text.rs`).
//!
//! Offsets in records are byte offsets into the extracted text, not into the HTML file.
//!
//! Example: `<p>Lexus sold <b>851,200</b>&nbsp;vehicles.</p><script>x=1</script><p>Next</p>`
//! becomes `"Lexus sold 851,200\u{a0}vehicles.\n\nNext\n"`.

use memchr::memchr;

/// Elements whose content is not markup: skipped up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes"];

/// Elements whose content is markup that a reader does not see.
const INVISIBLE: &[&str] = &["head", "template", "noscript", "svg", "math", "object", "select", "datalist"];

/// Elements that start and end a block: their boundaries become paragraph breaks.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// The visible text of an HTML document, with paragraphs separated by blank lines and a final
/// line break (empty when nothing is visible).
pub fn visible_text(html: &str) -> String {
    let mut text = Text::default();
    let bytes = html.as_bytes();
    let mut pos = 0;
    // The invisible element being skipped and how deeply it is nested in itself.
    let mut hidden: Option<(String, usize)> = None;
    while pos < bytes.len() {
        let lt = memchr(b'<', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        if hidden.is_none() {
            text.push(&html[pos..lt]);
        }
        if lt == bytes.len() {
            break;
        }
        let rest = &html[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            pos = comment.find("-->").map_or(bytes.len(), |i| lt + 4 + i + 3);
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
                // A declaration, a processing instruction or a malformed end tag: dropped.
                pos = memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |i| lt + i + 1);
            } else {
                // A `<` that starts no tag is text.
                if hidden.is_none() {
                    text.push("<");
                }
                pos = lt + 1;
            }
            continue;
        };
        pos = lt + tag.len;
        let name = tag.name.as_str();

        if let Some((skipped, depth)) = &mut hidden {
            if name == skipped.as_str() && !tag.self_closing {
                if tag.end {
                    *depth -= 1;
                } else {
                    *depth += 1;
                }
            }
            // A document without `</head>` shows its body.
            let body_starts = skipped == "head" && name == "body" && !tag.end;
            if *depth == 0 || body_starts {
                hidden = None;
                text.paragraph();
            } else if RAW_TEXT.contains(&name) && !tag.end && !tag.self_closing {
                // Raw text inside an invisible element: skip it whole, so that a `<` in a
                // script does not start a tag.
                pos = skip_raw_text(html, pos, name);
            }
            continue;
        }

        if tag.end {
            if name == "pre" {
                text.pre = text.pre.saturating_sub(1);
            }
        } else if RAW_TEXT.contains(&name) && !tag.self_closing {
            pos = skip_raw_text(html, pos, name);
            if BLOCK.contains(&name) || name == "title" {
                text.paragraph();
            }
            continue;
        } else if INVISIBLE.contains(&name) && !tag.self_closing {
            hidden = Some((tag.name.clone(), 1));
            continue;
        } else if name == "pre" {
            text.pre += 1;
        }

        if BLOCK.contains(&name) {
            text.paragraph();
        } else if name == "br" && !tag.end {
            text.line();
        } else if matches!(name, "td" | "th") {
            text.cell();
        }
    }
    text.finish()
}

/// Skips the content of a raw-text element opened just before `pos`: returns the position after
/// its end tag (or the end of the document).
fn skip_raw_text(html: &str, pos: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = pos;
    while let Some(i) = memchr(b'<', &bytes[at..]) {
        let lt = at + i;
        let rest = &bytes[lt..];
        let closes = rest.len() > name.len() + 2
            && rest[1] == b'/'
            && rest[2..2 + name.len()].eq_ignore_ascii_case(name.as_bytes())
            && matches!(rest[2 + name.len()], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0C');
        if closes {
            return memchr(b'>', rest).map_or(bytes.len(), |j| lt + j + 1);
        }
        at = lt + 1;
    }
    bytes.len()
}

/// A start or end tag at the beginning of a string.
struct Tag {
    /// Lowercase name.
    name: String,
    /// `</name>`.
    end: bool,
    /// `<name/>`.
    self_closing: bool,
    /// Bytes up to and including `>` (or to the end of the document).
    len: usize,
}

impl Tag {
    /// Parses `<name …>` or `</name …>`; `None` when `s` does not start a tag.
    fn parse(s: &str) -> Option<Tag> {
        let bytes = s.as_bytes();
        let end = bytes.get(1) == Some(&b'/');
        let start = if end { 2 } else { 1 };
        if !bytes.get(start).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let name_end = bytes[start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_')))
            .map_or(bytes.len(), |i| start + i);
        let name = s[start..name_end].to_ascii_lowercase();
        // Find the closing `>`, skipping quoted attribute values.
        let mut i = name_end;
        let mut quote = None;
        while i < bytes.len() {
            match (quote, bytes[i]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), b) if b == q => quote = None,
                _ => {}
            }
            i += 1;
        }
        let self_closing = i > name_end && bytes.get(i - 1) == Some(&b'/');
        Some(Tag { name, end, self_closing, len: (i + 1).min(bytes.len()) })
    }
}

/// The extracted text, with the separator owed before the next visible text.
#[derive(Default)]
struct Text {
    out: String,
    /// 0 nothing, 1 a space, 2 a tab, 3 a line break, 4 a blank line.
    owed: u8,
    /// Depth of `pre` elements.
    pre: usize,
}

impl Text {
    fn owe(&mut self, separator: u8) {
        self.owed = self.owed.max(separator);
    }

    fn paragraph(&mut self) {
        self.owe(4);
    }

    fn line(&mut self) {
        // A `br` is a line break even after another one.
        if self.owed >= 3 && !self.out.is_empty() {
            self.out.push('\n');
        }
        self.owe(3);
    }

    fn cell(&mut self) {
        self.owe(2);
    }

    /// Adds a run of text between tags.
    fn push(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = html_escape::decode_html_entities(raw);
        if self.pre > 0 {
            if !decoded.is_empty() {
                self.pay();
                self.out.push_str(&decoded);
            }
            return;
        }
        for (i, word) in decoded.split(is_html_space).enumerate() {
            if i > 0 {
                self.owe(1);
            }
            if !word.is_empty() {
                self.pay();
                self.out.push_str(word);
            }
        }
    }

    /// Writes the separator owed before more text.
    fn pay(&mut self) {
        if !self.out.is_empty() {
            self.out.push_str(match self.owed {
                0 => "",
                1 => " ",
                2 => "\t",
                3 => "\n",
                _ => "\n\n",
            });
        }
        self.owed = 0;
    }

    fn finish(mut self) -> String {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

/// White space that HTML collapses (not the no-break space).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_entities_and_invisible_content() {
        let html = "<!DOCTYPE html><html><head><title>T 1</title><meta charset=utf-8>\
            <style>p{x:1}</style></head><body>\n<h1>Lexus &amp; Toyota</h1>\n\
            <p>Lexus sold <b>851,200</b>&nbsp;vehicles\n   in 2024.</p>\
            <script>if (a < 3) { x = \"</p>\"; }</script><!-- 99 cars -->\
            <p>Sales rose 3.3%.<br>New line</p></body></html>";
        assert_eq!(
            visible_text(html),
            "Lexus & Toyota\n\nLexus sold 851,200\u{a0}vehicles in 2024.\n\nSales rose 3.3%.\nNew line\n"
        );
    }

    #[test]
    fn head_without_end_tag_ends_at_body() {
        assert_eq!(visible_text("<head><meta x><body><p>Hi there</p>"), "Hi there\n");
    }

    #[test]
    fn pre_keeps_white_space_and_cells_are_separated() {
        assert_eq!(visible_text("<pre>a  b\nc</pre><p>x   y</p>"), "a  b\nc\n\nx y\n");
        assert_eq!(visible_text("<table><tr><td>2024</td><td>100 cars</td></tr></table>"), "2024\t100 cars\n");
    }

    #[test]
    fn attributes_with_angle_brackets_and_stray_less_than() {
        assert_eq!(visible_text("<p title=\"a > b\">5 < 6 cars</p>"), "5 < 6 cars\n");
        assert_eq!(visible_text("<a href='x'>Link</a>text"), "Linktext\n");
        assert_eq!(visible_text("<p>unclosed <b"), "unclosed\n");
        assert_eq!(visible_text(""), "");
        assert_eq!(visible_text("<svg><text>9 km</text></svg><p>ok</p>"), "ok\n");
    }

    #[test]
    fn numeric_references() {
        assert_eq!(visible_text("<p>Toyota&#8217;s 10&#x25;</p>"), "Toyota\u{2019}s 10%\n");
    }
}
