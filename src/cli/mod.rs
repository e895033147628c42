//! The command line. Every command is a client of the service API.

mod agenda;
mod app;
mod args;
mod backup;
mod bulk;
mod demo;
mod duplicates;
mod export;
pub(crate) mod import;
mod keys;
mod oplog;
pub mod output;
mod progress;
mod records;
mod report;
mod search;
mod server;
mod sink;

pub use args::{Cli, Command};

use crate::i18n::Lang;
use crate::service::client::{ConnectError, ConnectOptions, permission_error};
use crate::service::paths::{self, Database};
use crate::service::wire::ClientKind;
use crate::service::{Client, ErrorClass, Request, Response, ServiceError};
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// A failure as the user sees it: one sentence in their language, and an exit code
/// (1: fix your input; 2: the environment failed).
#[derive(Debug)]
pub struct CliError {
    pub exit: u8,
    pub message: String,
}

impl CliError {
    pub fn user(message: impl Into<String>) -> CliError {
        CliError {
            exit: 1,
            message: message.into(),
        }
    }
    pub fn env(message: impl Into<String>) -> CliError {
        CliError {
            exit: 2,
            message: message.into(),
        }
    }
    pub fn from_service(e: &ServiceError, lang: Lang) -> CliError {
        let exit = if e.class == ErrorClass::Environment {
            2
        } else {
            1
        };
        CliError {
            exit,
            message: e.message(lang).to_string(),
        }
    }
    pub fn io(e: &std::io::Error, what: &str, lang: Lang) -> CliError {
        CliError::env(format!(
            "{}: {what}: {e}",
            lang.pick("lỗi ghi/đọc", "i/o error")
        ))
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;

/// What every command needs: the language, where the data lives.
pub struct Ctx {
    pub lang: Lang,
    pub data_dir: PathBuf,
}

impl Ctx {
    pub fn connect_error(&self, e: &ConnectError) -> CliError {
        match e {
            ConnectError::Refused { .. } => CliError::user(e.message(self.lang)),
            _ => CliError::env(e.message(self.lang)),
        }
    }

    fn connect(&self, kind: ClientKind, start: bool) -> CliResult<Client> {
        Client::connect(&ConnectOptions {
            data_dir: self.data_dir.clone(),
            lang: self.lang,
            kind,
            start,
        })
        .map_err(|e| self.connect_error(&e))
    }

    /// The data directory's server, started if none runs: for the commands that may create
    /// the database.
    pub fn client(&self) -> CliResult<Client> {
        self.connect(ClientKind::Cli, true)
    }

    /// For the full-screen app.
    pub fn tui_client(&self) -> CliResult<Client> {
        self.connect(ClientKind::Tui, true)
    }

    /// The running server only, never starting one (`status`, `stop`).
    pub fn running_server(&self) -> Result<Client, ConnectError> {
        Client::connect(&ConnectOptions {
            data_dir: self.data_dir.clone(),
            lang: self.lang,
            kind: ClientKind::Cli,
            start: false,
        })
    }

    pub fn database_exists(&self) -> bool {
        matches!(paths::database_state(&self.data_dir), Database::Present)
    }

    /// A client for an existing database: reading commands never create one, so a mistyped
    /// --data-dir is reported instead of showing an empty new database. A running server
    /// is used whatever this account may see of the directory.
    pub fn client_existing(&self) -> CliResult<Client> {
        match self.running_server() {
            Ok(client) => return Ok(client),
            Err(ConnectError::NoServer { .. }) => {}
            // A socket this account may not reach, a refusal: said as it is.
            Err(e) => return Err(self.connect_error(&e)),
        }
        match paths::database_state(&self.data_dir) {
            Database::Present => {}
            Database::Unreadable(e) => {
                return Err(self.connect_error(&permission_error(&self.data_dir, &e)));
            }
            Database::Absent => {
                return Err(CliError::user(format!(
                    "{}: {}",
                    self.data_dir.display(),
                    self.lang.pick(
                        "chưa có cơ sở dữ liệu ngoaivu ở đây; kiểm tra --data-dir, hoặc tạo bằng \
                     `ngoaivu demo` hay `ngoaivu import TỆP`",
                        "no ngoaivu database here; check --data-dir, or create one with \
                     `ngoaivu demo` or `ngoaivu import FILE`"
                    )
                )));
            }
        }
        self.client()
    }

    pub fn call(&self, client: &Client, request: Request) -> CliResult<Response> {
        client
            .call(request)
            .map_err(|e| CliError::from_service(&e, self.lang))
    }

    pub fn unexpected(&self) -> CliError {
        CliError::from_service(&ServiceError::unexpected(), self.lang)
    }
}

/// `--data-dir`, else `NGOAIVU_DATA_DIR` (clap reads both), else the XDG data directory.
fn data_dir(given: Option<PathBuf>) -> Option<PathBuf> {
    given.or_else(|| {
        directories::ProjectDirs::from("", "", "ngoaivu").map(|d| d.data_dir().to_path_buf())
    })
}

/// Prints a message for the terminal: every line through the sanitising helper, so text
/// from files or arguments (escape sequences, bidi overrides) cannot drive the terminal.
pub fn print_error(message: &str) {
    for line in message.lines() {
        eprintln!("{}", crate::text::sanitize::for_display(line));
    }
}

pub fn main() -> ExitCode {
    // NGOAIVU_DATA_DIR set but empty means "not set", not "a value is missing".
    if std::env::var_os("NGOAIVU_DATA_DIR").is_some_and(|v| v.is_empty()) {
        // SAFETY: single-threaded here, before anything reads the environment concurrently.
        unsafe { std::env::remove_var("NGOAIVU_DATA_DIR") };
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            let exit = match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => 0,
                _ => 1,
            };
            if exit == 0 {
                print!("{e}");
            } else {
                print_error(&e.render().to_string());
            }
            return ExitCode::from(exit);
        }
    };
    let lang = match cli.lang.as_deref().map(|l| (l, Lang::parse(l))) {
        None => Lang::default(),
        Some((_, Some(lang))) => lang,
        Some((given, None)) => {
            print_error(&format!(
                "ngoaivu: --lang {given}: dùng vi hoặc en / use vi or en"
            ));
            return ExitCode::from(1);
        }
    };
    let Some(dir) = data_dir(cli.data_dir.clone()) else {
        eprintln!(
            "ngoaivu: {}",
            lang.pick(
                "không xác định được thư mục dữ liệu; hãy dùng --data-dir",
                "cannot find a data directory; use --data-dir"
            )
        );
        return ExitCode::from(2);
    };
    let ctx = Ctx {
        lang,
        data_dir: dir,
    };
    match run(&ctx, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // An empty message: the command already said what it had to (`status`: not running).
            if !e.message.is_empty() {
                print_error(&format!("ngoaivu: {}", e.message));
            }
            ExitCode::from(e.exit)
        }
    }
}

fn run(ctx: &Ctx, command: Option<Command>) -> CliResult {
    match command {
        None => app::run(ctx),
        Some(Command::Demo(a)) => demo::run(ctx, a),
        Some(Command::List(a)) => records::list(ctx, a),
        Some(Command::Show(a)) => records::show(ctx, a),
        Some(Command::History { code }) => records::history(ctx, &code),
        Some(Command::Log(a)) => oplog::log(ctx, a),
        Some(Command::Agenda { days, mine, json }) => agenda::agenda(ctx, days, mine, json),
        Some(Command::Rules { set }) => agenda::rules(ctx, set),
        Some(Command::Revert(a)) => oplog::revert(ctx, a),
        Some(Command::Purge { code, reason }) => oplog::purge(ctx, &code, &reason),
        Some(Command::Delete { code, rev }) => records::delete(ctx, &code, rev),
        Some(Command::Restore { code }) => records::restore(ctx, &code),
        Some(Command::Import(a)) => import::import(ctx, a),
        Some(Command::Export(a)) => export::export(ctx, a),
        Some(Command::Set(a)) => bulk::set(ctx, a),
        Some(Command::Duplicates(a)) => duplicates::run(ctx, a),
        Some(Command::Report(a)) => report::run(ctx, a),
        Some(Command::Backup(a)) => backup::run(ctx, a),
        Some(Command::Check) => records::check(ctx),
        Some(Command::Search(a)) => search::run(ctx, a),
        Some(Command::Keys) => keys::run(ctx),
        Some(Command::Serve(a)) => server::serve(ctx, a),
        Some(Command::Status { json }) => server::status(ctx, json),
        Some(Command::Stop) => server::stop(ctx),
        Some(Command::User(a)) => server::user(ctx, a),
    }
}
