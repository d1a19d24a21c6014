//! `constants.json`: constants the client sends by itself (a query and a header the spec
//! fixes with a one-value enum).

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_constants::AutoRestSwaggerConstantServiceClient as Client;
use vanilla::done;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    c.check(&["ConstantClientProperties"], async {
        done(client.contants_put_client_constants().await)
    })
    .await;
    c.finish()
}
