//! The request/response API every client uses. The same `Service` runs in-process (tests,
//! benchmarks) or inside `ngoaivu serve`, behind a Unix socket (`server`), reached through
//! `client`. All API types are plain serde data with no references into the store.

pub mod agenda;
mod api;
mod autostart;
mod backup;
mod bulk;
mod claim;
pub mod client;
pub mod drafts;
mod faults;
pub mod identity;
mod index;
mod local;
mod mask;
mod oplog;
pub mod pairs;
pub mod paths;
mod peer;
mod presence;
mod records;
mod remote;
mod report;
pub mod server;
mod session;
mod together;
mod trim;
mod waits;
pub mod wire;

pub use api::{
    Action, BulkOutcome, Change, ClientInfo, Draft, ErrorClass, ErrorDetail, FieldChange,
    FieldEdit, FieldProblem, HistoryEntry, Hit, IndexState, ListQuery, LogEntry, LogQuery,
    LogRecord, NewRecord, OpWhat, Page, Present, Push, Request, Response, SearchSlot, ServerStatus,
    ServiceError,
};
pub use client::{Client, LinkState};
pub use identity::{Identity, Role};
pub use local::{Service, Session};
pub use waits::{IndexWaits, WaitFigures};
