//! `ngoaivu keys`: prints the keymap in effect (the built-in defaults with the user's
//! keymap.toml applied) as TOML. Problems in the user's file go to standard error, one line
//! each; they never change the exit status (0), as the TUI also starts with them.

use super::{CliError, CliResult, Ctx, print_error};
use crate::text::sanitize::for_display;
use crate::tui::keymap;
use std::io::Write;

pub fn run(ctx: &Ctx) -> CliResult {
    let lang = ctx.lang;
    let path = keymap::user_path();
    let (map, errors) = keymap::load(path.as_deref());
    for e in &errors {
        print_error(&format!("ngoaivu: {}", e.message(lang)));
    }
    let source = match &path {
        Some(p) if p.is_file() => format!("{}", for_display(&p.display().to_string())),
        Some(p) => format!(
            "{} ({})",
            for_display(&p.display().to_string()),
            lang.pick("chưa có tệp này", "no such file")
        ),
        None => lang
            .pick(
                "(không tìm thấy thư mục cấu hình)",
                "(no configuration directory found)",
            )
            .to_string(),
    };
    let mut text = format!(
        "# {}\n# {source}\n# {}\n\n",
        lang.pick(
            "Phím tắt đang dùng: mặc định của ngoaivu, ghi đè từng phím bởi",
            "Key bindings in effect: ngoaivu's defaults, overridden key by key by",
        ),
        lang.pick(
            "Chỉ cần ghi vào tệp đó các phím muốn đổi; \"none\" bỏ gán một phím.",
            "That file needs only the keys you change; \"none\" unbinds a key.",
        ),
    );
    text.push_str(&map.render_effective());
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::io(&e, "stdout", lang)),
        Ok(()) => Ok(()),
    }
}
