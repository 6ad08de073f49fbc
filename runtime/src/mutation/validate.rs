//! Checks run on values before any SQL, so invalid input writes nothing.

use crate::error::{Error, Result};
use crate::schema::{Bound, EntityDef};
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
        // Counting characters walks the whole string: only when a limit asks.
        Value::Text(_) if field.max_len.is_none() && field.min_len.is_none() => Ok(()),
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
    }?;
    if field.min.is_some() || field.max.is_some() {
        check_range(value, field.min, field.max).map_err(invalid)?;
    }
    if let (Some(pattern), Value::Text(text)) = (field.pattern, value)
        && !pattern_matches(pattern, text)
    {
        return Err(invalid(format!(
            "{text:?} does not match the pattern {pattern}"
        )));
    }
    if let Some(validator) = field.validator
        && !value.is_null()
    {
        validator(value).map_err(invalid)?;
    }
    Ok(())
}

/// `min <= value <= max`. Integers compare with integer bounds exactly (an
/// `f64` cannot hold every `i64`); NaN is out of every range.
fn check_range(
    value: &Value,
    min: Option<Bound>,
    max: Option<Bound>,
) -> std::result::Result<(), String> {
    let Some(number) = Number::of(value) else {
        return Ok(());
    };
    if number.is_nan() {
        return Err("is not a number".into());
    }
    if let Some(min) = min.filter(|min| number.below(*min)) {
        return Err(format!("{number} is below the minimum of {min}"));
    }
    if let Some(max) = max.filter(|max| number.above(*max)) {
        return Err(format!("{number} exceeds the maximum of {max}"));
    }
    Ok(())
}

/// A numeric value, integers kept exact.
#[derive(Clone, Copy)]
enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    fn of(value: &Value) -> Option<Number> {
        Some(match value {
            Value::I16(v) => Number::Int(i64::from(*v)),
            Value::I32(v) => Number::Int(i64::from(*v)),
            Value::I64(v) => Number::Int(*v),
            Value::F32(v) => Number::Float(f64::from(*v)),
            Value::F64(v) => Number::Float(*v),
            _ => return None,
        })
    }

    fn is_nan(self) -> bool {
        matches!(self, Number::Float(f) if f.is_nan())
    }

    /// `self` against `bound`, exactly when both are integers.
    fn compare(self, bound: Bound) -> Option<std::cmp::Ordering> {
        match (self, bound) {
            (Number::Int(v), Bound::Int(b)) => Some(v.cmp(&b)),
            (Number::Int(v), Bound::Float(b)) => (v as f64).partial_cmp(&b),
            (Number::Float(v), Bound::Int(b)) => v.partial_cmp(&(b as f64)),
            (Number::Float(v), Bound::Float(b)) => v.partial_cmp(&b),
        }
    }

    fn below(self, bound: Bound) -> bool {
        self.compare(bound) == Some(std::cmp::Ordering::Less)
    }

    fn above(self, bound: Bound) -> bool {
        self.compare(bound) == Some(std::cmp::Ordering::Greater)
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Int(v) => write!(f, "{v}"),
            Number::Float(v) => write!(f, "{v}"),
        }
    }
}

/// Whether `text` matches `pattern` as a whole. Patterns come from the
/// derive, which checked their syntax; each compiles once per process.
fn pattern_matches(pattern: &'static str, text: &str) -> bool {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static COMPILED: OnceLock<Mutex<HashMap<&'static str, regex::Regex>>> = OnceLock::new();
    let cache = COMPILED.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    let regex = cache.entry(pattern).or_insert_with(|| {
        regex::Regex::new(&format!("^(?:{pattern})$"))
            .unwrap_or_else(|_| regex::Regex::new("$^").expect("valid"))
    });
    regex.is_match(text)
}
