//! The compare view's state: a save met someone else's. Field by field, the version the form
//! started from (base), mine and theirs; a field changed on one side only merges by itself,
//! a field changed on both waits for keep-theirs or keep-mine. Saving writes the merge on
//! their revision. A record deleted meanwhile is restored first; one purged meanwhile can
//! only be saved as a new record.

use crate::cli::output::show_value;
use crate::i18n::Lang;
use crate::model::{Kind, Record, RecordData};
use serde_json::{Map, Value};

/// Whose value a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Mine,
    Theirs,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Canonical top-level field name.
    pub field: String,
    pub base: Value,
    pub mine: Value,
    pub theirs: Value,
    /// Changed on both sides, to different values: the user picks.
    pub conflict: bool,
    /// The side taken: set by itself for a one-sided change, by the user for a conflict.
    pub pick: Option<Pick>,
}

impl Row {
    /// The value as the detail screen shows it ("∅" when empty).
    pub fn shown(&self, which: Pick, base: bool, lang: Lang) -> String {
        let v = match (base, which) {
            (true, _) => &self.base,
            (false, Pick::Mine) => &self.mine,
            (false, Pick::Theirs) => &self.theirs,
        };
        if crate::interop::jsonl::is_empty(v) {
            return "∅".into();
        }
        show_value(&self.field, v, lang)
    }
}

/// What happened to the record meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meanwhile {
    Changed,
    /// In the trash: by whom, when (ms).
    Deleted {
        by: String,
        at: i64,
    },
    /// Gone for good.
    Purged,
}

#[derive(Debug, Clone)]
pub struct CompareState {
    pub kind: Kind,
    pub code: String,
    /// Their record (the current one); `None` once purged.
    pub theirs: Option<Record>,
    pub meanwhile: Meanwhile,
    /// Fields where something differs from the base, in the kind's order.
    pub rows: Vec<Row>,
    /// Fields the same on all three sides (not listed).
    pub unchanged: usize,
    pub selected: usize,
    pub and_new: bool,
    /// Mine as saved: the whole answer once theirs is gone.
    mine: RecordData,
}

fn fields_of(data: &RecordData) -> Map<String, Value> {
    match data.to_json() {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

impl CompareState {
    pub fn new(
        base: &RecordData,
        mine: &RecordData,
        theirs: Option<Record>,
        and_new: bool,
    ) -> Self {
        let kind = mine.kind();
        let code = theirs
            .as_ref()
            .map(|r| r.meta.code.clone())
            .unwrap_or_default();
        let meanwhile = match &theirs {
            None => Meanwhile::Purged,
            Some(r) => match &r.meta.deleted {
                Some(d) => Meanwhile::Deleted {
                    by: d.by.clone(),
                    at: d.at,
                },
                None => Meanwhile::Changed,
            },
        };
        let (b, m) = (fields_of(base), fields_of(mine));
        let t = theirs
            .as_ref()
            .map(|r| fields_of(&r.data))
            .unwrap_or_else(|| b.clone());
        let mut rows = Vec::new();
        let mut unchanged = 0;
        for (field, base) in &b {
            let mine = m.get(field).cloned().unwrap_or(Value::Null);
            let theirs = t.get(field).cloned().unwrap_or(Value::Null);
            let (mine_changed, theirs_changed) = (mine != *base, theirs != *base);
            if !mine_changed && !theirs_changed {
                unchanged += 1;
                continue;
            }
            let conflict = mine_changed && theirs_changed && mine != theirs;
            let pick = match (mine_changed, theirs_changed, conflict) {
                (_, _, true) => None,
                (true, _, false) => Some(Pick::Mine),
                (false, _, false) => Some(Pick::Theirs),
            };
            rows.push(Row {
                field: field.clone(),
                base: base.clone(),
                mine,
                theirs,
                conflict,
                pick,
            });
        }
        let selected = rows.iter().position(|r| r.conflict).unwrap_or(0);
        CompareState {
            kind,
            code,
            theirs,
            meanwhile,
            rows,
            unchanged,
            selected,
            and_new,
            mine: mine.clone(),
        }
    }

    /// Conflicts still waiting for a pick.
    pub fn open_conflicts(&self) -> usize {
        self.rows.iter().filter(|r| r.pick.is_none()).count()
    }

    pub fn pick(&mut self, pick: Pick) {
        if let Some(row) = self.rows.get_mut(self.selected) {
            row.pick = Some(pick);
        }
        // On to the next conflict still open, so t/m/t/m walks through them.
        if let Some(next) = self.rows.iter().position(|r| r.pick.is_none()) {
            self.selected = next;
        }
    }

    pub fn move_by(&mut self, delta: i64) {
        let n = self.rows.len() as i64;
        if n > 0 {
            self.selected = (self.selected as i64 + delta).clamp(0, n - 1) as usize;
        }
    }

    /// The merged record: their fields, with each listed field from the side it takes
    /// (mine where a conflict is still open).
    pub fn merged(&self) -> Result<RecordData, String> {
        let Some(theirs) = &self.theirs else {
            return Ok(self.mine.clone());
        };
        let mut fields = fields_of(&theirs.data);
        for row in &self.rows {
            let value = match row.pick.unwrap_or(Pick::Mine) {
                Pick::Mine => row.mine.clone(),
                Pick::Theirs => row.theirs.clone(),
            };
            fields.insert(row.field.clone(), value);
        }
        RecordData::from_json(self.kind, Value::Object(fields))
    }

    /// Their revision, which a save must name.
    pub fn their_rev(&self) -> Option<u64> {
        self.theirs.as_ref().map(|r| r.meta.rev)
    }
}
