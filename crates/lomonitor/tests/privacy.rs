//! Privacy by construction: personal data planted in interview quotes reaches no output.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::Read;
use std::path::{Path, PathBuf};

use lomonitor::Study;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The spellings a phone number of the directory (`06-27953168`, `070-1406441`) is typed in.
fn spellings(phone: &str) -> Vec<String> {
    let all: String = phone.chars().filter(char::is_ascii_digit).collect();
    // the number without its trunk or country prefix: `06-27953168`, `+31 6 27953168` -> `627953168`
    let national = if phone.trim_start().starts_with('+') {
        all.strip_prefix("31").unwrap_or(&all).to_owned()
    } else if let Some(rest) = all.strip_prefix("0031") {
        rest.to_owned()
    } else {
        all.strip_prefix('0').unwrap_or(&all).to_owned()
    };
    let digits = format!("0{national}");
    let (a, b) = national.split_at(1.min(national.len()));
    let pairs: Vec<String> = digits.as_bytes().chunks(2).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    vec![
        phone.to_owned(),
        digits.clone(),
        format!("0{a} {b}"),
        format!("+31 {a} {b}"),
        format!("+31(0){a}-{b}"),
        format!("0031 {a} {b}"),
        pairs.join(" "),
        format!("{}-{}", digits.get(..2).unwrap(), pairs.get(1..).unwrap().join(" ")),
    ]
}

struct Planted {
    needle: String,
    what: &'static str,
}

/// Every contact's name, surname, e-mail address and phone spellings; the quotes that carry them.
fn plant(dir: &Path) -> Vec<Planted> {
    let mut rdr = csv::Reader::from_path(dir.join("contacts.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (ni, ei, pi) = (col("name"), col("email"), col("phone"));
    let mut sentences = Vec::new();
    let mut planted = Vec::new();
    for r in rdr.records() {
        let r = r.unwrap();
        let name = r.get(ni).unwrap().to_owned();
        let surname = name.split_whitespace().last().unwrap().to_owned();
        sentences.push(format!("Dat regelt {name} bij ons."));
        sentences.push(format!("Mevrouw {surname} weet er alles van."));
        planted.push(Planted { needle: name, what: "name" });
        planted.push(Planted { needle: surname, what: "surname" });
        let email = r.get(ei).unwrap().to_owned();
        if !email.is_empty() {
            sentences.push(format!("Mail naar {email} voor details."));
            planted.push(Planted { needle: email, what: "e-mail" });
        }
        let phone = r.get(pi).unwrap().to_owned();
        if !phone.is_empty() {
            for s in spellings(&phone) {
                sentences.push(format!("Bel {s} als het niet lukt."));
                planted.push(Planted { needle: s, what: "phone" });
            }
        }
    }
    for abbreviation in ["A'dam", "R'dam", "Den Bosch"] {
        sentences.push(format!("In {abbreviation} gaat dat anders."));
        planted.push(Planted { needle: format!("In {abbreviation}"), what: "municipality" });
    }
    // each segment gets a handful of planted sentences, in turn (a quote must stay under Excel's
    // 32,767 characters per cell)
    let path = dir.join("codings.csv");
    let mut rdr = csv::Reader::from_path(&path).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let ti = headers.iter().position(|h| h == "text").unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(&headers).unwrap();
    let (ii, si) =
        (headers.iter().position(|h| h == "interview").unwrap(), headers.iter().position(|h| h == "segment").unwrap());
    let mut segments: Vec<(String, String)> = Vec::new();
    for r in &rows {
        let key = (r.get(ii).unwrap().to_owned(), r.get(si).unwrap().to_owned());
        if !segments.contains(&key) {
            segments.push(key);
        }
    }
    let chunks: Vec<String> = sentences.chunks(sentences.len().div_ceil(segments.len())).map(|c| c.join(" ")).collect();
    assert!(segments.len() >= chunks.len(), "{} segments for {} chunks", segments.len(), chunks.len());
    for r in &rows {
        let key = (r.get(ii).unwrap().to_owned(), r.get(si).unwrap().to_owned());
        let k = segments.iter().position(|s| *s == key).unwrap();
        let chunk = chunks.get(k % chunks.len()).unwrap();
        let fields: Vec<String> =
            r.iter().enumerate().map(|(i, f)| if i == ti { format!("{f} {chunk}") } else { f.to_owned() }).collect();
        w.write_record(&fields).unwrap();
    }
    w.flush().unwrap();
    planted
}

/// The text of every output file: text files as they are, zip files (XLSX) by their inflated entries.
fn texts(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            texts(&p, out);
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        if bytes.starts_with(b"PK") {
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..z.len() {
                let mut f = z.by_index(i).unwrap();
                let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
                let mut s = String::new();
                if f.read_to_string(&mut s).is_ok() {
                    out.push((p.join(name), s));
                }
            }
        } else {
            out.push((p, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
}

/// XML text as a reader sees it (entities resolved), so `A&apos;dam` counts as `A'dam`.
fn unescape(s: &str) -> String {
    s.replace("&apos;", "'").replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&").replace("&#x27;", "'")
}

#[test]
fn planted_contacts_reach_no_output() {
    let dir = std::env::temp_dir().join(format!("lomonitor-privacy-plant-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&example(), &dir);
    let planted = plant(&dir);
    assert!(planted.iter().filter(|p| p.what == "phone").count() >= 8);

    let study = Study::load(&dir).unwrap();
    let report = study.build_report(&study.report_options()).unwrap();
    let out = dir.join("rapport-out");
    let files = report.write(&out).unwrap();
    for f in [&files.html, &files.xlsx, &files.infographic_svg, &files.infographic_html] {
        assert!(f.starts_with(&out) && f.exists(), "{}", f.display());
    }

    let mut all = Vec::new();
    texts(&out, &mut all);
    assert!(all.iter().any(|(p, _)| p.to_string_lossy().contains("xl/")), "the workbook's XML was searched");
    let mut leaks = Vec::new();
    // The published overview of L&O responsibles is the one output that lists people: only
    // what each consented to publish (tested in contacts.rs); every other file is searched.
    let overview = files.overview.clone().unwrap();
    assert!(overview.exists());
    for (path, text) in all.iter().filter(|(p, _)| p.file_stem().is_none_or(|s| s != "overzicht-lo-verantwoordelijken"))
    {
        let text = unescape(text);
        for p in &planted {
            if text.contains(&p.needle) {
                leaks.push(format!("{} {:?} in {}", p.what, p.needle, path.display()));
            }
        }
    }
    assert!(leaks.is_empty(), "{} leaks:\n{}", leaks.len(), leaks.join("\n"));
    // the quotes did reach the outputs: their placeholders are there (the test can fail)
    let html = unescape(&std::fs::read_to_string(&files.html).unwrap());
    for placeholder in ["[naam]", "[e-mail]", "[telefoon]", "[gemeente, "] {
        assert!(html.contains(placeholder), "no {placeholder} in rapport.html");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
