//! `factex eval`: load the selected suites, score them, print a Markdown table or JSON.
//!
//! Every suite file is read before anything is printed, so a missing or malformed file stops
//! the run with an error naming it and no partial table. The output depends only on the suites
//! and factex's rules: suites in [`factex::eval::SUITES`] order, findings in case order.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufWriter, Write};

use anyhow::{Result, bail};
use serde_json::{Value, json};

use factex::Extractor;
use factex::eval::score::Counts;
use factex::eval::units::UnitMap;
use factex::eval::{self, Finding, Status, SuiteReport, Tally};

use super::{EvalConfig, EvalFormat};

/// Runs the evaluation described by `config` and prints the report on standard output.
pub fn run(config: &EvalConfig) -> Result<()> {
    if !config.path.is_dir() {
        bail!(
            "{}: not a folder; give the eval/ folder that holds recognizers-text/, duckling/ and quantulum3/",
            config.path.display()
        );
    }
    let loaded = config.suites.iter().map(|spec| eval::load(&config.path, spec)).collect::<Result<Vec<_>, _>>()?;
    let extractor = Extractor::new();
    let units = UnitMap::builtin();
    let reports: Vec<SuiteReport> = config
        .suites
        .iter()
        .zip(&loaded)
        .map(|(spec, loaded)| eval::evaluate(&extractor, spec, loaded, units))
        .collect();

    let mut out = BufWriter::new(io::stdout().lock());
    match config.format {
        EvalFormat::Table => write_table(&mut out, &reports, config.misses)?,
        EvalFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &to_json(config, &reports))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

const HEADER: [&str; 11] = [
    "suite",
    "cases",
    "expected",
    "predicted",
    "skipped",
    "value P",
    "value R",
    "value F1",
    "+unit P",
    "+unit R",
    "+unit F1",
];

fn row(name: String, tally: &Tally, skipped: Option<usize>) -> Vec<String> {
    let v = &tally.value;
    let u = &tally.value_unit;
    let f = |x: f64| format!("{x:.3}");
    vec![
        name,
        tally.cases.to_string(),
        v.expected.to_string(),
        v.predicted.to_string(),
        skipped.map_or_else(String::new, |s| s.to_string()),
        f(v.precision()),
        f(v.recall()),
        f(v.f1()),
        f(u.precision()),
        f(u.recall()),
        f(u.f1()),
    ]
}

fn write_table(out: &mut impl Write, reports: &[SuiteReport], misses: bool) -> io::Result<()> {
    if misses {
        write_gaps(out, reports)?;
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for r in reports {
        rows.push(row(r.suite.to_string(), &r.main, Some(r.skipped + r.latent)));
        if let Some(dotnet) = &r.dotnet {
            rows.push(row(format!("{} [NotSupported dotnet]", r.suite), dotnet, None));
        }
    }
    let mut widths: Vec<usize> = HEADER.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, &w))| if i == 0 { format!("{c:<w$}") } else { format!("{c:>w$}") })
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    writeln!(out, "{}", line(&HEADER.map(String::from)))?;
    let rule: Vec<String> = widths
        .iter()
        .enumerate()
        .map(|(i, &w)| if i == 0 { "-".repeat(w + 2) } else { format!("{}:", "-".repeat(w + 1)) })
        .collect();
    writeln!(out, "|{}|", rule.join("|"))?;
    for row in &rows {
        writeln!(out, "{}", line(row))?;
    }
    let mut total = Tally::default();
    for r in reports {
        total.cases += r.main.cases;
        total.value.add(r.main.value);
        total.value_unit.add(r.main.value_unit);
    }
    writeln!(out)?;
    writeln!(
        out,
        "All suites (micro-average, dotnet rows excluded): value F1 {:.3}, value+unit F1 {:.3} over {} cases.",
        total.value.f1(),
        total.value_unit.f1(),
        total.cases
    )?;
    writeln!(
        out,
        "skipped: expected items without a number to score (a unit named alone, relative ordinals) and Duckling latent cases."
    )?;
    if misses {
        for r in reports {
            write_findings(out, r)?;
        }
    }
    Ok(())
}

/// The suite unit names no row of the unit map names, and the predicted kinds no suite counts.
fn write_gaps(out: &mut impl Write, reports: &[SuiteReport]) -> io::Result<()> {
    let (unmapped, kinds) = gaps(reports);
    writeln!(out, "## Suite unit names without a mapping (data/eval_units.tsv)")?;
    writeln!(out)?;
    if unmapped.is_empty() {
        writeln!(out, "(none)")?;
    }
    for (family, names) in &unmapped {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        writeln!(out, "- {family}: {}", names.join(", "))?;
    }
    writeln!(out)?;
    writeln!(out, "## Predicted kinds that no suite's kind table names (src/eval/mod.rs)")?;
    writeln!(out)?;
    let kinds: Vec<&str> = kinds.iter().map(String::as_str).collect();
    writeln!(out, "{}", if kinds.is_empty() { "(none)".to_string() } else { kinds.join(", ") })?;
    writeln!(out)?;
    Ok(())
}

fn gaps(reports: &[SuiteReport]) -> (BTreeMap<&'static str, BTreeSet<String>>, BTreeSet<String>) {
    let mut unmapped: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    let mut kinds = BTreeSet::new();
    for r in reports {
        let family = eval::SUITES.iter().find(|s| s.name == r.suite).map_or("?", |s| s.family.name());
        if !r.unmapped_units.is_empty() {
            unmapped.entry(family).or_default().extend(r.unmapped_units.iter().cloned());
        }
        kinds.extend(r.unknown_kinds.iter().cloned());
    }
    (unmapped, kinds)
}

fn write_findings(out: &mut impl Write, report: &SuiteReport) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "## {} ({} findings)", report.suite, report.findings.len())?;
    for f in &report.findings {
        writeln!(out)?;
        let dotnet = if f.dotnet { " [NotSupported dotnet]" } else { "" };
        let got = if f.got.is_empty() { "nothing".to_string() } else { f.got.join("; ") };
        match f.status {
            Status::Missed | Status::WrongUnit => {
                let label = if f.status == Status::Missed { "missed" } else { "wrong unit" };
                let expected = f.expected.as_deref().unwrap_or("");
                writeln!(out, "- {label} `{}`{dotnet}: expected {expected}; got {got}", f.case)?;
            }
            Status::Spurious => writeln!(out, "- spurious `{}`{dotnet}: got {got}", f.case)?,
        }
        writeln!(out, "  in: {}", one_line(&f.input))?;
    }
    Ok(())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn metrics(c: &Counts) -> Value {
    let r = |x: f64| (x * 10_000.0).round() / 10_000.0;
    json!({ "matched": c.matched, "precision": r(c.precision()), "recall": r(c.recall()), "f1": r(c.f1()) })
}

fn tally_json(t: &Tally) -> Value {
    json!({
        "cases": t.cases,
        "expected": t.value.expected,
        "predicted": t.value.predicted,
        "value": metrics(&t.value),
        "value_unit": metrics(&t.value_unit),
    })
}

fn finding_json(f: &Finding) -> Value {
    serde_json::to_value(f).unwrap_or(Value::Null)
}

fn to_json(config: &EvalConfig, reports: &[SuiteReport]) -> Value {
    let suites: Vec<Value> = reports
        .iter()
        .map(|r| {
            let mut v = tally_json(&r.main);
            let o = v.as_object_mut().expect("an object");
            o.insert("suite".into(), json!(r.suite));
            o.insert("file".into(), json!(r.file));
            o.insert("skipped".into(), json!(r.skipped));
            o.insert("latent".into(), json!(r.latent));
            o.insert("not_supported_dotnet".into(), r.dotnet.as_ref().map_or(Value::Null, tally_json));
            if config.misses {
                o.insert("findings".into(), r.findings.iter().map(finding_json).collect());
            }
            v
        })
        .collect();
    let mut doc = json!({ "path": config.path.display().to_string(), "suites": suites });
    if config.misses {
        let (unmapped, kinds) = gaps(reports);
        let o = doc.as_object_mut().expect("an object");
        o.insert("unmapped_units".into(), json!(unmapped));
        o.insert("unknown_kinds".into(), json!(kinds));
    }
    doc
}
