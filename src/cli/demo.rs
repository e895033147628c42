//! `ngoaivu demo`: fills the database with deterministic sample data, in batches.

use super::args::DemoArgs;
use super::{CliError, CliResult, Ctx};
use crate::demo::fill::{Amounts, BATCH, fill};
use crate::model::Kind;
use crate::text::number::format_int;
use std::time::Instant;

pub fn run(ctx: &Ctx, a: DemoArgs) -> CliResult {
    let svc = ctx.client()?;
    let started = Instant::now();
    let show_progress = a.citizens > BATCH && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let amounts = Amounts {
        partners: a.partners,
        citizens: a.citizens,
        agreements: a.agreements,
        seed: a.seed,
    };
    fill(&svc, amounts, |done| {
        if show_progress {
            eprint!(
                "\r{} {} / {}",
                Kind::Citizen,
                format_int(done as i64),
                format_int(a.citizens as i64)
            );
        }
    })
    .map_err(|e| CliError::from_service(&e, ctx.lang))?;
    if show_progress {
        eprintln!();
    }
    let others = Kind::ALL
        .into_iter()
        .map(|k| (k, crate::demo::kinds::count(k, a.partners)))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!(", {} {k}", format_int(n as i64)))
        .collect::<String>();
    println!(
        "{}: {} {}, {} {}, {} {}{others} ({:.1} s)",
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
