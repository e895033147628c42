//! A search index over demo records, for the search module's tests.

use super::SearchIndex;
use crate::demo::DemoGenerator;
use crate::model::{Meta, Record, RecordData};

/// `n` demo records, every 50th a partner, the rest citizens; many share a timestamp.
pub fn index_of_demo(n: u64) -> SearchIndex {
    let mut g = DemoGenerator::new(21);
    let mut index = SearchIndex::default();
    for i in 0..n {
        let data = if i % 50 == 0 {
            RecordData::Partner(g.partner(i / 50))
        } else {
            RecordData::Citizen(g.citizen())
        };
        let meta = Meta {
            id: i + 1,
            code: format!("X-{i}"),
            rev: 1,
            created_at: 0,
            created_by: String::new(),
            // Many equal timestamps, so recency ties are common.
            updated_at: (i / 7) as i64,
            updated_by: String::new(),
            deleted: None,
        };
        index.upsert(&Record { meta, data });
    }
    index
}

/// Queries as staff type them, short and long, common and rare, initialisms among them.
pub const QUERIES: &[&str] = &[
    "n",
    "ng",
    "nguyen",
    "nguyen v",
    "nguyen van",
    "tran thi a",
    "t",
    "le thi h",
    "han quoc",
    "koica",
    "k",
    "dsq",
    "ubnd t",
    "tp h",
    "nguyen thi oanh",
    "korea a",
];

/// Queries as staff type them, drawn from the records themselves: two to four words of
/// a name, city or country, the last one cut short as if still being typed.
fn typed_queries(n: usize) -> Vec<String> {
    let mut g = DemoGenerator::new(77);
    (0..n)
        .map(|i| {
            let c = g.citizen();
            let text = format!("{} {}", c.full_name, c.city);
            let words: Vec<String> = crate::text::fold::fold(&text)
                .split_whitespace()
                .map(str::to_string)
                .collect();
            let take = 2 + i % 3;
            let start = i % words.len().max(1);
            let mut picked: Vec<String> = words
                .iter()
                .cycle()
                .skip(start)
                .take(take)
                .cloned()
                .collect();
            if let Some(last) = picked.last_mut() {
                let keep = 1 + i % last.len().max(1);
                *last = last.chars().take(keep).collect();
            }
            picked.join(" ")
        })
        .collect()
}

/// The fixture's queries and 300 typed ones: what the ranking tests run.
pub fn all_queries() -> Vec<String> {
    QUERIES
        .iter()
        .map(|q| q.to_string())
        .chain(typed_queries(300))
        .collect()
}
