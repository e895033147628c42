//! `ngoaivu duplicates KIND [--json]` on a fixture with known pairs and near misses, through
//! the real binary and server; precision and recall are printed.

mod common;

use serde_json::{Value, json};
use std::collections::HashSet;
use std::path::Path;

const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ",
];
const MIDDLE: [&str; 3] = ["Văn", "Thị", "Đức"];
const GIVEN: [&str; 10] = [
    "Bình", "Hường", "An", "Tuấn", "Oanh", "Minh", "Hải", "Lan", "Quang", "Yến",
];
const PLACES: [(&str, &str); 5] = [
    ("KR", "Ansan"),
    ("JP", "Osaka"),
    ("DE", "Leipzig"),
    ("TW", "Chiayi"),
    ("US", "Houston"),
];

struct Person {
    words: [&'static str; 3],
    born: (i32, u32, u32),
    place: (&'static str, &'static str),
}

impl Person {
    fn name(&self) -> String {
        self.words.join(" ")
    }
    fn date(&self) -> String {
        let (y, m, d) = self.born;
        format!("{y:04}-{m:02}-{d:02}")
    }
}

fn line(name: &str, born: &str, (country, city): (&str, &str), passport: &str) -> String {
    let mut v = json!({
        "kind": "citizen",
        "full_name": name,
        "country": country,
        "city": city,
        "passport_no": passport,
    });
    if !born.is_empty() {
        v["birth_date"] = json!(born);
    }
    v.to_string()
}

fn strip(name: &str) -> String {
    ngoaivu::text::fold::fold(name)
}

#[test]
fn duplicates_finds_the_known_pairs_and_not_the_near_misses() {
    // 300 different people (every name differs), each with a passport.
    let people: Vec<Person> = (0..300)
        .map(|i| Person {
            words: [FAMILY[i % 10], MIDDLE[(i / 10) % 3], GIVEN[i / 30]],
            born: (
                1960 + (i % 40) as i32,
                1 + (i % 12) as u32,
                1 + (i % 28) as u32,
            ),
            place: PLACES[i % 5],
        })
        .collect();
    let mut lines: Vec<String> = people
        .iter()
        .enumerate()
        .map(|(i, p)| line(&p.name(), &p.date(), p.place, &format!("C{:07}", 1000 + i)))
        .collect();
    // The code each line gets: CD-000001 for the first.
    let code = |n: usize| format!("CD-{:06}", n + 1);
    let mut known: HashSet<(String, String)> = HashSet::new();
    let mut twin = |lines: &mut Vec<String>, of: usize, l: String| {
        lines.push(l);
        known.insert((code(of), code(lines.len() - 1)));
    };
    for (i, p) in people.iter().enumerate().take(10) {
        // Typed without marks.
        twin(
            &mut lines,
            i,
            line(&strip(&p.name()), &p.date(), p.place, ""),
        );
    }
    for (i, p) in people.iter().enumerate().take(20).skip(10) {
        // In the Western order people abroad use, the year only.
        let western = format!("{} {} {}", p.words[2], p.words[1], p.words[0]);
        twin(
            &mut lines,
            i,
            line(&western, &p.born.0.to_string(), p.place, ""),
        );
    }
    for (i, p) in people.iter().enumerate().take(25).skip(20) {
        // Upper case, the middle name left out.
        let short = strip(&format!("{} {}", p.words[0], p.words[2])).to_uppercase();
        twin(&mut lines, i, line(&short, &p.date(), p.place, ""));
    }
    for (i, p) in people.iter().enumerate().take(30).skip(25) {
        // A misspelt name, but the same passport (and birth year).
        let typo = format!("{} {} {}x", p.words[0], p.words[1], p.words[2]);
        twin(
            &mut lines,
            i,
            line(
                &typo,
                &p.born.0.to_string(),
                p.place,
                &format!("c{:07}", 1000 + i),
            ),
        );
    }
    for (i, p) in people.iter().enumerate().take(40).skip(30) {
        // Moved to another city of the same country.
        twin(
            &mut lines,
            i,
            line(&p.name(), &p.date(), (p.place.0, "Somewhere"), ""),
        );
    }
    // Near misses: the same name, but another person.
    for p in people.iter().take(50).skip(40) {
        let later = format!("{}-{:02}-{:02}", p.born.0 + 3, p.born.1, p.born.2);
        lines.push(line(&p.name(), &later, p.place, ""));
    }
    for (i, p) in people.iter().enumerate().take(60).skip(50) {
        let abroad = PLACES[(i + 1) % 5];
        lines.push(line(&p.name(), &p.date(), abroad, ""));
    }
    for p in people.iter().take(70).skip(60) {
        let other_day = format!("{}-{:02}-{:02}", p.born.0, p.born.1 % 12 + 1, p.born.2);
        lines.push(line(&p.name(), &other_day, p.place, ""));
    }

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("in.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let env = [("NGOAIVU_IDLE_EXIT", "30")];
    common::cli_ok(d, &env, &["import", file.to_str().unwrap()]);

    let out = common::cli_ok(d, &env, &["duplicates", "citizen", "--json"]);
    let found: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let listed: HashSet<(String, String)> = found
        .iter()
        .map(|v| {
            (
                v["a"].as_str().unwrap().into(),
                v["b"].as_str().unwrap().into(),
            )
        })
        .collect();
    let right = listed.intersection(&known).count() as f64;
    let precision = right / listed.len().max(1) as f64;
    let recall = right / known.len() as f64;
    println!(
        "duplicates fixture: {} known pairs, {} listed, precision {precision:.2}, recall {recall:.2}",
        known.len(),
        listed.len()
    );
    for missed in known.difference(&listed) {
        println!("  missed {missed:?}");
    }
    for wrong in listed.difference(&known) {
        println!("  wrongly listed {wrong:?}");
    }
    assert!(precision >= 0.95 && recall >= 0.95, "{precision} {recall}");
    // Most certain first, each with its score and why.
    let scores: Vec<f64> = found.iter().map(|v| v["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(scores.iter().all(|s| (0.6..=1.0).contains(s)));
    let first = &found[0];
    assert!(
        first["reasons"]
            .as_array()
            .unwrap()
            .contains(&json!("full_name"))
    );
    // The misspelt names met only through their passports: listed, after the others.
    let reasons = |v: &Value| v["reasons"].as_array().unwrap().clone();
    let by_passport: Vec<&Value> = found
        .iter()
        .filter(|v| {
            reasons(v).contains(&json!("passport_no")) && !reasons(v).contains(&json!("full_name"))
        })
        .collect();
    assert_eq!(by_passport.len(), 5);
    assert!(by_passport.iter().all(|v| v["score"] == json!(0.7)));
    assert!(
        found[found.len() - 5..]
            .iter()
            .all(|v| by_passport.contains(&v))
    );

    // --min narrows; text output names both records and what agrees.
    let strict = common::cli_ok(
        d,
        &env,
        &["duplicates", "citizen", "--json", "--min", "0.9"],
    );
    assert!(strict.lines().count() < found.len());
    assert!(strict.lines().count() >= 10, "{strict}");
    let text = common::cli_ok(d, &env, &["duplicates", "citizen"]);
    assert!(
        text.contains("likely duplicate pairs (score 60/100 or more)"),
        "{text}"
    );
    assert!(
        text.contains("CD-000001") && text.contains("same: full name"),
        "{text}"
    );
    let bad = common::cli_run(d, &env, &["duplicates", "citizen", "--min", "abc"]);
    assert_eq!(bad.status.code(), Some(1));
    let _ = stop(d);
}

fn stop(d: &Path) -> std::process::Output {
    common::cli_run(d, &[], &["stop"])
}
