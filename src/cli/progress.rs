//! A progress bar on standard error for imports, exports and backups that take more than a
//! second: quiet before that, and never drawn when standard error is not a terminal
//! (indicatif hides it), so scripts see none.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::{Duration, Instant};

pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    shown: bool,
}

/// After this long the bar appears.
const QUIET: Duration = Duration::from_secs(1);

impl Progress {
    pub fn set_position(&mut self, n: u64) {
        if !self.shown && self.started.elapsed() >= QUIET {
            self.bar
                .set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
            self.shown = true;
        }
        self.bar.set_position(n);
    }

    /// One more done.
    pub fn tick(&mut self) {
        let n = self.bar.position() + 1;
        // Looked at every thousand: a million rows do not pay for a clock read each.
        if n.is_multiple_of(1000) || self.shown {
            self.set_position(n);
        } else {
            self.bar.set_position(n);
        }
    }

    pub fn finish_and_clear(&self) {
        self.bar.finish_and_clear();
    }
}

pub fn bar(total: u64, what: &str) -> Progress {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({eta})") {
        bar.set_style(style);
    }
    bar.set_message(what.to_string());
    Progress {
        bar,
        started: Instant::now(),
        shown: false,
    }
}
