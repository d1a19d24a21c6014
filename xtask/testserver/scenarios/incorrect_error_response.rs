//! `incorrect-error-response.json`: an undeclared status whose body is not the error model
//! (HTML): the call fails with the status, not with a decode error.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_incorrect_error_response::IncorrectReturnedErrorModelClient as Client;
use vanilla::status;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    c.check(&["verifyIncorrectErrorParsing"], async {
        status(444, client.get_incorrect_error_from_server().await)
    })
    .await;
    c.finish()
}
