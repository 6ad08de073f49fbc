//! Pagination cursors arrive from HTTP clients. Whatever the text, decoding
//! it for a fixed entity and ordering either fails with
//! `Error::InvalidCursor` or yields exactly one value per ordering column,
//! each of that column's type (NULL only where the column is nullable), and
//! a cursor accepted for one entity or ordering is refused by another.
#![no_main]

use entkit::__private::fuzzing::{decode_cursor, encode_cursor};
use entkit::{Cursor, Error, Value};
use entkit_fuzz::{Item, item_order, item_order_types, item_title_order, other_order};
use libfuzzer_sys::fuzz_target;

fn assert_refused(result: entkit::Result<Vec<Value>>, what: &str) {
    match result {
        Err(Error::InvalidCursor { .. }) => {}
        other => panic!("{what}: expected InvalidCursor, got {other:?}"),
    }
}

fuzz_target!(
    init: {
        // `run.sh` makes the seeds with this binary: real cursors from the
        // runtime, written before any input is read.
        if let Ok(dir) = std::env::var("ENTKIT_FUZZ_WRITE_SEEDS") {
            let n = entkit_fuzz::write_cursor_seeds(&dir).expect("cursor seeds");
            eprintln!("{n} cursor seeds in {dir}");
            std::process::exit(0);
        }
    },
    |data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cursor = Cursor::parse(text.as_ref());
    check_title_order(&cursor);
    let order = item_order();
    let decoded = decode_cursor::<Item>(&cursor, &order);
    let values = match decoded {
        Err(Error::InvalidCursor { .. }) => return,
        Err(other) => panic!("not a typed cursor error: {other:?}"),
        Ok(values) => values,
    };
    let types = item_order_types();
    assert_eq!(values.len(), types.len(), "one value per ordering column");
    for (value, (ty, nullable)) in values.iter().zip(&types) {
        assert_eq!(value.column_type(), *ty, "{value:?} for a {ty:?} column");
        assert!(*nullable || !value.is_null(), "NULL for a NOT NULL {ty:?} column");
        if let Value::F32(v) = value {
            assert!(v.is_finite(), "non-finite f32 {v}");
        }
    }
    // The values survive a round trip through the runtime's own encoding.
    let again = encode_cursor::<Item>(&order, &values);
    let redecoded = decode_cursor::<Item>(&again, &order).expect("a re-encoded cursor decodes");
    assert_eq!(format!("{values:?}"), format!("{redecoded:?}"), "lossy round trip");
    // Accepted for Item in this order: refused for another entity or ordering.
    assert_refused(decode_cursor(&cursor, &other_order()), "another entity");
    assert_refused(
        decode_cursor::<Item>(&cursor, &item_title_order()),
        "another ordering",
    );
    let mut reversed = order.clone();
    reversed[0] = Item::FLAG.desc();
    assert_refused(decode_cursor::<Item>(&cursor, &reversed), "another direction");
    }
);

/// The short ordering: a text column, then the key.
fn check_title_order(cursor: &Cursor) {
    let values = match decode_cursor::<Item>(cursor, &item_title_order()) {
        Err(Error::InvalidCursor { .. }) => return,
        Err(other) => panic!("not a typed cursor error: {other:?}"),
        Ok(values) => values,
    };
    assert!(
        matches!(values.as_slice(), [Value::Text(_), Value::I64(_)]),
        "{values:?} for (title, id)"
    );
    let other = vec![entkit_fuzz::Other::TITLE.asc()];
    assert_refused(decode_cursor(cursor, &other), "another entity");
}
