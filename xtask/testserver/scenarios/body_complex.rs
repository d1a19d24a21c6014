//! `body-complex.json`: models with properties of every primitive, arrays and dictionaries,
//! inheritance, polymorphism (discriminators, dot syntax, composition, recursion) and read-only
//! properties.
//!
//! Most PUTs send back what the matching GET decoded, as a caller that edits a fetched model
//! would: the server checks the same wire form for both, so the check shows that decoding and
//! encoding keep every value.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::{eq, fail, Checks};
use ts_body_complex::models::{AnySalmon, Basic, CmykColors, Salmon};
use ts_body_complex::AutoRestComplexTestServiceClient as Client;
use vanilla::{done, rejects, rejects_null_at, value};

/// The GET's value sent with the PUT: the server accepts it only when every field survived.
macro_rules! round_trip {
    ($client:ident . $get:ident, $client2:ident . $put:ident) => {{
        let got = $client.$get().await?;
        done($client2.$put(got).await)
    }};
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let k = &client;
    let mut c = Checks::new();

    c.check(&["getComplexBasicValid"], async {
        let want = Basic {
            id: Some(2),
            name: Some("abc".into()),
            color: Some(CmykColors::Yellow),
        };
        value("basic", k.basic_get_valid().await, want)
    })
    .await;
    c.check(&["putComplexBasicValid"], async {
        let basic = Basic {
            id: Some(2),
            name: Some("abc".into()),
            color: Some(CmykColors::Magenta),
        };
        done(k.basic_put_valid(basic).await)
    })
    .await;
    c.check(&["getComplexBasicEmpty"], async {
        value("empty", k.basic_get_empty().await, Basic::default())
    })
    .await;
    c.check(&["getComplexBasicNull"], async {
        value(
            "null properties",
            k.basic_get_null().await,
            Basic::default(),
        )
    })
    .await;
    // An empty body, and `basic` is not nullable.
    c.check(&["getComplexBasicNotProvided"], async {
        rejects_null_at(".", k.basic_get_not_provided().await)
    })
    .await;
    c.check(&["getComplexBasicInvalid"], async {
        rejects(k.basic_get_invalid().await)
    })
    .await;

    c.check(&["getComplexPrimitiveInteger"], async {
        let got = k.primitive_get_int().await?;
        value(
            "int fields",
            Ok((got.field1, got.field2)),
            (Some(-1), Some(2)),
        )
    })
    .await;
    c.check(&["putComplexPrimitiveInteger"], async {
        round_trip!(k.primitive_get_int, k.primitive_put_int)
    })
    .await;
    c.check(&["getComplexPrimitiveLong"], async {
        let got = k.primitive_get_long().await?;
        value(
            "long fields",
            Ok((got.field1, got.field2)),
            (Some(1099511627775), Some(-999511627788)),
        )
    })
    .await;
    c.check(&["putComplexPrimitiveLong"], async {
        round_trip!(k.primitive_get_long, k.primitive_put_long)
    })
    .await;
    c.check(&["getComplexPrimitiveFloat"], async {
        let got = k.primitive_get_float().await?;
        value(
            "float fields",
            Ok((got.field1, got.field2)),
            (Some(1.05), Some(-0.003)),
        )
    })
    .await;
    c.check(&["putComplexPrimitiveFloat"], async {
        round_trip!(k.primitive_get_float, k.primitive_put_float)
    })
    .await;
    c.check(&["getComplexPrimitiveDouble"], async {
        let got = k.primitive_get_double().await?;
        value(
            "double fields",
            Ok((
                got.field1,
                got.field_56_zeros_after_the_dot_and_negative_zero_before_dot_and_this_is_a_long_field_name_on_purpose,
            )),
            (Some(3e-100), Some(-5e-57)),
        )
    })
    .await;
    c.check(&["putComplexPrimitiveDouble"], async {
        round_trip!(k.primitive_get_double, k.primitive_put_double)
    })
    .await;
    c.check(&["getComplexPrimitiveBool"], async {
        let got = k.primitive_get_bool().await?;
        value(
            "bool fields",
            Ok((got.field_true, got.field_false)),
            (Some(true), Some(false)),
        )
    })
    .await;
    c.check(&["putComplexPrimitiveBool"], async {
        round_trip!(k.primitive_get_bool, k.primitive_put_bool)
    })
    .await;
    c.check(&["getComplexPrimitiveString"], async {
        let got = k.primitive_get_string().await?;
        value(
            "string fields",
            Ok((got.field, got.empty, got.null)),
            (Some("goodrequest".to_string()), Some(String::new()), None),
        )
    })
    .await;
    c.check(&["putComplexPrimitiveString"], async {
        round_trip!(k.primitive_get_string, k.primitive_put_string)
    })
    .await;
    c.check(&["getComplexPrimitiveDate"], async {
        let got = k.primitive_get_date().await?;
        let day = |s: &str| apigen_runtime::date::parse(s).expect("a date");
        vanilla::prints_as(
            "date fields",
            Ok((got.field, got.leap)),
            (Some(day("0001-01-01")), Some(day("2016-02-29"))),
        )
    })
    .await;
    c.check(&["putComplexPrimitiveDate"], async {
        round_trip!(k.primitive_get_date, k.primitive_put_date)
    })
    .await;
    c.check(&["getComplexPrimitiveDateTime"], async {
        let got = k.primitive_get_date_time().await?;
        let at = |s: &str| apigen_runtime::date_time::parse(s).expect("a date-time");
        vanilla::prints_as(
            "date-time fields",
            Ok((got.field, got.now)),
            (
                Some(at("0001-01-01T00:00:00Z")),
                Some(at("2015-05-18T18:38:00Z")),
            ),
        )
    })
    .await;
    c.check(&["putComplexPrimitiveDateTime"], async {
        round_trip!(k.primitive_get_date_time, k.primitive_put_date_time)
    })
    .await;
    c.check(&["getComplexPrimitiveDateTimeRfc1123"], async {
        let got = k.primitive_get_date_time_rfc1123().await?;
        let at = |s: &str| apigen_runtime::date_time::parse(s).expect("a date-time");
        vanilla::prints_as(
            "rfc1123 fields",
            Ok((got.field, got.now)),
            (
                Some(at("0001-01-01T00:00:00Z")),
                Some(at("2015-05-18T11:38:00Z")),
            ),
        )
    })
    .await;
    c.check(&["putComplexPrimitiveDateTimeRfc1123"], async {
        round_trip!(
            k.primitive_get_date_time_rfc1123,
            k.primitive_put_date_time_rfc1123
        )
    })
    .await;
    c.check(&["getComplexPrimitiveDuration"], async {
        let got = k.primitive_get_duration().await?;
        let want: apigen_runtime::Duration = "P123DT22H14M12.011S".parse()?;
        vanilla::value("duration field", Ok(got.field), Some(want))
    })
    .await;
    c.check(&["putComplexPrimitiveDuration"], async {
        round_trip!(k.primitive_get_duration, k.primitive_put_duration)
    })
    .await;
    c.check(&["getComplexPrimitiveByte"], async {
        let got = k.primitive_get_byte().await?;
        vanilla::prints_as(
            "byte field",
            Ok(got.field),
            Some(vec![255u8, 254, 253, 252, 0, 250, 249, 248, 247, 246]),
        )
    })
    .await;
    c.check(&["putComplexPrimitiveByte"], async {
        round_trip!(k.primitive_get_byte, k.primitive_put_byte)
    })
    .await;

    // `array-wrapper.array` is `{type: array, items: {type: string}}`: its items cannot be
    // null, so the server's `null` item is a decode error there, and no typed value can carry
    // the `null` the PUT must send.
    c.check(&["getComplexArrayValid"], async {
        rejects_null_at("array[2]", k.array_get_valid().await)
    })
    .await;
    c.check(&["putComplexArrayValid"], async {
        testserver_scenarios::fail(
            "not sent: the server wants a null item in `array`, whose items the swagger does \
             not mark x-nullable, so the typed client cannot hold one",
        )
    })
    .await;
    c.check(&["getComplexArrayEmpty"], async {
        let got = k.array_get_empty().await?;
        value("empty array", Ok(got.array), Some(vec![]))
    })
    .await;
    c.check(&["putComplexArrayEmpty"], async {
        round_trip!(k.array_get_empty, k.array_put_empty)
    })
    .await;
    c.check(&["getComplexArrayNotProvided"], async {
        let got = k.array_get_not_provided().await?;
        value("no array", Ok(got.array), None)
    })
    .await;

    // `defaultProgram`'s values are `{type: string}`, not nullable: the `"": null` entry is a
    // decode error at its path, as a null is in every map the swagger does not let hold one,
    // and no typed value can carry the null the PUT must send.
    c.check(&["getComplexDictionaryValid"], async {
        rejects_null_at("defaultProgram.", k.dictionary_get_valid().await)
    })
    .await;
    c.check(&["putComplexDictionaryValid"], async {
        testserver_scenarios::fail(
            "not sent: the server wants a null value in `defaultProgram`, whose values the \
             swagger does not mark x-nullable, so the typed client cannot hold one",
        )
    })
    .await;
    c.check(&["getComplexDictionaryEmpty"], async {
        let got = k.dictionary_get_empty().await?;
        value(
            "empty dictionary",
            Ok(got.default_program),
            Some(Default::default()),
        )
    })
    .await;
    c.check(&["putComplexDictionaryEmpty"], async {
        round_trip!(k.dictionary_get_empty, k.dictionary_put_empty)
    })
    .await;
    c.check(&["getComplexDictionaryNull"], async {
        let got = k.dictionary_get_null().await?;
        value("null dictionary", Ok(got.default_program), None)
    })
    .await;
    c.check(&["getComplexDictionaryNotProvided"], async {
        let got = k.dictionary_get_not_provided().await?;
        value("no dictionary", Ok(got.default_program), None)
    })
    .await;

    c.check(&["getComplexInheritanceValid"], async {
        let got = k.inheritance_get_valid().await?;
        value(
            "siamese",
            Ok((
                got.id,
                got.name.clone(),
                got.breed.clone(),
                got.color.clone(),
            )),
            (
                Some(2),
                Some("Siameeee".to_string()),
                Some("persian".to_string()),
                Some("green".to_string()),
            ),
        )
    })
    .await;
    c.check(&["putComplexInheritanceValid"], async {
        round_trip!(k.inheritance_get_valid, k.inheritance_put_valid)
    })
    .await;

    c.check(&["getComplexPolymorphismValid"], async {
        done(k.polymorphism_get_valid().await)
    })
    .await;
    c.check(&["putComplexPolymorphismValid"], async {
        round_trip!(k.polymorphism_get_valid, k.polymorphism_put_valid)
    })
    .await;
    // A `salmon` is expected and a `smart_salmon` (which extends it) is sent, with properties
    // no schema names: it keeps its kind and every property, so the PUT sends it back whole.
    c.check(&["getComplexPolymorphismComplicated"], async {
        match k.polymorphism_get_complicated().await? {
            AnySalmon::SmartSalmon(s) => eq(
                "smart_salmon's own properties",
                s.additional_properties.len(),
                5,
            ),
            other => fail(format!("want a smart_salmon, got {other:?}")),
        }
    })
    .await;
    c.check(&["putComplexPolymorphismComplicated"], async {
        round_trip!(
            k.polymorphism_get_complicated,
            k.polymorphism_put_complicated
        )
    })
    .await;
    // A plain salmon is sent with its tag; the server answers with the same salmon without
    // one, which is read as the declared type.
    c.check(&["putComplexPolymorphismNoDiscriminator"], async {
        let AnySalmon::SmartSalmon(smart) = k.polymorphism_get_complicated().await? else {
            return fail("want a smart_salmon to start from");
        };
        let salmon = Salmon {
            species: smart.species,
            length: smart.length,
            siblings: smart.siblings,
            location: smart.location,
            iswild: smart.iswild,
        };
        let sent = AnySalmon::Salmon(salmon);
        value(
            "the salmon without a discriminator",
            k.polymorphism_put_missing_discriminator(sent.clone()).await,
            sent,
        )
    })
    .await;
    c.check(&["getComplexPolymorphismDotSyntax"], async {
        done(k.polymorphism_get_dot_syntax().await)
    })
    .await;
    c.check(&["getComposedWithDiscriminator"], async {
        done(k.polymorphism_get_composed_with_discriminator().await)
    })
    .await;
    c.check(&["getComposedWithoutDiscriminator"], async {
        done(k.polymorphism_get_composed_without_discriminator().await)
    })
    .await;
    c.check(&["getComplexPolymorphicRecursiveValid"], async {
        done(k.polymorphicrecursive_get_valid().await)
    })
    .await;
    c.check(&["putComplexPolymorphicRecursiveValid"], async {
        round_trip!(
            k.polymorphicrecursive_get_valid,
            k.polymorphicrecursive_put_valid
        )
    })
    .await;

    c.check(&["getComplexReadOnlyPropertyValid"], async {
        let got = k.readonlyproperty_get_valid().await?;
        value(
            "read-only",
            Ok((got.id.clone(), got.size)),
            (Some("1234".to_string()), Some(2)),
        )
    })
    .await;
    // The fetched value is sent back: the read-only `id` is left out, as the server checks.
    c.check(&["putComplexReadOnlyPropertyValid"], async {
        round_trip!(k.readonlyproperty_get_valid, k.readonlyproperty_put_valid)
    })
    .await;
    c.finish()
}
