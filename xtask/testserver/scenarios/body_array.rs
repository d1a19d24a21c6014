//! `body-array.json`: arrays of every primitive, of enums, models, arrays and dictionaries;
//! null, empty and invalid arrays, nulls and wrong types among the items.

#[path = "../vanilla.rs"]
mod vanilla;

use std::collections::BTreeMap;

use testserver_scenarios::{url, Checks};
use ts_body_array::models::{FooEnum, Product};
use ts_body_array::AutoRestSwaggerBatArrayServiceClient as Client;
use ts_body_array::operations::ArrayOperationsClient;
use vanilla::{done, prints_as, rejects, rejects_null_at_each, value};

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn uuids(items: &[&str]) -> Vec<apigen_runtime::Uuid> {
    items.iter().map(|s| s.parse().expect("a uuid")).collect()
}

fn durations(items: &[&str]) -> Vec<apigen_runtime::Duration> {
    items.iter().map(|s| s.parse().expect("a duration")).collect()
}

fn product(integer: i64, string: &str) -> Product {
    Product {
        integer: Some(integer),
        string: Some(string.into()),
    }
}

fn dict(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let a = client.array_operations();
    let mut c = Checks::new();
    let date_times = |items: &[&str]| {
        items
            .iter()
            .map(|s| apigen_runtime::date_time::parse(s).expect("a date-time"))
            .collect::<Vec<_>>()
    };
    let uuids = uuids(&[
        "6dcc7237-45fe-45c4-8a6b-3a8a3f625652",
        "d1399005-30f7-40d6-8da6-dd7c89ad34db",
        "f42f6aa1-a5bc-4ddf-907e-5f915de43205",
    ]);
    let products = vec![product(1, "2"), product(3, "4"), product(5, "6")];
    let nested = vec![
        strings(&["1", "2", "3"]),
        strings(&["4", "5", "6"]),
        strings(&["7", "8", "9"]),
    ];
    let d123 = dict(&[("1", "one"), ("2", "two"), ("3", "three")]);
    let d456 = dict(&[("4", "four"), ("5", "five"), ("6", "six")]);
    let d789 = dict(&[("7", "seven"), ("8", "eight"), ("9", "nine")]);
    let dicts = vec![d123.clone(), d456, d789.clone()];
    nulls(&a, &mut c).await;

    c.check(&["getArrayInvalid"], async {
        rejects(a.array_get_invalid().await)
    })
    .await;
    c.check(&["getArrayEmpty"], async {
        value("empty", a.array_get_empty().await, vec![])
    })
    .await;
    c.check(&["putArrayEmpty"], async {
        done(a.array_put_empty(vec![]).await)
    })
    .await;

    let tfft = vec![true, false, false, true];
    c.check(&["getArrayBooleanValid"], async {
        value("booleans", a.array_get_boolean_tfft().await, tfft.clone())
    })
    .await;
    c.check(&["putArrayBooleanValid"], async {
        done(a.array_put_boolean_tfft(tfft.clone()).await)
    })
    .await;
    c.check(&["getArrayBooleanWithString"], async {
        rejects(a.array_get_boolean_invalid_string().await)
    })
    .await;

    let ints = vec![1, -1, 3, 300];
    c.check(&["getArrayIntegerValid"], async {
        value("integers", a.array_get_integer_valid().await, ints.clone())
    })
    .await;
    c.check(&["putArrayIntegerValid"], async {
        done(a.array_put_integer_valid(ints.clone()).await)
    })
    .await;
    c.check(&["getArrayIntegerWithString"], async {
        rejects(a.array_get_int_invalid_string().await)
    })
    .await;
    c.check(&["getArrayLongValid"], async {
        value("longs", a.array_get_long_valid().await, ints.clone())
    })
    .await;
    c.check(&["putArrayLongValid"], async {
        done(a.array_put_long_valid(ints.clone()).await)
    })
    .await;
    c.check(&["getArrayLongWithString"], async {
        rejects(a.array_get_long_invalid_string().await)
    })
    .await;

    c.check(&["getArrayFloatValid"], async {
        value(
            "floats",
            a.array_get_float_valid().await,
            vec![0.0, -0.01, -1.2e20],
        )
    })
    .await;
    c.check(&["putArrayFloatValid"], async {
        done(a.array_put_float_valid(vec![0.0, -0.01, -1.2e20]).await)
    })
    .await;
    c.check(&["getArrayFloatWithString"], async {
        rejects(a.array_get_float_invalid_string().await)
    })
    .await;
    c.check(&["getArrayDoubleValid"], async {
        value(
            "doubles",
            a.array_get_double_valid().await,
            vec![0.0, -0.01, -1.2e20],
        )
    })
    .await;
    c.check(&["putArrayDoubleValid"], async {
        done(a.array_put_double_valid(vec![0.0, -0.01, -1.2e20]).await)
    })
    .await;
    c.check(&["getArrayDoubleWithString"], async {
        rejects(a.array_get_double_invalid_string().await)
    })
    .await;

    let foos = strings(&["foo1", "foo2", "foo3"]);
    c.check(&["getArrayStringValid"], async {
        value("strings", a.array_get_string_valid().await, foos.clone())
    })
    .await;
    c.check(&["putArrayStringValid"], async {
        done(a.array_put_string_valid(foos.clone()).await)
    })
    .await;
    c.check(&["getArrayStringWithNumber"], async {
        rejects(a.array_get_string_with_invalid().await)
    })
    .await;
    c.check(&["getArrayEnumValid"], async {
        value(
            "enums",
            a.array_get_enum_valid().await,
            vec![FooEnum::Foo1, FooEnum::Foo2, FooEnum::Foo3],
        )
    })
    .await;
    c.check(&["putArrayEnumValid"], async {
        done(
            a.array_put_enum_valid(vec![FooEnum::Foo1, FooEnum::Foo2, FooEnum::Foo3])
                .await,
        )
    })
    .await;
    c.check(&["getArrayStringEnumValid"], async {
        value(
            "string enums",
            a.array_get_string_enum_valid().await,
            vec![FooEnum::Foo1, FooEnum::Foo2, FooEnum::Foo3],
        )
    })
    .await;
    c.check(&["putArrayStringEnumValid"], async {
        done(
            a.array_put_string_enum_valid(vec![FooEnum::Foo1, FooEnum::Foo2, FooEnum::Foo3])
                .await,
        )
    })
    .await;
    // `format: uuid` items are `Uuid`s: text that is no uuid fails to decode.
    c.check(&["getArrayUuidValid"], async {
        value("uuids", a.array_get_uuid_valid().await, uuids.clone())
    })
    .await;
    c.check(&["putArrayUuidValid"], async {
        done(a.array_put_uuid_valid(uuids.clone()).await)
    })
    .await;
    c.check(&["getArrayUuidWithInvalidChars"], async {
        rejects(a.array_get_uuid_invalid_chars().await)
    })
    .await;

    // Dates, date-times and bytes: the items' format names a type; strings are not it.
    c.check(&["getArrayDateValid"], async {
        let want: Vec<_> = ["2000-12-01", "1980-01-02", "1492-10-12"]
            .iter()
            .map(|s| apigen_runtime::date::parse(s).expect("a date"))
            .collect();
        prints_as("dates", a.array_get_date_valid().await, want)
    })
    .await;
    c.check(&["putArrayDateValid"], async {
        let days: Vec<_> = ["2000-12-01", "1980-01-02", "1492-10-12"]
            .iter()
            .map(|s| apigen_runtime::date::parse(s).expect("a date"))
            .collect();
        done(a.array_put_date_valid(days).await)
    })
    .await;
    c.check(&["getArrayDateWithInvalidChars"], async {
        rejects(a.array_get_date_invalid_chars().await)
    })
    .await;
    c.check(&["getArrayDateTimeValid"], async {
        let want: Vec<_> = [
            "2000-12-01T00:00:01Z",
            "1980-01-02T00:11:35+01:00",
            "1492-10-12T10:15:01-08:00",
        ]
        .iter()
        .map(|s| apigen_runtime::date_time::parse(s).expect("a date-time"))
        .collect();
        prints_as("date-times", a.array_get_date_time_valid().await, want)
    })
    .await;
    c.check(&["putArrayDateTimeValid"], async {
        // The server compares instants; the client writes them in UTC.
        let times = date_times(&[
            "2000-12-01T00:00:01Z",
            "1980-01-02T00:11:35Z",
            "1492-10-12T10:15:01Z",
        ]);
        done(a.array_put_date_time_valid(times).await)
    })
    .await;
    c.check(&["getArrayDateTimeWithInvalidChars"], async {
        rejects(a.array_get_date_time_invalid_chars().await)
    })
    .await;
    c.check(&["getArrayDateTimeRfc1123Valid"], async {
        let want: Vec<_> = [
            "2000-12-01T00:00:01Z",
            "1980-01-02T00:11:35Z",
            "1492-10-12T10:15:01Z",
        ]
        .iter()
        .map(|s| apigen_runtime::date_time::parse(s).expect("a date-time"))
        .collect();
        prints_as(
            "rfc1123 date-times",
            a.array_get_date_time_rfc1123_valid().await,
            want,
        )
    })
    .await;
    c.check(&["putArrayDateTimeRfc1123Valid"], async {
        let times = date_times(&[
            "2000-12-01T00:00:01Z",
            "1980-01-02T00:11:35Z",
            "1492-10-12T10:15:01Z",
        ]);
        done(a.array_put_date_time_rfc1123_valid(times).await)
    })
    .await;
    // Durations are ISO 8601 `Duration`s (written in their shortest form: `P5DT1H`).
    c.check(&["getArrayDurationValid"], async {
        value(
            "durations",
            a.array_get_duration_valid().await,
            durations(&["P123DT22H14M12.011S", "P5DT1H0M0S"]),
        )
    })
    .await;
    c.check(&["putArrayDurationValid"], async {
        done(
            a.array_put_duration_valid(durations(&["P123DT22H14M12.011S", "P5DT1H"]))
                .await,
        )
    })
    .await;
    c.check(&["getArrayByteValid"], async {
        prints_as(
            "bytes",
            a.array_get_byte_valid().await,
            vec![vec![255u8, 255, 255, 250], vec![1, 2, 3], vec![37, 41, 67]],
        )
    })
    .await;
    c.check(&["putArrayByteValid"], async {
        let items = vec![vec![255u8, 255, 255, 250], vec![1, 2, 3], vec![37, 41, 67]];
        done(a.array_put_byte_valid(items).await)
    })
    .await;
    c.check(&["getArrayBase64Url"], async {
        prints_as(
            "base64url",
            a.array_get_base64_url().await,
            vec![
                b"a string that gets encoded with base64url".to_vec(),
                b"test string".to_vec(),
                b"Lorem ipsum".to_vec(),
            ],
        )
    })
    .await;

    c.check(&["getArrayComplexEmpty"], async {
        value("models", a.array_get_complex_empty().await, vec![])
    })
    .await;
    c.check(&["getArrayComplexItemEmpty"], async {
        let empty = Product {
            integer: None,
            string: None,
        };
        value(
            "models with an empty one",
            a.array_get_complex_item_empty().await,
            vec![product(1, "2"), empty, product(5, "6")],
        )
    })
    .await;
    c.check(&["getArrayComplexValid"], async {
        value(
            "models",
            a.array_get_complex_valid().await,
            products.clone(),
        )
    })
    .await;
    c.check(&["putArrayComplexValid"], async {
        done(a.array_put_complex_valid(products.clone()).await)
    })
    .await;

    c.check(&["getArrayArrayEmpty"], async {
        value("arrays", a.array_get_array_empty().await, vec![])
    })
    .await;
    c.check(&["getArrayArrayItemEmpty"], async {
        value(
            "arrays with an empty one",
            a.array_get_array_item_empty().await,
            vec![nested[0].clone(), vec![], nested[2].clone()],
        )
    })
    .await;
    c.check(&["getArrayArrayValid"], async {
        value("arrays", a.array_get_array_valid().await, nested.clone())
    })
    .await;
    c.check(&["putArrayArrayValid"], async {
        done(a.array_put_array_valid(nested.clone()).await)
    })
    .await;

    c.check(&["getArrayDictionaryEmpty"], async {
        value("dictionaries", a.array_get_dictionary_empty().await, vec![])
    })
    .await;
    c.check(&["getArrayDictionaryItemEmpty"], async {
        value(
            "dictionaries with an empty one",
            a.array_get_dictionary_item_empty().await,
            vec![d123.clone(), BTreeMap::new(), d789.clone()],
        )
    })
    .await;
    c.check(&["getArrayDictionaryValid"], async {
        value(
            "dictionaries",
            a.array_get_dictionary_valid().await,
            dicts.clone(),
        )
    })
    .await;
    c.check(&["putArrayDictionaryValid"], async {
        done(a.array_put_dictionary_valid(dicts.clone()).await)
    })
    .await;
    c.finish()
}

/// The null scenarios. Items the swagger marks `x-nullable` are `Option`s and a `null` among
/// them decodes to `None`; items it does not mark cannot be null, so the `null` is a decode
/// error at the item's path. The `*Null` arrays come as an empty body, and no array schema
/// here is nullable: an error at the root.
async fn nulls(a: &ArrayOperationsClient<'_>, c: &mut Checks) {
    rejects_null_at_each!(c, ".",
        "getArrayNull" => a.array_get_null(),
        "getArrayComplexNull" => a.array_get_complex_null(),
        "getArrayArrayNull" => a.array_get_array_null(),
        "getArrayDictionaryNull" => a.array_get_dictionary_null(),
    );
    rejects_null_at_each!(c, "[1]",
        "getArrayBooleanWithNull" => a.array_get_boolean_invalid_null(),
        "getArrayIntegerWithNull" => a.array_get_int_invalid_null(),
        "getArrayLongWithNull" => a.array_get_long_invalid_null(),
        "getArrayFloatWithNull" => a.array_get_float_invalid_null(),
        "getArrayDoubleWithNull" => a.array_get_double_invalid_null(),
        "getArrayDateWithNull" => a.array_get_date_invalid_null(),
        "getArrayDateTimeWithNull" => a.array_get_date_time_invalid_null(),
        "getArrayByteWithNull" => a.array_get_byte_invalid_null(),
    );
    // `items: {type: string, x-nullable: true}`.
    c.check(&["getArrayStringWithNull"], async {
        value(
            "strings with a null",
            a.array_get_string_with_null().await,
            vec![Some("foo".to_string()), None, Some("foo2".to_string())],
        )
    })
    .await;
    // `items: {$ref: Product, x-nullable: true}`.
    c.check(&["getArrayComplexItemNull"], async {
        value(
            "models with a null",
            a.array_get_complex_item_null().await,
            vec![Some(product(1, "2")), None, Some(product(5, "6"))],
        )
    })
    .await;
    c.check(&["getArrayArrayItemNull"], async {
        value(
            "arrays with a null",
            a.array_get_array_item_null().await,
            vec![
                Some(strings(&["1", "2", "3"])),
                None,
                Some(strings(&["7", "8", "9"])),
            ],
        )
    })
    .await;
    c.check(&["getArrayDictionaryItemNull"], async {
        let d123 = dict(&[("1", "one"), ("2", "two"), ("3", "three")]);
        let d789 = dict(&[("7", "seven"), ("8", "eight"), ("9", "nine")]);
        value(
            "dictionaries with a null",
            a.array_get_dictionary_item_null().await,
            vec![Some(d123), None, Some(d789)],
        )
    })
    .await;
}
