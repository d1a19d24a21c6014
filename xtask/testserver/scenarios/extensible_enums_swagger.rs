//! `extensible-enums-swagger.json`: extensible (`modelAsString`) enums that read values
//! outside their list, and one sent back as it was read.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_extensible_enums_swagger::models::{DaysOfWeekExtensibleEnum as Day, IntEnum, Pet};
use ts_extensible_enums_swagger::PetStoreIncClient as Client;
use vanilla::value;

fn pet(name: &str, day: Day, int_enum: IntEnum) -> Pet {
    Pet {
        name: Some(name.into()),
        days_of_week: Some(day),
        int_enum,
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let p = client.pet();
    let mut c = Checks::new();
    c.check(&["expectedEnum"], async {
        value(
            "listed values",
            p.get_by_pet_id("tommy").await,
            pet("Tommy Tomson", Day::Monday, IntEnum::V1),
        )
    })
    .await;
    c.check(&["unexpectedEnum"], async {
        value(
            "a value outside the list",
            p.get_by_pet_id("casper").await,
            pet("Casper Ghosty", Day::Other("Weekend".into()), IntEnum::V2),
        )
    })
    .await;
    c.check(&["allowedValueEnum"], async {
        value(
            "values outside the lists",
            p.get_by_pet_id("scooby").await,
            pet(
                "Scooby Scarface",
                Day::Thursday,
                IntEnum::Other("2.1".into()),
            ),
        )
    })
    .await;
    c.check(&["roundTripEnum"], async {
        let retriever = pet(
            "Retriever",
            Day::Other("Weekend".into()),
            IntEnum::Other("2.1".into()),
        );
        value("echo", p.add_pet(Some(retriever.clone())).await, retriever)
    })
    .await;
    c.finish()
}
