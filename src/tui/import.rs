//! `:import FILE` in the app: any format the command line reads (spreadsheets, JSON Lines,
//! vCards), all or nothing, with progress on the status line as chunks are sent.

use super::effect::Msg;
use super::worker::Reply;
use crate::i18n::Lang;
use crate::interop::file;
use crate::interop::jsonl::check_file;
use crate::model::Kind;
use crate::service::{Client, NewRecord};
use crate::text::number::format_int;
use std::sync::mpsc::Sender;

/// Problems shown on the status line; the rest are for `ngoaivu import --dry-run`.
const SHOWN: usize = 3;

pub fn import(
    client: &Client,
    replies: &Sender<Reply>,
    path: &str,
    lang: Lang,
) -> Result<usize, String> {
    let expanded = match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(path),
    };
    let bytes = std::fs::read(&expanded).map_err(|e| format!("{path}: {e}"))?;
    let mut opts = file::Options::new(crate::interop::table::cells::today());
    opts.keep_cells = false;
    let read = file::read(&expanded, &bytes, &opts)
        .map_err(|e| format!("{path}: {}", lang.pick(&e.vi, &e.en)))?;
    drop(bytes);
    let exists = |codes: &[String]| client.kinds_of(codes);
    let mut read = read;
    read.forget_cells();
    let items = std::mem::take(&mut read.items);
    let errors = std::mem::take(&mut read.errors);
    let items = check_file(items, errors, &exists).map_err(|errors| {
        let first: Vec<String> = errors
            .iter()
            .take(SHOWN)
            .map(|e| read.place(e.clone()).message(lang))
            .collect();
        let more = errors.len().saturating_sub(SHOWN);
        let rest = if more > 0 {
            format!(" (+{more}: ngoaivu import --dry-run)")
        } else {
            String::new()
        };
        format!("{path}: {}{rest}", first.join(" · "))
    })?;
    let total = items.len() as u64;
    let counts: Vec<(Kind, u64)> = Kind::ALL
        .into_iter()
        .map(|k| {
            (
                k,
                items.iter().filter(|i| i.data.kind() == k).count() as u64,
            )
        })
        .collect();
    let started = std::time::Instant::now();
    let records = items.into_iter().map(NewRecord::from);
    let n = client
        .import_iter(counts, records, |sent| {
            // Said only when it takes a while, so a small file stays quiet.
            if started.elapsed().as_secs() >= 1 {
                let text = match lang {
                    Lang::Vi => format!(
                        "Đang nhập {} / {}…",
                        format_int(sent as i64),
                        format_int(total as i64)
                    ),
                    Lang::En => format!(
                        "Importing {} / {}…",
                        format_int(sent as i64),
                        format_int(total as i64)
                    ),
                };
                let _ = replies.send(Reply::Later(Msg::Info(text)));
            }
        })
        .map_err(|e| e.message(lang).to_string())?;
    Ok(n as usize)
}
