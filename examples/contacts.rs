//! The contacts directory and fieldwork of the example study: coverage, the to-do list of
//! municipalities without a contact, AAPOR rates as fieldwork runs, whom to remind, and the
//! published overview.
//!
//! ```text
//! cargo run -p lomonitor --example contacts
//! ```

use chrono::NaiveDate;
use lomonitor::Study;
use lomonitor::contacts::{CoverageOptions, RateBase, coverage, published_overview};

fn main() -> Result<(), lomonitor::Error> {
    let study = Study::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/study"))?;
    let loaded = study.contacts()?;
    for issue in &loaded.issues {
        println!("{issue}");
    }
    let directory = loaded.strict()?;
    println!("\nDirectory: {directory}");

    let as_of = study.info().reference_date;
    let cov =
        coverage(study.frame(), study.organisations(), study.size_classes(), &directory, &CoverageOptions::at(as_of))?;
    println!(
        "\nCoverage on {as_of} (verified since {}): {}/{} = {:.1}%",
        cov.fresh_since,
        cov.overall.covered,
        cov.overall.n,
        100.0 * cov.overall.share
    );
    for group in &cov.by {
        println!("  by {}:", group.by);
        for c in &group.cells {
            println!("    {:<16} {:>3}/{:<3} {:>5.1}%", c.label, c.covered, c.n, 100.0 * c.share);
        }
    }
    println!("\nTo do: {} municipalities without a fresh, active contact; the ten largest:", cov.gaps.len());
    for g in cov.gaps.iter().take(10) {
        println!("  {} {:<22} {:>7} inh.  {:?}", g.code, g.name, g.inhabitants, g.reason);
    }

    let log = study.fieldwork()?.strict()?;
    for issue in log.cross_check(&directory, study.organisations(), std::path::Path::new("fieldwork.csv")) {
        println!("{issue}");
    }
    println!("\nAAPOR rates (units: invited municipalities):");
    for day in ["2025-03-10", "2025-03-24", "2025-04-07"] {
        let d = NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .map_err(|e| lomonitor::Error::InvalidArgument { name: "date", message: e.to_string() })?;
        let r = log.rates(study.frame(), study.default_stratification(), RateBase::Invited, Some(d))?;
        let pct = |x: Option<f64>| x.map_or("  -  ".to_owned(), |v| format!("{:5.1}", 100.0 * v));
        println!(
            "  {day}: n = {:>3}  RR1 {}  RR2 {}  COOP1 {}  COOP2 {}  REF1 {}  CON1 {}",
            r.overall.n,
            pct(r.overall.rr1),
            pct(r.overall.rr2),
            pct(r.overall.coop1),
            pct(r.overall.coop2),
            pct(r.overall.ref1),
            pct(r.overall.con1)
        );
    }
    let now = NaiveDate::from_ymd_opt(2025, 4, 7).unwrap_or_default();
    let r = log.rates(study.frame(), study.default_stratification(), RateBase::Frame, Some(now))?;
    println!("  per size class on {now}, base = whole frame:");
    for s in &r.strata {
        let pct = |x: Option<f64>| x.map_or("-".to_owned(), |v| format!("{:.1}%", 100.0 * v));
        println!("    {:<16} N = {:>3}  RR1 {:>6}  RR2 {:>6}", s.label, s.n_frame, pct(s.rates.rr1), pct(s.rates.rr2));
    }

    let due = log.reminders_due(now, 6);
    println!("\nTo remind on {now} (last contact more than 6 days ago): {} contacts", due.len());
    for r in due.iter().take(5) {
        println!(
            "  {} for {:?}, last contact {} ({} days), {} reminders sent",
            r.contact_id, r.municipalities, r.last_contact, r.days_since, r.reminders_sent
        );
    }

    let overview = published_overview(&directory, study.frame(), study.organisations());
    println!("\nPublished overview: {} rows; the first five:\n", overview.rows.len());
    let md = lomonitor::report::markdown_string(&overview.to_table(lomonitor::Language::Nl)?, lomonitor::Language::Nl);
    for line in md.lines().take(8) {
        println!("{line}");
    }
    // The published overview in the report's formats, beside the report.
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../out/study");
    std::fs::create_dir_all(&out).map_err(|e| lomonitor::Error::io(&out, e))?;
    let table = overview.to_table(lomonitor::Language::Nl)?;
    lomonitor::report::write_xlsx(
        &out.join("overzicht-lo-verantwoordelijken.xlsx"),
        std::slice::from_ref(&table),
        lomonitor::Language::Nl,
    )?;
    overview.write_csv(&out.join("overzicht-lo-verantwoordelijken.csv"))?;
    println!("\nWrote {}", out.join("overzicht-lo-verantwoordelijken.xlsx").display());
    Ok(())
}
