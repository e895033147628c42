//! Questions answered from every live record in one pass: the period report (partners
//! first, so links read as countries), and which records an import would duplicate.

use crate::model::{FieldError, Kind, Problem, ValidationErrors};
use crate::report::tally::Tally;
use crate::report::{Period, Report};
use crate::store::{Store, StoreError};

pub fn compute(s: &Store, period: Period) -> Result<Report, StoreError> {
    if period.from > period.to {
        let e = FieldError::new(
            "to",
            Problem::DateOrder {
                before_field: "from",
            },
        );
        return Err(StoreError::Invalid(ValidationErrors(vec![e])));
    }
    let mut tally = Tally::new(period);
    let kinds = std::iter::once(Kind::Partner).chain(
        Kind::ALL
            .into_iter()
            .filter(|k| *k != Kind::Partner && *k != Kind::Citizen),
    );
    for kind in kinds {
        s.scan(kind, false, |r| {
            tally.record(&r);
            Ok(())
        })?;
    }
    let made_at = chrono::Local::now()
        .format("%H:%M ngày %d/%m/%Y")
        .to_string();
    Ok(tally.finish(made_at))
}

/// For each entry of keys, the codes of live records sharing one of them (one pass over
/// each kind the keys name).
pub fn duplicates(s: &Store, keys: &[Vec<String>]) -> Result<Vec<Vec<String>>, StoreError> {
    use std::collections::{HashMap, HashSet};
    let wanted: HashSet<&str> = keys.iter().flatten().map(String::as_str).collect();
    let mut found: HashMap<String, Vec<String>> = HashMap::new();
    for kind in [Kind::Citizen, Kind::Partner] {
        let prefix = if kind == Kind::Citizen { "c|" } else { "p|" };
        if !wanted.iter().any(|k| k.starts_with(prefix)) {
            continue;
        }
        s.scan(kind, false, |r| {
            for key in crate::model::duplicate::keys(&r.data) {
                if wanted.contains(key.as_str()) {
                    found.entry(key).or_default().push(r.meta.code.clone());
                }
            }
            Ok(())
        })?;
    }
    Ok(keys
        .iter()
        .map(|ks| {
            let mut codes: Vec<String> = ks
                .iter()
                .flat_map(|k| found.get(k))
                .flatten()
                .cloned()
                .collect();
            codes.sort();
            codes.dedup();
            codes
        })
        .collect())
}
