//! The stored-value decoder (`store::codec`): every record kind's envelopes, history
//! entries and operations. Input: one selector byte (which table), one id byte (the key
//! the value is stored under), then the value's bytes as redb would hand them over.
//! Whatever decodes must re-encode in the newest layout and decode to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ngoaivu::model::Kind;
use ngoaivu::store::codec::{self, decode_record, encode_record};
use ngoaivu::store::history::HistoryEnvelope;
use ngoaivu::store::ops::{self, OpEnvelope};

fuzz_target!(|data: &[u8]| {
    let [selector, id, bytes @ ..] = data else {
        return;
    };
    let id = u64::from(*id);
    let selector = usize::from(*selector) % (Kind::COUNT + 2);
    if let Some(&kind) = Kind::ALL.get(selector) {
        let Ok(record) = decode_record(kind, id, bytes) else {
            return;
        };
        assert_eq!(record.meta.id, id, "a record decoded under another key");
        assert_eq!(record.data.kind(), kind, "a record decoded as another kind");
        let again = encode_record(&record).expect("a decoded record re-encodes");
        let back = decode_record(kind, id, &again).expect("a re-encoded record decodes");
        assert_eq!(back, record, "a record changed through a re-encode");
    } else if selector == Kind::COUNT {
        let Ok(envelope) = codec::decode::<HistoryEnvelope>(bytes, "history", &id) else {
            return;
        };
        let entry = envelope.into_entry(false);
        let again = codec::encode(&HistoryEnvelope::V2(entry.clone())).expect("re-encodes");
        let back = codec::decode::<HistoryEnvelope>(&again, "history", &id)
            .expect("a re-encoded history entry decodes")
            .into_entry(false);
        assert_eq!(back, entry, "a history entry changed through a re-encode");
    } else {
        let Ok(op) = ops::decode(id, bytes) else {
            return;
        };
        let again = codec::encode(&OpEnvelope::V1(op.clone())).expect("re-encodes");
        let back = ops::decode(id, &again).expect("a re-encoded operation decodes");
        assert_eq!(back, op, "an operation changed through a re-encode");
    }
});
