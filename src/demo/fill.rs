//! Fills a database with demo data through the service, in batched transactions: the CLI's
//! `ngoaivu demo` and the app's welcome screen share it.

use super::DemoGenerator;
use crate::model::{Record, RecordData};
use crate::service::{Client, Request, Response, ServiceError};

/// Records per transaction: big enough to amortise the durable commit, small enough to
/// keep memory flat at a million records.
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
    let mut done = 0;
    while done < a.citizens {
        let n = BATCH.min(a.citizens - done);
        let batch = (0..n)
            .map(|_| (RecordData::Citizen(generator.citizen()), None))
            .collect();
        create(svc, batch)?;
        done += n;
        progress(done);
    }
    let agreements = (0..a.agreements)
        .map(|_| (RecordData::Agreement(generator.agreement(&partners)), None))
        .collect();
    create(svc, agreements)?;
    Ok(())
}
