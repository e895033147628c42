//! The requests of working together: the audit log, going back (revert, undo, purge),
//! drafts, presence, the agenda and its rules, links, and roles narrowed by kind. The
//! records' own requests are in `local.rs`.

use super::api::{Request, Response};
use super::local::{Service, Session, many, one};
use crate::store::{Action, Store, StoreError};
use std::sync::atomic::Ordering;

impl Service {
    pub(super) fn run_together(
        &self,
        session: &Session,
        request: Request,
    ) -> Result<Response, StoreError> {
        let s = &self.store;
        let user = session.identity.user.as_str();
        Ok(match request {
            Request::LinkedFrom { code } => {
                let mut linked = s.linked_from(&code)?;
                let code = crate::model::kind::canonical_code(&code).unwrap_or(code);
                let who = &session.identity;
                let sees = |k: crate::model::Kind| {
                    who.role.sees_sensitive() && who.kinds.as_ref().is_none_or(|ks| ks.contains(&k))
                };
                // A link through a personal field (a case's subject) is personal itself: who
                // may not see the field does not learn the link from the other side either.
                linked.retain(|r| {
                    sees(r.kind())
                        || r.data
                            .link_fields()
                            .iter()
                            .any(|(f, c)| *c == code && !f.sensitive)
                });
                Response::Records(linked)
            }
            Request::Agenda { today, days, mine } => {
                let today = match today {
                    Some(t) => crate::text::date::parse_date(&t)
                        .map_err(|e| StoreError::Storage(e.message_en()))?,
                    None => chrono::Local::now().date_naive(),
                };
                let owner = mine.then_some(user);
                Response::Agenda(super::agenda::agenda(s, today, days, owner)?)
            }
            Request::Rules => Response::Rules(super::agenda::rules(s)?),
            Request::SetRule { name, value } => {
                super::agenda::set_rule(s, &name, value)?;
                Response::Done
            }
            Request::Log(query) => Response::Log(
                s.log(&query.to_filter())?
                    .into_iter()
                    .map(Into::into)
                    .collect(),
            ),
            Request::Revert { code, to_rev } => Response::Record(self.write(
                Action::Revert,
                || s.revert_to(user, &code, to_rev),
                one,
            )?),
            Request::RevertOp { op } => {
                Response::Records(self.write(Action::Revert, || s.revert_op(user, op), many)?)
            }
            Request::Purge { code, reason } => {
                let _order = self.write_order.lock().unwrap_or_else(|p| p.into_inner());
                let purged = s.purge(user, &code, &reason)?;
                self.forget(&purged, user);
                self.compact_due.store(true, Ordering::Release);
                Response::Record(purged)
            }
            Request::SaveDraft { key, draft } => {
                s.put_draft(user, &key, &super::drafts::encode(&draft)?)?;
                Response::Done
            }
            Request::DropDraft { key } => {
                s.drop_draft(user, &key)?;
                Response::Done
            }
            Request::Drafts => {
                let mut out = Vec::new();
                for (key, bytes) in s.drafts(user)? {
                    // A draft this version cannot read is dropped rather than offered
                    // forever; what it held was never saved anyway.
                    match super::drafts::decode(&key, &bytes) {
                        Ok(d) => out.push((key, d)),
                        Err(e) => {
                            say!("ngoaivu: dropping an unreadable draft: {e}");
                            s.drop_draft(user, &key)?;
                        }
                    }
                }
                Response::Drafts(out)
            }
            Request::SetUserKinds { name, kinds } => {
                if s.user_role(name.trim())?.is_none() {
                    return Err(StoreError::NotFound(name));
                }
                s.set_user_kinds(name.trim(), kinds.as_deref())?;
                Response::Done
            }
            Request::UserKinds => Response::UserKinds(s.all_user_kinds()?),
            Request::Presence { code, editing } => Response::Presence {
                me: session.id,
                here: self.set_presence(session, code, editing),
            },
            // The records' own requests are answered by `Service::run`, never sent here.
            other => {
                return Err(StoreError::Storage(format!(
                    "request not routed: {other:?}"
                )));
            }
        })
    }
}

/// An edit may only move a status along its kind's flow (`Descriptor::flow`).
pub(super) fn check_flow(
    s: &Store,
    code: &str,
    record: &crate::model::RecordData,
) -> Result<(), StoreError> {
    let d = crate::model::descriptor::descriptor(record.kind());
    // A kind without a flow takes any status: nothing to read.
    if d.flow.is_none() {
        return Ok(());
    }
    let Some(current) = s.get_by_code(code)? else {
        return Ok(());
    };
    check_move(&current.meta.code, &current.data, record)
}

/// Whether `after` keeps `before`'s status or moves it along its kind's flow (`code` names
/// the record in the refusal).
pub(super) fn check_move(
    code: &str,
    before: &crate::model::RecordData,
    after: &crate::model::RecordData,
) -> Result<(), StoreError> {
    let d = crate::model::descriptor::descriptor(after.kind());
    let status = |data: &crate::model::RecordData| {
        data.to_json()["status"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let (from, to) = (status(before), status(after));
    if d.flow.is_none() || from == to {
        return Ok(());
    }
    match d.next_statuses(&from) {
        Some(allowed) if !allowed.contains(&to.as_str()) => Err(StoreError::BadTransition {
            code: code.to_string(),
            kind: after.kind(),
            from,
            to,
            allowed: allowed.iter().map(|s| s.to_string()).collect(),
        }),
        _ => Ok(()),
    }
}
