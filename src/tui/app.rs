//! The app: key → keymap → `Action` → `update` → effects run by the `Runner` → messages
//! applied → `render`. Headless tests drive it with key strings; the terminal loop in
//! `terminal.rs` drives it with real events.

use super::action::Action;
use super::apply::apply;
use super::effect::{Effect, Msg};
use super::keymap::{Context, Keymap, Lookup};
use super::keys::{normalize, parse_test_keys};
use super::model::{Model, Overlay, Screen};
use super::runner::Runner;
use super::theme::Theme;
use super::typing;
use super::update::{self, ensure_rows, update};
use super::views;
use crate::i18n::Lang;
use crate::service::{Client, Push};
use ratatui::Frame;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::Rect;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

pub struct App {
    pub model: Model,
    pub keymap: Keymap,
    pub runner: Runner,
    pub theme: Theme,
    /// Keys of a sequence still being typed ("g" of "g g").
    pending: Vec<KeyEvent>,
    changes: Receiver<Push>,
    /// The last screen size, for mouse hit-testing.
    size: Rect,
    /// When typing in a form started and when it last paused: its draft goes to the server
    /// once typing pauses (or every few seconds of steady typing).
    draft_due: Option<(std::time::Instant, std::time::Instant)>,
    /// While the server is away: when to try reaching it again.
    next_reconnect: std::time::Instant,
}

/// The view whose keys apply (and the help screen lists); `[help]` applies while help is
/// open.
pub fn help_context(m: &Model) -> Context {
    match (&m.overlay, m.screen()) {
        (Some(Overlay::Search(_)), _) => Context::Search,
        (_, Some(Screen::Form(_))) => Context::Form,
        (_, Some(Screen::Compare(_))) => Context::Compare,
        (_, Some(Screen::Log(_))) => Context::Log,
        (_, Some(Screen::Agenda(_))) => Context::Agenda,
        (_, Some(Screen::Report(_))) => Context::Report,
        (_, Some(Screen::Detail(_))) => Context::Detail,
        _ => Context::List,
    }
}

impl App {
    pub fn new(client: Arc<Client>, database: &str, lang: Lang, keymap: Keymap) -> App {
        let changes = client.pushes();
        let identity = client.identity().clone();
        let mut model = Model::new(lang, &identity.user, database);
        model.read_only = !identity.role.sees_sensitive();
        let mut app = App {
            model,
            keymap,
            runner: Runner::new(client),
            theme: Theme::from_env(),
            pending: Vec::new(),
            changes,
            size: Rect::new(0, 0, 80, 24),
            draft_due: None,
            next_reconnect: std::time::Instant::now(),
        };
        app.dispatch(vec![Effect::LoadCounts]);
        if !app.model.read_only {
            app.dispatch(vec![Effect::LoadDrafts]);
        }
        app.resize(80, 24);
        // The first screen shows the counts and the first rows: worth the few milliseconds
        // before the loop starts.
        app.settle();
        app
    }

    /// Has the server build the search index now and waits for it (tests; the terminal app
    /// asks with `poll_index` until the server's own build is done).
    pub fn build_index_now(&mut self) {
        self.dispatch(vec![Effect::CheckIndex { build: true }]);
        self.settle();
    }

    /// Asks the server (without waiting) whether its search index is ready, unless it is
    /// known to be or the worker is still answering.
    pub fn poll_index(&mut self) {
        if !self.model.index_ready && !self.runner.answering() {
            self.dispatch(vec![Effect::CheckIndex { build: false }]);
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = Rect::new(0, 0, width, height);
        self.model.page_rows = views::list_rows(height).max(1);
        let page = self.model.page_rows;
        let list = self.model.list_mut();
        if list.selected >= list.top + page {
            list.top = list.selected + 1 - page;
        }
        let effects = ensure_rows(&self.model);
        self.dispatch(effects);
    }

    pub fn render(&self, frame: &mut Frame) {
        views::render(&self.model, &self.keymap, self.theme, frame);
    }

    /// Hands effects to the worker; their answers are applied as they arrive (`pump`).
    pub fn dispatch(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            self.runner.submit(effect, self.model.lang);
        }
        // Whenever the open record changes, the server hears of it (presence).
        let wanted = super::live::wanted(&self.model);
        if self.model.presence.sent.as_ref() != Some(&wanted) {
            if wanted.0 != self.model.presence.on {
                self.model.presence.here.clear();
            }
            // A server told nothing yet knows this app is on no record: nothing to say.
            let untold = self.model.presence.sent.is_none() && wanted.0.is_none();
            self.model.presence.sent = Some(wanted.clone());
            if !untold {
                let (code, editing) = wanted;
                self.runner
                    .submit(Effect::Presence { code, editing }, self.model.lang);
            }
        }
    }

    pub fn on_msg(&mut self, msg: Msg) {
        let effects = apply(&mut self.model, msg);
        self.dispatch(effects);
    }

    /// Applies every answer that has arrived; true if any did.
    pub fn pump(&mut self) -> bool {
        let msgs = self.runner.poll();
        let any = !msgs.is_empty();
        for msg in msgs {
            self.on_msg(msg);
        }
        any
    }

    pub fn act(&mut self, action: Action) {
        let effects = update(&mut self.model, action);
        self.dispatch(effects);
    }

    /// Records changed since the last call (by this app or anyone else): refresh once.
    pub fn poll_changes(&mut self) -> bool {
        if self.model.link == super::model::Link::Connected
            && self.runner.client.link() == crate::service::LinkState::Reconnecting
        {
            self.model.link = super::model::Link::Reconnecting;
            let text = self.model.link.label(self.model.lang).to_string();
            self.model.error(text);
        }
        let mut pushes = Vec::new();
        loop {
            match self.changes.try_recv() {
                Ok(push) => pushes.push(push),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    // The server hung up for good (a feed that does not reconnect): said once.
                    if self.model.link != super::model::Link::Gone {
                        self.model.link = super::model::Link::Gone;
                        self.model
                            .error(self.model.lang.ui().server_gone.to_string());
                    }
                    break;
                }
            }
        }
        let any = !pushes.is_empty();
        if any {
            self.on_msg(Msg::Remote(pushes));
        }
        any
    }

    /// Texts copied since the last call, for the terminal to send as OSC 52.
    pub fn take_clipboard(&mut self) -> Vec<String> {
        std::mem::take(&mut self.runner.clipboard)
    }

    /// Sends the drafts of changed forms once typing has paused; while the server is away,
    /// tries to reach it again every second.
    pub fn tick(&mut self) {
        let now = std::time::Instant::now();
        if self.model.link == super::model::Link::Reconnecting
            && now >= self.next_reconnect
            && !self.runner.answering()
        {
            self.next_reconnect = now + std::time::Duration::from_secs(1);
            self.dispatch(vec![Effect::Reconnect]);
        }
        if let Some((first, last)) = self.draft_due
            && (now >= last + super::drafts::DEBOUNCE || now >= first + 4 * super::drafts::DEBOUNCE)
        {
            self.draft_due = None;
            let effects = super::drafts::of_changed_forms(&self.model)
                .into_iter()
                .map(|(key, draft)| Effect::SaveDraft {
                    key,
                    draft: Box::new(draft),
                })
                .collect();
            self.dispatch(effects);
        }
    }

    /// Keeps every changed form's draft on the server now, waiting for it (a hang-up or a
    /// quit: nothing typed is lost).
    pub fn keep_drafts_now(&mut self) {
        for (key, draft) in super::drafts::of_changed_forms(&self.model) {
            if let Err(e) = self
                .runner
                .client
                .call(crate::service::Request::SaveDraft { key, draft })
            {
                // Not eprintln!: with the terminal gone it would panic.
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "ngoaivu: keeping a draft: {}",
                    e.message(self.model.lang)
                );
            }
        }
    }

    /// A key or a paste may have changed a form: its draft is due.
    fn typed(&mut self) {
        if self.model.form().is_some_and(|f| f.is_dirty()) {
            let now = std::time::Instant::now();
            let first = self.draft_due.map_or(now, |(first, _)| first);
            self.draft_due = Some((first, now));
        }
    }

    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Paste(text) => {
                let effects = typing::paste(&mut self.model, &text);
                self.dispatch(effects);
                self.typed();
            }
            Event::Resize(w, h) => self.resize(w, h),
            Event::Mouse(mouse) => self.handle_mouse(mouse.kind, mouse.row),
            _ => {}
        }
    }

    fn handle_mouse(&mut self, kind: MouseEventKind, row: u16) {
        match kind {
            MouseEventKind::ScrollDown => (0..3).for_each(|_| self.act(Action::MoveDown)),
            MouseEventKind::ScrollUp => (0..3).for_each(|_| self.act(Action::MoveUp)),
            MouseEventKind::Down(MouseButton::Left)
                if self.model.overlay.is_none() && self.model.stack.is_empty() =>
            {
                let [_, body, _] = views::areas(self.size);
                if let Some(index) = views::list::row_at(&self.model, body, row) {
                    let delta = index as i64 - self.model.list().selected as i64;
                    let effects = update::move_by(&mut self.model, delta);
                    self.dispatch(effects);
                }
            }
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        self.handle_key_inner(key);
        self.typed();
    }

    fn handle_key_inner(&mut self, key: KeyEvent) {
        let key = normalize(key);
        // The welcome screen's offer: demo data with one key.
        if self.model.welcome
            && self.model.overlay.is_none()
            && self.model.stack.is_empty()
            && key.code == KeyCode::Char('D')
        {
            self.dispatch(vec![Effect::LoadDemo]);
            return;
        }
        if matches!(
            self.model.overlay,
            Some(Overlay::Command(_) | Overlay::Filter(_) | Overlay::Confirm(_))
        ) {
            let effects = typing::key(&mut self.model, key);
            self.dispatch(effects);
            return;
        }
        let typing = typing::is_typing(&self.model);
        let plain_char = matches!(key.code, KeyCode::Char(_))
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if typing && plain_char && self.pending.is_empty() {
            let effects = typing::key(&mut self.model, key);
            self.dispatch(effects);
            return;
        }
        self.pending.push(key);
        let ctx = if matches!(self.model.overlay, Some(Overlay::Help)) {
            Context::Help
        } else {
            help_context(&self.model)
        };
        match self.keymap.lookup(ctx, &self.pending) {
            Lookup::Matched(action) => {
                self.pending.clear();
                if matches!(self.model.overlay, Some(Overlay::Help)) && action != Action::Help {
                    self.model.overlay = None;
                    if action == Action::Back {
                        return;
                    }
                }
                self.act(action);
            }
            Lookup::Pending => {}
            Lookup::NotFound => {
                let keys = std::mem::take(&mut self.pending);
                if matches!(self.model.overlay, Some(Overlay::Help)) {
                    self.model.overlay = None;
                } else if typing {
                    for k in keys {
                        let effects = typing::key(&mut self.model, k);
                        self.dispatch(effects);
                    }
                }
            }
        }
    }

    /// Applies answers as they arrive for at most `limit`, while jobs are outstanding: a
    /// save followed by opening the saved record is drawn once, not as a list flashing in
    /// between, and a slow server still never holds the screen longer than `limit`.
    pub fn settle_within(&mut self, limit: Duration) {
        let deadline = std::time::Instant::now() + limit;
        self.pump();
        while self.runner.answering() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            for msg in self.runner.wait(left) {
                self.on_msg(msg);
            }
        }
    }

    /// Waits until every job's answer is in and applied, but not for background sorts (what
    /// a keystroke costs until its redraw, for benchmarks).
    pub fn settle_answers(&mut self) {
        self.pump();
        while self.runner.answering() {
            for msg in self.runner.wait(Duration::from_millis(50)) {
                self.on_msg(msg);
            }
        }
    }

    /// Waits until every answer, background sorts included, is in and applied (tests and
    /// benchmarks see the settled state; the terminal loop never calls this).
    pub fn settle(&mut self) {
        self.pump();
        while self.runner.busy() {
            for msg in self.runner.wait(Duration::from_millis(50)) {
                self.on_msg(msg);
            }
        }
    }

    /// Test helper: presses keys written as a key string ("n", "<tab>", "<c-s>"), each
    /// one's background work finished before the next.
    pub fn press(&mut self, keys: &str) {
        for key in parse_test_keys(keys).expect("valid key string") {
            self.handle_key(key);
            self.settle();
        }
    }

    pub fn should_quit(&self) -> bool {
        self.model.quit
    }
}
