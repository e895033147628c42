//! kill -9 of a spreadsheet import while the server stages it: the database is exactly as
//! it was, and the codes its staged records had are free again.

mod common;

use common::cli_ok;
use std::time::{Duration, Instant};

#[test]
fn a_killed_csv_import_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let first = d.join("one.csv");
    std::fs::write(&first, "Họ và tên,Quốc gia\nNguyễn Thị Ánh,KR\n").unwrap();
    cli_ok(
        d,
        &[("NGOAIVU_IDLE_EXIT", "60")],
        &["import", first.to_str().unwrap()],
    );
    let before = cli_ok(d, &[("NGOAIVU_IDLE_EXIT", "60")], &["export", "all"]);
    let mut big = String::from("Họ và tên,Ngày sinh,Quốc gia,Thành phố\n");
    for i in 0..150_000 {
        big.push_str(&format!(
            "Trần Văn {i},{:02}/03/1985,Hàn Quốc,Ansan\n",
            1 + i % 28
        ));
    }
    let file = d.join("big.csv");
    std::fs::write(&file, big).unwrap();
    let db = d.join(ngoaivu::store::DB_FILE);
    let size = std::fs::metadata(&db).unwrap().len();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ngoaivu"))
        .args([
            "--data-dir",
            d.to_str().unwrap(),
            "import",
            file.to_str().unwrap(),
        ])
        .env("NGOAIVU_IDLE_EXIT", "60")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed once the server has staged some of it: the file has grown.
    let start = Instant::now();
    while std::fs::metadata(&db).unwrap().len() < size + (4 << 20) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it was killed"
        );
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "nothing was staged"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // The server drops the import when the connection ends.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let now = cli_ok(d, &[("NGOAIVU_IDLE_EXIT", "60")], &["export", "all"]);
        if now == before {
            break;
        }
        assert!(Instant::now() < deadline, "the killed import left records");
        std::thread::sleep(Duration::from_millis(100));
    }
    // The codes its staged records had are free again (the id counter keeps its
    // reservation: new codes continue after it, with a gap).
    let next = d.join("next.csv");
    std::fs::write(&next, "Mã,Họ và tên,Quốc gia\nCD-000002,Lê Văn Bình,JP\n").unwrap();
    let env = [("NGOAIVU_IDLE_EXIT", "60")];
    cli_ok(d, &env, &["import", next.to_str().unwrap()]);
    let all = cli_ok(d, &env, &["export", "citizen"]);
    assert!(
        all.contains("\"code\":\"CD-000002\",\"full_name\":\"Lê Văn Bình\""),
        "{all}"
    );
    cli_ok(d, &[], &["stop"]);
}
