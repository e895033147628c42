//! `ngoaivu demo`: fills the database with deterministic sample data, in batches.

use super::args::DemoArgs;
use super::{CliError, CliResult, Ctx};
use crate::demo::DemoGenerator;
use crate::model::{Kind, RecordData};
use crate::service::{Request, Response, Service};
use crate::text::number::format_int;
use std::time::Instant;

/// Records per transaction: big enough to amortise the durable commit, small enough to
/// keep memory flat at a million records.
const BATCH: u64 = 20_000;

fn create(
    ctx: &Ctx,
    svc: &Service,
    records: Vec<(RecordData, Option<String>)>,
) -> CliResult<Vec<crate::model::Record>> {
    match svc.call(&ctx.user, Request::CreateMany { records }) {
        Ok(Response::Created(created)) => Ok(created),
        Ok(_) => Err(CliError::env("unexpected response")),
        Err(e) => Err(CliError::from_service(&e, ctx.lang)),
    }
}

pub fn run(ctx: &Ctx, a: DemoArgs) -> CliResult {
    let svc = ctx.open_service()?;
    let started = Instant::now();
    let mut generator = DemoGenerator::new(a.seed);
    let partners: Vec<_> = (0..a.partners)
        .map(|i| (RecordData::Partner(generator.partner(i)), None))
        .collect();
    let partners: Vec<(String, String)> = create(ctx, &svc, partners)?
        .into_iter()
        .map(|r| (r.meta.code.clone(), r.data.title()))
        .collect();
    let mut done = 0;
    let show_progress = a.citizens > BATCH && std::io::IsTerminal::is_terminal(&std::io::stderr());
    while done < a.citizens {
        let n = BATCH.min(a.citizens - done);
        let batch = (0..n)
            .map(|_| (RecordData::Citizen(generator.citizen()), None))
            .collect();
        create(ctx, &svc, batch)?;
        done += n;
        if show_progress {
            eprint!(
                "\r{} {} / {}",
                Kind::Citizen,
                format_int(done as i64),
                format_int(a.citizens as i64)
            );
        }
    }
    if show_progress {
        eprintln!();
    }
    let agreements = (0..a.agreements)
        .map(|_| (RecordData::Agreement(generator.agreement(&partners)), None))
        .collect();
    create(ctx, &svc, agreements)?;
    println!(
        "{}: {} {}, {} {}, {} {} ({:.1} s)",
        ctx.lang.pick("Đã tạo dữ liệu mẫu", "Demo data created"),
        format_int(a.partners as i64),
        Kind::Partner,
        format_int(a.citizens as i64),
        Kind::Citizen,
        format_int(a.agreements as i64),
        Kind::Agreement,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
