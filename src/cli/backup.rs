//! `backup create FILE`, `backup verify FILE`, `backup restore FILE [--yes]`. The server
//! makes the copy and streams it; this client writes the file (0600), so the server never
//! writes where a client names. A restore is checked before it is sent and by the server
//! before it is put in place.

use super::args::BackupCommand;
use super::sink::{Sink, named};
use super::{CliError, CliResult, Ctx};
use crate::i18n::Lang;
use crate::model::Kind;
use crate::service::{Request, Response};
use crate::text::number::format_int;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

/// Bytes sent per restore chunk.
const SEND: usize = 4 << 20;

pub fn run(ctx: &Ctx, command: BackupCommand) -> CliResult {
    match command {
        BackupCommand::Create { file } => create(ctx, &file),
        BackupCommand::Verify { file } => {
            let (path, _kept) = readable(ctx, &file)?;
            verify(ctx, &path).map(|_| ())
        }
        BackupCommand::Restore { file, yes } => {
            if file.as_os_str() == "-" && !yes {
                return Err(CliError::user(ctx.lang.pick(
                    "đọc bản sao lưu từ đầu vào chuẩn thì không hỏi được: thêm --yes",
                    "a backup read from standard input cannot be asked about: add --yes",
                )));
            }
            let (path, _kept) = readable(ctx, &file)?;
            restore(ctx, &path, yes)
        }
    }
}

/// The file to read: `-` is standard input, kept in a private temporary file meanwhile.
fn readable(
    ctx: &Ctx,
    file: &Path,
) -> CliResult<(std::path::PathBuf, Option<tempfile::NamedTempFile>)> {
    if file.as_os_str() != "-" {
        return Ok((file.to_path_buf(), None));
    }
    let io = |e: std::io::Error| CliError::io(&e, "stdin", ctx.lang);
    let mut temp = tempfile::NamedTempFile::new().map_err(io)?;
    std::io::copy(&mut std::io::stdin().lock(), &mut temp).map_err(io)?;
    Ok((temp.path().to_path_buf(), Some(temp)))
}

fn counts_text(counts: &[(Kind, u64)]) -> String {
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{} {k}", format_int(*n as i64)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn create(ctx: &Ctx, file: &Path) -> CliResult {
    let svc = ctx.client_existing()?;
    let Response::Backup { size, records } = ctx.call(&svc, Request::BackupBegin)? else {
        return Err(ctx.unexpected());
    };
    let target = named(&Some(file.to_path_buf())).map(Path::to_path_buf);
    let mut sink = Sink::open(ctx, target.as_deref())?;
    let mut bar = super::progress::bar(size, ctx.lang.pick("Đang sao lưu", "Backing up"));
    let mut offset = 0u64;
    while offset < size {
        let Response::Bytes(bytes) = ctx.call(&svc, Request::BackupChunk { offset })? else {
            return Err(ctx.unexpected());
        };
        if bytes.is_empty() {
            break;
        }
        sink.write_all(&bytes).map_err(|e| sink.io_error(ctx, e))?;
        offset += bytes.len() as u64;
        bar.set_position(offset);
    }
    bar.finish_and_clear();
    let _ = svc.call(Request::BackupEnd);
    if offset != size {
        return Err(CliError::env(ctx.lang.pick(
            "bản sao lưu bị cắt ngang; không có tệp nào được ghi",
            "the backup was cut short; no file was written",
        )));
    }
    let written = sink.finish(ctx)?;
    if let Some(path) = written {
        eprintln!(
            "{} {} {} → {} ({} MB)",
            ctx.lang.pick("Đã sao lưu", "Backed up"),
            format_int(records as i64),
            ctx.lang.pick("hồ sơ", "records"),
            path.display(),
            format_int((size / 1_000_000) as i64)
        );
    }
    Ok(())
}

/// Checks a backup file; its per-kind counts when sound.
fn verify(ctx: &Ctx, file: &Path) -> CliResult<Vec<(Kind, u64)>> {
    let report = crate::store::verify_backup(file, ctx.lang).map_err(|e| {
        CliError::user(format!(
            "{}: {}",
            file.display(),
            crate::service::ServiceError::from(&e).message(ctx.lang)
        ))
    })?;
    if !report.problems.is_empty() {
        for p in &report.problems {
            super::print_error(p);
        }
        return Err(CliError::user(format!(
            "{}: {} {}",
            file.display(),
            report.problems.len(),
            ctx.lang.pick(
                "vấn đề; bản sao lưu này không dùng được",
                "problems; this backup is not usable"
            )
        )));
    }
    println!(
        "{}: {} ({})",
        file.display(),
        ctx.lang.pick("bản sao lưu tốt", "a sound backup"),
        counts_text(&report.counts)
    );
    Ok(report.counts)
}

fn confirm(ctx: &Ctx, counts: &[(Kind, u64)]) -> CliResult {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::user(ctx.lang.pick(
            "khôi phục thay toàn bộ dữ liệu hiện tại; chạy lại với --yes để xác nhận",
            "a restore replaces every record now stored; run again with --yes to confirm",
        )));
    }
    eprint!(
        "{} ({}). {} ",
        ctx.lang.pick(
            "Mọi hồ sơ hiện có sẽ được thay bằng bản sao lưu",
            "Every record now stored will be replaced by the backup's"
        ),
        counts_text(counts),
        ctx.lang
            .pick("Gõ \"có\" để tiếp tục:", "Type \"yes\" to go on:")
    );
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| CliError::io(&e, "stdin", ctx.lang))?;
    let a = crate::text::fold::fold(answer.trim());
    if a == "co" || a == "yes" {
        Ok(())
    } else {
        Err(CliError::user(ctx.lang.pick(
            "đã hủy; không có gì thay đổi",
            "cancelled; nothing changed",
        )))
    }
}

fn restore(ctx: &Ctx, file: &Path, yes: bool) -> CliResult {
    let counts = verify(ctx, file)?;
    if !yes {
        confirm(ctx, &counts)?;
    }
    let mut input = std::fs::File::open(file)
        .map_err(|e| CliError::io(&e, &file.display().to_string(), ctx.lang))?;
    let svc = ctx.client()?;
    ctx.call(&svc, Request::RestoreBegin)?;
    let mut buf = vec![0u8; SEND];
    loop {
        let n = input
            .read(&mut buf)
            .map_err(|e| CliError::io(&e, &file.display().to_string(), ctx.lang))?;
        if n == 0 {
            break;
        }
        ctx.call(
            &svc,
            Request::RestoreChunk {
                bytes: buf[..n].to_vec(),
            },
        )?;
    }
    let Response::Checked { counts, problems } = ctx.call(&svc, Request::RestoreCommit)? else {
        return Err(ctx.unexpected());
    };
    if !problems.is_empty() {
        for p in &problems {
            super::print_error(p);
        }
        return Err(CliError::user(ctx.lang.pick(
            "máy chủ thấy bản sao lưu có vấn đề; không có gì thay đổi",
            "the server found problems in the backup; nothing changed",
        )));
    }
    drop(svc);
    // The server puts the backup in place as it stops; the next client starts it again.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while ctx.running_server().is_ok() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let svc = ctx.client()?;
    let total = Kind::ALL
        .into_iter()
        .map(|kind| match svc.call(Request::Count { kind }) {
            Ok(Response::Count(n)) => n,
            _ => 0,
        })
        .sum::<u64>();
    println!(
        "{} ({}); {} {}",
        ctx.lang.pick("Đã khôi phục", "Restored"),
        counts_text(&counts),
        format_int(total as i64),
        match ctx.lang {
            Lang::Vi => "hồ sơ (ngoài thùng rác)",
            Lang::En => "records (trash aside)",
        }
    );
    Ok(())
}
