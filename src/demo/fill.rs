//! Fills a database with demo data through the service: partners and agreements as one
//! batch each, citizens as one import (staged in chunks, published at once). The CLI's
//! `ngoaivu demo` and the app's welcome screen share it.

use super::DemoGenerator;
use super::kinds::{self, Linked};
use crate::model::{Kind, Record, RecordData};
use crate::service::{Client, ListQuery, Request, Response, ServiceError};

/// How often (in citizens sent) progress is reported.
pub const BATCH: u64 = 20_000;

#[derive(Debug, Clone, Copy)]
pub struct Amounts {
    pub partners: u64,
    pub citizens: u64,
    pub agreements: u64,
    pub seed: u64,
}

fn create(
    svc: &Client,
    records: Vec<(RecordData, Option<String>)>,
) -> Result<Vec<Record>, ServiceError> {
    match svc.call(Request::CreateMany { records })? {
        Response::Created(created) => Ok(created),
        _ => Ok(Vec::new()),
    }
}

/// (code, title, country) of records the generated ones may link to.
fn link_targets(records: &[Record]) -> Vec<(String, String, String)> {
    records
        .iter()
        .map(|r| {
            let json = r.data.to_json();
            let country = json["country"].as_str().unwrap_or("").to_string();
            (r.meta.code.clone(), r.data.title(), country)
        })
        .collect()
}

/// Creates partners, then citizens in batches (calling `progress` with the number done),
/// then agreements linked to the partners, then every other kind in the report's
/// proportions to the partners, linked to partners and citizens.
pub fn fill(svc: &Client, a: Amounts, mut progress: impl FnMut(u64)) -> Result<(), ServiceError> {
    let mut generator = DemoGenerator::new(a.seed);
    let partners: Vec<_> = (0..a.partners)
        .map(|i| (RecordData::Partner(generator.partner(i)), None))
        .collect();
    let created = create(svc, partners)?;
    let partners: Vec<(String, String)> = created
        .iter()
        .map(|r| (r.meta.code.clone(), r.data.title()))
        .collect();
    let mut linked = Linked {
        partners: link_targets(&created),
        citizens: Vec::new(),
    };
    // Citizens go as one import: staged in short chunks, published at once, indexed in one
    // build; generated as they are sent, so memory stays flat at a million.
    if a.citizens > 0 {
        let citizens = (0..a.citizens)
            .map(|_| crate::service::NewRecord::new(RecordData::Citizen(generator.citizen())));
        svc.import_iter(
            vec![(crate::model::Kind::Citizen, a.citizens)],
            citizens,
            |sent| {
                if sent % BATCH == 0 || sent == a.citizens {
                    progress(sent)
                }
            },
        )?;
    }
    let agreements = (0..a.agreements)
        .map(|_| (RecordData::Agreement(generator.agreement(&partners)), None))
        .collect();
    create(svc, agreements)?;
    // Cases are about citizens: a sample of them is enough to link to.
    let mut first = ListQuery::of(Kind::Citizen);
    first.limit = Some(300);
    if let Response::Page(page) = svc.call(Request::List(first))? {
        linked.citizens = link_targets(&page.records);
    }
    for kind in Kind::ALL {
        let n = kinds::count(kind, a.partners);
        let records: Vec<_> = (0..n)
            .filter_map(|_| kinds::record(kind, &mut generator, &linked))
            .map(|g| (RecordData::Generic(g), None))
            .collect();
        if !records.is_empty() {
            create(svc, records)?;
        }
    }
    Ok(())
}
