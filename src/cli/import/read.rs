//! The import's flags turned into reading options, and the file read through
//! `interop::file`.

use super::super::args::ImportArgs;
use super::super::{CliError, CliResult, Ctx};
use crate::i18n::Lang;
use crate::interop::encoding::Encoding;
use crate::interop::file::{self, FileRead};
use crate::model::Kind;

/// Everything read from the file, before the database is asked.
pub(super) type Parsed = FileRead;

/// The reading options the flags say.
pub(super) fn options(ctx: &Ctx, a: &ImportArgs, kind: Option<Kind>) -> CliResult<file::Options> {
    let mut opts = file::Options::new(crate::interop::table::cells::today());
    opts.kind = kind;
    opts.unknown_to_notes = a.unknown_to_notes;
    // Only the file of rejected rows needs a CSV's cells once read.
    opts.keep_cells = a.skip_invalid;
    if let Some(f) = &a.format {
        opts.format = Some(super::format_named(ctx, f)?);
    }
    if let Some(name) = &a.encoding {
        opts.encoding = Some(Encoding::parse(name).ok_or_else(|| {
            CliError::user(format!(
                "--encoding {name}: {}",
                ctx.lang.pick(
                    "dùng utf-8, utf-16, windows-1258, tcvn3 hoặc vni",
                    "use utf-8, utf-16, windows-1258, tcvn3 or vni"
                )
            ))
        })?);
    }
    for m in &a.map {
        let (column, field) = m.split_once('=').ok_or_else(|| {
            CliError::user(format!(
                "--map {m}: {}",
                ctx.lang
                    .pick("viết \"Cột=trường\"", "write \"Column=field\"")
            ))
        })?;
        opts.map
            .push((column.trim().to_string(), field.trim().to_string()));
    }
    Ok(opts)
}

/// Reads the file, handing each record to `on_item`; says how to read an old encoding.
pub(super) fn parse(
    ctx: &Ctx,
    a: &ImportArgs,
    bytes: &[u8],
    opts: &file::Options,
    on_item: &mut dyn FnMut(crate::interop::jsonl::ImportItem),
) -> CliResult<Parsed> {
    let read = file::read_with(&a.file, bytes, opts, on_item)
        .map_err(|e| CliError::user(ctx.lang.pick(&e.vi, &e.en).to_string()))?;
    if let Some(e) = read.legacy_hint {
        eprintln!(
            "{}",
            match ctx.lang {
                Lang::Vi => format!(
                    "Gợi ý: tệp có vẻ được gõ bằng bảng mã {0}; nếu chữ bị lỗi, hãy chạy lại với --encoding {0}",
                    e.name()
                ),
                Lang::En => format!(
                    "Hint: the file looks like {0} text; if the letters look wrong, run again with --encoding {0}",
                    e.name()
                ),
            }
        );
    }
    Ok(read)
}
