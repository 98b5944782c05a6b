//! `fieldwork.csv`: invitations, their status, AAPOR outcome rates and reminders.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::contacts::csv::message_of;
use crate::contacts::{ContactId, Directory, Issue, Loaded, parse_date};
use crate::error::{Error, Result};
use crate::frame::{Frame, MunicipalityCode, Organisations, Stratification};
use crate::io::{CsvRow, CsvTable};

/// The state of one invitation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldworkStatus {
    /// Invitation sent, no reaction yet.
    Invited,
    /// At least one reminder sent, no reaction yet.
    Reminded,
    /// The questionnaire was started but not completed (a partial, AAPOR P).
    Started,
    /// The questionnaire was completed (AAPOR I).
    Completed,
    /// The person declined (AAPOR R).
    Refused,
    /// The invitation bounced.
    Bounced,
    /// The municipality turned out not to be eligible for this invitation (excluded from rates).
    NotEligible,
}

impl FieldworkStatus {
    /// All statuses, in order.
    pub const ALL: [FieldworkStatus; 7] = [
        FieldworkStatus::Invited,
        FieldworkStatus::Reminded,
        FieldworkStatus::Started,
        FieldworkStatus::Completed,
        FieldworkStatus::Refused,
        FieldworkStatus::Bounced,
        FieldworkStatus::NotEligible,
    ];

    /// The key used in files.
    pub fn key(self) -> &'static str {
        match self {
            FieldworkStatus::Invited => "invited",
            FieldworkStatus::Reminded => "reminded",
            FieldworkStatus::Started => "started",
            FieldworkStatus::Completed => "completed",
            FieldworkStatus::Refused => "refused",
            FieldworkStatus::Bounced => "bounced",
            FieldworkStatus::NotEligible => "not_eligible",
        }
    }

    /// How far along an invitation is; an update from a survey platform only ever moves an
    /// invitation forward (a completed one is never set back to reminded).
    pub fn progress(self) -> u8 {
        match self {
            FieldworkStatus::Invited => 0,
            FieldworkStatus::Reminded => 1,
            FieldworkStatus::Bounced => 2,
            FieldworkStatus::Started => 3,
            FieldworkStatus::Refused | FieldworkStatus::NotEligible => 4,
            FieldworkStatus::Completed => 5,
        }
    }

    /// Whether no reaction has come yet (invited or reminded).
    pub fn is_open(self) -> bool {
        matches!(self, FieldworkStatus::Invited | FieldworkStatus::Reminded)
    }
}

impl fmt::Display for FieldworkStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for FieldworkStatus {
    type Err = Error;
    /// The file key or a Dutch synonym (`uitgenodigd`, `herinnerd`, `gestart`, `voltooid`,
    /// `geweigerd`, `onbestelbaar`, `niet_geschikt`); case, spaces and `-` do not matter.
    fn from_str(s: &str) -> Result<Self> {
        let k: String = s.trim().to_lowercase().chars().map(|c| if c == ' ' || c == '-' { '_' } else { c }).collect();
        Ok(match k.as_str() {
            "invited" | "uitgenodigd" | "sent" => FieldworkStatus::Invited,
            "reminded" | "herinnerd" => FieldworkStatus::Reminded,
            "started" | "gestart" | "partial" | "partieel" => FieldworkStatus::Started,
            "completed" | "voltooid" | "complete" | "finished" => FieldworkStatus::Completed,
            "refused" | "geweigerd" | "weigering" => FieldworkStatus::Refused,
            "bounced" | "onbestelbaar" | "bounce" => FieldworkStatus::Bounced,
            "not_eligible" | "niet_geschikt" | "ineligible" | "niet_eligible" => FieldworkStatus::NotEligible,
            _ => {
                return Err(Error::InvalidArgument {
                    name: "status",
                    message: format!(
                        "{s:?}: expected invited, reminded, started, completed, refused, bounced or not_eligible"
                    ),
                });
            }
        })
    }
}

/// One invitation: a contact asked to answer for a municipality. Carries the pseudonymous
/// contact id only.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Invitation {
    /// Who was invited (pseudonymous).
    pub contact_id: ContactId,
    /// For which municipality (a contact at a werkorganisatie has one invitation per
    /// municipality).
    pub municipality: MunicipalityCode,
    /// When the invitation was sent.
    pub invited: NaiveDate,
    /// Number of reminders sent.
    pub reminders: u32,
    /// When the last reminder was sent.
    pub last_reminder: Option<NaiveDate>,
    /// Current status.
    pub status: FieldworkStatus,
    /// When the status last changed (started, completed, refused, bounced), if known.
    pub status_date: Option<NaiveDate>,
}

impl Invitation {
    /// The last date the team was in touch: the latest of invitation, last reminder and status
    /// date.
    pub fn last_contact(&self) -> NaiveDate {
        self.invited.max(self.last_reminder.unwrap_or(self.invited)).max(self.status_date.unwrap_or(self.invited))
    }

    /// The status this invitation had at the end of `date` (for rates as fieldwork runs): a
    /// status dated after `date` counts as no reaction yet, and reminders after it as not sent.
    fn status_at(&self, date: NaiveDate) -> FieldworkStatus {
        match self.status_date {
            Some(d) if d > date && !self.status.is_open() => {
                if self.last_reminder.is_some_and(|r| r <= date) {
                    FieldworkStatus::Reminded
                } else {
                    FieldworkStatus::Invited
                }
            }
            _ => self.status,
        }
    }
}

/// The fieldwork log: every invitation, in file order; a (contact, municipality) pair at most
/// once.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FieldworkLog {
    invitations: Vec<Invitation>,
}

/// Disposition counts of the AAPOR Standard Definitions, one final disposition per municipality.
///
/// The statuses map as follows: completed -> I (complete); started -> P (partial: no item counts
/// are known here to tell a partial from a break-off); refused -> R; invited, reminded or bounced
/// without other reaction -> NC (the municipalities of the frame are known to be eligible; no
/// contact with a respondent was made); not_eligible -> excluded (`not_eligible`). O (other) is
/// zero: no status maps to it. With [`RateBase::Frame`], municipalities never invited count as UH
/// (AAPOR 3.11, no invitation sent). None of RR1, RR2, COOP1, COOP2, REF1, CON1 depends on how the
/// non-responding units are split between NC and UH/UO, since those rates add them up.
///
/// When a municipality has several invitations (several contacts), its disposition is the most
/// advanced: I before P before R before NC before not eligible.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Dispositions {
    /// I: complete interviews.
    pub complete: u64,
    /// P: partial interviews.
    pub partial: u64,
    /// R: refusals and break-offs.
    pub refusal: u64,
    /// NC: non-contacts.
    pub non_contact: u64,
    /// O: other eligible non-interviews.
    pub other: u64,
    /// UH: unknown whether household/unit exists (here: never invited).
    pub unknown_unit: u64,
    /// UO: unknown eligibility, other.
    pub unknown_other: u64,
    /// Not eligible (excluded from every rate).
    pub not_eligible: u64,
}

/// AAPOR outcome rates. A rate whose denominator is zero is `None` (no invitation counted yet),
/// never NaN.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AaporRates {
    /// The counts the rates come from.
    pub dispositions: Dispositions,
    /// Units counted (every disposition except not eligible).
    pub n: u64,
    /// Response rate 1.
    pub rr1: Option<f64>,
    /// Response rate 2 (partials count as responses).
    pub rr2: Option<f64>,
    /// Cooperation rate 1.
    pub coop1: Option<f64>,
    /// Cooperation rate 2 (partials count).
    pub coop2: Option<f64>,
    /// Refusal rate 1.
    pub ref1: Option<f64>,
    /// Contact rate 1.
    pub con1: Option<f64>,
}

impl Dispositions {
    /// The AAPOR rates of these counts.
    ///
    /// # Formula
    /// ```text
    /// RR1   = I / ((I+P) + (R+NC+O) + (UH+UO))
    /// RR2   = (I+P) / ((I+P) + (R+NC+O) + (UH+UO))
    /// COOP1 = I / ((I+P) + R + O)
    /// COOP2 = (I+P) / ((I+P) + R + O)
    /// REF1  = R / ((I+P) + (R+NC+O) + (UH+UO))
    /// CON1  = ((I+P) + R + O) / ((I+P) + R + O + NC + (UH+UO))
    /// ```
    /// Not-eligible units are in no numerator or denominator. A zero denominator gives `None`.
    ///
    /// # Errors
    /// None: every count is valid.
    ///
    /// # References
    /// The American Association for Public Opinion Research (2023). *Standard Definitions: Final
    /// Dispositions of Case Codes and Outcome Rates for Surveys*, 10th edition. AAPOR.
    #[allow(clippy::cast_precision_loss)]
    pub fn rates(&self) -> AaporRates {
        let (i, p, r, nc, o) = (self.complete, self.partial, self.refusal, self.non_contact, self.other);
        let u = self.unknown_unit + self.unknown_other;
        let ratio = |num: u64, den: u64| (den > 0).then(|| num as f64 / den as f64);
        let all = (i + p) + (r + nc + o) + u;
        AaporRates {
            dispositions: *self,
            n: all,
            rr1: ratio(i, all),
            rr2: ratio(i + p, all),
            coop1: ratio(i, (i + p) + r + o),
            coop2: ratio(i + p, (i + p) + r + o),
            ref1: ratio(r, all),
            con1: ratio((i + p) + r + o, all),
        }
    }

    fn add(&mut self, status: Option<FieldworkStatus>) {
        match status {
            Some(FieldworkStatus::Completed) => self.complete += 1,
            Some(FieldworkStatus::Started) => self.partial += 1,
            Some(FieldworkStatus::Refused) => self.refusal += 1,
            Some(FieldworkStatus::Invited | FieldworkStatus::Reminded | FieldworkStatus::Bounced) => {
                self.non_contact += 1;
            }
            Some(FieldworkStatus::NotEligible) => self.not_eligible += 1,
            None => self.unknown_unit += 1,
        }
    }
}

/// Which units the rates are computed over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateBase {
    /// The municipalities with at least one invitation (the issued sample). The default.
    #[default]
    Invited,
    /// Every municipality of the frame; those never invited count as UH.
    Frame,
}

crate::options::named_options!(RateBase, arg = "base", what = "rate base", {
    Invited => "invited",
    Frame => "frame",
});

/// Rates of one stratum.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StratumRates {
    /// Stratum key.
    pub key: String,
    /// Stratum label.
    pub label: String,
    /// Municipalities of the frame in the stratum (N_h).
    pub n_frame: u64,
    /// The rates.
    pub rates: AaporRates,
}

/// AAPOR rates overall and per stratum, at a date. Codes and counts only.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RatesByStratum {
    /// The stratification spec (`size_class`, ...).
    pub stratification: String,
    /// The units counted.
    pub base: RateBase,
    /// The date of the state (`None`: the log as it stands).
    pub as_of: Option<NaiveDate>,
    /// The whole frame.
    pub overall: AaporRates,
    /// Per stratum, in the stratification's order (strata with no unit counted are listed with
    /// `None` rates).
    pub strata: Vec<StratumRates>,
}

/// A contact to remind: pseudonymous id, municipalities still open, when last in touch.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReminderDue {
    /// Who (join with the directory for the address when sending).
    pub contact_id: ContactId,
    /// The municipalities of the open invitations.
    pub municipalities: Vec<MunicipalityCode>,
    /// The last time the team was in touch (latest over those invitations).
    pub last_contact: NaiveDate,
    /// Days between `last_contact` and the reference date.
    pub days_since: i64,
    /// Reminders already sent (the most over those invitations).
    pub reminders_sent: u32,
}

const FIELDWORK_COLUMNS: [&[&str]; 7] = [
    &["contact_id", "contact"],
    &["municipality", "gemeente", "code"],
    &["invited", "uitgenodigd", "sent"],
    &["reminders", "herinneringen", "remindercount"],
    &["last_reminder", "laatste_herinnering", "remindersent"],
    &["status"],
    &["status_date", "statusdatum"],
];

impl FieldworkLog {
    /// A log of these invitations.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when a (contact, municipality) pair occurs twice.
    pub fn new(invitations: Vec<Invitation>) -> Result<Self> {
        let mut seen = BTreeSet::new();
        for inv in &invitations {
            if !seen.insert((inv.contact_id.clone(), inv.municipality)) {
                return Err(Error::InvalidArgument {
                    name: "fieldwork",
                    message: format!("contact {} is invited twice for {}", inv.contact_id, inv.municipality),
                });
            }
        }
        Ok(Self { invitations })
    }

    /// The invitations, in file order.
    pub fn iter(&self) -> std::slice::Iter<'_, Invitation> {
        self.invitations.iter()
    }

    /// Number of invitations.
    pub fn len(&self) -> usize {
        self.invitations.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.invitations.is_empty()
    }

    /// The invitation of a contact for a municipality.
    pub fn get(&self, contact: &ContactId, municipality: MunicipalityCode) -> Option<&Invitation> {
        self.invitations.iter().find(|i| &i.contact_id == contact && i.municipality == municipality)
    }

    pub(crate) fn get_mut(&mut self, contact: &ContactId, municipality: MunicipalityCode) -> Option<&mut Invitation> {
        self.invitations.iter_mut().find(|i| &i.contact_id == contact && i.municipality == municipality)
    }

    /// Add an invitation.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the pair is already in the log.
    pub fn insert(&mut self, invitation: Invitation) -> Result<()> {
        if self.get(&invitation.contact_id, invitation.municipality).is_some() {
            return Err(Error::InvalidArgument {
                name: "fieldwork",
                message: format!(
                    "contact {} is already invited for {}",
                    invitation.contact_id, invitation.municipality
                ),
            });
        }
        self.invitations.push(invitation);
        Ok(())
    }

    /// Remove every invitation of a contact and return them.
    pub fn remove_contact(&mut self, contact: &ContactId) -> Vec<Invitation> {
        let (gone, keep) = std::mem::take(&mut self.invitations).into_iter().partition(|i| &i.contact_id == contact);
        self.invitations = keep;
        gone
    }

    /// Move the invitations of `from` to `to` (after [`Directory::merge`]).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when both are invited for the same municipality; nothing is
    /// changed then.
    pub fn rename_contact(&mut self, from: &ContactId, to: &ContactId) -> Result<usize> {
        if let Some(clash) =
            self.invitations.iter().find(|i| &i.contact_id == from && self.get(to, i.municipality).is_some())
        {
            return Err(Error::InvalidArgument {
                name: "fieldwork",
                message: format!(
                    "{from} and {to} are both invited for {}; resolve that row by hand",
                    clash.municipality
                ),
            });
        }
        let mut n = 0;
        for i in self.invitations.iter_mut().filter(|i| &i.contact_id == from) {
            i.contact_id = to.clone();
            n += 1;
        }
        Ok(n)
    }

    /// Record a reminder sent to a contact on `date`: every open or started invitation of theirs
    /// gets one more reminder, and open ones become `reminded`. Returns how many were updated.
    pub fn record_reminder(&mut self, contact: &ContactId, date: NaiveDate) -> usize {
        let mut n = 0;
        for i in self.invitations.iter_mut().filter(|i| &i.contact_id == contact) {
            if i.status.is_open() || i.status == FieldworkStatus::Started {
                i.reminders += 1;
                i.last_reminder = Some(date);
                if i.status.is_open() {
                    i.status = FieldworkStatus::Reminded;
                }
                n += 1;
            }
        }
        n
    }

    /// Read `fieldwork.csv`, checking every row against the frame. Every problem is collected; a
    /// row with an error is left out and listed.
    ///
    /// # Errors
    /// [`Error::Io`], [`Error::Csv`], [`Error::Missing`] for a missing required column
    /// (`contact_id`, `municipality`, `invited`, `status`).
    pub fn read(path: &Path, frame: &Frame) -> Result<Loaded<FieldworkLog>> {
        Self::from_table(&CsvTable::read(path)?, frame)
    }

    /// [`FieldworkLog::read`] on a table already read.
    ///
    /// # Errors
    /// As [`FieldworkLog::read`].
    pub fn from_table(table: &CsvTable, frame: &Frame) -> Result<Loaded<FieldworkLog>> {
        let cols: Vec<Option<usize>> = FIELDWORK_COLUMNS.iter().map(|n| table.column(n)).collect();
        for r in [0usize, 1, 2, 5] {
            if cols.get(r).copied().flatten().is_none() {
                table.require_column(FIELDWORK_COLUMNS.get(r).copied().unwrap_or(&[]))?;
            }
        }
        let mut issues = Vec::new();
        for (i, h) in table.headers.iter().enumerate() {
            if !cols.contains(&Some(i)) && !h.is_empty() {
                issues.push(Issue::warning(
                    table.location(Some(1), Some(i)),
                    h.clone(),
                    "unknown column: not kept when the log is written",
                ));
            }
        }
        let mut invitations = Vec::new();
        let mut lines: HashMap<(ContactId, MunicipalityCode), u64> = HashMap::new();
        for row in &table.rows {
            let (inv, mut row_issues) = parse_invitation(table, row, &cols, frame);
            if let Some(inv) = &inv {
                let key = (inv.contact_id.clone(), inv.municipality);
                if let Some(first) = lines.get(&key) {
                    row_issues.push(Issue::error(
                        table.location(Some(row.line), cols.get(1).copied().flatten()),
                        inv.municipality.to_string(),
                        format!(
                            "contact {} is already invited for {} on line {first}",
                            inv.contact_id, inv.municipality
                        ),
                    ));
                }
            }
            let ok = !row_issues.iter().any(|i| i.severity == crate::contacts::Severity::Error);
            issues.extend(row_issues);
            if let Some(inv) = inv.filter(|_| ok) {
                lines.insert((inv.contact_id.clone(), inv.municipality), row.line);
                invitations.push(inv);
            }
        }
        Ok(Loaded { value: FieldworkLog::new(invitations)?, issues })
    }

    /// Problems between the log and the directory: invitations of a contact id that is not in
    /// the directory (errors), or for a municipality the contact does not cover (warnings).
    /// `file` names the fieldwork file in the issues; lines are not known here.
    pub fn cross_check(&self, directory: &Directory, organisations: &Organisations, file: &Path) -> Vec<Issue> {
        let mut out = Vec::new();
        for inv in &self.invitations {
            let loc = crate::error::Location::file(file).in_column("contact_id");
            match directory.get(&inv.contact_id) {
                None => out.push(Issue::error(loc, inv.contact_id.to_string(), "not in the contacts directory")),
                Some(c) => {
                    if !Directory::municipalities_of(c, organisations).contains(&inv.municipality) {
                        out.push(Issue::warning(
                            loc.in_column("municipality"),
                            inv.municipality.to_string(),
                            format!("contact {} does not cover this municipality in the directory", inv.contact_id),
                        ));
                    }
                }
            }
        }
        out
    }

    /// Write the log as `fieldwork.csv`, atomically.
    ///
    /// # Errors
    /// [`Error::Io`].
    pub fn write(&self, path: &Path) -> Result<()> {
        crate::io::write_atomic(path, |w| self.write_to(w).map_err(std::io::Error::other))
    }

    /// Write the log as CSV to any writer.
    ///
    /// # Errors
    /// [`Error::Io`] (without a path) when writing fails.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> Result<()> {
        let io = |e: csv::Error| Error::io("fieldwork.csv", std::io::Error::other(e));
        let mut w = crate::cells::SpreadsheetCsv::new(out, b',');
        w.write_record(FIELDWORK_COLUMNS.iter().map(|n| n.first().copied().unwrap_or(""))).map_err(io)?;
        let d = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        for i in &self.invitations {
            w.write_record([
                i.contact_id.as_str(),
                &i.municipality.to_string(),
                &i.invited.to_string(),
                &i.reminders.to_string(),
                &d(i.last_reminder),
                i.status.key(),
                &d(i.status_date),
            ])
            .map_err(io)?;
        }
        w.flush().map_err(|e| Error::io("fieldwork.csv", e))
    }

    /// The final disposition of each municipality in the log (the most advanced status over its
    /// invitations), at the end of `as_of` when given: invitations sent later are left out, and
    /// statuses dated later count as no reaction yet.
    pub fn unit_status(&self, as_of: Option<NaiveDate>) -> BTreeMap<MunicipalityCode, FieldworkStatus> {
        let rank = |s: FieldworkStatus| match s {
            FieldworkStatus::Completed => 5,
            FieldworkStatus::Started => 4,
            FieldworkStatus::Refused => 3,
            FieldworkStatus::Reminded | FieldworkStatus::Invited | FieldworkStatus::Bounced => 2,
            FieldworkStatus::NotEligible => 1,
        };
        let mut out: BTreeMap<MunicipalityCode, FieldworkStatus> = BTreeMap::new();
        for i in &self.invitations {
            let s = match as_of {
                Some(d) if i.invited > d => continue,
                Some(d) => i.status_at(d),
                None => i.status,
            };
            out.entry(i.municipality)
                .and_modify(|cur| {
                    if rank(s) > rank(*cur) {
                        *cur = s
                    }
                })
                .or_insert(s);
        }
        out
    }

    /// AAPOR dispositions and rates (RR1, RR2, COOP1, COOP2, REF1, CON1), overall and per
    /// stratum, one final disposition per municipality (see [`Dispositions`] for the mapping and
    /// [`Dispositions::rates`] for the formulas). With `as_of`, the state at the end of that day,
    /// to follow the rates as fieldwork runs.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] when an invitation names a municipality that is not in `frame`.
    ///
    /// # References
    /// AAPOR (2023), *Standard Definitions*, 10th edition.
    pub fn rates(
        &self,
        frame: &Frame,
        stratification: &Stratification,
        base: RateBase,
        as_of: Option<NaiveDate>,
    ) -> Result<RatesByStratum> {
        let units = self.unit_status(as_of);
        if let Some(code) = units.keys().find(|c| frame.get(**c).is_none()) {
            return Err(Error::InvalidValue {
                location: crate::error::Location::default().in_column("municipality"),
                value: code.to_string(),
                message: "invited municipality is not in the frame".into(),
            });
        }
        let counts = stratification.counts(frame);
        let mut per: Vec<Dispositions> = vec![Dispositions::default(); counts.len()];
        let index: HashMap<&str, usize> = counts.iter().enumerate().map(|(i, c)| (c.stratum.key.as_str(), i)).collect();
        let mut overall = Dispositions::default();
        for m in frame.iter() {
            let status = units.get(&m.code).copied();
            if status.is_none() && base == RateBase::Invited {
                continue;
            }
            overall.add(status);
            if let Some(d) = index.get(stratification.key_of(m).as_str()).and_then(|&i| per.get_mut(i)) {
                d.add(status);
            }
        }
        let strata = counts
            .into_iter()
            .zip(per)
            .map(|(c, d)| StratumRates {
                key: c.stratum.key,
                label: c.stratum.label,
                n_frame: c.count,
                rates: d.rates(),
            })
            .collect();
        Ok(RatesByStratum { stratification: stratification.spec(), base, as_of, overall: overall.rates(), strata })
    }

    /// Whom to remind on `as_of`: contacts with an invitation that is open (invited, reminded)
    /// or started, whose last contact is more than `min_days` days before `as_of`, who refused
    /// nothing, for municipalities that have not completed, refused or been found not eligible
    /// through any contact. One entry per contact, longest waiting first.
    pub fn reminders_due(&self, as_of: NaiveDate, min_days: u32) -> Vec<ReminderDue> {
        let closed: BTreeSet<MunicipalityCode> = self
            .invitations
            .iter()
            .filter(|i| {
                matches!(i.status, FieldworkStatus::Completed | FieldworkStatus::Refused | FieldworkStatus::NotEligible)
            })
            .map(|i| i.municipality)
            .collect();
        let refused: BTreeSet<&ContactId> =
            self.invitations.iter().filter(|i| i.status == FieldworkStatus::Refused).map(|i| &i.contact_id).collect();
        let mut per: BTreeMap<&ContactId, ReminderDue> = BTreeMap::new();
        for i in &self.invitations {
            let open = i.status.is_open() || i.status == FieldworkStatus::Started;
            if !open || closed.contains(&i.municipality) || refused.contains(&i.contact_id) || i.invited > as_of {
                continue;
            }
            let last = i.last_contact();
            let e = per.entry(&i.contact_id).or_insert_with(|| ReminderDue {
                contact_id: i.contact_id.clone(),
                municipalities: Vec::new(),
                last_contact: last,
                days_since: 0,
                reminders_sent: 0,
            });
            e.municipalities.push(i.municipality);
            e.last_contact = e.last_contact.max(last);
            e.reminders_sent = e.reminders_sent.max(i.reminders);
        }
        let mut out: Vec<ReminderDue> = per
            .into_values()
            .map(|mut r| {
                r.days_since = (as_of - r.last_contact).num_days();
                r
            })
            .filter(|r| r.days_since > i64::from(min_days))
            .collect();
        out.sort_by(|a, b| a.last_contact.cmp(&b.last_contact).then(a.contact_id.cmp(&b.contact_id)));
        out
    }
}

fn parse_invitation(
    table: &CsvTable,
    row: &CsvRow,
    cols: &[Option<usize>],
    frame: &Frame,
) -> (Option<Invitation>, Vec<Issue>) {
    let mut issues = Vec::new();
    let col = |i: usize| cols.get(i).copied().flatten();
    let cell = |i: usize| col(i).map_or("", |c| table.cell(row, c));
    let loc = |i: usize| table.location(Some(row.line), col(i));
    let mut fail = |i: usize, value: &str, message: String| issues.push(Issue::error(loc(i), value, message));

    let contact_id = ContactId::new(cell(0)).map_err(|e| fail(0, cell(0), message_of(&e))).ok();
    let municipality = match MunicipalityCode::new(cell(1)) {
        Ok(code) if frame.get(code).is_some() => Some(code),
        Ok(code) => {
            fail(1, cell(1), format!("municipality {code} is not in the frame of {}", frame.reference_date()));
            None
        }
        Err(_) => match frame.lookup(cell(1)) {
            Ok(m) => Some(m.code),
            Err(e) => {
                fail(1, cell(1), e.to_string());
                None
            }
        },
    };
    let mut date = |i: usize, required: bool| -> Option<NaiveDate> {
        let t = cell(i);
        if t.is_empty() {
            if required {
                fail(i, "", "a date is required, e.g. 2025-03-04".into());
            }
            return None;
        }
        let d = parse_date(t);
        if d.is_none() {
            fail(i, t, "expected a date, e.g. 2025-03-04 or 4-3-2025".into());
        }
        d
    };
    let invited = date(2, true);
    let last_reminder = date(4, false);
    let status_date = date(6, false);
    let reminders = match cell(3) {
        "" => Some(u32::from(last_reminder.is_some())),
        t => t.parse::<u32>().map_err(|_| fail(3, t, "expected a whole number of reminders".into())).ok(),
    };
    let status = cell(5).parse::<FieldworkStatus>().map_err(|e| fail(5, cell(5), message_of(&e))).ok();
    if let (Some(inv), Some(r)) = (invited, last_reminder)
        && r < inv
    {
        fail(4, cell(4), format!("the last reminder lies before the invitation ({inv})"));
    }
    if let (Some(inv), Some(s)) = (invited, status_date)
        && s < inv
    {
        fail(6, cell(6), format!("the status date lies before the invitation ({inv})"));
    }
    if status == Some(FieldworkStatus::Reminded) && reminders == Some(0) {
        fail(3, cell(3), "status is reminded but no reminder is recorded".into());
    }
    let inv = match (contact_id, municipality, invited, status, reminders) {
        (Some(contact_id), Some(municipality), Some(invited), Some(status), Some(reminders)) => {
            Some(Invitation { contact_id, municipality, invited, reminders, last_reminder, status, status_date })
        }
        _ => None,
    };
    (inv, issues)
}
