//! The request/response API every client uses (CLI now, TUI and socket clients later).
//! All types are plain serde data with no references into the store, so the same API can
//! run in-process (tests, single user) or behind the socket server.

mod api;
mod local;

pub use api::{Change, ErrorClass, Request, Response, ServiceError};
pub use local::Service;
