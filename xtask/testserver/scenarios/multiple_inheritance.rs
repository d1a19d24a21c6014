//! `multiple-inheritance.json`: models that inherit from two parents (`allOf` of two), both
//! ways; each PUT answers with a string.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_multiple_inheritance::models::{Cat, Feline, Horse, Kitten, Pet};
use ts_multiple_inheritance::MultipleInheritanceServiceClient as Client;
use vanilla::value;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let k = &client;
    let mut c = Checks::new();
    c.check(&["MultipleInheritanceHorseGet"], async {
        let want = Horse {
            name: "Fred".into(),
            is_a_show_horse: Some(true),
        };
        value("horse", k.get_horse().await, want)
    })
    .await;
    c.check(&["MultipleInheritanceHorsePut"], async {
        let horse = Horse {
            name: "General".into(),
            is_a_show_horse: Some(false),
        };
        value(
            "answer",
            k.put_horse(horse).await,
            "Horse was correct!".into(),
        )
    })
    .await;
    c.check(&["MultipleInheritancePetGet"], async {
        value(
            "pet",
            k.get_pet().await,
            Pet {
                name: "Peanut".into(),
            },
        )
    })
    .await;
    c.check(&["MultipleInheritancePetPut"], async {
        let pet = Pet {
            name: "Butter".into(),
        };
        value("answer", k.put_pet(pet).await, "Pet was correct!".into())
    })
    .await;
    c.check(&["MultipleInheritanceFelineGet"], async {
        let want = Feline {
            meows: Some(true),
            hisses: Some(true),
        };
        value("feline", k.get_feline().await, want)
    })
    .await;
    c.check(&["MultipleInheritanceFelinePut"], async {
        let feline = Feline {
            meows: Some(false),
            hisses: Some(true),
        };
        value(
            "answer",
            k.put_feline(feline).await,
            "Feline was correct!".into(),
        )
    })
    .await;
    c.check(&["MultipleInheritanceCatGet"], async {
        let want = Cat {
            name: "Whiskers".into(),
            likes_milk: Some(true),
            meows: Some(true),
            hisses: Some(true),
        };
        value("cat", k.get_cat().await, want)
    })
    .await;
    c.check(&["MultipleInheritanceCatPut"], async {
        let cat = Cat {
            name: "Boots".into(),
            likes_milk: Some(false),
            meows: Some(true),
            hisses: Some(false),
        };
        value("answer", k.put_cat(cat).await, "Cat was correct!".into())
    })
    .await;
    c.check(&["MultipleInheritanceKittenGet"], async {
        let want = Kitten {
            name: "Gatito".into(),
            likes_milk: Some(true),
            meows: Some(true),
            hisses: Some(true),
            eats_mice_yet: Some(false),
        };
        value("kitten", k.get_kitten().await, want)
    })
    .await;
    c.check(&["MultipleInheritanceKittenPut"], async {
        let kitten = Kitten {
            name: "Kitty".into(),
            likes_milk: Some(false),
            meows: Some(true),
            hisses: Some(false),
            eats_mice_yet: Some(true),
        };
        value(
            "answer",
            k.put_kitten(kitten).await,
            "Kitten was correct!".into(),
        )
    })
    .await;
    c.finish()
}
