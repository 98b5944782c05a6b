//! Benchmarks of the aggregation routines on seeded data (issue 9).
//!
//! ```text
//! cargo bench -p lomonitor --bench aggregation                 # full: minutes
//! cargo bench -p lomonitor --bench aggregation -- frequencies  # one group
//! LOMONITOR_BENCH_QUICK=1 cargo bench -p lomonitor --bench aggregation -- --test   # CI smoke
//! ```
//!
//! Sizes: the real study (342 respondents x 60 items), a staff survey (200,000 x 100 one-byte
//! items, a 12-level group), 2,000 units x 5 coders for agreement, and a scaling series of
//! 1k, 10k, 100k and 1M respondents x 100 items. `LOMONITOR_BENCH_QUICK=1` shrinks every size
//! (1,000 x 10, scaling 1k and 10k) so that the smoke run takes seconds. Data are drawn from
//! ChaCha8 with fixed seeds: every run benchmarks the same numbers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use lomonitor::frame::{Frame, Organisations};
use lomonitor::instrument::Questionnaire;
use lomonitor::io::TextEncoding;
use lomonitor::responses::{ImportOptions, import_csv};
use lomonitor::stats::{
    AgreementOptions, CiMethod, Margin, MeasurementLevel, Missing, RatingMatrix, SurveyCiMethod, count_codes,
    count_columns, crosstab_columns, poststratify, proportion_ci, rake, rake_codes, scale_reliability,
    scale_reliability_codes, survey_proportions, weighted_count_columns,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

const LEVELS: usize = 5;
const GROUPS: usize = 12;

fn quick() -> bool {
    std::env::var_os("LOMONITOR_BENCH_QUICK").is_some_and(|v| v != "0")
}

/// Respondents x items of codes `0..LEVELS` (skewed, as Likert answers are), item after item,
/// a 12-level group and positive weights.
struct Survey {
    n: usize,
    n_items: usize,
    codes: Vec<u8>,
    group: Vec<u8>,
    weights: Vec<f64>,
}

impl Survey {
    fn new(n: usize, n_items: usize, seed: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        // Cumulative probabilities of the five answers.
        let cdf = [0.08, 0.22, 0.52, 0.86, 1.0];
        let codes = (0..n * n_items)
            .map(|_| {
                let u: f64 = rng.random();
                cdf.iter().position(|&c| u < c).unwrap_or(LEVELS - 1) as u8
            })
            .collect();
        let group = (0..n).map(|_| rng.random_range(0..GROUPS as u8)).collect();
        let weights = (0..n).map(|_| 0.5 + 2.0 * rng.random::<f64>()).collect();
        Self { n, n_items, codes, group, weights }
    }

    fn columns(&self) -> Vec<&[u8]> {
        self.codes.chunks(self.n.max(1)).collect()
    }

    fn bytes(&self) -> u64 {
        (self.n * self.n_items) as u64
    }
}

fn sizes() -> Vec<(&'static str, Survey)> {
    if quick() {
        vec![("tiny_1000x10", Survey::new(1_000, 10, 1))]
    } else {
        vec![("study_342x60", Survey::new(342, 60, 1)), ("staff_200000x100", Survey::new(200_000, 100, 2))]
    }
}

fn configure(c: &mut Criterion) -> Criterion {
    let _ = c;
    let base = Criterion::default().configure_from_args();
    if quick() {
        base.sample_size(10).warm_up_time(Duration::from_millis(50)).measurement_time(Duration::from_millis(200))
    } else {
        base.sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3))
    }
}

fn frequencies(c: &mut Criterion) {
    let mut g = c.benchmark_group("frequencies_all_items");
    for (name, s) in sizes() {
        let cols = s.columns();
        let levels = vec![LEVELS; s.n_items];
        g.throughput(Throughput::Bytes(s.bytes()));
        g.bench_function(name, |b| b.iter(|| count_columns(black_box(&cols), &levels).unwrap()));
        // One column on one core: the kernel without the thread pool (steadier on a busy machine).
        g.throughput(Throughput::Bytes(s.n as u64));
        g.bench_function(BenchmarkId::new("one_column", name), |b| {
            b.iter(|| count_codes(black_box(cols[0]), LEVELS).unwrap())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("weighted_frequencies_all_items");
    for (name, s) in sizes() {
        let cols = s.columns();
        let levels = vec![LEVELS; s.n_items];
        g.throughput(Throughput::Bytes(s.bytes()));
        g.bench_function(name, |b| b.iter(|| weighted_count_columns(black_box(&cols), &levels, &s.weights).unwrap()));
    }
    g.finish();

    let mut g = c.benchmark_group("crosstab_all_items_by_group");
    for (name, s) in sizes() {
        let cols = s.columns();
        let levels = vec![LEVELS; s.n_items];
        g.throughput(Throughput::Bytes(s.bytes()));
        g.bench_function(name, |b| b.iter(|| crosstab_columns(black_box(&cols), &levels, &s.group, GROUPS).unwrap()));
    }
    g.finish();
}

fn proportions(c: &mut Criterion) {
    let mut g = c.benchmark_group("proportion_ci_all_items");
    for (name, s) in sizes() {
        let cols = s.columns();
        let levels = vec![LEVELS; s.n_items];
        let counts = count_columns(&cols, &levels).unwrap();
        g.throughput(Throughput::Elements((s.n_items * LEVELS) as u64));
        for (m, method) in [
            ("wald", CiMethod::Wald),
            ("wilson", CiMethod::Wilson),
            ("clopper_pearson", CiMethod::ClopperPearson),
            ("logit", CiMethod::Logit),
            ("korn_graubard", CiMethod::KornGraubard),
            ("hypergeometric", CiMethod::Hypergeometric),
        ] {
            // The exact hypergeometric interval needs a population: the sample is a 40% draw.
            let population = Some((s.n as u64 * 5).div_ceil(2));
            g.bench_function(BenchmarkId::new(m, name), |b| {
                b.iter(|| {
                    for item in &counts {
                        for &x in item {
                            black_box(proportion_ci(x, s.n as u64, 0.95, method, population).unwrap());
                        }
                    }
                })
            });
        }
    }
    g.finish();

    let mut g = c.benchmark_group("survey_proportions_all_items_weighted");
    for (name, s) in sizes() {
        let cols = s.columns();
        let levels = vec![LEVELS; s.n_items];
        g.throughput(Throughput::Bytes(s.bytes()));
        for (m, method) in [("logit", SurveyCiMethod::Logit), ("korn_graubard", SurveyCiMethod::KornGraubard)] {
            g.bench_function(BenchmarkId::new(m, name), |b| {
                b.iter(|| survey_proportions(black_box(&cols), &levels, &s.weights, None, None, 0.95, method).unwrap())
            });
        }
    }
    g.finish();
}

fn weighting(c: &mut Criterion) {
    let mut g = c.benchmark_group("weighting");
    for (name, s) in sizes() {
        let strata: Vec<usize> = s.group.iter().map(|&g| usize::from(g)).collect();
        let second: Vec<usize> = s.columns()[0].iter().map(|&v| usize::from(v)).collect();
        let pop_group: Vec<f64> = (0..GROUPS).map(|h| 1000.0 + 100.0 * h as f64).collect();
        let total: f64 = pop_group.iter().sum();
        let shares = [0.1, 0.15, 0.3, 0.3, 0.15];
        let pop_second: Vec<f64> = shares.iter().map(|p| p * total).collect();
        g.throughput(Throughput::Elements(s.n as u64));
        g.bench_function(BenchmarkId::new("poststratify_12", name), |b| {
            b.iter(|| poststratify(black_box(&strata), &pop_group, None).unwrap())
        });
        let margins = [Margin { codes: &strata, targets: &pop_group }, Margin { codes: &second, targets: &pop_second }];
        g.bench_function(BenchmarkId::new("rake_two_margins", name), |b| {
            b.iter(|| rake(black_box(&margins), None, 1e-6, 1000).unwrap())
        });
        // The same margins as one-byte codes, read in place.
        let (group_codes, second_codes) = (&s.group[..], s.columns()[0]);
        let byte_margins =
            [Margin { codes: group_codes, targets: &pop_group }, Margin { codes: second_codes, targets: &pop_second }];
        g.bench_function(BenchmarkId::new("rake_two_margins_u8", name), |b| {
            b.iter(|| rake_codes(black_box(&byte_margins), None, 1e-6, 1000).unwrap())
        });
    }
    g.finish();
}

fn reliability(c: &mut Criterion) {
    let mut g = c.benchmark_group("cronbach_alpha_10_items");
    for (name, s) in sizes() {
        let values: Vec<Vec<Option<f64>>> =
            s.columns().iter().take(10).map(|c| c.iter().map(|&v| Some(f64::from(v) + 1.0)).collect()).collect();
        let items: Vec<&[Option<f64>]> = values.iter().map(Vec::as_slice).collect();
        g.throughput(Throughput::Elements((s.n * items.len()) as u64));
        g.bench_function(name, |b| {
            b.iter(|| scale_reliability(black_box(&items), None, Missing::Listwise, 0.95).unwrap())
        });
        let codes: Vec<&[u8]> = s.columns().into_iter().take(10).collect();
        g.bench_function(BenchmarkId::new("codes", name), |b| {
            b.iter(|| scale_reliability_codes(black_box(&codes), &[], 0.95).unwrap())
        });
    }
    g.finish();
}

/// Units x coders: a true category per unit, each coder agreeing with probability 0.8, 5% not
/// coded.
fn codings(units: usize, coders: usize) -> Vec<Option<u32>> {
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let mut out = Vec::with_capacity(units * coders);
    for _ in 0..units {
        let truth = rng.random_range(0..4u32);
        for _ in 0..coders {
            let v = if rng.random::<f64>() < 0.8 { truth } else { rng.random_range(0..4u32) };
            out.push((rng.random::<f64>() >= 0.05).then_some(v));
        }
    }
    out
}

fn agreement(c: &mut Criterion) {
    let units = if quick() { 200 } else { 2_000 };
    let name = format!("{units}x5");
    let cells = codings(units, 5);
    let pairs: Vec<Option<u32>> = cells.chunks(5).flat_map(|u| [u[0], u[1]]).collect();
    let opts = AgreementOptions::default();
    let mut g = c.benchmark_group("agreement");
    g.throughput(Throughput::Elements(cells.len() as u64));
    g.bench_function(BenchmarkId::new("index_codings", &name), |b| {
        b.iter(|| RatingMatrix::new(black_box(&cells), 5).unwrap())
    });
    // What the Python binding does: index the matrix, then the nominal alpha with its SE.
    g.bench_function(BenchmarkId::new("krippendorff_nominal_from_cells", &name), |b| {
        b.iter(|| {
            RatingMatrix::new(black_box(&cells), 5)
                .unwrap()
                .krippendorff_alpha(MeasurementLevel::Nominal, &opts)
                .unwrap()
        })
    });
    // The same from a float64 matrix with NaN for not coded (the Python binding's input).
    let values: Vec<f64> = cells.iter().map(|c| c.map_or(f64::NAN, f64::from)).collect();
    g.bench_function(BenchmarkId::new("krippendorff_nominal_from_f64", &name), |b| {
        b.iter(|| {
            RatingMatrix::from_f64(black_box(&values), 5)
                .unwrap()
                .krippendorff_alpha(MeasurementLevel::Nominal, &opts)
                .unwrap()
        })
    });
    let k = RatingMatrix::new(&cells, 5).unwrap();
    let k2 = RatingMatrix::new(&pairs, 2).unwrap();
    for (label, level) in [
        ("krippendorff_nominal", MeasurementLevel::Nominal),
        ("krippendorff_ordinal", MeasurementLevel::Ordinal),
        ("krippendorff_interval", MeasurementLevel::Interval),
    ] {
        g.bench_function(BenchmarkId::new(label, &name), |b| b.iter(|| k.krippendorff_alpha(level, &opts).unwrap()));
    }
    g.bench_function(BenchmarkId::new("fleiss_kappa", &name), |b| b.iter(|| k.fleiss_kappa(&opts).unwrap()));
    g.bench_function(BenchmarkId::new("gwet_ac1", &name), |b| b.iter(|| k.gwet_ac1(&opts).unwrap()));
    g.bench_function(BenchmarkId::new("brennan_prediger", &name), |b| b.iter(|| k.brennan_prediger(&opts).unwrap()));
    g.bench_function(BenchmarkId::new("percent_agreement", &name), |b| b.iter(|| k.percent_agreement(&opts).unwrap()));
    g.bench_function(BenchmarkId::new("cohen_kappa_2_coders", format!("{units}x2")), |b| {
        b.iter(|| k2.cohen_kappa(&opts).unwrap())
    });
    g.finish();
}

/// A questionnaire of `n_items` single-choice items with options 1..=5, and a CSV of the survey
/// in lomonitor's layout (units cycle over the frame's municipalities).
fn questionnaire_and_csv(s: &Survey) -> (Questionnaire, String) {
    let mut toml = String::from("[instrument]\nid = \"bench\"\nversion = \"1\"\ntitle = \"bench\"\n");
    for j in 0..s.n_items {
        let _ = write!(
            toml,
            "\n[[items]]\nid = \"q{j:03}\"\nkind = \"single\"\ntext = \"q{j}\"\noptions = [{}]\n",
            (1..=LEVELS).map(|k| format!("{{ code = {k}, label = \"{k}\" }}")).collect::<Vec<_>>().join(", ")
        );
    }
    let q = Questionnaire::from_toml_str(&toml, None).unwrap();
    let frame = Frame::embedded();
    let units: Vec<String> = frame.iter().map(|m| m.code.to_string()).collect();
    let mut csv = String::from("respondent_id,unit,status");
    for j in 0..s.n_items {
        let _ = write!(csv, ",q{j:03}");
    }
    csv.push('\n');
    let cols = s.columns();
    for i in 0..s.n {
        let _ = write!(csv, "r{i},{},complete", units[i % units.len()]);
        for col in &cols {
            csv.push(',');
            csv.push(char::from(b'1' + col[i]));
        }
        csv.push('\n');
    }
    (q, csv)
}

fn import(c: &mut Criterion) {
    let frame = Frame::embedded();
    let orgs = Organisations::default();
    let mut g = c.benchmark_group("import_csv_validated");
    g.sample_size(10);
    for (name, s) in sizes() {
        let (q, csv) = questionnaire_and_csv(&s);
        // A staff survey keeps every response of a municipality; the study size keeps one per unit.
        let options = ImportOptions { several_per_unit: s.n > 342, ..ImportOptions::default() };
        g.throughput(Throughput::Bytes(csv.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| import_csv(black_box(&csv), TextEncoding::Utf8, None, &q, &frame, &orgs, &options).unwrap())
        });
    }
    g.finish();
}

fn scaling(c: &mut Criterion) {
    let ns: &[usize] = if quick() { &[1_000, 10_000] } else { &[1_000, 10_000, 100_000, 1_000_000] };
    let mut g = c.benchmark_group("scaling_100_items");
    g.sample_size(10);
    for &n in ns {
        let s = Survey::new(n, if quick() { 10 } else { 100 }, 3);
        let cols = s.columns();
        let levels = vec![LEVELS; s.n_items];
        g.throughput(Throughput::Bytes(s.bytes()));
        g.bench_function(BenchmarkId::new("frequencies", n), |b| b.iter(|| count_columns(&cols, &levels).unwrap()));
        g.bench_function(BenchmarkId::new("crosstab_by_group", n), |b| {
            b.iter(|| crosstab_columns(&cols, &levels, &s.group, GROUPS).unwrap())
        });
        g.bench_function(BenchmarkId::new("weighted_frequencies", n), |b| {
            b.iter(|| weighted_count_columns(&cols, &levels, &s.weights).unwrap())
        });
        g.bench_function(BenchmarkId::new("survey_proportions_logit", n), |b| {
            b.iter(|| survey_proportions(&cols, &levels, &s.weights, None, None, 0.95, SurveyCiMethod::Logit).unwrap())
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = configure(&mut Criterion::default());
    targets = frequencies, proportions, weighting, reliability, agreement, import, scaling
}
criterion_main!(benches);
