//! Search quality and behaviour over a fixed data set: the fixture records of
//! tests/fixtures/search.jsonl among deterministic demo records, and the queries of
//! tests/fixtures/search_queries.tsv with the rank their expected record must reach.

use ngoaivu::demo::DemoGenerator;
use ngoaivu::interop::jsonl::read_all;
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::search::{Hit, SearchSession};
use ngoaivu::service::{Request, Response, Service};
use ngoaivu::store::Store;
use unicode_normalization::UnicodeNormalization;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn create(svc: &Service, records: Vec<(RecordData, Option<String>)>) {
    svc.call("lan", Request::CreateMany { records }).unwrap();
}

/// Demo records first, then the fixture (so that on equal scores the fixture, being the most
/// recently updated, comes first), then the index is built from the store.
fn service() -> Service {
    let svc = Service::new(Store::in_memory().unwrap());
    let mut g = DemoGenerator::new(11);
    let partners: Vec<_> = (0..60)
        .map(|i| (RecordData::Partner(g.partner(i)), None))
        .collect();
    create(&svc, partners);
    create(
        &svc,
        (0..3000)
            .map(|_| (RecordData::Citizen(g.citizen()), None))
            .collect(),
    );
    let file = std::fs::File::open(fixture("search.jsonl")).unwrap();
    let items = read_all(std::io::BufReader::new(file), &|c: &[String]| {
        vec![None; c.len()]
    })
    .unwrap();
    create(&svc, items.into_iter().map(|i| (i.data, i.code)).collect());
    svc.build_index().unwrap();
    svc
}

fn search(svc: &Service, query: &str) -> Vec<Hit> {
    svc.search(&mut SearchSession::default(), query, None, 10)
        .unwrap()
}

#[test]
fn every_fixture_query_finds_its_record_within_its_rank() {
    let svc = service();
    let table = std::fs::read_to_string(fixture("search_queries.tsv")).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let (query, expected) = (cols[0], cols[1]);
        let query: String = match query.strip_prefix("nfd:") {
            Some(q) => q.nfd().collect(),
            None => query.to_string(),
        };
        count += 1;
        let hits = search(&svc, &query);
        let codes: Vec<&str> = hits.iter().map(|h| h.code.as_str()).collect();
        if expected == "-" {
            if !hits.is_empty() {
                failures.push(format!("{query:?}: expected nothing, got {codes:?}"));
            }
            continue;
        }
        let within: usize = cols[2].parse().unwrap();
        match codes.iter().position(|c| *c == expected) {
            Some(rank) if rank < within => {}
            other => failures.push(format!(
                "{query:?}: {expected} at {other:?}, wanted top {within}; got {codes:?}"
            )),
        }
    }
    assert!(
        count >= 80,
        "the fixture must hold at least 80 queries, has {count}"
    );
    assert!(
        failures.is_empty(),
        "{} of {count} queries failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn results_say_which_field_matched_and_highlight_the_accented_text() {
    let svc = service();
    let hit = &search(&svc, "huyen trang")[0];
    assert_eq!(
        (hit.code.as_str(), hit.field.as_str(), hit.text.as_str()),
        ("CD-900006", "full_name", "Thân Thị Huyền Trang")
    );
    let lit: String = hit
        .highlights
        .iter()
        .map(|&i| hit.text.chars().nth(i).unwrap())
        .collect();
    assert_eq!(lit, "HuyềnTrang");
    let hit = &search(&svc, "9988776")[0];
    assert_eq!(
        (hit.code.as_str(), hit.field.as_str()),
        ("CD-900001", "passport_no")
    );
    let hits = search(&svc, "koika");
    let hit = hits.iter().find(|h| h.code == "DT-9001").unwrap();
    assert_eq!(hit.field, "abbreviation");
    assert_eq!(
        hit.highlights,
        [0, 1, 2, 3, 4],
        "a typo lights the whole word"
    );
    let hit = &search(&svc, "tien si vat lieu")[0];
    assert_eq!(hit.field, "notes");
}

#[test]
fn names_and_codes_outrank_notes() {
    let svc = service();
    // "Đặng Văn Khoa" is in a partner's notes (DT-9006) and is the name of some citizens.
    let hits = svc
        .search(&mut SearchSession::default(), "dang van khoa", None, 200)
        .unwrap();
    let notes = hits
        .iter()
        .position(|h| h.code == "DT-9006")
        .expect("found through the notes");
    for better in &hits[..notes] {
        assert_ne!(better.field, "notes", "{better:?}");
    }
    let hits = search(&svc, "silesia");
    let in_name = hits.iter().position(|h| h.code == "DT-9007").unwrap();
    let in_notes = hits.iter().position(|h| h.code == "DT-9005").unwrap();
    assert!(in_name < in_notes, "{hits:?}");
}

#[test]
fn bad_queries_get_a_message_not_an_empty_list() {
    let svc = service();
    let mut session = SearchSession::default();
    let e = svc.search(&mut session, "x:nguyen", None, 10).unwrap_err();
    assert!(
        e.message_en.contains("x:") && e.message_vi.contains("p:"),
        "{e:?}"
    );
    let e = svc
        .search(&mut session, "\"nguyen van", None, 10)
        .unwrap_err();
    assert!(e.message_en.contains("quote"), "{e:?}");
    let Response::Error(e) = svc.handle(
        "lan",
        Request::Search {
            query: "q:x".into(),
            kind: None,
            limit: 5,
            slot: ngoaivu::service::SearchSlot::Once,
        },
    ) else {
        panic!("a bad query must be an error")
    };
    assert_eq!(e.class, ngoaivu::service::ErrorClass::User);
}

#[test]
fn the_index_follows_every_write_without_a_rebuild() {
    let svc = service();
    let found = |q: &str| {
        search(&svc, q)
            .into_iter()
            .map(|h| h.code)
            .collect::<Vec<_>>()
    };
    let Response::Record(r) = svc
        .call(
            "lan",
            Request::Create {
                record: RecordData::Citizen(ngoaivu::model::Citizen {
                    full_name: "Kiều Thị Xuyến".into(),
                    country: "KR".into(),
                    ..Default::default()
                }),
                code: None,
            },
        )
        .unwrap()
    else {
        panic!()
    };
    let code = r.meta.code.clone();
    assert_eq!(found("kieu thi xuyen")[0], code);
    let RecordData::Citizen(mut c) = r.data.clone() else {
        panic!()
    };
    c.full_name = "Kiều Thị Xuân".into();
    svc.call(
        "lan",
        Request::Update {
            code: code.clone(),
            base_rev: 1,
            record: RecordData::Citizen(c),
        },
    )
    .unwrap();
    assert!(
        !found("kieu thi xuyen").contains(&code),
        "the old name is gone"
    );
    assert_eq!(found("kieu thi xuan")[0], code);
    svc.call(
        "lan",
        Request::Delete {
            code: code.clone(),
            base_rev: None,
        },
    )
    .unwrap();
    assert!(
        !found("kieu thi xuan").contains(&code),
        "trash is not searched"
    );
    svc.call("lan", Request::Restore { code: code.clone() })
        .unwrap();
    assert_eq!(found("kieu thi xuan")[0], code);
}

#[test]
fn typing_one_character_at_a_time_gives_the_same_results_as_a_fresh_search() {
    let svc = service();
    for query in [
        "nguyen thi anh ansan",
        "koika",
        "tran thi anh han quoc",
        "0912 345 678",
        "c:dai loan luong",
        "ngyuen van",
    ] {
        let mut session = SearchSession::default();
        let mut typed = String::new();
        for ch in query.chars() {
            typed.push(ch);
            let live = svc.search(&mut session, &typed, None, 10);
            let fresh = svc.search(&mut SearchSession::default(), &typed, None, 10);
            assert_eq!(live, fresh, "after typing {typed:?}");
        }
        // The first page computed exactly either way: bounded (no trailing space) or in full.
        for cut in 1..=query.len() {
            if !query.is_char_boundary(cut) {
                continue;
            }
            let part = &query[..cut];
            let bounded = svc.search(&mut SearchSession::default(), part.trim_end(), None, 10);
            let full = svc.search(
                &mut SearchSession::default(),
                &format!("{} ", part.trim_end()),
                None,
                10,
            );
            assert_eq!(bounded, full, "{part:?}");
        }
        // Deleting characters (backspace) must be as correct as typing them.
        while typed.pop().is_some() {
            let live = svc.search(&mut session, &typed, None, 10);
            assert_eq!(
                live,
                svc.search(&mut SearchSession::default(), &typed, None, 10),
                "after erasing to {typed:?}"
            );
        }
    }
}

#[test]
fn kind_option_narrows_like_a_prefix() {
    let svc = service();
    let hits = svc
        .search(
            &mut SearchSession::default(),
            "koica",
            Some(Kind::Agreement),
            10,
        )
        .unwrap();
    assert!(
        !hits.is_empty() && hits.iter().all(|h| h.kind == Kind::Agreement),
        "{hits:?}"
    );
}

#[test]
fn ties_go_to_the_most_recently_updated_even_across_an_index_build() {
    let svc = Service::new(Store::in_memory().unwrap());
    let person = |city: &str| {
        RecordData::Citizen(ngoaivu::model::Citizen {
            full_name: "Kiều Văn Tú".into(),
            city: city.into(),
            ..Default::default()
        })
    };
    // More namesakes than a page checks, so only the most recent can be looked at.
    let many = (0..80)
        .map(|i| (person(&format!("Seoul {i}")), None))
        .collect();
    svc.call("lan", Request::CreateMany { records: many })
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    // The oldest record is edited last, before the index exists: it must come first.
    svc.call(
        "lan",
        Request::Update {
            code: "CD-000001".into(),
            base_rev: 1,
            record: person("Incheon"),
        },
    )
    .unwrap();
    for query in ["kieu van tu", "kieu", "k"] {
        let hits = svc
            .search(&mut SearchSession::default(), query, Some(Kind::Citizen), 3)
            .unwrap();
        assert_eq!(hits[0].code, "CD-000001", "{query}");
    }
}

#[test]
fn writes_during_an_index_build_are_not_lost() {
    let svc = std::sync::Arc::new(Service::new(Store::in_memory().unwrap()));
    let mut g = DemoGenerator::new(5);
    create(
        &svc,
        (0..8_000)
            .map(|_| (RecordData::Citizen(g.citizen()), None))
            .collect(),
    );
    let builder = {
        let svc = svc.clone();
        std::thread::spawn(move || svc.build_index().unwrap())
    };
    // Created, changed and deleted while the index may be building (or already built):
    // whichever way the threads interleave, search must see the final state.
    for i in 0..150 {
        let c = ngoaivu::model::Citizen {
            full_name: format!("Khúc Thừa Dụ {i}"),
            ..Default::default()
        };
        svc.call(
            "lan",
            Request::Create {
                record: RecordData::Citizen(c),
                code: None,
            },
        )
        .unwrap();
    }
    svc.call(
        "lan",
        Request::Delete {
            code: "CD-008001".into(),
            base_rev: None,
        },
    )
    .unwrap();
    builder.join().unwrap();
    let hits = svc
        .search(&mut SearchSession::default(), "khuc thua du", None, 500)
        .unwrap();
    assert_eq!(
        hits.len(),
        149,
        "every record written during the build, minus the deleted one"
    );
    assert!(hits.iter().all(|h| h.code != "CD-008001"));
}

#[test]
fn a_bulk_build_indexes_exactly_what_record_by_record_updates_do() {
    // The bulk build reuses the tokens of repeated values (cities, occupations, provinces);
    // the index kept current write by write does not. Both must answer alike.
    let records = |seed| {
        let mut g = DemoGenerator::new(seed);
        let mut out: Vec<_> = (0..30)
            .map(|i| (RecordData::Partner(g.partner(i)), None))
            .collect();
        out.extend((0..2500).map(|_| (RecordData::Citizen(g.citizen()), None)));
        out
    };
    let bulk = Service::new(Store::in_memory().unwrap());
    create(&bulk, records(3));
    bulk.build_index().unwrap();
    let live = Service::new(Store::in_memory().unwrap());
    live.build_index().unwrap();
    create(&live, records(3));
    let mut words = 0;
    for query in [
        "han quoc",
        "nhat",
        "seoul",
        "tokyo",
        "ky su",
        "cong nhan",
        "nghe an",
        "ha tinh",
        "thanh hoa",
        "hoi dong huong",
        "nguyen van",
        "tran thi",
        "098",
        "0912",
        "c:dai loan",
        "le",
        "p:dai su",
        "giup viec",
        "du hoc",
        "taipei",
    ] {
        let hits = |svc: &Service| {
            let mut h: Vec<(String, u32, String)> = svc
                .search(&mut SearchSession::default(), query, None, 5000)
                .unwrap()
                .into_iter()
                .map(|h| (h.code, h.score, h.field))
                .collect();
            h.sort();
            h
        };
        let (a, b) = (hits(&bulk), hits(&live));
        words += a.len();
        assert_eq!(a, b, "query {query:?}");
    }
    assert!(
        words > 1000,
        "the queries found something to compare: {words}"
    );
}

#[test]
fn marks_typed_rank_the_records_whose_marks_agree_first() {
    use ngoaivu::model::Citizen;
    let svc = Service::new(Store::in_memory().unwrap());
    let person = |name: &str| {
        (
            RecordData::Citizen(Citizen {
                full_name: name.into(),
                country: "DE".into(),
                city: "Leipzig".into(),
                ..Default::default()
            }),
            None,
        )
    };
    // The one Hường first, among many Hương (created later, so they win every tie).
    let mut records = vec![person("Nguyễn Thị Hường")];
    records.extend((0..6).map(|_| person("Nguyễn Thị Hương")));
    create(&svc, records);
    svc.build_index().unwrap();
    let hits = search(&svc, "hường leipzig");
    assert_eq!(hits.len(), 7, "{hits:?}");
    assert_eq!(hits[0].title, "Nguyễn Thị Hường", "{hits:?}");
    // Without marks, recall as before: the folded words match all, newest first.
    let hits = search(&svc, "huong leipzig");
    assert_eq!(hits.len(), 7);
    assert_eq!(hits[0].title, "Nguyễn Thị Hương");
    // Marks typed for a word nobody has with them change nothing but the order.
    let hits = search(&svc, "hưởng leipzig");
    assert_eq!(hits.len(), 7);
}

#[test]
fn every_hit_shows_each_field_a_word_hit_lit_in_the_accented_text() {
    let svc = service();
    let hits = search(&svc, "nguyen thi oanh chiayi");
    let hit = hits.iter().find(|h| h.code == "CD-900014").expect("found");
    let shown: Vec<(&str, &str)> = hit
        .matches
        .iter()
        .map(|m| (m.field.as_str(), m.text.as_str()))
        .collect();
    assert_eq!(
        shown,
        [("relatives.name", "Nguyễn Thị Oanh"), ("city", "Chiayi")],
        "the relative's name (best) first, then the city; not the person's own name"
    );
    // "Nguyễn Thị Oanh": the three words lit, accents and all.
    let lit: String = hit.matches[0]
        .highlights
        .iter()
        .map(|&i| hit.matches[0].text.chars().nth(i).unwrap())
        .collect();
    assert_eq!(lit, "NguyễnThịOanh");
    assert_eq!(hit.matches[1].highlights, [0, 1, 2, 3, 4, 5]);
    // Every hit says why: each of its matches holds a query word.
    for h in &hits {
        assert!(!h.matches.is_empty(), "{h:?}");
        assert_eq!(h.matches[0].field, h.field, "the best field comes first");
    }
    // An initialism lights the first letters of the words it stands for.
    let hits = search(&svc, "dsq israel");
    let hit = hits.iter().find(|h| h.code == "DT-9006").expect("found");
    let name = hit.matches.iter().find(|m| m.field == "name").unwrap();
    assert_eq!(name.highlights, [0, 4, 7], "Đ of Đại, s of sứ, q of quán");
    assert!(
        hit.matches
            .iter()
            .any(|m| m.field == "country" && m.text == "Israel")
    );
}

#[test]
fn a_phrase_of_common_words_finds_its_record_however_far_down_it_ranks() {
    use ngoaivu::model::Citizen;
    let svc = Service::new(Store::in_memory().unwrap());
    let person = |name: &str| {
        (
            RecordData::Citizen(Citizen {
                full_name: name.into(),
                country: "KR".into(),
                ..Default::default()
            }),
            None,
        )
    };
    // The one "Văn An" first (the oldest), then 300 with both words apart, which win
    // every tie on recency and fill the first pages.
    let mut records = vec![person("Trần Văn An")];
    records.extend((0..300).map(|_| person("Nguyễn An Văn")));
    create(&svc, records);
    svc.build_index().unwrap();
    let hits = search(&svc, "\"van an\"");
    let titles: Vec<&str> = hits.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, ["Trần Văn An"]);
    assert_eq!(search(&svc, "\"van an\" han quoc").len(), 1);
    assert_eq!(
        search(&svc, "\"an van\"").len(),
        10,
        "the others, a page of them"
    );
    assert!(search(&svc, "\"an tran\"").is_empty());
}
