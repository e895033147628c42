//! The period report, counted on the server from every live record: one pass per kind,
//! partners first so that links read as countries.

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
