//! `xms-error-responses.json`: statuses marked `x-ms-error-response` (and `default`) carry a
//! typed error model; the call fails with an HTTP error whose body the caller decodes into
//! that model with `Error::as_service::<T>()`, keeping the status and the request id.

#[path = "../vanilla.rs"]
mod vanilla;

use std::fmt::Debug;

use apigen_runtime::{Error, Result};
use testserver_scenarios::{eq, fail, Checks, Outcome};
use ts_xms_error_responses::models::{
    AnimalNotFound, LinkNotFound, NotFoundErrorBase, Pet, PetAction, PetActionError,
    PetHungryOrThirstyError, PetSadError,
};
use ts_xms_error_responses::XmsErrorResponseExtensionsClient as Client;
use vanilla::value;

/// The call failed with HTTP `status`, a request id, and a body that decodes as `want`.
macro_rules! typed_error {
    ($call:expr, $status:expr, $want:expr $(,)?) => {
        typed_error($call, $status, |e| e.as_service(), $want)
    };
}

fn typed_error<T: Debug, M: PartialEq + Debug>(
    r: Result<T>,
    status: u16,
    model: impl Fn(&Error) -> Option<M>,
    want: M,
) -> Outcome {
    let e = match r {
        Ok(v) => return fail(format!("want an HTTP {status} error, got Ok({v:?})")),
        Err(e) => e,
    };
    let Error::Http(h) = &e else {
        return fail(format!("want an HTTP {status} error, got: {e}"));
    };
    eq("status", h.status, status)?;
    if e.client_request_id().is_none_or(str::is_empty) {
        return fail("the error lost the client request id");
    }
    match model(&e) {
        Some(got) => eq("error model", got, want),
        None => fail(format!(
            "the body does not decode as {}: {:?}",
            std::any::type_name::<M>(),
            h.body
        )),
    }
}

/// The server's `PetSadError`, sent for `jump` and for the `models` parameter.
fn sad_casper() -> PetActionError {
    PetActionError::PetSadError(PetSadError {
        action_response: Some("grrrr".into()),
        error_message: Some("casper aint happy".into()),
        reason: Some("need more treats".into()),
    })
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let pet = client.pet();
    let mut c = Checks::new();
    c.check(&["expectedNoErrors"], async {
        value(
            "pet",
            pet.get_pet_by_id("tommy").await,
            Some(Pet {
                ani_type: Some("Dog".into()),
                name: Some("Tommy Tomson".into()),
            }),
        )?;
        value(
            "action",
            pet.do_something("stay").await,
            PetAction {
                action_response: None,
            },
        )
    })
    .await;
    // 404: `NotFoundErrorBase`, a discriminated base: the variant is the body's `whatNotFound`.
    c.check(&["animalNotFoundError"], async {
        typed_error!(
            pet.get_pet_by_id("coyoteUgly").await,
            404,
            NotFoundErrorBase::AnimalNotFound(AnimalNotFound {
                some_base_prop: Some("problem finding animal".into()),
                reason: Some("the type of animal requested is not available".into()),
                name: Some("coyote".into()),
            }),
        )
    })
    .await;
    c.check(&["linkNotFoundError"], async {
        typed_error!(
            pet.get_pet_by_id("weirdAlYankovic").await,
            404,
            NotFoundErrorBase::LinkNotFound(LinkNotFound {
                some_base_prop: Some("problem finding pet".into()),
                reason: Some("link to pet not found".into()),
                what_sub_address: Some("pet/yourpet was not found".into()),
            }),
        )
    })
    .await;
    // 400: a string; 501: an integer.
    c.check(&["stringError"], async {
        typed_error!(
            pet.get_pet_by_id("ringo").await,
            400,
            "ringo is missing".to_string(),
        )
    })
    .await;
    c.check(&["intError"], async {
        typed_error!(pet.get_pet_by_id("alien123").await, 501, 123i32)
    })
    .await;
    // 500 (declared) and 404 (`default`): `PetActionError`, discriminated by `errorType`; a
    // grandchild (`PetHungryOrThirstyError` extends `PetSadError`) is a variant too.
    c.check(&["expectedPetSadError"], async {
        typed_error!(
            pet.do_something("jump").await,
            500,
            sad_casper(),
        )
    })
    .await;
    c.check(&["expectedPetHungryError"], async {
        typed_error!(
            pet.do_something("fetch").await,
            404,
            PetActionError::PetHungryOrThirstyError(PetHungryOrThirstyError {
                action_response: Some("howl".into()),
                error_message: Some("scooby is low".into()),
                reason: Some("need more everything".into()),
                hungry_or_thirsty: Some("hungry and thirsty".into()),
            }),
        )
    })
    .await;
    // A query parameter named `models` does not clash with the `models` module; the server
    // answers its typed 500.
    c.check(&["sendErrorWithParamNameModels"], async {
        typed_error!(
            pet.has_models_param().models("value1").await,
            500,
            sad_casper(),
        )
    })
    .await;
    c.finish()
}
