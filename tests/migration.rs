//! Old databases open: a schema-1 file committed in tests/fixtures is upgraded, and every
//! envelope version still decodes from its golden bytes.
//!
//! The fixtures are written by the ignored tests at the bottom, using the schema-1 layouts
//! kept in `store::legacy`; rerun them only to add a new version's fixture, never to
//! "fix" an old one:  cargo test --test migration -- --ignored

mod common;

use ngoaivu::model::citizen::{Gender, ResidenceStatus};
use ngoaivu::model::fields::Partial;
use ngoaivu::model::record::Deletion;
use ngoaivu::model::{Kind, Meta, Record, RecordData};
use ngoaivu::store::codec::{
    AgreementEnvelope, CitizenEnvelope, PartnerEnvelope, decode_record, encode, encode_record,
};
use ngoaivu::store::legacy::CitizenV1;
use ngoaivu::store::tables::{self, KEY_MAGIC, KEY_SCHEMA, MAGIC, META};
use ngoaivu::store::{DB_FILE, Store};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn meta(id: u64, code: &str, rev: u64) -> Meta {
    Meta {
        id,
        code: code.into(),
        rev,
        created_at: 1_600_000_000_000,
        created_by: "lan".into(),
        updated_at: 1_600_000_000_000 + rev as i64,
        updated_by: "lan".into(),
        deleted: None,
    }
}

fn citizen_v1() -> CitizenV1 {
    CitizenV1 {
        full_name: "Thân Văn Giáp".into(),
        gender: Gender::Male,
        birth_date: Some(Partial::parse("1988").unwrap()),
        hometown: "xã Tân Yên, tỉnh Bắc Ninh".into(),
        country: "KR".into(),
        city: "Ansan".into(),
        residence_status: ResidenceStatus::Worker,
        phone: "+82 10 5555 1234".into(),
        passport_no: "C7654321".into(),
        ..Default::default()
    }
}

#[test]
fn a_schema_1_database_opens_and_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    std::fs::copy(fixture("schema1.redb"), &path).unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    // Kinds that came after it are there, empty, and take new records.
    for kind in ngoaivu::model::Kind::ALL.into_iter().skip(3) {
        assert_eq!(store.count(kind).unwrap(), 0, "{kind}");
        assert!(
            store
                .list(&ngoaivu::store::ListQuery::of(kind))
                .unwrap()
                .records
                .is_empty()
        );
    }
    // Schema 2 finds records by code through the new codes table.
    let citizen = store
        .get_by_code("CD-000001")
        .unwrap()
        .expect("citizen migrated");
    let RecordData::Citizen(c) = &citizen.data else {
        panic!()
    };
    assert_eq!(c.full_name, "Thân Văn Giáp");
    assert!(
        !c.consent,
        "schema 1 had no consent: nobody is assumed to agree"
    );
    assert_eq!(c.social, "");
    assert!(
        store
            .get_by_code("CD-000002")
            .unwrap()
            .unwrap()
            .is_deleted()
    );
    assert_eq!(
        store.count(Kind::Citizen).unwrap(),
        1,
        "the deleted one went to the trash table"
    );
    assert_eq!(
        store.get_by_code("DT-0001").unwrap().unwrap().data.title(),
        "Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA)"
    );
    let RecordData::Agreement(a) = store.get_by_code("TT-2019-001").unwrap().unwrap().data else {
        panic!()
    };
    assert_eq!(a.partners, ["DT-0001"]);
    let report = store.check(ngoaivu::i18n::Lang::En).unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    // The links index is built from the records the first time the file opens.
    let linking: Vec<_> = store
        .linked_from("DT-0001")
        .unwrap()
        .into_iter()
        .map(|r| r.meta.code)
        .collect();
    assert_eq!(linking, ["TT-2019-001"]);
    // Schema 3 logs the earlier writes as operations: the four creates of one moment are
    // one, the delete another; undoing that delete restores the citizen.
    let log = store.log(&ngoaivu::store::LogFilter::default()).unwrap();
    let ops: Vec<_> = log
        .iter()
        .map(|i| (i.op.what.clone(), i.op.count))
        .collect();
    use ngoaivu::store::OpKind;
    assert_eq!(ops, [(OpKind::Delete, 1), (OpKind::Import, 4)]);
    assert_eq!(log[0].records.len(), 1);
    assert_eq!(log[0].records[0].code, "CD-000002");
    let undone = store.revert_op("minh", log[0].op.id).unwrap();
    assert_eq!(undone.len(), 1);
    assert!(
        !store
            .get_by_code("CD-000002")
            .unwrap()
            .unwrap()
            .is_deleted()
    );
    // A write upgrades the value to the newest envelope; the old revs stay in history.
    let svc = ngoaivu::service::Service::new(store);
    let mut edited = c.clone();
    edited.consent = true;
    let req = ngoaivu::service::Request::Update {
        code: "CD-000001".into(),
        base_rev: citizen.meta.rev,
        record: RecordData::Citizen(edited),
    };
    svc.call("minh", req).unwrap();
    drop(svc);
    let store = Store::open_dir(dir.path()).unwrap();
    let RecordData::Citizen(c) = store.get_by_code("CD-000001").unwrap().unwrap().data else {
        panic!()
    };
    assert!(c.consent);
    assert_eq!(store.history("CD-000001").unwrap().len(), 2);
}

/// The citizen of `citizen_v2.bin`, written when an untouched choice was stored as
/// `unknown`/`other` (the bytes stay; new records store no choice instead).
fn golden_citizen() -> ngoaivu::model::Citizen {
    ngoaivu::model::Citizen {
        gender: Gender::Unknown,
        residence_status: ResidenceStatus::Other,
        ..common::citizen("Giáp Thị Nhung")
    }
}

#[test]
fn every_envelope_version_decodes_from_its_golden_bytes() {
    let v1 = std::fs::read(fixture("citizen_v1.bin")).unwrap();
    let r = decode_record(Kind::Citizen, 7, &v1).unwrap();
    assert_eq!(r.data, RecordData::Citizen(citizen_v1().upgrade()));
    let v2 = std::fs::read(fixture("citizen_v2.bin")).unwrap();
    let current = Record {
        meta: meta(7, "CD-000007", 3),
        data: RecordData::Citizen(golden_citizen()),
    };
    assert_eq!(decode_record(Kind::Citizen, 7, &v2).unwrap(), current);
    assert_eq!(
        encode_record(&current).unwrap(),
        v2,
        "the current layout changed: add a V3 envelope instead"
    );
    let partner = std::fs::read(fixture("partner_v1.bin")).unwrap();
    let current = Record {
        meta: meta(5, "DT-0005", 1),
        data: common::p("Cơ quan Hợp tác Quốc tế Nhật Bản"),
    };
    assert_eq!(
        encode_record(&current).unwrap(),
        partner,
        "the partner layout changed: add a V2 envelope"
    );
    let agreement = std::fs::read(fixture("agreement_v1.bin")).unwrap();
    let current = Record {
        meta: meta(2, "TT-2016-002", 1),
        data: RecordData::Agreement(common::agreement("Biên bản ghi nhớ", &["DT-0005"])),
    };
    assert_eq!(
        encode_record(&current).unwrap(),
        agreement,
        "the agreement layout changed: add a V2 envelope"
    );
    let generic = std::fs::read(fixture("generic_v1.bin")).unwrap();
    let current = Record {
        meta: meta(3, "VT-2024-003", 2),
        data: golden_aid(),
    };
    assert_eq!(decode_record(Kind::Aid, 3, &generic).unwrap(), current);
    assert_eq!(
        encode_record(&current).unwrap(),
        generic,
        "the generic layout (or a value's) changed: add a V2 envelope or append a variant"
    );
}

/// Every type of value a generic record holds: text, a choice, dates, money, a list, rows.
fn golden_aid() -> RecordData {
    RecordData::from_json(
        Kind::Aid,
        serde_json::json!({
            "aid_type": "project", "title": "Nước sạch Sơn Động", "donor": ["DT-0005"],
            "committed": {"amount": 50000, "currency": "EUR", "usd": 54000, "usd_rate": 1.08},
            "approval_on": "2024-03-05", "status": "approved", "tags": ["nước sạch"],
        }),
    )
    .unwrap()
}

#[test]
#[ignore = "writes the fixtures; run once per new schema"]
fn write_golden_bytes() {
    let write = |name: &str, bytes: Vec<u8>| std::fs::write(fixture(name), bytes).unwrap();
    write(
        "citizen_v1.bin",
        encode(&CitizenEnvelope::V1(meta(7, "CD-000007", 3), citizen_v1())).unwrap(),
    );
    let data = golden_citizen();
    write(
        "citizen_v2.bin",
        encode(&CitizenEnvelope::V2(meta(7, "CD-000007", 3), data)).unwrap(),
    );
    let p = common::partner("Cơ quan Hợp tác Quốc tế Nhật Bản");
    write(
        "partner_v1.bin",
        encode(&PartnerEnvelope::V1(meta(5, "DT-0005", 1), p)).unwrap(),
    );
    let a = common::agreement("Biên bản ghi nhớ", &["DT-0005"]);
    write(
        "agreement_v1.bin",
        encode(&AgreementEnvelope::V1(meta(2, "TT-2016-002", 1), a)).unwrap(),
    );
    let aid = Record {
        meta: meta(3, "VT-2024-003", 2),
        data: golden_aid(),
    };
    write("generic_v1.bin", encode_record(&aid).unwrap());
}

#[test]
#[ignore = "writes the schema-1 fixture database"]
fn write_schema_1_database() {
    let path = fixture("schema1.redb");
    let _ = std::fs::remove_file(&path);
    let db = redb::Database::create(&path).unwrap();
    let txn = db.begin_write().unwrap();
    {
        // Schema 1: record tables, history and meta; no codes table, no trash table.
        let mut meta_table = txn.open_table(META).unwrap();
        meta_table.insert(KEY_MAGIC, MAGIC).unwrap();
        meta_table.insert(KEY_SCHEMA, 1).unwrap();
        let mut partners = txn.open_table(tables::PARTNERS).unwrap();
        let p = common::partner("Cơ quan Hợp tác Quốc tế Hàn Quốc");
        partners
            .insert(
                1,
                encode(&PartnerEnvelope::V1(meta(1, "DT-0001", 1), p))
                    .unwrap()
                    .as_slice(),
            )
            .unwrap();
        let mut citizens = txn.open_table(tables::CITIZENS).unwrap();
        citizens
            .insert(
                1,
                encode(&CitizenEnvelope::V1(meta(1, "CD-000001", 1), citizen_v1()))
                    .unwrap()
                    .as_slice(),
            )
            .unwrap();
        let mut gone = meta(2, "CD-000002", 2);
        gone.deleted = Some(Deletion {
            at: 1_600_000_000_002,
            by: "lan".into(),
        });
        let other = CitizenV1 {
            full_name: "Giáp Văn Hải".into(),
            ..Default::default()
        };
        citizens
            .insert(
                2,
                encode(&CitizenEnvelope::V1(gone, other))
                    .unwrap()
                    .as_slice(),
            )
            .unwrap();
        let mut agreements = txn.open_table(tables::AGREEMENTS).unwrap();
        let mut a = common::agreement("Thỏa thuận hợp tác", &["DT-0001"]);
        a.signed_on = Some(ngoaivu::model::fields::Date::parse("05/04/2019").unwrap());
        a.effective_on = a.signed_on;
        agreements
            .insert(
                1,
                encode(&AgreementEnvelope::V1(meta(1, "TT-2019-001", 1), a))
                    .unwrap()
                    .as_slice(),
            )
            .unwrap();
        let mut history = txn.open_table(tables::HISTORY).unwrap();
        let entry = |rev: u64, action| {
            encode(&ngoaivu::store::history::HistoryEnvelope::V1(
                ngoaivu::store::history::EntryV1 {
                    rev,
                    at: 1_600_000_000_000 + rev as i64,
                    by: "lan".into(),
                    action,
                    changes: vec![],
                },
            ))
            .unwrap()
        };
        use ngoaivu::store::Action;
        history
            .insert(
                (Kind::Partner.tag(), 1, 1),
                entry(1, Action::Create).as_slice(),
            )
            .unwrap();
        history
            .insert(
                (Kind::Citizen.tag(), 1, 1),
                entry(1, Action::Create).as_slice(),
            )
            .unwrap();
        history
            .insert(
                (Kind::Citizen.tag(), 2, 1),
                entry(1, Action::Create).as_slice(),
            )
            .unwrap();
        history
            .insert(
                (Kind::Citizen.tag(), 2, 2),
                entry(2, Action::Delete).as_slice(),
            )
            .unwrap();
        history
            .insert(
                (Kind::Agreement.tag(), 1, 1),
                entry(1, Action::Create).as_slice(),
            )
            .unwrap();
        for (key, value) in [
            ("next_id:partner", 1),
            ("next_id:citizen", 2),
            ("next_id:agreement", 1),
            ("seq:DT", 1),
            ("seq:CD", 2),
            ("seq:TT-2019", 1),
        ] {
            meta_table.insert(key, value).unwrap();
        }
    }
    txn.commit().unwrap();
}
