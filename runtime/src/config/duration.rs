//! Durations as people write them (`500ms`, `30s`, `10m`, `1h 30m`), read
//! by humantime. Error messages never repeat the text: a value typed into
//! the wrong key may be a URL with a password.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

const EXPECTED: &str = "a duration with a unit, such as 500ms, 30s, 10m or 1h 30m";
const EXPECTED_OR_OFF: &str = "a duration with a unit, such as 500ms, 30s, 10m or 1h 30m, or off";

/// A duration, or `off` for a setting that can be turned off
/// (`idle_timeout: off`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationOrOff {
    /// The setting is off.
    Off,
    /// After this long.
    After(Duration),
}

impl DurationOrOff {
    /// The duration, `None` for `Off`: what
    /// [`ClientBuilder`](crate::ClientBuilder) takes.
    pub fn to_option(self) -> Option<Duration> {
        match self {
            DurationOrOff::Off => None,
            DurationOrOff::After(d) => Some(d),
        }
    }
}

/// Parses `text` as a duration, or says why not without quoting it.
fn parse<E: de::Error>(text: &str, expected: &'static str) -> Result<Duration, E> {
    let text = text.trim();
    humantime::parse_duration(text).map_err(|e| {
        let bare_number = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
        let why = match e {
            _ if bare_number => "the number has no unit",
            humantime::DurationError::UnknownUnit { .. } => {
                "unknown unit (use ns, us, ms, s, m, h or d)"
            }
            humantime::DurationError::NumberOverflow => "too large",
            humantime::DurationError::Empty => "empty",
            humantime::DurationError::NumberExpected(_)
            | humantime::DurationError::InvalidCharacter(_) => "not a duration",
        };
        E::custom(format!("expected {expected}: {why}"))
    })
}

struct DurationVisitor {
    off_allowed: bool,
}

impl<'de> Visitor<'de> for DurationVisitor {
    type Value = DurationOrOff;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.off_allowed {
            EXPECTED_OR_OFF
        } else {
            EXPECTED
        })
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DurationOrOff, E> {
        if self.off_allowed && text.trim().eq_ignore_ascii_case("off") {
            return Ok(DurationOrOff::Off);
        }
        let expected = if self.off_allowed {
            EXPECTED_OR_OFF
        } else {
            EXPECTED
        };
        parse(text, expected).map(DurationOrOff::After)
    }
}

impl<'de> Deserialize<'de> for DurationOrOff {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(DurationVisitor { off_allowed: true })
    }
}

/// A duration that cannot be turned off.
struct Required(Duration);

impl<'de> Deserialize<'de> for Required {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_str(DurationVisitor { off_allowed: false })? {
            DurationOrOff::After(d) => Ok(Required(d)),
            DurationOrOff::Off => unreachable!("`off` is refused when it is not allowed"),
        }
    }
}

/// `deserialize_with` for an optional duration that cannot be `off`.
pub(crate) fn optional<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Duration>, D::Error> {
    Ok(Option::<Required>::deserialize(deserializer)?.map(|r| r.0))
}
