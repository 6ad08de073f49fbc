//! Checks run on values before any SQL, so invalid input writes nothing.

use crate::error::{Error, Result};
use crate::schema::EntityDef;
use crate::value::Value;

/// Validates the value of field `index` against its declared limits.
pub(crate) fn check_field(def: &EntityDef, index: usize, value: &Value) -> Result<()> {
    let field = &def.fields[index];
    let invalid = |reason: String| Error::Validation {
        entity: def.name,
        field: field.name,
        reason,
    };
    match value {
        Value::Null(_) if !field.nullable => Err(invalid("must not be null".into())),
        Value::Text(s) => {
            let len = s.chars().count();
            if let Some(max) = field.max_len.filter(|max| len > *max) {
                return Err(invalid(format!(
                    "length {len} exceeds the maximum of {max}"
                )));
            }
            if let Some(min) = field.min_len.filter(|min| len < *min) {
                return Err(invalid(format!(
                    "length {len} is below the minimum of {min}"
                )));
            }
            Ok(())
        }
        Value::Invalid(reason) => Err(invalid(reason.clone())),
        _ => Ok(()),
    }
}
