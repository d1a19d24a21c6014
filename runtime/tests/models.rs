//! Model helpers: date-time/date serde modules and Secret.

use apigen_runtime::{date, date_time, Secret};
use serde::{Deserialize, Serialize};
use time::macros::{date, datetime};

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct M {
    #[serde(with = "apigen_runtime::date_time")]
    t: time::OffsetDateTime,
    #[serde(default, with = "apigen_runtime::date_time::option")]
    o: Option<time::OffsetDateTime>,
    #[serde(default, with = "apigen_runtime::date::option")]
    d: Option<time::Date>,
}

#[test]
fn date_time_accepts_what_services_send() {
    let cases = [
        ("2017-06-12T00:00:00Z", datetime!(2017-06-12 00:00:00 UTC)),
        ("2017-06-12T00:00:00", datetime!(2017-06-12 00:00:00 UTC)),
        ("2017-06-12t00:00:00z", datetime!(2017-06-12 00:00:00 UTC)),
        ("2017-06-12 00:00:00Z", datetime!(2017-06-12 00:00:00 UTC)),
        ("2017-06-12 10:11:12", datetime!(2017-06-12 10:11:12 UTC)),
        (
            "2017-06-12T00:00:00.1Z",
            datetime!(2017-06-12 00:00:00.1 UTC),
        ),
        (
            "2017-06-12T00:00:00.1234567Z",
            datetime!(2017-06-12 00:00:00.1234567 UTC),
        ),
        (
            "2017-06-12T00:00:00.123456789Z",
            datetime!(2017-06-12 00:00:00.123456789 UTC),
        ),
        (
            "2017-06-12T00:00:00.1234567891234Z",
            datetime!(2017-06-12 00:00:00.123456789 UTC),
        ),
        (
            "2017-06-12T02:00:00+02:00",
            datetime!(2017-06-12 00:00:00 UTC),
        ),
        (
            "2017-06-12T02:00:00.5+0200",
            datetime!(2017-06-12 00:00:00.5 UTC),
        ),
        (
            "2017-06-11T20:00:00-04:00",
            datetime!(2017-06-12 00:00:00 UTC),
        ),
        ("2017-06-12T00:00", datetime!(2017-06-12 00:00:00 UTC)),
        (
            "Mon, 12 Jun 2017 00:00:00 GMT",
            datetime!(2017-06-12 00:00:00 UTC),
        ),
        (" 2017-06-12T00:00:00Z ", datetime!(2017-06-12 00:00:00 UTC)),
    ];
    for (s, want) in cases {
        let got = date_time::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(got, want, "{s}");
        let m: M = serde_json::from_value(serde_json::json!({"t": s})).unwrap();
        assert_eq!(m.t, want);
    }
}

#[test]
fn date_time_errors_name_the_string() {
    for bad in [
        "yesterday",
        "2017-13-12T00:00:00Z",
        "2017-06-12X00:00:00",
        "",
        "12/06/2017",
    ] {
        let e = date_time::parse(bad).unwrap_err();
        assert!(e.contains(&format!("`{bad}`")), "{e}");
    }
    let e = serde_json::from_str::<M>(r#"{"t":"not a date"}"#).unwrap_err();
    assert!(e.to_string().contains("not a date"), "{e}");
}

#[test]
fn date_time_serialises_rfc3339_utc() {
    let m = M {
        t: datetime!(2017-06-12 02:00:00 +02:00),
        o: Some(datetime!(2017-06-12 00:00:00.120 UTC)),
        d: Some(date!(2024 - 05 - 01)),
    };
    let s = serde_json::to_string(&m).unwrap();
    assert_eq!(
        s,
        r#"{"t":"2017-06-12T00:00:00Z","o":"2017-06-12T00:00:00.12Z","d":"2024-05-01"}"#
    );
    assert_eq!(serde_json::from_str::<M>(&s).unwrap(), m);
    let m: M = serde_json::from_str(r#"{"t":"2017-06-12T00:00:00Z","o":null,"d":""}"#).unwrap();
    assert_eq!(m.o, None);
    assert_eq!(m.d, None);
    let m: M = serde_json::from_str(r#"{"t":"2017-06-12T00:00:00Z"}"#).unwrap();
    assert_eq!(m.o, None);
}

#[test]
fn date_module() {
    assert_eq!(date::parse("2024-05-01").unwrap(), date!(2024 - 05 - 01));
    assert_eq!(
        date::parse("2024-05-01T00:00:00Z").unwrap(),
        date!(2024 - 05 - 01)
    );
    assert!(date::parse("2024-02-30")
        .unwrap_err()
        .contains("2024-02-30"));
    assert!(date::parse("2024-05-01junk").is_err());
    #[derive(Serialize, Deserialize)]
    struct D {
        #[serde(with = "apigen_runtime::date")]
        d: time::Date,
    }
    let d: D = serde_json::from_str(r#"{"d":"0999-01-02"}"#).unwrap();
    assert_eq!(serde_json::to_string(&d).unwrap(), r#"{"d":"0999-01-02"}"#);
}

#[test]
fn secret_is_transparent_but_hidden() {
    #[derive(Serialize, Deserialize, Debug)]
    struct Creds {
        name: String,
        key: Secret,
    }
    let c: Creds = serde_json::from_str(r#"{"name":"n","key":"p@ss"}"#).unwrap();
    assert_eq!(c.key.expose(), "p@ss");
    let dbg = format!("{c:?} {}", c.key);
    assert!(!dbg.contains("p@ss"), "{dbg}");
    assert!(dbg.contains("***"));
    assert_eq!(
        serde_json::to_string(&c).unwrap(),
        r#"{"name":"n","key":"p@ss"}"#
    );
    assert_eq!(Secret::from("a"), Secret::from(String::from("a")));
    assert_eq!(Secret::default().expose(), "");
}
