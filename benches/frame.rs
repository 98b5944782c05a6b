//! Benchmarks of the frame: lookups by name and stratum counts.
#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lomonitor::{Frame, SizeClasses, Stratification};

fn frame(c: &mut Criterion) {
    let frame = Frame::embedded();
    let names: Vec<String> = frame.iter().map(|m| m.name.to_uppercase()).collect();
    c.bench_function("frame/lookup_342_names", |b| {
        b.iter(|| names.iter().filter(|n| frame.lookup(black_box(n)).is_ok()).count())
    });
    let cross = Stratification::parse("size_class*province", SizeClasses::personeelsmonitor_with_g4()).unwrap();
    c.bench_function("frame/strata_size_x_province", |b| b.iter(|| cross.counts(black_box(&frame))));
}

criterion_group!(benches, frame);
criterion_main!(benches);
