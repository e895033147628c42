//! The command line. Every command is a client of the service API.

mod app;
mod args;
mod demo;
mod keys;
pub mod output;
mod records;
mod search;
mod transfer;

pub use args::{Cli, Command};

use crate::i18n::Lang;
use crate::service::{ErrorClass, Service, ServiceError};
use crate::store::{Store, StoreError};
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
    pub fn from_store(e: &StoreError, lang: Lang) -> CliError {
        CliError {
            exit: if e.is_user_error() { 1 } else { 2 },
            message: e.message(lang),
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

/// What every command needs: the language, the acting user, where the data lives.
pub struct Ctx {
    pub lang: Lang,
    pub user: String,
    pub data_dir: PathBuf,
}

impl Ctx {
    /// Opens (or creates) the database: for the commands that add records.
    pub fn open_service(&self) -> CliResult<Service> {
        let store =
            Store::open_dir(&self.data_dir).map_err(|e| CliError::from_store(&e, self.lang))?;
        Ok(Service::new(store))
    }

    pub fn database_exists(&self) -> bool {
        self.data_dir.join(crate::store::DB_FILE).is_file()
    }

    /// Opens an existing database: reading commands never create one, so a mistyped
    /// --data-dir is reported instead of showing an empty new database.
    pub fn open_existing(&self) -> CliResult<Service> {
        if !self.database_exists() {
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
        self.open_service()
    }
}

/// The acting user: the name of the Unix account this process runs as. `$USER` is only a
/// fallback: it is not set everywhere (cron, some SSH setups) and anyone can change it.
fn current_user() -> String {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).ok();
    let from_passwd = uid.and_then(|uid| {
        let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
        passwd.lines().find_map(|line| {
            let mut parts = line.split(':');
            let name = parts.next()?;
            (parts.nth(1)?.parse::<u32>().ok()? == uid).then(|| name.to_string())
        })
    });
    from_passwd
        .or_else(|| {
            ["USER", "LOGNAME"]
                .iter()
                .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        })
        .or_else(|| uid.map(|u| format!("uid{u}")))
        .unwrap_or_else(|| "unknown".to_string())
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
        user: current_user(),
        data_dir: dir,
    };
    match run(&ctx, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            print_error(&format!("ngoaivu: {}", e.message));
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
        Some(Command::Delete { code, rev }) => records::delete(ctx, &code, rev),
        Some(Command::Restore { code }) => records::restore(ctx, &code),
        Some(Command::Import(a)) => transfer::import(ctx, a),
        Some(Command::Export(a)) => transfer::export(ctx, a),
        Some(Command::Check) => records::check(ctx),
        Some(Command::Search(a)) => search::run(ctx, a),
        Some(Command::Keys) => keys::run(ctx),
    }
}
