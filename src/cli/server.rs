//! `serve`, `status`, `stop` and `user …`: running the server and administering it.

use super::args::{ServeArgs, UserCommand};
use super::{CliError, CliResult, Ctx};
use crate::model::Kind;
use crate::service::client::ConnectError;
use crate::service::server::{ServeOptions, serve as run_server};
use crate::service::{IndexState, Request, Response, Role, ServerStatus, WaitFigures};
use crate::text::clock::{format_timestamp, now_ms};
use crate::text::number::format_int;
use crate::text::sanitize::for_display;
use std::time::Duration;

pub fn serve(ctx: &Ctx, a: ServeArgs) -> CliResult {
    let options = ServeOptions {
        data_dir: ctx.data_dir.clone(),
        idle_exit: a.idle_exit.map(Duration::from_secs),
        auto_started: a.auto,
    };
    let lang = ctx.lang;
    run_server(options, |status| {
        say!(
            "ngoaivu serve: {} {} (pid {}, {})",
            lang.pick("đang phục vụ", "serving"),
            status.data_dir,
            status.pid,
            status.socket
        );
    })
    .map_err(|e| CliError {
        exit: e.exit,
        message: e.message(lang).to_string(),
    })
}

fn duration(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min {} s", s / 60, s % 60),
        _ => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}

fn index_text(state: IndexState, ctx: &Ctx) -> String {
    match state {
        IndexState::NotBuilt => ctx.lang.pick("chưa lập", "not built").into(),
        IndexState::Building { done, total } => format!(
            "{} {} / {}",
            ctx.lang.pick("đang lập", "building"),
            format_int(done as i64),
            format_int(total as i64)
        ),
        IndexState::Ready { documents, retired } => format!(
            "{} ({} {}{})",
            ctx.lang.pick("sẵn sàng", "ready"),
            format_int(documents as i64),
            ctx.lang.pick("hồ sơ", "records"),
            if retired > 0 {
                format!(
                    ", {} {}",
                    format_int(retired as i64),
                    ctx.lang.pick("bản cũ chờ dọn", "old versions to reclaim")
                )
            } else {
                String::new()
            }
        ),
    }
}

fn status_text(s: &ServerStatus, ctx: &Ctx) -> String {
    let l = |vi, en| ctx.lang.pick(vi, en);
    let mut out = String::new();
    out.push_str(&format!(
        "{}: pid {}, {} {}, {} {}\n",
        l("Máy chủ ngoaivu đang chạy", "ngoaivu server running"),
        s.pid,
        l("phiên bản", "version"),
        s.version,
        l("đã chạy", "up"),
        duration(now_ms() - s.started_at)
    ));
    out.push_str(&format!(
        "  {:<14} {}\n",
        l("Dữ liệu", "Data"),
        for_display(&s.data_dir)
    ));
    out.push_str(&format!("  {:<14} {}\n", "Socket", for_display(&s.socket)));
    let how = if s.auto_started {
        match s.idle_exit_secs {
            Some(n) => format!(
                "{} {n} s {}",
                l("tự khởi động; thoát", "auto-started; exits"),
                l("sau khi người cuối rời đi", "after the last client leaves")
            ),
            None => l("tự khởi động", "auto-started").to_string(),
        }
    } else {
        "ngoaivu serve".to_string()
    };
    out.push_str(&format!("  {:<14} {how}\n", l("Chế độ", "Mode")));
    out.push_str(&format!(
        "  {:<14} {}\n",
        l("Chỉ mục", "Index"),
        index_text(s.index, ctx)
    ));
    let waits = |w: &WaitFigures| {
        format!(
            "{} {:.1} ms, {} {} {}",
            l("lâu nhất", "longest"),
            w.longest_us as f64 / 1000.0,
            format_int(w.over_16ms as i64),
            l("lần quá 16 ms trong", "over 16 ms of"),
            format_int(w.count as i64)
        )
    };
    out.push_str(&format!(
        "  {:<14} {}: {}; {}: {}\n",
        l("Chờ chỉ mục", "Index waits"),
        l("tìm kiếm", "searches"),
        waits(&s.index_waits.reads),
        l("ghi", "writes"),
        waits(&s.index_waits.writes)
    ));
    for (kind, n) in &s.counts {
        out.push_str(&format!(
            "  {:<14} {}\n",
            {
                let d = kind.descriptor();
                l(d.tab_vi, d.tab_en)
            },
            format_int(*n as i64)
        ));
    }
    if s.compact_pending {
        out.push_str(&format!(
            "  {:<14} {}\n",
            l("Nén tệp", "Compaction"),
            l(
                "đang chờ (sau khi xóa vĩnh viễn; chạy khi không còn ai kết nối)",
                "pending (after a purge; runs once nobody is connected)"
            )
        ));
    }
    out.push_str(&format!(
        "  {:<14} {}\n",
        l("Kết nối", "Clients"),
        s.clients.len()
    ));
    for c in &s.clients {
        out.push_str(&format!(
            "    {:<12} {:<7} {:<4} {} {}{}\n",
            for_display(&c.user),
            c.role,
            c.kind,
            l("từ", "since"),
            format_timestamp(c.since),
            c.pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
        ));
    }
    out
}

fn print(ctx: &Ctx, text: &str) -> CliResult {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::io(&e, "stdout", ctx.lang))
        }
        _ => Ok(()),
    }
}

/// Exit status 3 when no server runs, so scripts can tell "not running" from a failure.
pub fn status(ctx: &Ctx, json: bool) -> CliResult {
    let client = match ctx.running_server() {
        Ok(c) => c,
        Err(ConnectError::NoServer { socket }) => {
            if json {
                print(
                    ctx,
                    &format!(
                        "{}\n",
                        serde_json::json!({
                            "running": false,
                            "pid": null,
                            "data_dir": ctx.data_dir.display().to_string(),
                            "socket": socket.display().to_string(),
                        })
                    ),
                )?;
            } else {
                print(
                    ctx,
                    &format!(
                        "{} ({})\n",
                        ctx.lang.pick(
                            "Không có máy chủ ngoaivu nào đang chạy",
                            "No ngoaivu server is running"
                        ),
                        for_display(&socket.display().to_string())
                    ),
                )?;
            }
            return Err(CliError {
                exit: 3,
                message: String::new(),
            });
        }
        Err(e) => return Err(ctx.connect_error(&e)),
    };
    let Response::Status(s) = ctx.call(&client, Request::Status)? else {
        return Err(ctx.unexpected());
    };
    if json {
        let mut value = serde_json::to_value(&*s).map_err(|e| CliError::env(e.to_string()))?;
        if let Some(map) = value.as_object_mut() {
            map.insert("running".into(), serde_json::Value::Bool(true));
            map.insert(
                "uptime_secs".into(),
                serde_json::json!((now_ms() - s.started_at).max(0) / 1000),
            );
        }
        return print(ctx, &format!("{value}\n"));
    }
    print(ctx, &status_text(&s, ctx))
}

pub fn stop(ctx: &Ctx) -> CliResult {
    let client = match ctx.running_server() {
        Ok(c) => c,
        Err(ConnectError::NoServer { .. }) => {
            return print(
                ctx,
                &format!(
                    "{}\n",
                    ctx.lang.pick(
                        "Không có máy chủ ngoaivu nào đang chạy",
                        "No ngoaivu server is running"
                    )
                ),
            );
        }
        Err(e) => return Err(ctx.connect_error(&e)),
    };
    let pid = match &client {
        crate::service::Client::Remote(r) => r.server_pid,
        crate::service::Client::Local(_) => std::process::id(),
    };
    ctx.call(&client, Request::Shutdown)?;
    drop(client);
    // Answer once it is really gone: the lock is let go as the database closes.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while crate::service::client::server_holds_lock(&ctx.data_dir)
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    print(
        ctx,
        &format!(
            "{} (pid {pid})\n",
            ctx.lang
                .pick("Đã dừng máy chủ ngoaivu", "Stopped the ngoaivu server")
        ),
    )
}

fn role(ctx: &Ctx, s: &str) -> CliResult<Role> {
    Role::parse(s).ok_or_else(|| {
        CliError::user(format!(
            "{} \"{s}\": admin, editor, viewer",
            ctx.lang.pick("vai trò không rõ", "unknown role")
        ))
    })
}

pub fn user(ctx: &Ctx, command: UserCommand) -> CliResult {
    // Never creates a database: admitting users to a mistyped --data-dir is an error.
    let client = ctx.client_existing()?;
    let set = |name: String, r: Option<Role>| {
        ctx.call(
            &client,
            Request::SetUser {
                name: name.clone(),
                role: r,
            },
        )
        .map(|_| name)
    };
    match command {
        UserCommand::Add {
            name,
            role: r,
            kinds,
        }
        | UserCommand::Role {
            name,
            role: r,
            kinds,
        } => {
            let r = role(ctx, &r)?;
            let kinds = kinds
                .as_deref()
                .map(|k| {
                    k.split(',')
                        .filter(|s| !s.trim().is_empty())
                        .map(|s| super::records::parse_kind(ctx, s.trim()))
                        .collect::<CliResult<Vec<Kind>>>()
                })
                .transpose()?;
            let name = set(name, Some(r))?;
            ctx.call(
                &client,
                Request::SetUserKinds {
                    name: name.clone(),
                    kinds: kinds.clone(),
                },
            )?;
            let narrowed = kinds
                .map(|k| {
                    let names: Vec<&str> = k.iter().map(|k| k.as_str()).collect();
                    format!(" ({})", names.join(", "))
                })
                .unwrap_or_default();
            print(
                ctx,
                &format!(
                    "{} {}: {r}{narrowed}\n",
                    ctx.lang.pick("Đã cấp quyền cho", "Role set for"),
                    for_display(&name)
                ),
            )
        }
        UserCommand::Remove { name } => {
            let name = set(name, None)?;
            print(
                ctx,
                &format!(
                    "{} {}\n",
                    ctx.lang.pick("Đã thu hồi quyền của", "Access removed for"),
                    for_display(&name)
                ),
            )
        }
        UserCommand::List { json } => {
            let Response::Users(users) = ctx.call(&client, Request::Users)? else {
                return Err(ctx.unexpected());
            };
            let Response::UserKinds(narrowed) = ctx.call(&client, Request::UserKinds)? else {
                return Err(ctx.unexpected());
            };
            let kinds_of = |name: &str| -> Option<Vec<&'static str>> {
                narrowed
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, k)| k.iter().map(|k| k.as_str()).collect())
            };
            let mut text = String::new();
            for (name, r) in &users {
                let kinds = kinds_of(name);
                if json {
                    text.push_str(
                        &serde_json::json!({"user": name, "role": r, "kinds": kinds}).to_string(),
                    );
                    text.push('\n');
                } else {
                    let only = kinds
                        .map(|k| format!("  ({})", k.join(", ")))
                        .unwrap_or_default();
                    text.push_str(&format!("{:<16} {r}{only}\n", for_display(name)));
                }
            }
            if users.is_empty() && !json {
                text.push_str(ctx.lang.pick(
                    "Chưa cấp quyền cho ai; chủ sở hữu tệp cơ sở dữ liệu luôn là admin.\n",
                    "No users admitted yet; the owner of the database file is always an admin.\n",
                ));
            }
            print(ctx, &text)
        }
    }
}
