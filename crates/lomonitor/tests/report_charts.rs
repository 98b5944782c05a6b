#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! The SVG charts: every one is well-formed XML (parsed with roxmltree), self-contained (no
//! script, no external reference), accessible (`<title>`, `<desc>`), free of `NaN`, and holds
//! what it should (one bar per datum, 12 tiles, 342 municipalities, ...).
//!
//! The RD projection is compared with PROJ (pyproj) on points across the Netherlands:
//! `python/tests/reference/ref_report_rd.py` writes `expected_report_rd.json`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lomonitor::report::charts::infographic::write_html_page;
use lomonitor::report::charts::rd::wgs84_to_rd;
use lomonitor::report::charts::{
    BarChart, BarDatum, Category, ChoroplethOptions, GeoLayer, Infographic, KeyFigure, LikertChart, LikertItem,
    TileMap, ValueFormat, bar_chart_svg, choropleth_svg, infographic_html, infographic_svg, likert_svg,
    province_tile_map_svg, response_rate_svg, write_svg,
};
use lomonitor::stats::{CiMethod, FrequencyTable, LevelKind, proportion_ci, representativeness};
use lomonitor::{Error, Language, MunicipalityCode, Province};

fn out_dir() -> PathBuf {
    let d = std::env::temp_dir().join("lomonitor-report-charts");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/report").join(name)
}

fn shared(name: &str) -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/")).join(name);
    if p.is_file() {
        Some(p)
    } else {
        eprintln!("skipping: {} not present (the project ships no boundaries)", p.display());
        None
    }
}

/// Parse, check the common properties, and return the number of elements with each tag.
fn check_svg<'a>(svg: &'a str, title: &str) -> roxmltree::Document<'a> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    assert!(root.attribute("viewBox").is_some());
    assert!(root.attribute("font-family").unwrap().contains("system-ui"));
    let first = root.children().find(|c| c.is_element()).unwrap();
    assert_eq!(first.tag_name().name(), "title", "the accessible title comes first");
    assert_eq!(first.text(), Some(title));
    assert!(root.children().any(|c| c.tag_name().name() == "desc"));
    assert!(!svg.contains("NaN") && !svg.contains("inf\""), "a non-finite number leaked");
    for bad in ["<script", "href", "@font-face", "url(", "@import", "on"] {
        if bad == "on" {
            assert!(
                doc.descendants().all(|n| n.attributes().all(|a| !a.name().starts_with("on"))),
                "event handler attribute"
            );
        } else {
            assert!(!svg.contains(bad), "external or active content: {bad}");
        }
    }
    for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let size: f64 = n.attribute("font-size").map_or(13.0, |s| s.parse().unwrap());
        assert!(size >= 11.0, "text smaller than 11 px: {:?}", n.text());
    }
    doc
}

fn count(doc: &roxmltree::Document<'_>, tag: &str, pred: impl Fn(&roxmltree::Node<'_, '_>) -> bool) -> usize {
    doc.descendants().filter(|n| n.has_tag_name(tag) && pred(n)).count()
}

fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text().map(str::to_owned)).collect()
}

#[test]
fn bars_with_whiskers_labels_and_suppression() {
    let p1 = proportion_ci(93, 150, 0.95, CiMethod::Wilson, Some(342)).unwrap();
    let p2 = proportion_ci(12, 150, 0.95, CiMethod::Wilson, Some(342)).unwrap();
    let mut chart = BarChart::new(
        "Thema's in het opleidingsplan & <meer>",
        "Percentage gemeenten",
        vec![
            BarDatum::from_proportion("Digitale vaardigheden", &p1),
            BarDatum::from_proportion("Leiderschap en management van verandering in de organisatie", &p2),
            BarDatum { suppressed: true, ..BarDatum::new("Duurzaamheid", 2.0) },
        ],
    );
    chart.subtitle = Some("Gemeenten met een opleidingsplan (n = 150)".into());
    let svg = bar_chart_svg(&chart, Language::Nl).unwrap();
    let doc = check_svg(&svg, "Thema's in het opleidingsplan & <meer>");
    // Two bars drawn (the suppressed one is not), each with a whisker and two caps.
    assert_eq!(count(&doc, "rect", |n| n.attribute("fill") == Some("#0072B2")), 2);
    assert_eq!(count(&doc, "line", |n| n.attribute("aria-label").is_some()), 2);
    let t = texts(&doc);
    assert!(t.contains(&"62,0%".to_owned()), "{t:?}");
    assert!(t.contains(&"8,0%".to_owned()));
    assert!(t.contains(&"•".to_owned()));
    assert!(t.iter().any(|s| s.contains("95%-betrouwbaarheidsinterval")));
    assert!(t.iter().any(|s| s.contains("niet getoond")));
    // The long label wraps onto two lines.
    assert!(
        t.contains(&"Leiderschap en management van".to_owned())
            || t.iter().filter(|s| s.starts_with("Leiderschap")).count() == 1
    );
    write_svg(&out_dir().join("bars.svg"), &svg).unwrap();

    let en = bar_chart_svg(&chart, Language::En).unwrap();
    assert!(texts(&check_svg(&en, &chart.title)).contains(&"62.0%".to_owned()));

    chart.bars[0].value = f64::NAN;
    assert!(matches!(bar_chart_svg(&chart, Language::Nl), Err(Error::InvalidArgument { .. })));
    chart.bars[0].value = 120.0;
    assert!(matches!(bar_chart_svg(&chart, Language::Nl), Err(Error::InvalidArgument { .. })));
    chart.bars.clear();
    assert!(bar_chart_svg(&chart, Language::Nl).is_err());
}

#[test]
fn bars_from_a_frequency_table_skip_missing_levels() {
    let t = FrequencyTable::from_counts(
        &[30.0, 60.0, 10.0],
        &[LevelKind::Valid, LevelKind::Valid, LevelKind::UserMissing],
        false,
    )
    .unwrap();
    let bars = BarDatum::from_frequency(&t, &["Ja", "Nee", "Weet niet"]).unwrap();
    assert_eq!(bars.len(), 2);
    assert!((bars[0].value - 100.0 / 3.0).abs() < 1e-12);
    assert!(BarDatum::from_frequency(&t, &["Ja"]).is_err());
}

#[test]
fn response_rate_has_reference_line() {
    let r = representativeness(&[3, 20, 15, 4], &[10, 60, 40, 4]).unwrap();
    let svg = response_rate_svg(
        &r,
        &["< 20.000", "20.000–50.000", "50.000–100.000", "G4"],
        "Respons per grootteklasse",
        Language::Nl,
    )
    .unwrap();
    let doc = check_svg(&svg, "Respons per grootteklasse");
    assert_eq!(count(&doc, "rect", |n| n.attribute("fill") == Some("#56B4E9")), 4);
    assert_eq!(count(&doc, "line", |n| n.attribute("stroke-dasharray").is_some()), 1);
    let t = texts(&doc);
    let overall =
        format!("Totaal: {}", lomonitor::table::format::format_percent(r.response_rate * 100.0, 1, Language::Nl));
    assert_eq!(overall, "Totaal: 36,8%"); // 42 of 114
    assert!(t.contains(&overall), "{t:?}");
    assert!(t.contains(&"100,0% (4 van 4)".to_owned()), "{t:?}");
    assert!(t.contains(&"30,0% (3 van 10)".to_owned()));
    write_svg(&out_dir().join("response.svg"), &svg).unwrap();
    assert!(response_rate_svg(&r, &["a"], "x", Language::Nl).is_err());
}

#[test]
fn likert_diverges_around_the_centre() {
    let chart = LikertChart {
        title: "Stellingen over leren".into(),
        subtitle: Some("In hoeverre bent u het eens met de volgende stellingen?".into()),
        categories: vec![
            "Helemaal oneens".into(),
            "Oneens".into(),
            "Neutraal".into(),
            "Eens".into(),
            "Helemaal eens".into(),
        ],
        items: vec![
            LikertItem { label: "Leren krijgt voldoende tijd".into(), counts: vec![10.0, 30.0, 20.0, 30.0, 10.0] },
            LikertItem { label: "Het budget is toereikend".into(), counts: vec![5.0, 5.0, 10.0, 50.0, 30.0] },
            LikertItem {
                label: "Leidinggevenden stimuleren ontwikkeling".into(),
                counts: vec![0.0, 0.0, 0.0, 0.0, 40.0],
            },
        ],
        note: Some("Bron: LO-monitor 2025".into()),
    };
    let svg = likert_svg(&chart, Language::Nl).unwrap();
    let doc = check_svg(&svg, "Stellingen over leren");
    // One segment per item and category, each with a tooltip; plus 5 legend swatches.
    let segments: Vec<_> =
        doc.descendants().filter(|n| n.has_tag_name("rect") && n.children().any(|c| c.has_tag_name("title"))).collect();
    assert_eq!(segments.len(), 15);
    // Item 1 is symmetric: its neutral segment straddles the centre line exactly.
    let centre: f64 = doc
        .descendants()
        .find(|n| n.has_tag_name("line") && n.attribute("stroke-width") == Some("1.5"))
        .map(|n| n.attribute("x1").unwrap().parse().unwrap())
        .unwrap();
    let neutral = &segments[2];
    let x: f64 = neutral.attribute("x").unwrap().parse().unwrap();
    let w: f64 = neutral.attribute("width").unwrap().parse().unwrap();
    assert!((x + w / 2.0 - centre).abs() < 0.02, "neutral segment not centred: {x} + {w}/2 vs {centre}");
    // Item 2: 10% disagree + half of 10% neutral lie left of the centre.
    let first2: f64 = segments[5].attribute("x").unwrap().parse().unwrap();
    let unit = w / 20.0;
    assert!((centre - first2 - 15.0 * unit).abs() < 0.05);
    assert!(texts(&doc).contains(&"50%".to_owned()));
    assert!(texts(&doc).contains(&"n = 40".to_owned()));
    write_svg(&out_dir().join("likert.svg"), &svg).unwrap();

    let mut bad = chart.clone();
    bad.items[0].counts.pop();
    assert!(likert_svg(&bad, Language::Nl).is_err());
    let mut empty = chart.clone();
    empty.items[0].counts = vec![0.0; 5];
    assert!(matches!(likert_svg(&empty, Language::Nl), Err(Error::TooFewObservations { .. })));
    let mut one = chart;
    one.categories.truncate(1);
    assert!(likert_svg(&one, Language::Nl).is_err());
}

#[test]
fn likert_colours_are_diverging() {
    use lomonitor::report::charts::likert::likert_colours;
    assert_eq!(likert_colours(5), ["#D6604D", "#F4A582", "#DDDDDD", "#92C5DE", "#4393C3"]);
    assert_eq!(likert_colours(4), ["#D6604D", "#F4A582", "#92C5DE", "#4393C3"]);
    assert_eq!(likert_colours(7).len(), 7);
}

fn tile_map() -> TileMap {
    TileMap {
        title: "Respons per provincie".into(),
        subtitle: None,
        values: Province::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != 9)
            .map(|(i, p)| (*p, Some(30.0 + 4.0 * i as f64)))
            .collect(),
        format: ValueFormat::Percent(0),
        legend_title: "Respons".into(),
        domain: None,
        note: Some("Zeeland: geen gegevens in dit voorbeeld.".into()),
    }
}

#[test]
fn tile_map_has_twelve_tiles() {
    let map = tile_map();
    let svg = province_tile_map_svg(&map, Language::Nl).unwrap();
    let doc = check_svg(&svg, "Respons per provincie");
    let tiles: Vec<_> = doc.descendants().filter(|n| n.attribute("class") == Some("lm-tile")).collect();
    assert_eq!(tiles.len(), 12);
    let codes: Vec<&str> = tiles.iter().map(|t| t.attribute("data-province").unwrap()).collect();
    assert_eq!(codes.len(), 12);
    let t = texts(&doc);
    for p in Province::ALL {
        assert!(t.contains(&p.name().to_owned()), "{p}");
    }
    assert!(t.contains(&"30%".to_owned()) && t.contains(&"74%".to_owned()));
    assert!(t.contains(&"geen gegevens".to_owned()));
    assert!(t.contains(&"–".to_owned()));
    // The lowest value gets the lightest class, the highest the darkest.
    let fill_of = |code: &str| {
        let g = tiles.iter().find(|t| t.attribute("data-province") == Some(code)).unwrap();
        g.children().find(|c| c.has_tag_name("rect")).unwrap().attribute("fill").unwrap().to_owned()
    };
    assert_eq!(fill_of("PV20"), "#FFF7BC");
    assert_eq!(fill_of("PV31"), "#662506");
    assert_eq!(fill_of("PV29"), "#DDDDDD");
    // The grid: Fryslân top left, Limburg bottom right.
    let pos = |code: &str| {
        let g = tiles.iter().find(|t| t.attribute("data-province") == Some(code)).unwrap();
        let r = g.children().find(|c| c.has_tag_name("rect")).unwrap();
        (r.attribute("x").unwrap().parse::<f64>().unwrap(), r.attribute("y").unwrap().parse::<f64>().unwrap())
    };
    assert!(pos("PV21").0 < pos("PV20").0 && pos("PV21").1 == pos("PV20").1);
    assert!(pos("PV31").0 > pos("PV30").0 && pos("PV31").1 > pos("PV25").1);
    write_svg(&out_dir().join("tilemap.svg"), &svg).unwrap();

    let en = province_tile_map_svg(&map, Language::En).unwrap();
    assert!(texts(&check_svg(&en, &map.title)).contains(&"Friesland".to_owned()));

    let mut dup = tile_map();
    dup.values.push((Province::Groningen, Some(1.0)));
    assert!(province_tile_map_svg(&dup, Language::Nl).is_err());
    let mut nan = tile_map();
    nan.values[0].1 = Some(f64::NAN);
    assert!(province_tile_map_svg(&nan, Language::Nl).is_err());
    // All equal: one class, no division by zero.
    let mut flat = tile_map();
    for v in &mut flat.values {
        v.1 = Some(50.0);
    }
    check_svg(&province_tile_map_svg(&flat, Language::Nl).unwrap(), &flat.title);
    // Nothing known at all.
    let mut none = tile_map();
    none.values.clear();
    let doc_svg = province_tile_map_svg(&none, Language::Nl).unwrap();
    check_svg(&doc_svg, &none.title);
}

fn response_categories() -> Vec<Category> {
    vec![
        Category { label: "Gerespondeerd".into(), colour: Some("#0072B2".into()) },
        Category { label: "Niet gerespondeerd".into(), colour: Some("#E69F00".into()) },
        Category { label: "Geen contact".into(), colour: None },
    ]
}

#[test]
fn choropleth_of_the_fixture() {
    let path = fixture("mini.geojson");
    let layer = GeoLayer::read(&path, None).unwrap();
    assert_eq!(layer.features.len(), 3);
    let codes = layer.municipality_codes().unwrap();
    assert_eq!(codes.iter().map(ToString::to_string).collect::<Vec<_>>(), ["GM0014", "GM0363", "GM0935"]);
    assert_eq!(layer.features[1].name.as_deref(), Some("Amsterdam"));
    assert_eq!(layer.features[1].polygons.len(), 2);
    assert_eq!(layer.features[0].polygons[0].len(), 2, "outer ring and hole");

    let mut cat = HashMap::new();
    cat.insert(MunicipalityCode::new("GM0014").unwrap(), 0);
    cat.insert(MunicipalityCode::new("GM0363").unwrap(), 1);
    let mut opts = ChoroplethOptions::new("Respons per gemeente", response_categories());
    opts.source = Some("Kaart: handgemaakt testbestand".into());
    let svg = choropleth_svg(&layer, &cat, &opts, None, Language::Nl).unwrap();
    let doc = check_svg(&svg, "Respons per gemeente");
    let paths: Vec<_> =
        doc.descendants().filter(|n| n.has_tag_name("path") && n.attribute("data-code").is_some()).collect();
    assert_eq!(paths.len(), 3);
    let fill =
        |code: &str| paths.iter().find(|p| p.attribute("data-code") == Some(code)).unwrap().attribute("fill").unwrap();
    assert_eq!(fill("GM0014"), "#0072B2");
    assert_eq!(fill("GM0363"), "#E69F00");
    assert_eq!(fill("GM0935"), "#DDDDDD");
    // Holes and the second part of a multipolygon are separate subpaths.
    let d = |code: &str| paths.iter().find(|p| p.attribute("data-code") == Some(code)).unwrap().attribute("d").unwrap();
    assert_eq!(d("GM0014").matches('M').count(), 2);
    assert_eq!(d("GM0363").matches('M').count(), 2);
    let t = texts(&doc);
    assert!(t.contains(&"Gerespondeerd (1)".to_owned()), "{t:?}");
    assert!(t.contains(&"Geen contact (0)".to_owned()));
    assert!(t.contains(&"geen gegevens (1)".to_owned()));
    let titles: Vec<String> =
        doc.descendants().filter(|n| n.has_tag_name("title")).filter_map(|n| n.text().map(str::to_owned)).collect();
    assert!(titles.contains(&"Maastricht (GM0935): geen gegevens".to_owned()), "{titles:?}");
    // Projected, not squashed: Groningen lies north-east of Maastricht by the RD offsets.
    let (gx, gy) = wgs84_to_rd(6.6, 53.2);
    let (mx, my) = wgs84_to_rd(5.69, 50.85);
    assert!(gx > mx && gy > my);
    write_svg(&out_dir().join("choropleth-mini.svg"), &svg).unwrap();

    // An index past the categories is an error.
    cat.insert(MunicipalityCode::new("GM0935").unwrap(), 7);
    assert!(choropleth_svg(&layer, &cat, &opts, None, Language::Nl).is_err());
    // A configured key that only one feature has.
    let err = GeoLayer::read(&path, Some("statcode")).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("mini.geojson") && msg.contains("features[0]") && msg.contains("statcode"), "{msg}");
}

fn parse_err(json: &str) -> String {
    GeoLayer::from_geojson_str(json, Some(Path::new("grenzen.geojson")), None).unwrap_err().to_string()
}

#[test]
fn geojson_errors_name_file_feature_and_code() {
    let sq = "[[[5.0,52.0],[5.1,52.0],[5.1,52.1],[5.0,52.1],[5.0,52.0]]]";
    let ok = format!(
        "{{\"type\":\"Feature\",\"properties\":{{\"code\":\"GM0001\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":{sq}}}}}"
    );
    let fc = |f: &str| format!("{{\"type\":\"FeatureCollection\",\"features\":[{ok},{f}]}}");

    let m = parse_err("{\"type\":\"Feature\"}");
    assert!(m.contains("grenzen.geojson") && m.contains("FeatureCollection"), "{m}");
    let m = parse_err("not json");
    assert!(m.contains("grenzen.geojson") && m.contains("not valid JSON"), "{m}");
    let m = parse_err(&fc(&format!(
        "{{\"type\":\"Feature\",\"properties\":{{\"naam\":\"X\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":{sq}}}}}"
    )));
    assert!(m.contains("features[1]") && m.contains("code or statcode or gemeentecode"), "{m}");
    let m = parse_err(&fc(
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"GM0002\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[5.0,52.0]}}",
    ));
    assert!(m.contains("features[1] (GM0002)") && m.contains("Point"), "{m}");
    // RD metres instead of degrees.
    let m = parse_err(&fc(
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"GM0003\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[155000,463000],[156000,463000],[156000,464000],[155000,463000]]]}}",
    ));
    assert!(m.contains("GM0003") && m.contains("WGS84"), "{m}");
    // Latitude first.
    let m = parse_err(&fc(
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"GM0004\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[52.0,5.0],[52.1,5.0],[52.1,5.1],[52.0,5.0]]]}}",
    ));
    assert!(m.contains("GM0004") && m.contains("not latitude first"), "{m}");
    // Duplicate code.
    let m = parse_err(&fc(&ok));
    assert!(m.contains("features[1] (GM0001)") && m.contains("feature 0"), "{m}");
    // Geometry null.
    let m = parse_err(&fc("{\"type\":\"Feature\",\"properties\":{\"code\":\"GM0005\"},\"geometry\":null}"));
    assert!(m.contains("GM0005"), "{m}");
    // A key that is no municipality code.
    let layer = GeoLayer::from_geojson_str(
        &fc(&format!("{{\"type\":\"Feature\",\"properties\":{{\"code\":\"PV20\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":{sq}}}}}")),
        Some(Path::new("grenzen.geojson")),
        None,
    )
    .unwrap();
    let m = layer.municipality_codes().unwrap_err().to_string();
    assert!(m.contains("grenzen.geojson") && m.contains("features[1]") && m.contains("PV20"), "{m}");
    let m = parse_err("{\"type\":\"FeatureCollection\",\"features\":[]}");
    assert!(m.contains("no features"), "{m}");
}

#[derive(serde::Deserialize)]
struct RdCase {
    name: String,
    lon: f64,
    lat: f64,
    x: f64,
    y: f64,
}

#[derive(serde::Deserialize)]
struct RdExpected {
    cases: Vec<RdCase>,
}

#[test]
fn rd_projection_matches_proj() {
    // PROJ without grid files (Helmert, ~1 m) against the polynomial approximation (~1 m): both
    // approximate RDNAPTRANS, so they agree within 2 m, not to machine precision.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../python/tests/reference/expected_report_rd.json");
    let expected: RdExpected = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(expected.cases.len() >= 10);
    for c in &expected.cases {
        let (x, y) = wgs84_to_rd(c.lon, c.lat);
        let d = ((x - c.x).powi(2) + (y - c.y).powi(2)).sqrt();
        assert!(d < 2.0, "{}: ({x:.2}, {y:.2}) vs PROJ ({:.2}, {:.2}), {d:.2} m apart", c.name, c.x, c.y);
    }
}

#[test]
fn choropleth_of_all_municipalities() {
    let Some(path) = shared("municipalities.geojson") else { return };
    let layer = GeoLayer::read(&path, None).unwrap();
    assert_eq!(layer.features.len(), 342);
    let codes = layer.municipality_codes().unwrap();
    let frame = lomonitor::Frame::embedded();
    // Every municipality of the frame is on the map.
    for m in frame.iter() {
        assert!(codes.contains(&m.code), "{} missing from the map", m.code);
    }
    let cat: HashMap<MunicipalityCode, usize> = codes.iter().enumerate().map(|(i, c)| (*c, i % 3)).collect();
    let overlay = shared("provinces.geojson").map(|p| GeoLayer::read(&p, Some("province")).unwrap());
    let mut opts = ChoroplethOptions::new("Respons per gemeente", response_categories());
    opts.source = Some("Kaart: CBS/PDOK Wijk- en Buurtkaart 2024, CC BY 4.0".into());
    let svg = choropleth_svg(&layer, &cat, &opts, overlay.as_ref(), Language::Nl).unwrap();
    let doc = check_svg(&svg, "Respons per gemeente");
    assert_eq!(count(&doc, "path", |n| n.attribute("data-code").is_some()), 342);
    if overlay.is_some() {
        let g = doc.descendants().find(|n| n.attribute("class") == Some("lm-overlay")).unwrap();
        assert_eq!(g.children().filter(|c| c.has_tag_name("path")).count(), 12);
    }
    // Not squashed: the map's aspect ratio is that of the RD extent (taller than wide, about
    // 1.2), where plotting lon/lat as x/y would give about 0.8.
    let (x0, y0, x1, y1) = layer.bounds();
    let aspect = (y1 - y0) / (x1 - x0);
    assert!((1.1..1.3).contains(&aspect), "{aspect}");
    // Rounding keeps the file small.
    assert!(svg.len() < 700_000, "{} bytes", svg.len());
    write_svg(&out_dir().join("choropleth.svg"), &svg).unwrap();
}

#[test]
fn infographic_page() {
    let info = Infographic {
        title: "Leren en ontwikkelen in gemeenten 2025".into(),
        subtitle: Some("Uitkomsten van de LO-monitor onder 150 gemeenten".into()),
        key_figures: vec![
            KeyFigure { value: 150.0, format: ValueFormat::Count, caption: "gemeenten deden mee".into() },
            KeyFigure { value: 43.9, format: ValueFormat::Percent(0), caption: "respons".into() },
            KeyFigure {
                value: 62.0,
                format: ValueFormat::Percent(0),
                caption: "heeft een strategisch opleidingsplan".into(),
            },
            KeyFigure {
                value: 1234.5,
                format: ValueFormat::Number(0),
                caption: "euro opleidingsbudget per medewerker (mediaan)".into(),
            },
            KeyFigure {
                value: 7.4,
                format: ValueFormat::Number(1),
                caption: "gemiddeld rapportcijfer voor het leerklimaat".into(),
            },
        ],
        themes_title: "Belangrijkste thema's".into(),
        themes: vec![
            ("Digitale vaardigheden".into(), 71.0),
            ("Leiderschap".into(), 55.0),
            ("Vakmanschap in het sociaal domein".into(), 48.0),
            ("Duurzame inzetbaarheid".into(), 40.0),
            ("Inclusie".into(), 12.5),
        ],
        map: Some(tile_map()),
        footer: Some("Bron: LO-monitor 2025, A&O fonds Gemeenten. n = 150 van 342 gemeenten.".into()),
    };
    let svg = infographic_svg(&info, Language::Nl).unwrap();
    let doc = check_svg(&svg, "Leren en ontwikkelen in gemeenten 2025");
    assert_eq!(doc.root_element().attribute("viewBox"), Some("0 0 794 1123"));
    assert_eq!(doc.descendants().filter(|n| n.attribute("class") == Some("lm-tile")).count(), 12);
    assert_eq!(doc.descendants().filter(|n| n.attribute("class") == Some("lm-key-figure")).count(), 5);
    let t = texts(&doc);
    for s in ["150", "44%", "62%", "1.235", "7,4", "71%", "13%", "Belangrijkste thema's"] {
        assert!(t.contains(&s.to_owned()), "{s} not in {t:?}");
    }
    let html = infographic_html(&svg, &info.title, Language::Nl);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"nl\">") && html.contains("size:A4"));
    assert!(html.contains(&svg));
    write_svg(&out_dir().join("infographic.svg"), &svg).unwrap();
    write_html_page(&out_dir().join("infographic.html"), &html).unwrap();

    let mut too_many = info.clone();
    too_many.themes = (0..9).map(|i| (format!("thema {i}"), 10.0)).collect();
    assert!(infographic_svg(&too_many, Language::Nl).is_err());
    let mut none = info.clone();
    none.key_figures.clear();
    assert!(infographic_svg(&none, Language::Nl).is_err());
    let mut nan = info;
    nan.key_figures[0].value = f64::INFINITY;
    assert!(matches!(infographic_svg(&nan, Language::Nl), Err(Error::InvalidArgument { .. })));
}
