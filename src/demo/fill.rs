//! Fills a database with demo data through the service: partners and agreements as one
//! batch each, citizens as one import (staged in chunks, published at once). The CLI's
//! `ngoaivu demo` and the app's welcome screen share it.

use super::DemoGenerator;
use crate::model::{Record, RecordData};
use crate::service::{Client, Request, Response, ServiceError};

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

/// Creates partners, then citizens in batches (calling `progress` with the number done),
/// then agreements linked to the partners.
pub fn fill(svc: &Client, a: Amounts, mut progress: impl FnMut(u64)) -> Result<(), ServiceError> {
    let mut generator = DemoGenerator::new(a.seed);
    let partners: Vec<_> = (0..a.partners)
        .map(|i| (RecordData::Partner(generator.partner(i)), None))
        .collect();
    let partners: Vec<(String, String)> = create(svc, partners)?
        .into_iter()
        .map(|r| (r.meta.code.clone(), r.data.title()))
        .collect();
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
    Ok(())
}
