//! Roles narrowed by kind: an editor of citizens only reads the rest.

mod common;

use ngoaivu::model::Kind;
use ngoaivu::service::{ErrorClass, Identity, Request, Response, Role, Service, Session};
use std::path::Path;

#[test]
fn a_narrowed_editor_writes_only_its_kinds_and_reads_the_rest() {
    let svc = Service::new(ngoaivu::store::Store::in_memory().unwrap());
    let koica = match svc
        .call(
            "root",
            Request::Create {
                record: common::p("KOICA"),
                code: None,
            },
        )
        .unwrap()
    {
        Response::Record(r) => r,
        other => panic!("{other:?}"),
    };
    let consular = Session::new(Identity::new("lan", Role::Editor).narrowed(vec![Kind::Citizen]));
    let run = |r: Request| consular_call(&svc, &consular, r);
    let created = run(Request::Create {
        record: common::c("Nguyễn Thị Ánh"),
        code: None,
    });
    let Ok(Response::Record(citizen)) = created else {
        panic!("{created:?}")
    };
    // Its own kind: unmasked.
    let Ok(Response::Record(seen)) = run(Request::Get {
        code: citizen.meta.code.clone(),
    }) else {
        panic!()
    };
    assert_eq!(seen, citizen);
    for refused in [
        Request::Create {
            record: common::p("JICA"),
            code: None,
        },
        Request::Delete {
            code: koica.meta.code.clone(),
            base_rev: None,
        },
        Request::Export {
            kind: Kind::Partner,
            after: 0,
            limit: 10,
        },
        Request::RevertOp { op: 1 },
    ] {
        let e = run(refused.clone()).unwrap_err();
        assert_eq!(e.class, ErrorClass::Forbidden, "{refused:?}");
        assert!(
            e.message_en.contains("may only write these kinds: citizen"),
            "{}",
            e.message_en
        );
    }
    // Reading the rest is fine.
    assert!(
        run(Request::Get {
            code: koica.meta.code.clone()
        })
        .is_ok()
    );
    // Narrowed to partners instead, a citizen reads masked, as a viewer sees it.
    let partners = Session::new(Identity::new("minh", Role::Editor).narrowed(vec![Kind::Partner]));
    let Ok(Response::Record(masked)) = consular_call(
        &svc,
        &partners,
        Request::Get {
            code: citizen.meta.code.clone(),
        },
    ) else {
        panic!()
    };
    let ngoaivu::model::RecordData::Citizen(c) = masked.data else {
        panic!()
    };
    assert_eq!(c.passport_no, "••••••");
}

fn consular_call(
    svc: &Service,
    s: &Session,
    r: Request,
) -> Result<Response, ngoaivu::service::ServiceError> {
    match svc.handle_in(s, r) {
        Response::Error(e) => Err(e),
        other => Ok(other),
    }
}

fn ngoaivu(dir: &Path, as_user: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut env = vec![("NGOAIVU_IDLE_EXIT", "30")];
    env.extend(as_user.map(|u| ("NGOAIVU_AS_USER", u)));
    common::cli_run(dir, &env, args)
}

#[test]
fn user_role_kinds_narrows_through_the_real_server() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("in.jsonl");
    std::fs::write(
        &file,
        "{\"kind\":\"partner\",\"name\":\"KOICA\",\"country\":\"KR\"}\n",
    )
    .unwrap();
    assert!(
        ngoaivu(d, None, &["import", file.to_str().unwrap()])
            .status
            .success()
    );
    let out = ngoaivu(
        d,
        None,
        &[
            "user", "add", "lan", "--role", "editor", "--kinds", "citizen",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = String::from_utf8(ngoaivu(d, None, &["user", "list"]).stdout).unwrap();
    assert!(list.contains("lan") && list.contains("(citizen)"), "{list}");
    let out = ngoaivu(d, Some("lan"), &["delete", "DT-0001"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("may only write these kinds: citizen"));
    assert!(
        ngoaivu(d, Some("lan"), &["show", "DT-0001"])
            .status
            .success()
    );
    // Widened again: every kind.
    assert!(
        ngoaivu(d, None, &["user", "role", "lan", "editor"])
            .status
            .success()
    );
    assert!(
        ngoaivu(d, Some("lan"), &["delete", "DT-0001"])
            .status
            .success()
    );
    let _ = ngoaivu(d, None, &["stop"]);
}
