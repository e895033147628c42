//! The in-memory search index: documents, word postings and numbers. It follows every write
//! at once: an update appends a new document and retires the old one, so postings stay
//! sorted without ever being rewritten.

use super::candidates::Scratch;
use super::docs::{Docs, NONE};
use super::fields::{FieldClass, each_search_field};
use super::held::Held;
use super::initials;
use super::numbers::{MAX_DOCS, NumberTable, pack};
use super::session::Numbering;
use super::tokens::{Piece, digit_key, numbers, pieces};
use super::view::{DataView, decode_view};
use super::vocab::{DocId, Vocab};
use crate::model::{Kind, Record};
use crate::store::RawBatch;
use crate::text::fold::fold_into;
use std::sync::Mutex;

/// Retired documents a rebuild is worth at least.
pub const REBUILD_FLOOR: usize = 100_000;
/// Tokens or numbers added since the build (kept in ordered maps) a rebuild folds in.
const ADDED_MAX: usize = 2_000_000;
/// Records tokenised per parallel task while building; each task has its own vocabulary.
/// A batch makes eight tasks, so both cores stay busy beside the merge of the batch before
/// (at 16384 it made two, and one core waited for the other), and the parts in flight stay
/// small (about 330 MiB less at the build's peak at 6M).
const BUILD_CHUNK: usize = 4096;

#[derive(Debug, Default)]
pub struct SearchIndex {
    pub vocab: Vocab,
    pub numbers: NumberTable,
    pub docs: Docs,
    /// Live documents (not retired).
    live: usize,
    /// Bumped on every change, so cached partial results know when they are stale.
    pub generation: u64,
    /// This index's numbering of documents: what a session's held candidates refer to.
    pub numbering: Numbering,
    /// Per-document scratch arrays, lent to one evaluation at a time: as many exist as
    /// searches ever ran at once, not one per connection.
    spare: Mutex<Vec<Scratch>>,
    /// Documents this index may hold (`MAX_DOCS`; smaller in tests). 0 means the default.
    limit: usize,
    /// Records left out because the index was full.
    refused: u64,
    /// What search sessions keep between keystrokes, against a budget.
    pub held: Held,
}

/// Scratch lent by the index for one evaluation; goes back when dropped.
pub struct Lease<'a> {
    index: &'a SearchIndex,
    scratch: Option<Scratch>,
}

impl std::ops::Deref for Lease<'_> {
    type Target = Scratch;
    fn deref(&self) -> &Scratch {
        self.scratch.as_ref().expect("held until dropped")
    }
}

impl std::ops::DerefMut for Lease<'_> {
    fn deref_mut(&mut self) -> &mut Scratch {
        self.scratch.as_mut().expect("held until dropped")
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        // Scratch left by a panic may not be zero: dropped, not reused.
        if let Some(s) = self.scratch.take().filter(|_| !std::thread::panicking()) {
            let mut spare = self.index.spare.lock().unwrap_or_else(|p| p.into_inner());
            if spare.len() < SPARE_KEPT {
                spare.push(s);
            }
        }
    }
}

/// Scratch arrays kept for reuse; more searches at once allocate and drop their own.
const SPARE_KEPT: usize = 4;

/// One chunk of a batch, tokenised on its own, with doc ids counted from 0.
struct ChunkPart {
    skipped: usize,
    metas: Vec<(Kind, u64, i64)>,
    vocab: Vocab,
    numbers: Vec<(u64, u32)>,
}

/// Decodes and tokenises a batch of stored values, chunks in parallel.
fn tokenise(batch: &RawBatch) -> Vec<ChunkPart> {
    use rayon::prelude::*;
    let Some(kind) = batch.kind else {
        return Vec::new();
    };
    let starts: Vec<usize> = (0..batch.len()).step_by(BUILD_CHUNK).collect();
    starts
        .par_iter()
        .map(|&start| {
            let chunk = (start..batch.len().min(start + BUILD_CHUNK)).map(|i| batch.get(i));
            let mut part = ChunkPart {
                skipped: 0,
                metas: Vec::with_capacity(chunk.len()),
                vocab: Vocab::default(),
                numbers: Vec::new(),
            };
            let mut memo = Memo::default();
            for (id, bytes) in chunk {
                // A value that does not decode is left out of search (`check` reports it).
                let Some(record) = decode_view(kind, bytes).filter(|v| v.id == id) else {
                    part.skipped += 1;
                    continue;
                };
                if record.deleted {
                    continue;
                }
                let doc = part.metas.len() as DocId;
                add_tokens(
                    &mut part.vocab,
                    &mut |k, v| part.numbers.push((k, v)),
                    doc,
                    record.code,
                    &record.data,
                    false,
                    Some(&mut memo),
                );
                part.metas.push((kind, id, record.updated_at));
            }
            // Grouped by the top byte that picks their build bucket, here in parallel, so
            // that the serial merge appends runs instead of scattering single entries.
            part.numbers.sort_unstable_by_key(|&(k, _)| k >> 56);
            part
        })
        .collect()
}

/// Fields whose values repeat across records (a city, an occupation, a province): within
/// one build chunk each distinct value is folded and split once, then its tokens reused.
fn repeats(field: &str) -> bool {
    matches!(
        field,
        "country"
            | "city"
            | "hometown"
            | "occupation"
            | "workplace"
            | "association"
            | "tags"
            | "source"
            | "relatives.relationship"
            | "vn_party"
            | "implementing_agency"
    )
}

/// Fields whose runs of words are also found by their initials ("ĐSQ", "UBND", "TP"): the
/// names of organisations and places. Not people's names (nobody types "ntoa" for Nguyễn
/// Thị Oanh, and they are most of the words of six million citizens), occupations, web
/// addresses, numbers or notes.
fn has_initials(field: &str, class: FieldClass) -> bool {
    matches!(class, FieldClass::Primary | FieldClass::Secondary)
        && !matches!(
            field,
            "code"
                | "full_name"
                | "relatives.name"
                | "contacts.name"
                | "occupation"
                | "website"
                | "email"
                | "contacts.email"
                | "social"
                | "phone"
                | "contacts.phone"
        )
}

/// The tokens and number keys of field values already seen in a chunk: (class, raw text) →
/// ranges in the two buffers.
#[derive(Default)]
struct Memo<'a> {
    seen: rustc_hash::FxHashMap<(u8, &'a str), (u32, u32, u32, u32)>,
    tokens: Vec<u32>,
    numbers: Vec<u64>,
}

/// Tokens of one record, added to a vocabulary under doc `doc`.
fn add_tokens<'a>(
    vocab: &mut Vocab,
    numbers_out: &mut impl FnMut(u64, u32),
    doc: DocId,
    code: &'a str,
    data: &DataView<'a>,
    keep_sorted: bool,
    mut memo: Option<&mut Memo<'a>>,
) {
    let mut folded = String::new();
    each_search_field(code, data, |field| {
        let key = (field.class as u8, field.text);
        let memo = memo.as_deref_mut().filter(|_| repeats(field.name));
        if let Some(&(t0, t1, n0, n1)) = memo.as_ref().and_then(|m| m.seen.get(&key)) {
            let m = memo.expect("memo checked above");
            for &token in &m.tokens[t0 as usize..t1 as usize] {
                vocab.postings[token as usize].add(field.class, doc, keep_sorted);
            }
            for &k in &m.numbers[n0 as usize..n1 as usize] {
                numbers_out(k, pack(doc, field.class));
            }
            return;
        }
        folded.clear();
        fold_into(field.text, &mut folded);
        // In phone and document-number fields, short digit groups ("098", "4567") are not
        // words: the number table finds those numbers by any group of six digits or more.
        let numeric = matches!(
            field.name,
            "phone" | "contacts.phone" | "relatives.phone" | "social" | "passport_no" | "id_no"
        );
        let (mut tokens, mut keys) = (Vec::new(), Vec::new());
        let remember = memo.is_some();
        let mut add = |vocab: &mut Vocab, word: &str| {
            let token = vocab.intern(word, keep_sorted);
            vocab.postings[token as usize].add(field.class, doc, keep_sorted);
            if remember {
                tokens.push(token);
            }
        };
        for piece in pieces(&folded) {
            if let Piece::Word(word) = piece {
                if numeric && word.as_bytes()[0].is_ascii_digit() {
                    continue;
                }
                add(vocab, word);
            }
        }
        if has_initials(field.name, field.class) {
            initials::each(&folded, |token| add(vocab, token));
        }
        // Passport numbers are found by any part; other numbers by any group's start.
        let every_position = field.name == "passport_no";
        numbers(&folded, every_position, |digits| {
            let k = digit_key(digits);
            numbers_out(k, pack(doc, field.class));
            if remember {
                keys.push(k);
            }
        });
        if let Some(m) = memo {
            let (t0, n0) = (m.tokens.len() as u32, m.numbers.len() as u32);
            m.tokens.extend(tokens);
            m.numbers.extend(keys);
            let range = (t0, m.tokens.len() as u32, n0, m.numbers.len() as u32);
            m.seen.insert(key, range);
        }
    });
}

impl SearchIndex {
    /// Scratch for one evaluation (all zero), lent until the lease is dropped.
    pub fn scratch(&self) -> Lease<'_> {
        let spare = self.spare.lock().unwrap_or_else(|p| p.into_inner()).pop();
        Lease {
            index: self,
            scratch: Some(spare.unwrap_or_default()),
        }
    }

    pub fn live_docs(&self) -> usize {
        self.live
    }

    fn doc_limit(&self) -> usize {
        if self.limit == 0 {
            MAX_DOCS
        } else {
            self.limit
        }
    }

    /// An index that holds at most `limit` documents (to test what happens at `MAX_DOCS`).
    #[cfg(test)]
    fn with_limit(limit: usize) -> SearchIndex {
        SearchIndex {
            limit,
            ..SearchIndex::default()
        }
    }

    /// Records that could not be indexed because it was full (a rebuild makes room: retired
    /// documents are not carried over).
    pub fn refused(&self) -> u64 {
        self.refused
    }

    /// Whether a fresh build from the store would serve better than this index: it holds
    /// many retired documents (every update leaves one), nears its document limit, or has
    /// gathered many tokens and numbers outside its sorted arrays.
    /// `floor`: retired documents a rebuild is worth at least (`REBUILD_FLOOR`).
    pub fn needs_rebuild(&self, floor: usize) -> bool {
        let retired = self.docs.len() - self.live;
        retired > (self.live / 2).max(floor)
            || (self.docs.len() + floor >= self.doc_limit() && retired > 0)
            || self.numbers.added() > ADDED_MAX
            || self.vocab.added() > ADDED_MAX
    }

    /// A new document, or `None` when the index is full.
    fn push_meta(&mut self, kind: Kind, id: u64) -> Option<DocId> {
        if self.docs.len() >= self.doc_limit() {
            self.refused += 1;
            return None;
        }
        let doc = self.docs.ids.len() as DocId;
        self.docs.kinds.push(kind);
        self.docs.ids.push(id);
        self.docs.alive.push(true);
        *self.docs.slot(kind, id) = doc;
        self.live += 1;
        Some(doc)
    }

    /// Indexes a record created, changed or restored; a deleted one leaves the index.
    pub fn upsert(&mut self, record: &Record) {
        self.remove(record.kind(), record.meta.id);
        if record.is_deleted() {
            return;
        }
        let Some(doc) = self.push_meta(record.kind(), record.meta.id) else {
            self.generation += 1;
            return;
        };
        let numbers = &mut self.numbers;
        let view = DataView::of(&record.data);
        add_tokens(
            &mut self.vocab,
            &mut |k, v| numbers.insert(k, v),
            doc,
            &record.meta.code,
            &view,
            true,
            None,
        );
        self.generation += 1;
    }

    pub fn remove(&mut self, kind: Kind, id: u64) {
        let slot = self.docs.slot(kind, id);
        if *slot != NONE {
            let doc = *slot as usize;
            *slot = NONE;
            self.docs.alive[doc] = false;
            self.live -= 1;
            self.generation += 1;
        }
    }

    /// Builds from stored values, in batches of (kind, id, bytes), decoding and tokenising
    /// chunks in parallel. Values that do not decode are skipped and counted.
    /// Each batch is handed to `done` once tokenised, so its buffers can be reused.
    pub fn build(
        batches: impl Iterator<Item = RawBatch>,
        mut done: impl FnMut(RawBatch),
    ) -> (SearchIndex, usize) {
        let mut index = SearchIndex::default();
        // Number entries split by their key's top byte, so the final sort runs per bucket.
        let mut numbers: Vec<Vec<(u64, u32)>> = vec![Vec::new(); 256];
        // When each document was last updated, for the build's renumbering only.
        let mut updated: Vec<i64> = Vec::new();
        let mut skipped = 0;
        let mut pending: Vec<ChunkPart> = Vec::new();
        // While one batch is decoded and tokenised in parallel, the previous one is merged.
        for batch in batches {
            let (parts, ()) = rayon::join(
                || tokenise(&batch),
                || {
                    let parts = std::mem::take(&mut pending);
                    skipped += index.absorb(parts, &mut numbers, &mut updated)
                },
            );
            pending = parts;
            done(batch);
        }
        skipped += index.absorb(pending, &mut numbers, &mut updated);
        index.vocab.finish_bulk();
        index.numbers = NumberTable::from_buckets(numbers);
        index.order_by_recency(&updated);
        index.docs.shrink();
        (index, skipped)
    }

    /// Appends tokenised chunks in order; returns how many values did not decode.
    fn absorb(
        &mut self,
        parts: Vec<ChunkPart>,
        numbers: &mut [Vec<(u64, u32)>],
        updated: &mut Vec<i64>,
    ) -> usize {
        let mut skipped = 0;
        for part in parts {
            skipped += part.skipped;
            let offset = self.docs.len() as DocId;
            // A part that does not fit whole is left out whole (its postings count from 0).
            if self.docs.len() + part.metas.len() > self.doc_limit() {
                self.refused += part.metas.len() as u64;
                continue;
            }
            for (kind, id, at) in part.metas {
                self.push_meta(kind, id);
                updated.push(at);
            }
            self.vocab.absorb(part.vocab, offset);
            for run in part.numbers.chunk_by(|a, b| a.0 >> 56 == b.0 >> 56) {
                let bucket = &mut numbers[(run[0].0 >> 56) as usize];
                bucket.extend(run.iter().map(|&(k, v)| (k, v + offset)));
            }
        }
        skipped
    }

    /// Renumbers documents so that doc id order is the order of last update. Every later
    /// write appends a newer document, so the order holds for the life of the index, and the
    /// most recent documents of any posting list are at its end.
    fn order_by_recency(&mut self, updated: &[i64]) {
        if updated.is_sorted() {
            return;
        }
        self.numbering = Numbering::default();
        let docs = &mut self.docs;
        let mut order: Vec<DocId> = (0..docs.len() as DocId).collect();
        order.sort_by_key(|&d| updated[d as usize]);
        let mut new_of = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_of[old as usize] = new as DocId;
        }
        docs.kinds = order.iter().map(|&d| docs.kinds[d as usize]).collect();
        docs.ids = order.iter().map(|&d| docs.ids[d as usize]).collect();
        docs.alive = order.iter().map(|&d| docs.alive[d as usize]).collect();
        for list in docs.by_record.iter_mut() {
            list.iter_mut()
                .filter(|d| **d != NONE)
                .for_each(|d| *d = new_of[*d as usize]);
        }
        use rayon::prelude::*;
        self.vocab.postings.par_iter_mut().for_each(|p| {
            for list in p.0.iter_mut() {
                list.iter_mut().for_each(|d| *d = new_of[*d as usize]);
                // A list renumbered is a few sorted runs (kinds scanned in another order
                // than written, a few records updated since): the stable sort merges runs in
                // linear time where the unstable one sorts afresh (22 s per million).
                list.sort();
            }
        });
        self.numbers.remap_docs(&new_of);
    }

    /// Approximate heap bytes of the index structures (not counting the stored records).
    pub fn heap_bytes(&self) -> usize {
        self.heap_parts().iter().map(|p| p.1).sum()
    }

    /// Approximate heap bytes by part, for the benchmark: where the memory goes.
    pub fn heap_parts(&self) -> [(&'static str, usize); 5] {
        let lists: usize = self
            .vocab
            .postings
            .iter()
            .map(|p| p.0.iter().map(|l| l.capacity() * 4).sum::<usize>())
            .sum();
        let headers =
            self.vocab.postings.capacity() * std::mem::size_of::<super::vocab::Postings>();
        let names: usize = (0..self.vocab.len() as u32)
            .map(|t| self.vocab.name(t).len() * 2 + 48)
            .sum();
        let docs = self.docs.ids.capacity() * (8 + 1 + 1)
            + self
                .docs
                .by_record
                .iter()
                .map(|v| v.capacity() * 4)
                .sum::<usize>();
        [
            ("postings", lists),
            ("list headers", headers),
            ("token names", names),
            ("documents", docs),
            ("numbers", self.numbers.heap_bytes()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Citizen, Meta, RecordData};
    use crate::search::{SearchSession, search_step};

    fn citizen(id: u64, name: &str) -> Record {
        Record {
            meta: Meta {
                id,
                code: format!("CD-{id:06}"),
                rev: 1,
                created_at: 0,
                created_by: String::new(),
                updated_at: id as i64,
                updated_by: String::new(),
                deleted: None,
            },
            data: RecordData::Citizen(Citizen {
                full_name: name.into(),
                phone: format!("0912 000 {id:03}"),
                ..Default::default()
            }),
        }
    }

    fn found(index: &SearchIndex, records: &[Record], query: &str) -> Vec<String> {
        let fetch = |_, id: u64| records.iter().find(|r| r.meta.id == id).cloned();
        let mut session = SearchSession::default();
        let found = loop {
            if let Some(found) =
                search_step(index, &mut session, query, None, 10, true, fetch).unwrap()
            {
                break found;
            }
        };
        found.hits.into_iter().map(|h| h.code).collect()
    }

    /// A full index refuses a document and says so; it never wraps an id onto another.
    #[test]
    fn a_full_index_refuses_documents_and_keeps_the_others_whole() {
        let mut index = SearchIndex::with_limit(3);
        let records: Vec<Record> = (1..=4).map(|i| citizen(i, &format!("Ten{i} An"))).collect();
        for r in &records {
            index.upsert(r);
        }
        assert_eq!((index.live_docs(), index.refused()), (3, 1));
        assert_eq!(found(&index, &records, "an").len(), 3);
        assert!(found(&index, &records, "ten4").is_empty());
        assert_eq!(found(&index, &records, "ten1"), ["CD-000001"]);
        assert_eq!(found(&index, &records, "0912000002"), ["CD-000002"]);
        assert!(
            !index.needs_rebuild(REBUILD_FLOOR),
            "nothing retired: a rebuild would not make room"
        );
        // An update retires a document: now a rebuild would.
        index.upsert(&records[0]);
        assert!(index.needs_rebuild(REBUILD_FLOOR));
    }

    #[test]
    fn updates_leave_retired_documents_that_call_for_a_rebuild() {
        let mut index = SearchIndex::default();
        let record = citizen(1, "Nguyen Van An");
        for _ in 0..=REBUILD_FLOOR {
            index.upsert(&record);
        }
        assert_eq!(index.live_docs(), 1);
        assert!(
            !index.needs_rebuild(REBUILD_FLOOR),
            "{REBUILD_FLOOR} retired: not yet"
        );
        index.upsert(&record);
        assert!(index.needs_rebuild(REBUILD_FLOOR));
        assert_eq!(
            found(&index, std::slice::from_ref(&record), "nguyen van an"),
            ["CD-000001"]
        );
    }
}
