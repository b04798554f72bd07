//! The first acceptance test: the founding article must yield exactly the quantities and at
//! least the entities that the product was specified with.

use factex::Extractor;
use factex::source::Input;

fn seed() -> factex::Document {
    Input::file("lexus-shanghai-ev-plant.md", "corpus/lexus-shanghai-ev-plant.md")
        .read()
        .expect("the seed article is in corpus/")
}

#[test]
fn seed_article_quantities_are_exactly_the_specified_ones() {
    let doc = seed();
    let extractor = Extractor::new();
    let facts = extractor.extract(&doc);
    let found: Vec<(&str, String, String, String, String)> = facts
        .quantities
        .iter()
        .filter(|q| format!("{:?}", q.kind) != "Ordinal")
        .map(|q| {
            let value = match (&q.date, q.value) {
                (Some(date), _) => date.clone(),
                (None, Some(v)) => v.to_string(),
                (None, None) => String::new(),
            };
            let kind = serde_json::to_value(q.kind).unwrap().as_str().unwrap().to_owned();
            let qualifier = serde_json::to_value(q.qualifier).unwrap().as_str().unwrap().to_owned();
            (q.text, kind, value, q.unit.as_deref().unwrap_or("").to_owned(), qualifier)
        })
        .collect();
    let expected = [
        ("February 5", "date", "--02-05", "", "exact"),
        ("100,000 units", "count", "100000", "unit", "exact"),
        ("1,000 employees", "count", "1000", "employee", "exact"),
        ("2027", "year", "2027", "", "exact"),
        ("Nearly 20 years", "duration", "20", "year", "approx"),
        ("2006", "year", "2006", "", "exact"),
        ("exceeded 30,000 units", "count", "30000", "unit", "more_than"),
        ("2027", "year", "2027", "", "exact"),
        ("851,200 vehicles", "count", "851200", "vehicle", "exact"),
        ("2024", "year", "2024", "", "exact"),
        ("3.3%", "percent", "3.3", "percent", "exact"),
        ("52%", "percent", "52", "percent", "exact"),
        ("181,900 units", "count", "181900", "unit", "exact"),
        ("0.3%", "percent", "0.3", "percent", "exact"),
        ("10%", "percent", "10", "percent", "exact"),
        ("100%", "percent", "100", "percent", "exact"),
        ("2035", "year", "2035", "", "exact"),
        ("2027", "year", "2027", "", "exact"),
        ("1,200 km", "distance", "1200", "km", "exact"),
        ("10-minute", "duration", "10", "minute", "exact"),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(t, k, v, u, q)| (*t, k.to_string(), v.to_string(), u.to_string(), q.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn seed_article_has_no_quantity_inside_image_urls() {
    let doc = seed();
    let extractor = Extractor::new();
    let facts = extractor.extract(&doc);
    for q in &facts.quantities {
        let line_start = doc.text[..q.start].rfind('\n').map_or(0, |i| i + 1);
        assert!(!doc.text[line_start..].starts_with("![]("), "{:?} comes from an image line", q.text);
    }
}

#[test]
fn seed_article_entities() {
    let doc = seed();
    let extractor = Extractor::new();
    let facts = extractor.extract(&doc);
    let names: std::collections::BTreeSet<&str> = facts.entities.iter().map(|e| e.name).collect();
    for required in [
        "Lexus",
        "Toyota",
        "Tesla",
        "Acura",
        "GAC",
        "Honda",
        "Infiniti",
        "Dongfeng",
        "Nissan",
        "FAW Group",
        "BYD",
        "Chery",
        "Audi",
        "Mercedes-Benz",
        "BMW",
        "NIO",
        "Li Auto",
        "AITO",
        "China",
        "Shanghai",
        "Jinshan District",
        "North America",
        "India",
    ] {
        assert!(names.contains(required), "missing entity {required}");
    }
    for e in &facts.entities {
        assert_ne!(e.text, "Level", "Level is not a name");
        assert_eq!(&doc.text[e.start..e.end], e.text);
    }
    let kinds: std::collections::BTreeSet<&str> = facts.entities.iter().map(|e| e.kind).collect();
    let known = [
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
    assert!(kinds.is_subset(&known.into_iter().collect()), "unexpected kinds in {kinds:?}");
}
