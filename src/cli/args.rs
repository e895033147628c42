//! Command-line syntax (clap). Names here are contracts scripts rely on.

use clap::{Args, Parser, Subcommand};

use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "ngoaivu",
    version,
    about = "Hồ sơ đối ngoại — records workstation for a Department of Foreign Affairs"
)]
pub struct Cli {
    /// Data directory (default: $NGOAIVU_DATA_DIR, else ~/.local/share/ngoaivu)
    #[arg(long, global = true, env = "NGOAIVU_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Interface language: vi (default) or en
    #[arg(long, global = true, env = "NGOAIVU_LANG", value_name = "vi|en")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create realistic, deterministic demo data
    Demo(DemoArgs),
    /// List records of one kind (partner, citizen, agreement, delegation, aid, case, conference, press_visit, abtc, meeting)
    List(ListArgs),
    /// Show one record by code (DT-0001, CD-000001, TT-2024-001)
    Show(ShowArgs),
    /// Show every change made to a record
    History { code: String },
    /// The audit log: who changed what and when, newest first
    Log(LogArgs),
    /// Bring a record back to an earlier revision, or undo a whole operation
    Revert(RevertArgs),
    /// Remove a record and the personal values in its history for good (admin)
    Purge {
        code: String,
        /// Why (kept in the log, e.g. the data subject's request under Decree 13/2023)
        #[arg(long, required = true)]
        reason: String,
    },
    /// What needs attention, most urgent first (expiring agreements, unreported ones, …)
    Agenda {
        /// Only what is due within N days (overdue included)
        #[arg(long, value_name = "N")]
        days: Option<i64>,
        /// Only records you are responsible for
        #[arg(long)]
        mine: bool,
        /// One JSON object per line: code, kind, title, rule, due, days, why, owner
        #[arg(long)]
        json: bool,
    },
    /// The agenda's rules (shared settings); `rules set NAME VALUE` changes one (admin)
    Rules {
        #[command(subcommand)]
        set: Option<RulesCommand>,
    },
    /// Move a record to the trash (restorable)
    Delete {
        code: String,
        /// Refuse if the record is no longer at this rev
        #[arg(long)]
        rev: Option<u64>,
    },
    /// Take a record back out of the trash
    Restore { code: String },
    /// Import records from a spreadsheet (.csv, .xlsx), JSON Lines or vCards (all or nothing)
    Import(ImportArgs),
    /// Export records as JSON Lines (default), CSV, Excel or vCard
    Export(ExportArgs),
    /// Change fields of every record a search finds, in one operation (`revert --op` undoes
    /// it): `set citizen --filter "ansan" association="Hội người Việt Ansan" tags+=2024`
    Set(SetArgs),
    /// Likely duplicate pairs across the database, most certain first (`--json`: one pair a
    /// line with both codes and the score)
    Duplicates(DuplicatesArgs),
    /// The period report: figures by year and country beside the previous period
    /// (`--from 01/01/2016 --to 31/12/2020 --format docx -o baocao.docx`)
    Report(ReportArgs),
    /// Backups (admin): `backup create FILE`, `backup verify FILE`, `backup restore FILE`
    #[command(subcommand)]
    Backup(BackupCommand),
    /// Verify the whole database and report problems
    Check,
    /// Search every record: "nguyen thi anh", "c:anh han quoc", "koica", "\"van an\""
    Search(SearchArgs),
    /// Print the key bindings in effect (defaults + your keymap.toml) as TOML
    ///
    /// Your file is $XDG_CONFIG_HOME/ngoaivu/keymap.toml, else ~/.config/ngoaivu/keymap.toml;
    /// it only needs the keys you change ("none" unbinds one). Problems in it are printed to
    /// standard error, one per line, and the exit status is still 0: the bad entries are
    /// skipped, the rest applies.
    Keys,
    /// Run the server in the foreground (for systemd); clients start one by themselves
    Serve(ServeArgs),
    /// Is a server running: pid, uptime, version, socket, clients, index, records
    Status {
        /// One JSON object (top-level `pid` is the server's)
        #[arg(long)]
        json: bool,
    },
    /// Ask the server to shut down cleanly (admin)
    Stop,
    /// Who may use the database, and with which role (admin)
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Exit this many seconds after the last client leaves (default: never)
    #[arg(long, value_name = "SECS")]
    pub idle_exit: Option<u64>,
    /// Started by a client in the background (internal)
    #[arg(long, hide = true)]
    pub auto: bool,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Admit a Unix account: admin, editor or viewer
    Add {
        name: String,
        #[arg(long)]
        role: String,
        /// Narrow the role to these kinds (comma-separated: citizen,partner); the rest is
        /// read-only for them
        #[arg(long, value_name = "KINDS")]
        kinds: Option<String>,
    },
    /// Change a user's role (`--kinds` narrows it to some kinds; without it, every kind)
    Role {
        name: String,
        role: String,
        #[arg(long, value_name = "KINDS")]
        kinds: Option<String>,
    },
    /// Take a user's access away
    Remove { name: String },
    /// Every admitted user and their role
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query; several words are one query (all must match)
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Only this kind (partner, citizen, agreement, delegation, aid, case, conference, press_visit, abtc, meeting)
    #[arg(long)]
    pub kind: Option<String>,
    /// At most N results
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// One JSON object per line: kind, code, title, score, field
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[arg(long, default_value_t = 60)]
    pub partners: u64,
    #[arg(long, default_value_t = 2000)]
    pub citizens: u64,
    #[arg(long, default_value_t = 20)]
    pub agreements: u64,
    #[arg(long, default_value_t = 2016)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The kind: partner, citizen, agreement, delegation, aid, case, conference, press_visit, abtc, meeting
    pub kind: String,
    /// One JSON object per line (all records unless --limit)
    #[arg(long)]
    pub json: bool,
    /// Field to sort by (people by given name, Vietnamese order)
    #[arg(long)]
    pub sort: Option<String>,
    /// Reverse the order
    #[arg(long)]
    pub desc: bool,
    /// At most N records (default 100 for text output)
    #[arg(long)]
    pub limit: Option<u64>,
    /// Skip the first N records
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    /// List the trash instead
    #[arg(long)]
    pub trash: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    pub code: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file (`-`: standard input)
    pub file: PathBuf,
    /// The kind of the rows (default: what the header names; vCards: citizen)
    #[arg(long)]
    pub kind: Option<String>,
    /// jsonl, csv, xlsx or vcf (default: from the file's name or its first bytes)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Text encoding of a CSV: utf-8, utf-16, windows-1258, tcvn3 (.VnTime), vni (default: detected)
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Which field a column holds: --map "Cột=field" (`-` reads past it); repeatable
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Put the values of columns no field takes into the notes
    #[arg(long)]
    pub unknown_to_notes: bool,
    /// Only check the file and print every problem; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows; write the rejected ones next to the file with the reason
    #[arg(long)]
    pub skip_invalid: bool,
    /// Give the records new codes, keeping the links between them (merging another
    /// office's or province's database)
    #[arg(long)]
    pub renumber: bool,
    /// Likely duplicates (same person or partner): skip, update or keep-both (default)
    #[arg(long, value_name = "WHAT", default_value = "keep-both")]
    pub on_duplicate: String,
}

#[derive(Debug, Args)]
pub struct DuplicatesArgs {
    /// The kind: partner, citizen, agreement, delegation, aid, case, conference, press_visit, abtc, meeting
    pub kind: String,
    /// One JSON object per line: a, b (the codes), score (0 to 1), reasons, a_title, b_title
    #[arg(long)]
    pub json: bool,
    /// The lowest score listed, out of 100 (or 0.0 to 1.0); default 60
    #[arg(long, value_name = "SCORE")]
    pub min: Option<String>,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The kind: partner, citizen, agreement, delegation, aid, case, conference, press_visit, abtc, meeting
    pub kind: String,
    /// The records to change: what this search finds among the kind ("ansan", "c:anh han quoc")
    #[arg(long, required = true, value_name = "QUERY")]
    pub filter: String,
    /// FIELD=VALUE (an empty value clears it); on a list field (tags, countries, links)
    /// FIELD+=VALUE adds and FIELD-=VALUE removes
    #[arg(required = true, value_name = "FIELD=VALUE")]
    pub edits: Vec<String>,
    /// Check everything and show what would change; store nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// partner, citizen, agreement, delegation, aid, case, conference, press_visit, abtc, meeting, or all
    pub kind: String,
    /// jsonl, csv, xlsx or vcf (default: from the -o file's name, else jsonl)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Only the records this search finds ("han quoc", "c:anh")
    #[arg(long, value_name = "QUERY")]
    pub filter: Option<String>,
    /// Column headers of CSV and Excel: vi (default) or canonical (field names, for scripts)
    #[arg(long, value_name = "vi|canonical", default_value = "vi")]
    pub headers: String,
    /// Output file (`-` or nothing: standard output)
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Write a consistent copy while the server runs (admin); the file is 0600 (`-`: standard output)
    Create { file: PathBuf },
    /// Have the server check a backup (admin): every record readable, every link sound (`-`: standard input)
    Verify { file: PathBuf },
    /// Put a backup back in place of the database (admin): checked first, every client told,
    /// the replaced database kept as ngoaivu.redb.before-restore (`-`: standard input, with --yes)
    Restore {
        file: PathBuf,
        /// Do not ask for confirmation
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// First day of the period (dd/mm/yyyy)
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// Last day of the period, included (dd/mm/yyyy)
    #[arg(long, value_name = "DATE")]
    pub to: String,
    /// md (Markdown), xlsx (Excel) or docx (Word); default: from the -o file's name, else md
    #[arg(long, value_name = "md|xlsx|docx")]
    pub format: Option<String>,
    /// Output file; `-` or nothing: standard output
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Change a rule for every user (admin); `set holiday DD/MM/YYYY` adds a public holiday
    Set { name: String, value: String },
    /// Remove a public holiday (admin): `unset holiday DD/MM/YYYY`
    Unset { name: String, value: String },
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// From this day on (dd/mm/yyyy)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to and including this day (dd/mm/yyyy)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only this user's operations
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Only operations on this record (with its field changes)
    #[arg(long)]
    pub code: Option<String>,
    /// Only operations on this kind (partner, citizen, agreement, delegation, aid, case, conference, press_visit, abtc, meeting)
    #[arg(long)]
    pub kind: Option<String>,
    /// One operation, every record it wrote, with field changes
    #[arg(long, value_name = "ID")]
    pub op: Option<u64>,
    /// At most N operations
    #[arg(long)]
    pub limit: Option<u32>,
    /// One JSON object per line: op, at, by, what, count, kinds, records
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RevertArgs {
    /// The record to bring back (with --to-rev)
    pub code: Option<String>,
    /// The revision whose fields, rows, tags, links and trash state come back
    #[arg(long, value_name = "N", requires = "code")]
    pub to_rev: Option<u64>,
    /// Undo every write of this operation (ngoaivu log shows the ids)
    #[arg(long, value_name = "ID", conflicts_with_all = ["code", "to_rev"])]
    pub op: Option<u64>,
}
