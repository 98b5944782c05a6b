//! The contacts directory out as a LimeSurvey participant table and a Qualtrics contact list, and
//! the participant status read back into the fieldwork log. The table's columns are those of
//! LimeSurvey's "Import participants from CSV file" (firstname, lastname, email, emailstatus,
//! language, token, attribute_1..) and Qualtrics' contact import (FirstName, LastName, Email,
//! ExternalDataReference, Language, embedded data).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::Path;

use lomonitor::Study;
use lomonitor::contacts::{
    ContactStatus, FieldworkLog, import_limesurvey, limesurvey_participants, qualtrics_contacts,
};

fn study() -> Study {
    Study::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")).unwrap()
}

fn rows(csv_text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    (header, r.records().map(|x| x.unwrap().iter().map(str::to_owned).collect()).collect())
}

#[test]
fn only_consenting_active_contacts_with_an_address_are_invited() {
    let s = study();
    let dir = s.contacts().unwrap().value;
    let p = limesurvey_participants(&dir, 20_250_301).unwrap();
    let (header, table) = rows(&p.csv);
    assert_eq!(
        header,
        ["firstname", "lastname", "email", "emailstatus", "language", "token", "attribute_1", "attribute_2"]
    );
    let eligible: Vec<_> =
        dir.iter().filter(|c| c.consent_research && c.status == ContactStatus::Active && c.email.is_some()).collect();
    assert_eq!(table.len(), eligible.iter().map(|c| c.covers.len()).sum::<usize>());
    assert_eq!(p.left_out.len() + eligible.len(), dir.len(), "every contact is written or listed");
    for row in &table {
        let c = dir.iter().find(|c| c.id.as_str() == row[7]).unwrap();
        assert!(c.consent_research, "{} has no consent", row[7]);
        assert_eq!(row[5].len(), 15);
        assert_eq!(p.tokens.get(&row[5]), Some(&row[6]), "the token map gives the row's unit");
    }
    assert_eq!(p.tokens.len(), table.len(), "tokens are unique");
    // The same seed writes the same tokens; another seed others.
    assert_eq!(limesurvey_participants(&dir, 20_250_301).unwrap().csv, p.csv);
    assert_ne!(limesurvey_participants(&dir, 7).unwrap().tokens, p.tokens);

    let qt = qualtrics_contacts(&dir).unwrap();
    let (header, qrows) = rows(&qt.csv);
    assert_eq!(header, ["FirstName", "LastName", "Email", "ExternalDataReference", "Language", "contact_id"]);
    assert_eq!(qrows.len(), table.len());
}

#[test]
fn the_participant_status_comes_back_into_the_fieldwork_log() {
    let s = study();
    let dir = s.contacts().unwrap().value;
    let p = limesurvey_participants(&dir, 1).unwrap();
    // LimeSurvey's participant export after the invitations: our table plus its sent/completed
    // columns (dates or N); the first participant of a municipality completed, the others were
    // invited.
    let (mut header, table) = rows(&p.csv);
    header.extend(["sent", "remindersent", "remindercount", "completed"].map(str::to_owned));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    let done = table.iter().position(|r| r[6].starts_with("GM")).unwrap();
    for (k, r) in table.iter().enumerate() {
        let mut r = r.clone();
        r.extend([
            "2025-03-03".into(),
            "N".into(),
            "0".into(),
            if k == done { "2025-03-10".into() } else { "N".into() },
        ]);
        w.write_record(&r).unwrap();
    }
    let dir_tmp = std::env::temp_dir().join(format!("lomonitor-participants-{}", std::process::id()));
    std::fs::create_dir_all(&dir_tmp).unwrap();
    let path = dir_tmp.join("participants-export.csv");
    std::fs::write(&path, w.into_inner().unwrap()).unwrap();
    let mut log = FieldworkLog::new(Vec::new()).unwrap();
    let imp = import_limesurvey(&path, &mut log, &dir, s.frame(), Some("attribute_1")).unwrap();
    std::fs::remove_dir_all(&dir_tmp).unwrap();
    let municipal_rows = table.iter().filter(|r| r[6].starts_with("GM")).count();
    assert_eq!(imp.changes.len(), municipal_rows, "{:?}", imp.issues);
    let completed: Vec<_> =
        imp.changes.iter().filter(|c| c.to == lomonitor::contacts::FieldworkStatus::Completed).collect();
    assert_eq!(completed.len(), 1, "{:?}", imp.changes);
    assert_eq!(completed[0].municipality.to_string(), table[done][6]);
    assert_eq!(completed[0].contact_id.as_str(), table[done][7]);
    assert!(
        imp.changes
            .iter()
            .filter(|c| c.to != lomonitor::contacts::FieldworkStatus::Completed)
            .all(|c| c.to == lomonitor::contacts::FieldworkStatus::Invited)
    );
}
