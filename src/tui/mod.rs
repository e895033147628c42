//! The full-screen terminal app: key → keymap → `Action` → `update` → effects run against
//! the service → `render`.

pub mod action;
pub mod app;
pub mod apply;
pub mod columns;
pub mod command;
pub mod compare;
pub mod compare_update;
pub mod drafts;
pub mod effect;
pub mod form;
pub mod import;
pub mod keymap;
pub mod keys;
pub mod live;
pub mod model;
pub mod oplog;
pub mod reconnect;
pub mod report;
pub mod runner;
pub mod terminal;
pub mod theme;
pub mod typing;
pub mod update;
pub mod views;
pub mod worker;
