//! `body-dictionary.json`: dictionaries (`additionalProperties`) of every primitive, of models,
//! arrays and dictionaries; null, empty and invalid dictionaries, nulls and wrong types among
//! the values, odd keys.

#[path = "../vanilla.rs"]
mod vanilla;

use std::collections::BTreeMap;

use testserver_scenarios::Checks;
use ts_body_dictionary::models::Widget;
use ts_body_dictionary::AutoRestSwaggerBatDictionaryServiceClient as Client;
use vanilla::{done, null, prints_as, rejects, rejects_null_at_each, value, FromBytes};

/// `{"0": items[0], "1": items[1], …}`: the shape of every dictionary the server sends.
fn indexed<T: Clone>(items: &[T]) -> BTreeMap<String, T> {
    items
        .iter()
        .enumerate()
        .map(|(i, v)| (i.to_string(), v.clone()))
        .collect()
}

fn texts(items: &[&str]) -> BTreeMap<String, String> {
    indexed(&items.iter().map(|s| s.to_string()).collect::<Vec<_>>())
}

fn pairs(items: &[(&str, &str)]) -> BTreeMap<String, String> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn widget(integer: i64, string: &str) -> Widget {
    Widget {
        integer: Some(integer),
        string: Some(string.into()),
    }
}

/// A dictionary of byte values built the way a caller would, through [`FromBytes`].
fn byte_values<T: FromBytes + Clone>(items: &[&[u8]]) -> Result<BTreeMap<String, T>, String> {
    let values = items
        .iter()
        .map(|b| T::from_bytes(b))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(indexed(&values))
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let d = client.dictionary_operations();
    let p = client.dictionary_operations2();
    let mut c = Checks::new();
    nulls(&client, &mut c).await;

    c.check(&["getDictionaryEmpty"], async {
        value("empty", p.dictionary_get_empty().await, BTreeMap::new())
    })
    .await;
    c.check(&["putDictionaryEmpty"], async {
        done(p.dictionary_put_empty(BTreeMap::new()).await)
    })
    .await;
    c.check(&["getDictionaryNullkey"], async {
        rejects(client.dictionary_get_null_key().await)
    })
    .await;
    c.check(&["getDictionaryKeyEmptyString"], async {
        value(
            "an empty key",
            client.dictionary_get_empty_string_key().await,
            pairs(&[("", "val1")]),
        )
    })
    .await;
    c.check(&["getDictionaryInvalid"], async {
        rejects(client.dictionary_get_invalid().await)
    })
    .await;

    let tfft = indexed(&[true, false, false, true]);
    c.check(&["getDictionaryBooleanValid"], async {
        value(
            "booleans",
            p.dictionary_get_boolean_tfft().await,
            tfft.clone(),
        )
    })
    .await;
    c.check(&["putDictionaryBooleanValid"], async {
        done(p.dictionary_put_boolean_tfft(tfft.clone()).await)
    })
    .await;
    c.check(&["getDictionaryBooleanWithString"], async {
        rejects(p.dictionary_get_boolean_invalid_string().await)
    })
    .await;

    let ints = indexed(&[1, -1, 3, 300]);
    c.check(&["getDictionaryIntegerValid"], async {
        value(
            "integers",
            p.dictionary_get_integer_valid().await,
            ints.clone(),
        )
    })
    .await;
    c.check(&["putDictionaryIntegerValid"], async {
        done(p.dictionary_put_integer_valid(ints.clone()).await)
    })
    .await;
    c.check(&["getDictionaryIntegerWithString"], async {
        rejects(p.dictionary_get_int_invalid_string().await)
    })
    .await;
    c.check(&["getDictionaryLongValid"], async {
        value("longs", p.dictionary_get_long_valid().await, ints.clone())
    })
    .await;
    c.check(&["putDictionaryLongValid"], async {
        done(p.dictionary_put_long_valid(ints.clone()).await)
    })
    .await;
    c.check(&["getDictionaryLongWithString"], async {
        rejects(p.dictionary_get_long_invalid_string().await)
    })
    .await;

    c.check(&["getDictionaryFloatValid"], async {
        value(
            "floats",
            p.dictionary_get_float_valid().await,
            indexed(&[0.0, -0.01, -1.2e20]),
        )
    })
    .await;
    c.check(&["putDictionaryFloatValid"], async {
        done(
            p.dictionary_put_float_valid(indexed(&[0.0, -0.01, -1.2e20]))
                .await,
        )
    })
    .await;
    c.check(&["getDictionaryFloatWithString"], async {
        rejects(p.dictionary_get_float_invalid_string().await)
    })
    .await;
    c.check(&["getDictionaryDoubleValid"], async {
        value(
            "doubles",
            p.dictionary_get_double_valid().await,
            indexed(&[0.0, -0.01, -1.2e20]),
        )
    })
    .await;
    c.check(&["putDictionaryDoubleValid"], async {
        done(
            p.dictionary_put_double_valid(indexed(&[0.0, -0.01, -1.2e20]))
                .await,
        )
    })
    .await;
    c.check(&["getDictionaryDoubleWithString"], async {
        rejects(p.dictionary_get_double_invalid_string().await)
    })
    .await;

    let foos = texts(&["foo1", "foo2", "foo3"]);
    c.check(&["getDictionaryStringValid"], async {
        value(
            "strings",
            p.dictionary_get_string_valid().await,
            foos.clone(),
        )
    })
    .await;
    c.check(&["putDictionaryStringValid"], async {
        done(p.dictionary_put_string_valid(foos.clone()).await)
    })
    .await;
    c.check(&["getDictionaryStringWithNumber"], async {
        rejects(p.dictionary_get_string_with_invalid().await)
    })
    .await;

    // Dates and date-times: the values' format names a type; the checks compare what they
    // print as. The PUTs send typed values, which the client writes in the format.
    let day = |s: &str| apigen_runtime::date::parse(s).expect("a date");
    let at = |s: &str| apigen_runtime::date_time::parse(s).expect("a date-time");
    c.check(&["getDictionaryDateValid"], async {
        prints_as(
            "dates",
            p.dictionary_get_date_valid().await,
            indexed(&[day("2000-12-01"), day("1980-01-02"), day("1492-10-12")]),
        )
    })
    .await;
    c.check(&["putDictionaryDateValid"], async {
        done(
            p.dictionary_put_date_valid(indexed(&[
                day("2000-12-01"),
                day("1980-01-02"),
                day("1492-10-12"),
            ]))
            .await,
        )
    })
    .await;
    c.check(&["getDictionaryDateWithInvalidChars"], async {
        rejects(p.dictionary_get_date_invalid_chars().await)
    })
    .await;
    c.check(&["getDictionaryDateTimeValid"], async {
        prints_as(
            "date-times",
            p.dictionary_get_date_time_valid().await,
            indexed(&[
                at("2000-12-01T00:00:01Z"),
                at("1980-01-02T00:11:35+01:00"),
                at("1492-10-12T10:15:01-08:00"),
            ]),
        )
    })
    .await;
    c.check(&["putDictionaryDateTimeValid"], async {
        done(
            p.dictionary_put_date_time_valid(indexed(&[
                at("2000-12-01T00:00:01Z"),
                at("1980-01-01T23:11:35Z"),
                at("1492-10-12T18:15:01Z"),
            ]))
            .await,
        )
    })
    .await;
    c.check(&["getDictionaryDateTimeWithInvalidChars"], async {
        rejects(p.dictionary_get_date_time_invalid_chars().await)
    })
    .await;
    let rfc1123 = [
        "Fri, 01 Dec 2000 00:00:01 GMT",
        "Wed, 02 Jan 1980 00:11:35 GMT",
        "Wed, 12 Oct 1492 10:15:01 GMT",
    ];
    c.check(&["getDictionaryDateTimeRfc1123Valid"], async {
        prints_as(
            "rfc1123 date-times",
            p.dictionary_get_date_time_rfc1123_valid().await,
            indexed(&[
                at("2000-12-01T00:00:01Z"),
                at("1980-01-02T00:11:35Z"),
                at("1492-10-12T10:15:01Z"),
            ]),
        )
    })
    .await;
    c.check(&["putDictionaryDateTimeRfc1123Valid"], async {
        done(
            p.dictionary_put_date_time_rfc1123_valid(indexed(&rfc1123.map(at)))
                .await,
        )
    })
    .await;
    // Durations are ISO 8601 `Duration`s.
    let durations = || {
        indexed(&["P123DT22H14M12.011S", "P5DT1H"].map(|s| {
            s.parse::<apigen_runtime::Duration>()
                .expect("a duration")
        }))
    };
    c.check(&["getDictionaryDurationValid"], async {
        value(
            "durations",
            p.dictionary_get_duration_valid().await,
            durations(),
        )
    })
    .await;
    c.check(&["putDictionaryDurationValid"], async {
        done(p.dictionary_put_duration_valid(durations()).await)
    })
    .await;
    let bytes: [&[u8]; 3] = [&[255, 255, 255, 250], &[1, 2, 3], &[37, 41, 67]];
    c.check(&["getDictionaryByteValid"], async {
        prints_as(
            "bytes",
            p.dictionary_get_byte_valid().await,
            indexed(&bytes.map(<[u8]>::to_vec)),
        )
    })
    .await;
    c.check(&["putDictionaryByteValid"], async {
        done(p.dictionary_put_byte_valid(byte_values(&bytes)?).await)
    })
    .await;
    c.check(&["getDictionaryBase64Url"], async {
        prints_as(
            "base64url",
            p.dictionary_get_base64_url().await,
            indexed(&[
                b"a string that gets encoded with base64url".to_vec(),
                b"test string".to_vec(),
                b"Lorem ipsum".to_vec(),
            ]),
        )
    })
    .await;

    let widgets = indexed(&[widget(1, "2"), widget(3, "4"), widget(5, "6")]);
    c.check(&["getDictionaryComplexEmpty"], async {
        value(
            "models",
            d.dictionary_get_complex_empty().await,
            BTreeMap::new(),
        )
    })
    .await;
    c.check(&["getDictionaryComplexItemEmpty"], async {
        value(
            "models with an empty one",
            d.dictionary_get_complex_item_empty().await,
            indexed(&[widget(1, "2"), Widget::default(), widget(5, "6")]),
        )
    })
    .await;
    c.check(&["getDictionaryComplexValid"], async {
        value(
            "models",
            d.dictionary_get_complex_valid().await,
            widgets.clone(),
        )
    })
    .await;
    c.check(&["putDictionaryComplexValid"], async {
        done(d.dictionary_put_complex_valid(widgets.clone()).await)
    })
    .await;

    let lists = |items: &[&[&str]]| {
        indexed(
            &items
                .iter()
                .map(|l| l.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                .collect::<Vec<_>>(),
        )
    };
    let nested = lists(&[&["1", "2", "3"], &["4", "5", "6"], &["7", "8", "9"]]);
    c.check(&["getDictionaryArrayEmpty"], async {
        value(
            "arrays",
            d.dictionary_get_array_empty().await,
            BTreeMap::new(),
        )
    })
    .await;
    c.check(&["getDictionaryArrayItemEmpty"], async {
        value(
            "arrays with an empty one",
            d.dictionary_get_array_item_empty().await,
            lists(&[&["1", "2", "3"], &[], &["7", "8", "9"]]),
        )
    })
    .await;
    c.check(&["getDictionaryArrayValid"], async {
        value(
            "arrays",
            d.dictionary_get_array_valid().await,
            nested.clone(),
        )
    })
    .await;
    c.check(&["putDictionaryArrayValid"], async {
        done(d.dictionary_put_array_valid(nested.clone()).await)
    })
    .await;

    let d123 = pairs(&[("1", "one"), ("2", "two"), ("3", "three")]);
    let d456 = pairs(&[("4", "four"), ("5", "five"), ("6", "six")]);
    let d789 = pairs(&[("7", "seven"), ("8", "eight"), ("9", "nine")]);
    let dicts = indexed(&[d123.clone(), d456, d789.clone()]);
    c.check(&["getDictionaryDictionaryEmpty"], async {
        value(
            "dictionaries",
            d.dictionary_get_dictionary_empty().await,
            BTreeMap::new(),
        )
    })
    .await;
    c.check(&["getDictionaryDictionaryItemEmpty"], async {
        value(
            "dictionaries with an empty one",
            d.dictionary_get_dictionary_item_empty().await,
            indexed(&[d123.clone(), BTreeMap::new(), d789.clone()]),
        )
    })
    .await;
    c.check(&["getDictionaryDictionaryValid"], async {
        value(
            "dictionaries",
            d.dictionary_get_dictionary_valid().await,
            dicts.clone(),
        )
    })
    .await;
    c.check(&["putDictionaryDictionaryValid"], async {
        done(d.dictionary_put_dictionary_valid(dicts.clone()).await)
    })
    .await;
    c.finish()
}

/// The null scenarios. Values the swagger marks `x-nullable` are `Option`s and a `null` among
/// them decodes to `None`; values it does not mark cannot be null, so the `null` is a decode
/// error at the value's key. The `*Null` dictionaries come as an empty body: `None` where the
/// swagger marks the dictionary `x-nullable`, else an error at the root.
async fn nulls(client: &Client, c: &mut Checks) {
    let d = client.dictionary_operations();
    let p = client.dictionary_operations2();
    rejects_null_at_each!(c, ".",
        "getDictionaryNull" => p.dictionary_get_null(),
        "getDictionaryDictionaryNull" => d.dictionary_get_dictionary_null(),
    );
    rejects_null_at_each!(c, "key1", "getDictionaryNullValue" => client.dictionary_get_null_value());
    rejects_null_at_each!(c, "1",
        "getDictionaryBooleanWithNull" => p.dictionary_get_boolean_invalid_null(),
        "getDictionaryIntegerWithNull" => p.dictionary_get_int_invalid_null(),
        "getDictionaryLongWithNull" => p.dictionary_get_long_invalid_null(),
        "getDictionaryFloatWithNull" => p.dictionary_get_float_invalid_null(),
        "getDictionaryDoubleWithNull" => p.dictionary_get_double_invalid_null(),
        "getDictionaryStringWithNull" => p.dictionary_get_string_with_null(),
        "getDictionaryDateWithNull" => p.dictionary_get_date_invalid_null(),
        "getDictionaryDateTimeWithNull" => p.dictionary_get_date_time_invalid_null(),
        "getDictionaryByteWithNull" => p.dictionary_get_byte_invalid_null(),
    );
    // `x-nullable` on the dictionary: an empty body is `None`.
    c.check(&["getDictionaryComplexNull"], async {
        null!(d.dictionary_get_complex_null().await)
    })
    .await;
    c.check(&["getDictionaryComplexItemNull"], async {
        value(
            "models with a null",
            d.dictionary_get_complex_item_null().await,
            indexed(&[Some(widget(1, "2")), None, Some(widget(5, "6"))]),
        )
    })
    .await;
    c.check(&["getDictionaryArrayNull"], async {
        null!(d.dictionary_get_array_null().await)
    })
    .await;
    c.check(&["getDictionaryArrayItemNull"], async {
        let list = |l: &[&str]| Some(l.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        value(
            "arrays with a null",
            d.dictionary_get_array_item_null().await,
            indexed(&[list(&["1", "2", "3"]), None, list(&["7", "8", "9"])]),
        )
    })
    .await;
    c.check(&["getDictionaryDictionaryItemNull"], async {
        let d123 = pairs(&[("1", "one"), ("2", "two"), ("3", "three")]);
        let d789 = pairs(&[("7", "seven"), ("8", "eight"), ("9", "nine")]);
        value(
            "dictionaries with a null",
            d.dictionary_get_dictionary_item_null().await,
            indexed(&[Some(d123), None, Some(d789)]),
        )
    })
    .await;
}
