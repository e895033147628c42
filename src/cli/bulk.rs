//! `set KIND --filter QUERY FIELD=VALUE… [--dry-run]`: one change to every record a search
//! finds, in one operation (`revert --op` undoes it whole).

use super::args::SetArgs;
use super::records::{history_value, out, parse_kind};
use super::{CliError, CliResult, Ctx};
use crate::model::labels::label_in;
use crate::service::{BulkOutcome, FieldEdit, Request, Response, SearchSlot};
use crate::text::number::format_int;
use crate::text::sanitize::for_display;

/// Most records one filter may pick.
const FILTER_LIMIT: usize = 10_000_000;

pub fn set(ctx: &Ctx, a: SetArgs) -> CliResult {
    let kind = parse_kind(ctx, &a.kind)?;
    let edits = a
        .edits
        .iter()
        .map(|e| FieldEdit::parse(e).map_err(|e| CliError::user(e.message(ctx.lang))))
        .collect::<CliResult<Vec<_>>>()?;
    if a.filter.trim().is_empty() {
        return Err(CliError::user(ctx.lang.pick(
            "--filter cần một truy vấn (ví dụ --filter \"ansan\"): sửa hàng loạt không sửa cả cơ sở dữ liệu khi chưa lọc",
            "--filter needs a query (e.g. --filter \"ansan\"): a bulk edit never changes a whole kind unfiltered",
        )));
    }
    let svc = ctx.client_existing()?;
    let found = ctx.call(
        &svc,
        Request::Search {
            query: whole_words(&a.filter),
            kind: Some(kind),
            limit: FILTER_LIMIT,
            slot: SearchSlot::Once,
        },
    )?;
    let Response::Hits { hits, .. } = found else {
        return Err(ctx.unexpected());
    };
    let codes: Vec<String> = hits.into_iter().map(|h| h.code).collect();
    if codes.is_empty() {
        let filter = for_display(&a.filter);
        let text = pick(
            ctx.lang,
            format!("Không có hồ sơ {} nào khớp «{filter}».\n", kind.label_vi()),
            format!("No {kind} record matches \"{filter}\".\n"),
        );
        return out(ctx, &text);
    }
    let request = Request::SetFields {
        kind,
        codes,
        edits,
        filter: a.filter.clone(),
        dry_run: a.dry_run,
    };
    let Response::Bulk(done) = ctx.call(&svc, request)? else {
        return Err(ctx.unexpected());
    };
    out(ctx, &report(ctx, kind, &done, a.dry_run))
}

/// The filter with each bare word quoted, so it matches whole words only: the search box's
/// prefixes and one-typo neighbours ("ansan" finding Anyang) are welcome while looking, but a
/// bulk edit must not change a record nobody asked for. Quoted phrases and `c:` prefixes stay.
fn whole_words(filter: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut rest = filter;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        let end = if let Some(quoted) = rest.strip_prefix('"') {
            // An unclosed quote is left for the search to refuse.
            quoted.find('"').map_or(rest.len(), |i| i + 2)
        } else {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        };
        let term = &rest[..end];
        if term.starts_with('"') || term.contains(':') {
            out.push(term.to_string());
        } else {
            out.push(format!("\"{term}\""));
        }
        rest = &rest[end..];
    }
    out.join(" ")
}

/// What was (or would be) changed: a summary line, then the first records' changes.
fn report(ctx: &Ctx, kind: crate::model::Kind, done: &BulkOutcome, dry_run: bool) -> String {
    let lang = ctx.lang;
    let n = format_int(done.changed as i64);
    let mut text = match (dry_run, lang) {
        (true, crate::i18n::Lang::Vi) => {
            format!(
                "Sẽ sửa {n} hồ sơ {} (chạy thử: chưa lưu gì)",
                kind.label_vi()
            )
        }
        (true, crate::i18n::Lang::En) => {
            format!("Would change {n} {kind} records (dry run: nothing stored)")
        }
        (false, crate::i18n::Lang::Vi) => format!("Đã sửa {n} hồ sơ {}", kind.label_vi()),
        (false, crate::i18n::Lang::En) => format!("Changed {n} {kind} records"),
    };
    if done.unchanged > 0 {
        let u = format_int(done.unchanged as i64);
        text.push_str(&pick(
            lang,
            format!("; {u} hồ sơ đã đúng như vậy"),
            format!("; {u} already so"),
        ));
    }
    if !done.skipped.is_empty() {
        let s = format_int(done.skipped.len() as i64);
        text.push_str(&pick(
            lang,
            format!("; {s} hồ sơ đã bị xóa trong lúc chọn, bỏ qua"),
            format!("; {s} deleted meanwhile, skipped"),
        ));
    }
    if let Some(op) = done.op {
        text.push_str(&pick(
            lang,
            format!(".\nMột thao tác (#{op}); hoàn tác: ngoaivu revert --op {op}\n"),
            format!(".\nOne operation (#{op}); undo: ngoaivu revert --op {op}\n"),
        ));
    } else {
        text.push_str(".\n");
    }
    for (code, changes) in &done.preview {
        for c in changes {
            let field = label_in(kind, &c.field, lang);
            text.push_str(&format!(
                "  {code:<12} {field}: {} → {}\n",
                history_value(&c.field, &c.before, ctx),
                history_value(&c.field, &c.after, ctx)
            ));
        }
    }
    let rest = done.changed.saturating_sub(done.preview.len() as u64);
    if rest > 0 {
        let rest = format_int(rest as i64);
        text.push_str(&pick(
            lang,
            format!("  … và {rest} hồ sơ nữa\n"),
            format!("  … and {rest} more records\n"),
        ));
    }
    text
}

fn pick(lang: crate::i18n::Lang, vi: String, en: String) -> String {
    match lang {
        crate::i18n::Lang::Vi => vi,
        crate::i18n::Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::whole_words;

    #[test]
    fn bare_words_are_quoted_and_phrases_kept() {
        assert_eq!(whole_words("ansan"), "\"ansan\"");
        assert_eq!(whole_words(" nguyen  van "), "\"nguyen\" \"van\"");
        assert_eq!(whole_words("\"han quoc\" ansan"), "\"han quoc\" \"ansan\"");
        assert_eq!(whole_words("c:anh 0912"), "c:anh \"0912\"");
        assert_eq!(whole_words("\"open"), "\"open");
    }
}
