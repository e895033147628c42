//! `ngoaivu` with no command: the full-screen app on the local database. Without a terminal
//! (a pipe, a script) it prints a summary of the records instead.

use super::{CliError, CliResult, Ctx, records};
use crate::tui::app::App;
use crate::tui::keymap;
use std::io::IsTerminal;
use std::sync::Arc;

pub fn run(ctx: &Ctx) -> CliResult {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return records::summary(ctx);
    }
    let client = Arc::new(ctx.tui_client()?);
    let (keymap, errors) = keymap::load(keymap::user_path().as_deref());
    let database = crate::service::paths::database(&ctx.data_dir)
        .display()
        .to_string();
    let mut app = App::new(client, &database, ctx.lang, keymap);
    if let Some(first) = errors.first() {
        // Every error is worth reading; the status line has room for the first, and
        // `ngoaivu keys` lists them all.
        let more = if errors.len() > 1 {
            format!(" (+{}: ngoaivu keys)", errors.len() - 1)
        } else {
            String::new()
        };
        app.model.error(format!(
            "{}: {}{more}",
            ctx.lang.ui().keymap_errors,
            first.message(ctx.lang)
        ));
    }
    crate::tui::terminal::run(app).map_err(|e| CliError::io(&e, "terminal", ctx.lang))
}
