//! Every save the server acknowledged during the load run, and the check at its end that
//! each one is still there, in order: no write lost, none silently overwritten.
//!
//! A save writes a unique marker into the record's notes and names the revision it was
//! based on. Only the simulated staff write the records they save (the bulk import creates
//! its own), so for each record the acknowledged saves must form one chain: revisions
//! one apart, each based on the one before and having seen its marker (an update that had
//! not seen the previous write is refused as stale, never acknowledged). The record must
//! end at the last link, and its history must hold every link.

use ngoaivu::model::RecordData;
use ngoaivu::service::{Client, Request, Response};
use std::collections::{HashMap, HashSet};

/// One acknowledged save of a record.
#[derive(Debug, Clone)]
pub struct Ack {
    pub user: usize,
    /// The revision the server said it wrote.
    pub rev: u64,
    /// The revision the save was based on (0: a create).
    pub base_rev: u64,
    /// What this save put in the notes.
    pub marker: String,
    /// What the notes held in the revision it was based on.
    pub base_marker: String,
}

#[derive(Debug, Default)]
pub struct Ledger {
    writes: HashMap<String, Vec<Ack>>,
    /// Records a save of which failed without an answer: it may or may not have landed
    /// (already counted as an error), so their chain is not checked.
    uncertain: HashSet<String>,
}

/// The notes of a record (where the load writes its markers).
pub fn notes(data: &RecordData) -> String {
    match data {
        RecordData::Citizen(c) => c.notes.clone(),
        _ => String::new(),
    }
}

impl Ledger {
    pub fn ack(&mut self, code: &str, ack: Ack) {
        self.writes.entry(code.to_string()).or_default().push(ack);
    }

    pub fn uncertain(&mut self, code: &str) {
        self.uncertain.insert(code.to_string());
    }

    pub fn records(&self) -> usize {
        self.writes.len()
    }

    pub fn saves(&self) -> usize {
        self.writes.values().map(Vec::len).sum()
    }

    /// Records the staff created (their first save was based on nothing).
    pub fn creates(&self) -> usize {
        self.writes
            .values()
            .filter(|acks| acks.iter().any(|a| a.base_rev == 0))
            .count()
    }

    /// Records more than one user saved (where an overwrite could have happened).
    pub fn shared(&self) -> usize {
        self.writes
            .values()
            .filter(|acks| acks.iter().any(|a| a.user != acks[0].user))
            .count()
    }

    /// Checks every acknowledged save through `client`; the problems found.
    pub fn check(&self, client: &Client) -> Vec<String> {
        let mut problems = Vec::new();
        let mut codes: Vec<&String> = self.writes.keys().collect();
        codes.sort();
        for code in codes {
            if self.uncertain.contains(code) {
                continue;
            }
            let mut acks = self.writes[code].clone();
            acks.sort_by_key(|a| a.rev);
            problems.extend(chain(code, &acks));
            problems.extend(stored(client, code, &acks));
        }
        problems
    }
}

/// The check must see a write it was not told about: one record is changed behind the
/// ledger's back, and exactly that record must be reported. True when it is.
pub fn check_sees_a_foreign_write(client: &Client, ledger: &Ledger) -> bool {
    let Some(code) = ledger
        .writes
        .keys()
        .find(|c| !ledger.uncertain.contains(*c))
    else {
        return false;
    };
    let Ok(Response::Record(r)) = client.call(Request::Get { code: code.clone() }) else {
        return false;
    };
    let mut data = r.data.clone();
    if let RecordData::Citizen(c) = &mut data {
        c.notes = "changed behind the ledger's back".into();
    }
    let written = client.call(Request::Update {
        code: code.clone(),
        base_rev: r.meta.rev,
        record: data,
    });
    let acks = &ledger.writes[code];
    let mut sorted = acks.clone();
    sorted.sort_by_key(|a| a.rev);
    let problems = stored(client, code, &sorted);
    matches!(written, Ok(Response::Record(_))) && problems.len() == 1
}

/// The acknowledged saves of one record, in revision order, must each build on the last.
fn chain(code: &str, acks: &[Ack]) -> Vec<String> {
    let mut problems = Vec::new();
    for a in acks {
        if a.rev != a.base_rev + 1 {
            problems.push(format!(
                "{code}: u{}'s save based on rev {} was acknowledged as rev {}",
                a.user, a.base_rev, a.rev
            ));
        }
    }
    for pair in acks.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if before.rev == after.rev {
            problems.push(format!(
                "{code}: two saves acknowledged as rev {} (u{} {:?} and u{} {:?}): one overwrote the other",
                after.rev, before.user, before.marker, after.user, after.marker
            ));
        } else if after.base_rev != before.rev || after.base_marker != before.marker {
            problems.push(format!(
                "{code}: u{}'s save (rev {}) was based on rev {} {:?}, not on u{}'s acknowledged rev {} {:?}: that write was overwritten unseen",
                after.user,
                after.rev,
                after.base_rev,
                after.base_marker,
                before.user,
                before.rev,
                before.marker
            ));
        }
    }
    problems
}

/// The record holds the last acknowledged save, and its history every one of them.
fn stored(client: &Client, code: &str, acks: &[Ack]) -> Vec<String> {
    let last = acks.last().expect("a record in the ledger has a save");
    let mut problems = Vec::new();
    match client.call(Request::Get { code: code.into() }) {
        Ok(Response::Record(r)) => {
            let now = notes(&r.data);
            if r.meta.rev != last.rev || now != last.marker {
                problems.push(format!(
                    "{code}: holds rev {} {now:?}, the last acknowledged save is u{}'s rev {} {:?}",
                    r.meta.rev, last.user, last.rev, last.marker
                ));
            }
            if r.meta.deleted.is_some() {
                problems.push(format!("{code}: in the trash, nobody deleted it"));
            }
        }
        other => problems.push(format!("{code}: cannot be read back ({other:?})")),
    }
    match client.call(Request::History { code: code.into() }) {
        Ok(Response::History(entries)) => {
            for a in acks {
                let Some(e) = entries.iter().find(|e| e.rev == a.rev) else {
                    problems.push(format!(
                        "{code}: rev {} (u{}) missing from its history",
                        a.rev, a.user
                    ));
                    continue;
                };
                let notes_after = e
                    .changes
                    .iter()
                    .find(|c| c.field == "notes")
                    .map(|c| &c.after);
                let landed = match notes_after {
                    Some(after) => *after == a.marker,
                    // A create lists no changes; an update always changes the notes.
                    None => a.base_rev == 0,
                };
                if !landed {
                    problems.push(format!(
                        "{code}: its history at rev {} says notes {notes_after:?}, u{} saved {:?}",
                        a.rev, a.user, a.marker
                    ));
                }
            }
        }
        other => problems.push(format!("{code}: no history ({other:?})")),
    }
    problems
}
