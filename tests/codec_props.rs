//! Properties of the stored-value codec (issue 13): every record decodes to what was encoded,
//! a schema-1 citizen upgrades to the current layout with nothing lost, and a value cut short
//! or followed by stray bytes is an error, never a different record.

use ngoaivu::model::citizen::Relative;
use ngoaivu::model::generic::{Generic, Value, Values};
use ngoaivu::model::record::Deletion;
use ngoaivu::model::{Citizen, Kind, Meta, Partner, Record, RecordData};
use ngoaivu::store::codec::{CitizenEnvelope, decode_record, encode, encode_record};
use ngoaivu::store::legacy::CitizenV1;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Text as staff and old files give it: Vietnamese, any Unicode, empty.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ ]{0,24}",
        any::<String>(),
    ]
}

fn meta() -> impl Strategy<Value = Meta> {
    (
        1u64..u64::MAX,
        text(),
        any::<u64>(),
        any::<i64>(),
        text(),
        any::<i64>(),
        text(),
        proptest::option::of((any::<i64>(), text())),
    )
        .prop_map(
            |(id, code, rev, created_at, created_by, updated_at, updated_by, deleted)| Meta {
                id,
                code,
                rev,
                created_at,
                created_by,
                updated_at,
                updated_by,
                deleted: deleted.map(|(at, by)| Deletion { at, by }),
            },
        )
}

fn relative() -> impl Strategy<Value = Relative> {
    (text(), text(), text(), text()).prop_map(|(name, relationship, phone, address)| Relative {
        name,
        relationship,
        phone,
        address,
    })
}

fn citizen_v1() -> impl Strategy<Value = CitizenV1> {
    (
        (text(), text(), text(), text(), text(), text()),
        (text(), text(), text(), text()),
        proptest::collection::vec(relative(), 0..3),
        proptest::collection::vec(text(), 0..3),
    )
        .prop_map(
            |(
                (full_name, hometown, country, city, occupation, notes),
                (phone, email, passport_no, id_no),
                relatives,
                tags,
            )| {
                CitizenV1 {
                    full_name,
                    hometown,
                    country,
                    city,
                    occupation,
                    notes,
                    phone,
                    email,
                    passport_no,
                    id_no,
                    relatives,
                    tags,
                    ..Default::default()
                }
            },
        )
}

fn citizen() -> impl Strategy<Value = Citizen> {
    (citizen_v1(), text(), any::<bool>()).prop_map(|(v1, social, consent)| Citizen {
        social,
        consent,
        ..v1.upgrade()
    })
}

fn partner() -> impl Strategy<Value = Partner> {
    (
        text(),
        text(),
        text(),
        text(),
        text(),
        proptest::collection::vec(text(), 0..3),
    )
        .prop_map(
            |(name, name_original, abbreviation, country, notes, tags)| Partner {
                name,
                name_original,
                abbreviation,
                country,
                notes,
                tags,
                ..Default::default()
            },
        )
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        text().prop_map(Value::Text),
        proptest::collection::vec(text(), 0..3).prop_map(Value::List),
        any::<bool>().prop_map(Value::Yes),
        any::<u64>().prop_map(Value::Count),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        proptest::collection::vec(
            proptest::collection::btree_map("[a-z_]{1,12}", inner, 0..3).prop_map(Values),
            0..3,
        )
        .prop_map(Value::Rows)
    })
}

fn generic() -> impl Strategy<Value = Generic> {
    (
        proptest::sample::select(Kind::ALL[3..].to_vec()),
        proptest::collection::btree_map("[a-z_]{1,12}", value(), 0..6),
    )
        .prop_map(|(kind, values): (Kind, BTreeMap<String, Value>)| Generic {
            kind,
            values: Values(values),
        })
}

fn record() -> impl Strategy<Value = Record> {
    let data = prop_oneof![
        partner().prop_map(RecordData::Partner),
        citizen().prop_map(RecordData::Citizen),
        generic().prop_map(RecordData::Generic),
    ];
    (meta(), data).prop_map(|(meta, data)| Record { meta, data })
}

proptest! {
    #[test]
    fn every_record_decodes_to_what_was_encoded(record in record()) {
        let bytes = encode_record(&record).unwrap();
        let back = decode_record(record.data.kind(), record.meta.id, &bytes).unwrap();
        prop_assert_eq!(back, record);
    }

    #[test]
    fn a_schema_1_citizen_upgrades_with_nothing_lost(meta in meta(), old in citizen_v1()) {
        let bytes = encode(&CitizenEnvelope::V1(meta.clone(), old.clone())).unwrap();
        let back = decode_record(Kind::Citizen, meta.id, &bytes).unwrap();
        prop_assert_eq!(&back.meta, &meta);
        let RecordData::Citizen(now) = back.data else { panic!("not a citizen") };
        // Every schema-1 field as it was; the new ones empty (no consent assumed).
        prop_assert!(now.social.is_empty() && !now.consent);
        prop_assert_eq!(now, old.upgrade());
    }

    #[test]
    fn a_value_cut_short_or_with_stray_bytes_is_an_error(
        record in record(),
        cut in any::<prop::sample::Index>(),
        stray in proptest::collection::vec(any::<u8>(), 1..8),
    ) {
        let bytes = encode_record(&record).unwrap();
        let (kind, id) = (record.data.kind(), record.meta.id);
        let short = &bytes[..cut.index(bytes.len())];
        prop_assert!(decode_record(kind, id, short).is_err());
        let mut long = bytes.clone();
        long.extend_from_slice(&stray);
        prop_assert!(decode_record(kind, id, &long).is_err());
    }

    #[test]
    fn a_value_under_another_id_is_refused(record in record(), other in any::<u64>()) {
        prop_assume!(other != record.meta.id);
        let bytes = encode_record(&record).unwrap();
        prop_assert!(decode_record(record.data.kind(), other, &bytes).is_err());
    }
}
