//! `backup create FILE`, `backup verify FILE`, `backup restore FILE [--yes]`. The server
//! makes the copy and streams it; this client writes the file (0600), so the server never
//! writes where a client names. A backup to verify or restore is sent to the server, which
//! checks it (and checks it again as it puts it in place).

use super::args::BackupCommand;
use super::sink::{Sink, named};
use super::{CliError, CliResult, Ctx};
use crate::i18n::Lang;
use crate::model::Kind;
use crate::service::{Client, Request, Response};
use crate::text::number::format_int;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

/// Bytes sent per restore chunk.
const SEND: usize = 4 << 20;

pub fn run(ctx: &Ctx, command: BackupCommand) -> CliResult {
    match command {
        BackupCommand::Create { file } => create(ctx, &file),
        BackupCommand::Verify { file } => verify(ctx, &file),
        BackupCommand::Restore { file, yes } => restore(ctx, &file, yes),
    }
}

/// Sends a backup file (`-`: standard input) to the server, which keeps it aside to check
/// or put back.
fn send(ctx: &Ctx, svc: &Client, file: &Path) -> CliResult {
    let name = file.display().to_string();
    let io = |e: std::io::Error| CliError::io(&e, &name, ctx.lang);
    let mut input: Box<dyn Read> = if file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(file).map_err(io)?)
    };
    ctx.call(svc, Request::RestoreBegin)?;
    let mut buf = vec![0u8; SEND];
    loop {
        let n = input.read(&mut buf).map_err(io)?;
        if n == 0 {
            return Ok(());
        }
        let bytes = buf[..n].to_vec();
        ctx.call(svc, Request::RestoreChunk { bytes })?;
    }
}

/// The server's check of what was sent: its per-kind counts when sound, else every
/// problem printed and an error (`commit`: the check that also puts it in place).
fn checked(ctx: &Ctx, svc: &Client, file: &Path, commit: bool) -> CliResult<Vec<(Kind, u64)>> {
    let request = if commit {
        Request::RestoreCommit
    } else {
        Request::RestoreCheck
    };
    let response = svc
        .call(request)
        .map_err(|e| CliError::user(format!("{}: {}", file.display(), e.message(ctx.lang))))?;
    let Response::Checked { counts, problems } = response else {
        return Err(ctx.unexpected());
    };
    if !problems.is_empty() {
        for p in &problems {
            super::print_error(p);
        }
        return Err(CliError::user(format!(
            "{}: {} {}",
            file.display(),
            problems.len(),
            ctx.lang.pick(
                "vấn đề; bản sao lưu này không dùng được, không có gì thay đổi",
                "problems; this backup is not usable, nothing changed"
            )
        )));
    }
    Ok(counts)
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

/// Has the server check a backup: every record readable, every link sound.
fn verify(ctx: &Ctx, file: &Path) -> CliResult {
    let svc = ctx.client_existing()?;
    send(ctx, &svc, file)?;
    let counts = checked(ctx, &svc, file, false)?;
    println!(
        "{}: {} ({})",
        file.display(),
        ctx.lang.pick("bản sao lưu tốt", "a sound backup"),
        counts_text(&counts)
    );
    Ok(())
}

/// Asks at the terminal (`restore` made sure there is one).
fn confirm(ctx: &Ctx, counts: &[(Kind, u64)]) -> CliResult {
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
    if !yes && (file.as_os_str() == "-" || !std::io::stdin().is_terminal()) {
        return Err(CliError::user(ctx.lang.pick(
            "khôi phục thay toàn bộ dữ liệu hiện tại; không hỏi được ở đây, hãy chạy lại với --yes để xác nhận",
            "a restore replaces every record now stored; it cannot be asked about here: run again with --yes to confirm",
        )));
    }
    let svc = ctx.client()?;
    send(ctx, &svc, file)?;
    if !yes {
        let counts = checked(ctx, &svc, file, false)?;
        confirm(ctx, &counts)?;
    }
    let counts = checked(ctx, &svc, file, true)?;
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
