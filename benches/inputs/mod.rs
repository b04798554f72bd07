//! Adversarial inputs for the linear-time benchmark (`benches/adversarial.rs`) and its table
//! (`examples/adversarial.rs`): each pattern is a piece repeated until the text reaches a size.

/// A generated adversarial text.
pub struct Pattern {
    /// Short name for the table.
    pub name: &'static str,
    /// What is repeated (the text is this piece repeated, cut at a character boundary).
    pub piece: fn() -> String,
}

/// Every pattern, in table order.
pub const PATTERNS: &[Pattern] = &[
    Pattern {
        name: "prose (corpus article)",
        piece: || include_str!("../../corpus/lexus-shanghai-ev-plant.md").into(),
    },
    Pattern { name: "1,1,1,…", piece: || "1,".into() },
    Pattern { name: "1 1 1 … (spaced digits)", piece: || "1 ".into() },
    Pattern { name: "digits without spaces", piece: || "1234567890".into() },
    Pattern { name: "%%%…", piece: || "%".into() },
    Pattern { name: "5%5%5%…", piece: || "5%".into() },
    Pattern { name: "5,000-digit numbers", piece: || format!("{} ", "9".repeat(5000)) },
    Pattern { name: "1,000,000,… (one grouped number)", piece: || ",000".into() },
    Pattern { name: "1 000 000 … (space groups)", piece: || " 000".into() },
    Pattern { name: "1e400 1e400 …", piece: || "1e400 ".into() },
    Pattern { name: "$$$…", piece: || "$".into() },
    Pattern { name: "€€€…", piece: || "€".into() },
    Pattern { name: "£1£1£1…", piece: || "£1".into() },
    Pattern { name: "$1 $1 bn …", piece: || "$1 bn ".into() },
    Pattern {
        name: "Arabic/Hebrew with numbers",
        piece: || "باعت تويوتا 10 ملايين سيارة في عام 2024، بزيادة ٣٪. מכירות לקסוס עלו ב-5% ל-851,200 כלי רכב. ".into(),
    },
    Pattern { name: "emoji", piece: || "🚗💨 5 🚀 Toyota 👍🏽 👨‍👩‍👧 3% 🇨🇳 ".into() },
    Pattern {
        name: "combining marks after digits/names",
        piece: || "5\u{301} % Lexus\u{301} 1\u{308},2\u{20dd}00 km ".into(),
    },
    Pattern { name: "long line without spaces", piece: || "Toyota5sold%1,2km$".into() },
    Pattern { name: "newlines", piece: || "\n".into() },
    Pattern { name: "1\\n1\\n1\\n…", piece: || "1\n".into() },
    Pattern { name: "1-2-3-… (hyphen chain)", piece: || "1-".into() },
    Pattern { name: "a-b-c-… (word hyphen chain)", piece: || "mid-".into() },
    Pattern { name: "company names", piece: || "Toyota Lexus BYD Li Auto Tesla GAC-Honda Ford ".into() },
    Pattern { name: "one endless sentence", piece: || "Toyota sold 5 cars in China and ".into() },
    Pattern { name: "Mr. Mr. … (abbreviations)", piece: || "Mr. ".into() },
    Pattern { name: "periods ....", piece: || ".".into() },
];

impl Pattern {
    /// The pattern repeated to `bytes` bytes (a little less, to end on a character boundary). A
    /// pattern that builds one number (`,000`) starts with its leading digit.
    pub fn text(&self, bytes: usize) -> String {
        let piece = (self.piece)();
        let mut text = String::with_capacity(bytes + piece.len());
        if piece.starts_with([',', ' ']) {
            text.push('1');
        }
        while text.len() + piece.len() <= bytes {
            text.push_str(&piece);
        }
        for c in piece.chars() {
            if text.len() + c.len_utf8() > bytes {
                break;
            }
            text.push(c);
        }
        text
    }
}
