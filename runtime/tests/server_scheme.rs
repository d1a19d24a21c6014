//! `ClientBuilder::server_scheme`: the scheme of the endpoint made from a server URL template
//! (a spec without Swagger `schemes` gets `https`) is replaced, for a service on plain HTTP.

mod common;

use apigen_runtime::{ClientBuilder, Method, NoBody, ServerVariable};
use common::*;

const HOST: &[ServerVariable] = &[ServerVariable {
    name: "host",
    default: None,
    allowed: &[],
}];

#[tokio::test]
async fn the_template_scheme_is_replaced_when_asked() {
    let server = serve(|_| async { reply(200, &[], "") }).await;
    let authority = server.url.trim_start_matches("http://").to_string();
    let builder = || {
        ClientBuilder::new(SPEC, |c| c)
            .server_template("https://{host}/api", HOST)
            .server_variable("host", &authority)
    };
    // As the spec says: https.
    let c = builder().build().unwrap();
    assert_eq!(c.endpoint().as_str(), format!("https://{authority}/api"));
    let c = builder().server_scheme("http").build().unwrap();
    assert_eq!(c.endpoint().as_str(), format!("http://{authority}/api"));
    c.request(Method::GET, "/x", &[])
        .call::<(), NoBody>()
        .await
        .unwrap();
    assert_eq!(server.last().path(), "/api/x");
    let e = builder().server_scheme("ftp").build().unwrap_err();
    assert!(e.to_string().contains("expected `http` or `https`"), "{e}");
}
