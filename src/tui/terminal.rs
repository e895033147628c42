//! The real terminal: raw mode, alternate screen, mouse capture and bracketed paste on the
//! way in; all four undone on every way out, panics included.

use super::app::App;
use base64::Engine;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

/// Undoes what `ratatui::init` does not know about, then what it does.
fn restore() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    // Not `ratatui::restore`: on a terminal that has hung up it reports the failure with
    // `eprintln!`, which panics when stderr is gone too.
    let _ = ratatui::try_restore();
}

/// Restores the terminal when dropped: on return, on `?` and while unwinding.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Whether the terminal has hung up (the SSH session or window closed) even if no signal
/// said so: its descriptor then reports HUP or an error.
fn terminal_gone() -> bool {
    use rustix::event::{PollFd, PollFlags, poll};
    let stdin = rustix::stdio::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
    let zero = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    match poll(&mut fds, Some(&zero)) {
        Ok(_) => fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        Err(_) => true,
    }
}

/// OSC 52: the terminal puts `text` on the user's own clipboard, over SSH too.
fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{encoded}\x07")
}

pub fn run(mut app: App) -> std::io::Result<()> {
    let result = run_loop(&mut app);
    // However the loop ended (q, a hang-up, a closed window), typed text is kept.
    app.keep_drafts_now();
    result
}

fn run_loop(app: &mut App) -> std::io::Result<()> {
    // ratatui::init installs a panic hook that restores raw mode and the alternate screen;
    // ours runs first and also releases the mouse and bracketed paste.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            std::io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste
        );
        previous(info);
    }));
    let mut terminal: DefaultTerminal = ratatui::init();
    let _guard = Guard;
    execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    // The server builds the index in the background; the first screen does not wait for it.
    // Closing the terminal window or the SSH session sends SIGHUP; a service manager sends
    // SIGTERM. Either ends the loop like `q`, so the database is closed cleanly and the next
    // start does not have to repair it.
    let hang_up = Arc::new(AtomicBool::new(false));
    for signal in [SIGHUP, SIGTERM, SIGINT] {
        signal_hook::flag::register(signal, hang_up.clone())?;
    }
    // Events are read on their own thread: crossterm's reader spins inside `poll` once the
    // terminal is gone (crossterm-rs/crossterm#793), and this loop must still get to see
    // the hang-up and close the database.
    let (events, incoming) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        while let Ok(event) = event::read() {
            if events.send(event).is_err() {
                break;
            }
        }
    });
    loop {
        if hang_up.load(Ordering::Relaxed) || terminal_gone() {
            if terminal_gone() {
                // Dropping the terminal would try to show the cursor on a dead terminal and
                // report the failure with `eprintln!`, which panics with stderr gone too.
                std::mem::forget(terminal);
            }
            return Ok(());
        }
        // What the last keys asked for is usually answered within a few milliseconds:
        // drawn together, without the intermediate frames.
        app.settle_within(Duration::from_millis(30));
        terminal.draw(|frame| app.render(frame))?;
        for text in app.take_clipboard() {
            let mut out = std::io::stdout();
            out.write_all(osc52(&text).as_bytes())?;
            out.flush()?;
        }
        if app.should_quit() {
            return Ok(());
        }
        // While the worker is answering, look again soon: its answer is drawn as it lands
        // (a background sort is not waited for this way: its rows come within 50 ms).
        let wait = if app.runner.answering() { 2 } else { 50 };
        match incoming.recv_timeout(Duration::from_millis(wait)) {
            Ok(event) => {
                app.handle_event(event);
                // Take everything already waiting before drawing again: fast typists and
                // pastes do not wait for a frame per key.
                while let Ok(event) = incoming.try_recv() {
                    app.handle_event(event);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            // The reader stopped: the terminal cannot be read any more.
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        app.pump();
        app.poll_index();
        app.poll_changes();
        app.tick();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn osc52_carries_the_text_base64_encoded() {
        assert_eq!(super::osc52("Đặng"), "\x1b]52;c;xJDhurduZw==\x07");
    }
}
