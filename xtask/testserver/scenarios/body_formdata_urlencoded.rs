//! `body-formdata-urlencoded.json`: `application/x-www-form-urlencoded` bodies, one of them
//! with a one-value enum field (`grant_type`) next to ordinary ones.

use testserver_scenarios::Checks;
use ts_body_formdata_urlencoded::models::{
    FormdataurlencodedPartialConstantBodyForm as PartialConstant,
    FormdataurlencodedPartialConstantBodyFormGrantType as GrantType,
    FormdataurlencodedUpdatePetWithFormForm as PetForm, PetFood, PetType,
};
use ts_body_formdata_urlencoded::BodyFormsDataUrlEncodedClient as Client;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    c.check(&["UpdatePetWithForm"], async {
        let form = PetForm {
            pet_type: PetType::Dog,
            pet_food: PetFood::Meat,
            pet_age: 42,
            name: Some("Fido".into()),
            status: None,
        };
        client
            .formsdataurlencoded()
            .formdataurlencoded_update_pet_with_form(1, form)
            .await?;
        Ok(())
    })
    .await;
    c.check(&["UrlEncodedDataWithPartialConstantBody"], async {
        let form = PartialConstant {
            grant_type: GrantType::AccessToken,
            service: "bar".into(),
            access_token: "foo".into(),
        };
        client.formdataurlencoded_partial_constant_body(form).await?;
        Ok(())
    })
    .await;
    c.finish()
}
