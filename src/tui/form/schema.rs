//! The fields of each kind's form, read from the kind's descriptor: the order staff fill
//! them in, the input each needs, its repeating group, what "save and new" keeps.

use crate::model::Kind;
use crate::model::descriptor::descriptor;
pub use crate::model::descriptor::{Field as FieldSpec, Input};

/// A repeating group (contacts, relatives): a list of small records.
#[derive(Debug, Clone, Copy)]
pub struct GroupSpec {
    pub name: &'static str,
    pub fields: &'static [FieldSpec],
}

/// The form's fields above its group rows, in order.
pub fn fields(kind: Kind) -> impl Iterator<Item = &'static FieldSpec> {
    descriptor(kind).plain()
}

pub fn group(kind: Kind) -> Option<GroupSpec> {
    let field = descriptor(kind).group()?;
    Some(GroupSpec {
        name: field.name,
        fields: field.rows()?,
    })
}

/// Fields that "save and new" carries into the next record: staff enter batches from one
/// list, where these repeat.
pub fn kept_for_next(kind: Kind) -> Vec<&'static str> {
    descriptor(kind)
        .plain()
        .filter(|f| f.keep)
        .map(|f| f.name)
        .collect()
}
