//! Snapshots of every screen at 80x24 and 120x40, in Vietnamese and English, over a fixed
//! data set. Review changes with `cargo insta review` like code.

mod common;

use common::tui::{app_with, mask_times, screen};
use ngoaivu::i18n::Lang;
use ngoaivu::tui::app::App;
use ngoaivu::tui::keymap;

/// A small fixed data set: two partners, three citizens, an agreement linking a partner.
fn seeded(dir: &std::path::Path, lang: Lang) -> App {
    let mut app = app_with(dir, lang, keymap::defaults());
    app.press("1nCơ quan Hợp tác Quốc tế Hàn Quốc<tab>Korea International Cooperation Agency<tab>KOICA<tab><right><tab>KR<c-a>Kim Min-jun<tab>Giám đốc<c-s><esc>");
    app.press("1nHội Hữu nghị Việt - Nhật tỉnh Shizuoka<tab><tab><tab><tab>JP<c-s><esc>");
    for (name, country, city) in [
        ("Nguyễn Thị Ánh", "KR", "Seoul"),
        ("Đặng Văn Bình", "JP", "Osaka"),
        ("Trần Minh Châu", "DE", "Berlin"),
    ] {
        app.press(&format!(
            "2n{name}<tab><tab>1990<tab><tab>{country}<tab>{city}<c-s><esc>"
        ));
    }
    app.press("3nBiên bản ghi nhớ hợp tác y tế<tab>12/2024/BBGN<tab><tab><tab>DT-0001<c-s><esc>");
    app.build_index_now();
    app.press("2gg");
    app
}

fn shots(lang: Lang, suffix: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = seeded(dir.path(), lang);
    let snap = |name: &str, app: &mut App| {
        for (w, h) in [(80, 24), (120, 40)] {
            let text = mask_times(&screen(app, w, h));
            insta::assert_snapshot!(format!("{name}_{w}x{h}_{suffix}"), text);
        }
    };
    snap("list", &mut app);
    app.press("<ret>");
    snap("detail", &mut app);
    app.press("e");
    snap("form_edit", &mut app);
    app.press("<esc>");
    app.press("<esc>n");
    app.press("<tab><tab>31/02/2024<c-s>");
    snap("form_errors", &mut app);
    app.press("<esc>y");
    app.press("/nguyen anh");
    snap("search", &mut app);
    app.press("<esc>?");
    snap("help", &mut app);
    app.press("<esc>:so");
    snap("command", &mut app);
    app.press("<esc>2ggd");
    snap("confirm_delete", &mut app);
}

#[test]
fn screens_in_vietnamese() {
    shots(Lang::Vi, "vi");
}

#[test]
fn screens_in_english() {
    shots(Lang::En, "en");
}

#[test]
fn welcome_screen() {
    for (lang, suffix) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_with(dir.path(), lang, keymap::defaults());
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("welcome_{w}x{h}_{suffix}"), screen(&mut app, w, h));
        }
    }
}
