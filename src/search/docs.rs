//! The search index's per-document facts: which record each document is, whether it is
//! still the record's current version, and each record's current document.

use super::vocab::DocId;
use crate::model::Kind;

/// No document: a record not (or no longer) in the index.
pub const NONE: DocId = DocId::MAX;

/// Per-document facts, in parallel arrays (a few bytes per record). No time of update: doc
/// id order is the order of last update (the build sorts by it, every write appends), so a
/// larger doc id is the more recent record.
#[derive(Debug, Default)]
pub struct Docs {
    pub kinds: Vec<Kind>,
    pub ids: Vec<u64>,
    pub alive: Vec<bool>,
    /// Current doc of each record, per kind, indexed by record id.
    pub(super) by_record: [Vec<DocId>; Kind::COUNT],
}

impl Docs {
    pub(super) fn slot(&mut self, kind: Kind, id: u64) -> &mut DocId {
        let list = &mut self.by_record[kind.index()];
        let i = id as usize;
        if list.len() <= i {
            list.resize(i + 1, NONE);
        }
        &mut list[i]
    }

    pub fn current(&self, kind: Kind, id: u64) -> Option<DocId> {
        let doc = *self.by_record[kind.index()].get(id as usize)?;
        (doc != NONE).then_some(doc)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Gives back what the build's growth left unused.
    pub(super) fn shrink(&mut self) {
        self.kinds.shrink_to_fit();
        self.ids.shrink_to_fit();
        self.alive.shrink_to_fit();
        self.by_record.iter_mut().for_each(Vec::shrink_to_fit);
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}
