//! Claims: each number linked to the company it is about, the place and time it refers to, and
//! what it measures. The seed article's acceptance table, then the harder cases.

use factex::source::Input;
use factex::{Document, Extractor};

/// A claim flattened for comparison: (quantity text, subject, place, time, metric, change, basis).
type Row = (String, String, String, String, String, String, String);

fn claims(doc: &Document) -> Vec<Row> {
    let extractor = Extractor::new();
    let facts = extractor.extract(doc);
    let json = serde_json::to_value(&facts).unwrap();
    json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let q = &json["quantities"][c["quantity"].as_u64().unwrap() as usize];
            let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_owned();
            (
                s(&q["text"]),
                s(&c["subject"]),
                s(&c["place"]),
                s(&c["time"]),
                s(&c["metric"]),
                s(&c["change"]),
                s(&c["basis"]),
            )
        })
        .collect()
}

fn find<'a>(rows: &'a [Row], text: &str) -> &'a Row {
    rows.iter().find(|r| r.0 == text).unwrap_or_else(|| panic!("no claim for {text:?} in {rows:#?}"))
}

fn seed() -> Document {
    Input::file("lexus-shanghai-ev-plant.md", "corpus/lexus-shanghai-ev-plant.md").read().unwrap()
}

#[test]
fn seed_article_acceptance_table() {
    let rows = claims(&seed());
    // (quantity, subject, place (any of), time, metric contains)
    let table: &[(&str, &str, &[&str], &str, &str)] = &[
        ("100,000 units", "lexus", &["shanghai", "jinshan-district"], "", "annual production capacity"),
        ("1,000 employees", "lexus", &["", "shanghai", "jinshan-district"], "", "workforce"),
        ("exceeded 30,000 units", "lexus", &["china"], "2006", "annual sales"),
        ("851,200 vehicles", "lexus", &[""], "2024", "sold worldwide"),
        ("3.3%", "lexus", &[""], "2024", "sales growth"),
        ("52%", "lexus", &[""], "2024", "share of total sales"),
        ("181,900 units", "lexus", &["china"], "2024", "sold"),
        ("0.3%", "lexus", &["china"], "2024", "sales growth"),
        ("10%", "lexus", &["china"], "", "share of Toyota’s total sales"),
        ("100%", "lexus", &[""], "2035", "electrification"),
        ("1,200 km", "lexus", &[""], "", "range"),
        ("10-minute", "lexus", &[""], "", "charging time"),
    ];
    for &(text, subject, places, time, metric) in table {
        let row = find(&rows, text);
        assert_eq!(row.1, subject, "{text}: subject");
        assert!(places.contains(&row.2.as_str()), "{text}: place {:?}", row.2);
        if !time.is_empty() {
            assert_eq!(row.3, time, "{text}: time");
        }
        assert!(row.4.contains(metric), "{text}: metric {:?}", row.4);
    }
    assert_eq!(find(&rows, "3.3%").5, "up");
    assert_eq!(find(&rows, "3.3%").6, "year_on_year");
    assert_eq!(find(&rows, "0.3%").5, "up");
    // Years are times of claims, never claims themselves; the image URLs yield nothing.
    assert!(rows.iter().all(|r| !["2024", "2027", "2035", "2006"].contains(&r.0.as_str())));
}

#[test]
fn the_subject_switches_within_a_sentence() {
    let doc = Document::from_text("a.txt", "BYD delivered 300,000 cars in March, while Tesla shipped 150,000.");
    let rows = claims(&doc);
    assert_eq!(find(&rows, "300,000 cars").1, "byd");
    assert_eq!(find(&rows, "150,000").1, "tesla");
    assert_eq!(find(&rows, "300,000 cars").3, "--03");
    assert_eq!(find(&rows, "300,000 cars").4, "delivered");
    assert_eq!(find(&rows, "150,000").4, "shipped");
}

#[test]
fn subjects_and_times_carry_within_a_paragraph_only() {
    let doc = Document::from_text(
        "b.txt",
        "Toyota sold 10.5 million vehicles in 2025. The company employs about 380,000 people. \
         It plans to hire 2,000 engineers.\n\nAnalysts expect 5% growth.",
    );
    let rows = claims(&doc);
    let employs = find(&rows, "about 380,000 people");
    assert_eq!((employs.1.as_str(), employs.3.as_str()), ("toyota", "2025"));
    assert_eq!(find(&rows, "2,000 engineers").1, "toyota");
    // A new paragraph without a company: no claim.
    assert!(rows.iter().all(|r| r.0 != "5%"));
}

#[test]
fn companies_inside_phrases_are_not_subjects() {
    let doc = Document::from_text(
        "c.txt",
        "According to Toyota's data, Lexus sold 851,200 vehicles. Lexus' share of Toyota's total sales in China rose to 10%.",
    );
    let rows = claims(&doc);
    assert_eq!(find(&rows, "851,200 vehicles").1, "lexus");
    assert_eq!(find(&rows, "10%").1, "lexus");
    assert_eq!(find(&rows, "10%").2, "china");
}

#[test]
fn places_scope_a_paragraph_when_they_open_it() {
    let doc = Document::from_text(
        "d.txt",
        "In Europe, Volkswagen registered 95,000 cars in March. Stellantis followed with 78,000.",
    );
    let rows = claims(&doc);
    assert_eq!(find(&rows, "95,000 cars").2, "europe");
    assert_eq!(find(&rows, "78,000").1, "stellantis");
    assert_eq!(find(&rows, "78,000").2, "europe");
}

#[test]
fn ambiguous_names_do_not_become_subjects() {
    let doc = Input::file("ambiguous-names-trap.txt", "corpus/ambiguous-names-trap.txt").read().unwrap();
    let extractor = Extractor::new();
    let facts = extractor.extract(&doc);
    for e in &facts.entities {
        let before = &doc.text[e.start.saturating_sub(30)..e.start];
        let after = &doc.text[e.end..(e.end + 30).min(doc.text.len())];
        let trap = ["Harrison ", "Gerald ", "planet ", "Book of "].iter().any(|t| before.ends_with(t))
            || (e.id == "fiat" && before.ends_with("by "))
            || after.starts_with(" Memorial")
            || after.starts_with(" Cathedral");
        assert!(!trap, "{} «{}» kept in «{before}|{after}»", e.id, e.text);
    }
}
