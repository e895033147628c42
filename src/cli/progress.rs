//! A progress bar on standard error for imports and exports that take a while (indicatif
//! hides it when standard error is not a terminal, so scripts see none).

use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;

pub fn bar(total: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({eta})") {
        bar.set_style(style);
    }
    bar.set_message(what.to_string());
    // Drawn only after a second: short runs stay quiet.
    bar.enable_steady_tick(Duration::from_millis(250));
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
    bar
}
