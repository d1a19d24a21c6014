//! `body-number.json`: big and small floats, doubles and decimals both ways, nulls and
//! invalid bodies.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_body_number::AutoRestNumberTestServiceClient as Client;
use vanilla::{done, null, rejects, value};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let n = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    c.check(&["getNumberNull"], async {
        null!(n.number_get_null().await)
    })
    .await;
    c.check(&["getFloatInvalid"], async {
        rejects(n.number_get_invalid_float().await)
    })
    .await;
    c.check(&["getDoubleInvalid"], async {
        rejects(n.number_get_invalid_double().await)
    })
    .await;
    c.check(&["getFloatBigScientificNotation"], async {
        value("big float", n.number_get_big_float().await, 3.402823e20)
    })
    .await;
    c.check(&["putFloatBigScientificNotation"], async {
        done(n.number_put_big_float(3.402823e20).await)
    })
    .await;
    c.check(&["getDoubleBigScientificNotation"], async {
        value("big double", n.number_get_big_double().await, 2.5976931e101)
    })
    .await;
    c.check(&["putDoubleBigScientificNotation"], async {
        done(n.number_put_big_double(2.5976931e101).await)
    })
    .await;
    c.check(&["getDoubleBigPositiveDecimal"], async {
        value(
            "big positive double",
            n.number_get_big_double_positive_decimal().await,
            99999999.99,
        )
    })
    .await;
    c.check(&["putDoubleBigPositiveDecimal"], async {
        done(n.number_put_big_double_positive_decimal(99999999.99).await)
    })
    .await;
    c.check(&["getDoubleBigNegativeDecimal"], async {
        value(
            "big negative double",
            n.number_get_big_double_negative_decimal().await,
            -99999999.99,
        )
    })
    .await;
    c.check(&["putDoubleBigNegativeDecimal"], async {
        done(n.number_put_big_double_negative_decimal(-99999999.99).await)
    })
    .await;
    c.check(&["getFloatSmallScientificNotation"], async {
        value(
            "small float",
            n.number_get_small_float().await,
            3.402823e-20,
        )
    })
    .await;
    c.check(&["putFloatSmallScientificNotation"], async {
        done(n.number_put_small_float(3.402823e-20).await)
    })
    .await;
    c.check(&["getDoubleSmallScientificNotation"], async {
        value(
            "small double",
            n.number_get_small_double().await,
            2.5976931e-101,
        )
    })
    .await;
    c.check(&["putDoubleSmallScientificNotation"], async {
        done(n.number_put_small_double(2.5976931e-101).await)
    })
    .await;
    // Decimals: the same values on their own routes, not counted separately by the server.
    c.check(&["getDecimalBig"], async {
        value(
            "big decimal",
            n.number_get_big_decimal().await,
            2.5976931e101,
        )
    })
    .await;
    c.check(&["putDecimalBig"], async {
        done(n.number_put_big_decimal(2.5976931e101).await)
    })
    .await;
    c.check(&["getDecimalBigPositiveDecimal"], async {
        value(
            "big positive decimal",
            n.number_get_big_decimal_positive_decimal().await,
            99999999.99,
        )
    })
    .await;
    c.check(&["putDecimalBigPositiveDecimal"], async {
        done(n.number_put_big_decimal_positive_decimal(99999999.99).await)
    })
    .await;
    c.check(&["getDecimalBigNegativeDecimal"], async {
        value(
            "big negative decimal",
            n.number_get_big_decimal_negative_decimal().await,
            -99999999.99,
        )
    })
    .await;
    c.check(&["putDecimalBigNegativeDecimal"], async {
        done(n.number_put_big_decimal_negative_decimal(-99999999.99).await)
    })
    .await;
    c.check(&["getDecimalSmall"], async {
        value(
            "small decimal",
            n.number_get_small_decimal().await,
            2.5976931e-101,
        )
    })
    .await;
    c.check(&["putDecimalSmall"], async {
        done(n.number_put_small_decimal(2.5976931e-101).await)
    })
    .await;
    c.check(&["getDecimalInvalid"], async {
        rejects(n.number_get_invalid_decimal().await)
    })
    .await;
    c.finish()
}
