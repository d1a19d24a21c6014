//! `httpInfrastructure.json`: every status family: declared successes, redirects, client
//! and server failures, retried failures, and the multiple-response scenarios.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::serde_json::json;
use testserver_scenarios::{url, Checks};
use ts_httpinfrastructure::models::A;
use ts_httpinfrastructure::AutoRestHttpInfrastructureTestServiceClient as Client;
use vanilla::{done, status, value};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let s = client.http_success_operations();
    let r = client.http_redirect_operations();
    // The swagger tags these two GETs with another group.
    let o = client.http_operation_operations();
    let f = client.http_client_failure_operations();
    let sf = client.http_server_failure_operations();
    let rt = client.http_retry_operations();
    let mut c = Checks::new();
    // 2xx: the declared successes.
    c.check(&["HttpSuccess200Head"], async {
        done(s.http_success_head200().await)
    })
    .await;
    c.check(&["HttpSuccess200Get"], async {
        value("body", s.http_success_get200().await, true)
    })
    .await;
    c.check(&["HttpSuccess200Options"], async {
        value("body", s.http_success_options200().await, true)
    })
    .await;
    c.check(&["HttpSuccess200Put"], async {
        done(s.http_success_put200(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess200Post"], async {
        done(s.http_success_post200(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess200Patch"], async {
        done(s.http_success_patch200(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess200Delete"], async {
        done(s.http_success_delete200(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess201Put"], async {
        done(s.http_success_put201(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess201Post"], async {
        done(s.http_success_post201(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess202Put"], async {
        done(s.http_success_put202(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess202Post"], async {
        done(s.http_success_post202(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess202Patch"], async {
        done(s.http_success_patch202(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess202Delete"], async {
        done(s.http_success_delete202(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess204Head"], async {
        done(s.http_success_head204().await)
    })
    .await;
    c.check(&["HttpSuccess204Put"], async {
        done(s.http_success_put204(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess204Post"], async {
        done(s.http_success_post204(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess204Patch"], async {
        done(s.http_success_patch204(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess204Delete"], async {
        done(s.http_success_delete204(Some(true)).await)
    })
    .await;
    c.check(&["HttpSuccess404Head"], async {
        done(s.http_success_head404().await)
    })
    .await;
    // 3xx: a declared 3xx is the answer; 303 and 307 (and 301/302 for GET and HEAD) are
    // followed to /http/success/<method>/200.
    c.check(&["HttpRedirect300Head"], async {
        done(r.http_redirects_head300().await)
    })
    .await;
    c.check(&["HttpRedirect300Get"], async {
        value(
            "300 body",
            r.http_redirects_get300().await,
            Some(vec!["/http/success/get/200".to_string()]),
        )
    })
    .await;
    c.check(&["HttpRedirect301Head"], async {
        done(r.http_redirects_head301().await)
    })
    .await;
    c.check(&["HttpRedirect301Get"], async {
        done(o.http_redirects_get301().await)
    })
    .await;
    // A 301 or 302 of a PUT or PATCH is not followed: the caller gets it (RFC 9110 §15.4).
    c.check(&["HttpRedirect301Put"], async {
        let sent = r.http_redirects_put301(Some(true)).send().await?;
        testserver_scenarios::eq("status", sent.status(), 301)
    })
    .await;
    c.check(&["HttpRedirect302Head"], async {
        done(r.http_redirects_head302().await)
    })
    .await;
    c.check(&["HttpRedirect302Get"], async {
        done(o.http_redirects_get302().await)
    })
    .await;
    c.check(&["HttpRedirect302Patch"], async {
        let sent = r.http_redirects_patch302(Some(true)).send().await?;
        testserver_scenarios::eq("status", sent.status(), 302)
    })
    .await;
    c.check(&["HttpRedirect303Post"], async {
        done(r.http_redirects_post303(Some(true)).await)
    })
    .await;
    c.check(&["HttpRedirect307Head"], async {
        done(r.http_redirects_head307().await)
    })
    .await;
    c.check(&["HttpRedirect307Get"], async {
        done(r.http_redirects_get307().await)
    })
    .await;
    c.check(&["HttpRedirect307Options"], async {
        done(r.http_redirects_options307().await)
    })
    .await;
    c.check(&["HttpRedirect307Put"], async {
        done(r.http_redirects_put307(Some(true)).await)
    })
    .await;
    c.check(&["HttpRedirect307Post"], async {
        done(r.http_redirects_post307(Some(true)).await)
    })
    .await;
    c.check(&["HttpRedirect307Patch"], async {
        done(r.http_redirects_patch307(Some(true)).await)
    })
    .await;
    c.check(&["HttpRedirect307Delete"], async {
        done(r.http_redirects_delete307(Some(true)).await)
    })
    .await;
    // 4xx and 5xx the swagger does not declare: an HTTP error with that status.
    c.check(&["HttpClientFailure400Head"], async {
        status(400, f.http_client_failure_head400().await)
    })
    .await;
    c.check(&["HttpClientFailure400Get"], async {
        status(400, f.http_client_failure_get400().await)
    })
    .await;
    c.check(&["HttpClientFailure400Options"], async {
        status(400, f.http_client_failure_options400().await)
    })
    .await;
    c.check(&["HttpClientFailure400Put"], async {
        status(400, f.http_client_failure_put400(Some(true)).await)
    })
    .await;
    c.check(&["HttpClientFailure400Post"], async {
        status(400, f.http_client_failure_post400(Some(true)).await)
    })
    .await;
    c.check(&["HttpClientFailure400Patch"], async {
        status(400, f.http_client_failure_patch400(Some(true)).await)
    })
    .await;
    c.check(&["HttpClientFailure400Delete"], async {
        status(400, f.http_client_failure_delete400(Some(true)).await)
    })
    .await;
    c.check(&["HttpClientFailure401Head"], async {
        status(401, f.http_client_failure_head401().await)
    })
    .await;
    c.check(&["HttpClientFailure402Get"], async {
        status(402, f.http_client_failure_get402().await)
    })
    .await;
    c.check(&["HttpClientFailure403Get"], async {
        status(403, f.http_client_failure_get403().await)
    })
    .await;
    c.check(&["HttpClientFailure403Options"], async {
        status(403, f.http_client_failure_options403().await)
    })
    .await;
    c.check(&["HttpClientFailure404Put"], async {
        status(404, f.http_client_failure_put404(Some(true)).await)
    })
    .await;
    c.check(&["HttpClientFailure405Patch"], async {
        status(405, f.http_client_failure_patch405(Some(true)).await)
    })
    .await;
    c.check(&["HttpClientFailure406Post"], async {
        status(406, f.http_client_failure_post406(Some(true)).await)
    })
    .await;
    c.check(&["HttpClientFailure407Delete"], async {
        status(407, f.http_client_failure_delete407(Some(true)).await)
    })
    .await;
    c.check(&["HttpClientFailure409Put"], async {
        status(409, f.http_client_failure_put409(Some(true)).await)
    })
    .await;
    c.check(&["HttpClientFailure410Head"], async {
        status(410, f.http_client_failure_head410().await)
    })
    .await;
    c.check(&["HttpClientFailure411Get"], async {
        status(411, f.http_client_failure_get411().await)
    })
    .await;
    c.check(&["HttpClientFailure412Get"], async {
        status(412, f.http_client_failure_get412().await)
    })
    .await;
    c.check(&["HttpClientFailure412Options"], async {
        status(412, f.http_client_failure_options412().await)
    })
    .await;
    c.check(&["HttpClientFailure413Put"], async {
        status(413, f.http_client_failure_put413(Some(true)).await)
    })
    .await;
    c.check(&["HttpClientFailure414Patch"], async {
        status(414, f.http_client_failure_patch414(Some(true)).await)
    })
    .await;
    c.check(&["HttpClientFailure415Post"], async {
        status(415, f.http_client_failure_post415(Some(true)).await)
    })
    .await;
    c.check(&["HttpClientFailure416Get"], async {
        status(416, f.http_client_failure_get416().await)
    })
    .await;
    c.check(&["HttpClientFailure417Delete"], async {
        status(417, f.http_client_failure_delete417(Some(true)).await)
    })
    .await;
    c.check(&["HttpClientFailure429Head"], async {
        status(429, f.http_client_failure_head429().await)
    })
    .await;
    c.check(&["HttpServerFailure501Head"], async {
        status(501, sf.http_server_failure_head501().await)
    })
    .await;
    c.check(&["HttpServerFailure501Get"], async {
        status(501, sf.http_server_failure_get501().await)
    })
    .await;
    c.check(&["HttpServerFailure505Post"], async {
        status(505, sf.http_server_failure_post505(Some(true)).await)
    })
    .await;
    c.check(&["HttpServerFailure505Delete"], async {
        status(505, sf.http_server_failure_delete505(Some(true)).await)
    })
    .await;
    // The server fails once, then succeeds: the client retries.
    c.check(&["HttpRetry408Head"], async {
        done(rt.http_retry_head408().await)
    })
    .await;
    c.check(&["HttpRetry500Put"], async {
        done(rt.http_retry_put500(Some(true)).await)
    })
    .await;
    c.check(&["HttpRetry500Patch"], async {
        done(rt.http_retry_patch500(Some(true)).await)
    })
    .await;
    c.check(&["HttpRetry502Get"], async {
        done(rt.http_retry_get502().await)
    })
    .await;
    // The retried 200 has no body although the swagger promises `true`: `.optional()`.
    c.check(&["HttpRetry502Options"], async {
        value("body", rt.http_retry_options502().optional().await, None)
    })
    .await;
    c.check(&["HttpRetry503Post"], async {
        done(rt.http_retry_post503(Some(true)).await)
    })
    .await;
    c.check(&["HttpRetry503Delete"], async {
        done(rt.http_retry_delete503(Some(true)).await)
    })
    .await;
    c.check(&["HttpRetry504Put"], async {
        done(rt.http_retry_put504(Some(true)).await)
    })
    .await;
    c.check(&["HttpRetry504Patch"], async {
        done(rt.http_retry_patch504(Some(true)).await)
    })
    .await;
    multiple_responses(&client, &mut c).await;
    c.finish()
}

fn a(code: &str) -> A {
    A {
        status_code: Some(code.into()),
    }
}

/// The `MultipleResponses` scenarios: each operation declares some statuses with or without a
/// model and a `default`; the server answers one status. A declared status is a success with
/// its model (or none); an undeclared one, or the `default`, is an error.
async fn multiple_responses(client: &Client, c: &mut Checks) {
    let m = client.multiple_response_operations();
    // 200: A, 204: none, default: Error.
    c.check(&["ResponsesScenarioA200MatchingModel"], async {
        value(
            "200",
            m.multiple_responses_get200_model204_no_model_default_error200_valid()
                .await,
            Some(a("200")),
        )
    })
    .await;
    c.check(&["ResponsesScenarioA204MatchingNoModel"], async {
        value(
            "204",
            m.multiple_responses_get200_model204_no_model_default_error204_valid()
                .await,
            None,
        )
    })
    .await;
    c.check(&["ResponsesScenarioA201DefaultNoModel"], async {
        status(
            201,
            m.multiple_responses_get200_model204_no_model_default_error201_invalid()
                .await,
        )
    })
    .await;
    c.check(&["ResponsesScenarioA202DefaultNoModel"], async {
        status(
            202,
            m.multiple_responses_get200_model204_no_model_default_error202_none()
                .await,
        )
    })
    .await;
    c.check(&["ResponsesScenarioA400DefaultModel"], async {
        status(
            400,
            m.multiple_responses_get200_model204_no_model_default_error400_valid()
                .await,
        )
    })
    .await;
    // 200: A, 201: B, default: Error.
    c.check(&["ResponsesScenarioB200MatchingModel"], async {
        value(
            "200",
            m.multiple_responses_get200_model201_model_default_error200_valid()
                .await,
            json!({"statusCode": "200"}),
        )
    })
    .await;
    c.check(&["ResponsesScenarioB201MatchingModel"], async {
        value(
            "201",
            m.multiple_responses_get200_model201_model_default_error201_valid()
                .await,
            json!({"statusCode": "201", "textStatusCode": "Created"}),
        )
    })
    .await;
    c.check(&["ResponsesScenarioB400DefaultModel"], async {
        status(
            400,
            m.multiple_responses_get200_model201_model_default_error400_valid()
                .await,
        )
    })
    .await;
    // 200: A, 201: C, 404: D, default: Error.
    c.check(&["ResponsesScenarioC200MatchingModel"], async {
        value(
            "200",
            m.multiple_responses_get200_model_a201_model_c404_model_d_default_error200_valid()
                .await,
            json!({"statusCode": "200"}),
        )
    })
    .await;
    c.check(&["ResponsesScenarioC201MatchingModel"], async {
        value(
            "201",
            m.multiple_responses_get200_model_a201_model_c404_model_d_default_error201_valid()
                .await,
            json!({"httpCode": "201"}),
        )
    })
    .await;
    c.check(&["ResponsesScenarioC404MatchingModel"], async {
        value(
            "404",
            m.multiple_responses_get200_model_a201_model_c404_model_d_default_error404_valid()
                .await,
            json!({"httpStatusCode": "404"}),
        )
    })
    .await;
    c.check(&["ResponsesScenarioC400DefaultModel"], async {
        status(
            400,
            m.multiple_responses_get200_model_a201_model_c404_model_d_default_error400_valid()
                .await,
        )
    })
    .await;
    // 202: none, 204: none, default: Error.
    c.check(&["ResponsesScenarioD202MatchingNoModel"], async {
        done(
            m.multiple_responses_get202_none204_none_default_error202_none()
                .await,
        )
    })
    .await;
    c.check(&["ResponsesScenarioD204MatchingNoModel"], async {
        done(
            m.multiple_responses_get202_none204_none_default_error204_none()
                .await,
        )
    })
    .await;
    c.check(&["ResponsesScenarioD400DefaultModel"], async {
        status(
            400,
            m.multiple_responses_get202_none204_none_default_error400_valid()
                .await,
        )
    })
    .await;
    // 202: none, 204: none, default: none. A body on a status without a model is ignored.
    c.check(&["ResponsesScenarioE202MatchingInvalid"], async {
        done(
            m.multiple_responses_get202_none204_none_default_none202_invalid()
                .await,
        )
    })
    .await;
    c.check(&["ResponsesScenarioE204MatchingNoModel"], async {
        done(
            m.multiple_responses_get202_none204_none_default_none204_none()
                .await,
        )
    })
    .await;
    c.check(&["ResponsesScenarioE400DefaultNoModel"], async {
        status(
            400,
            m.multiple_responses_get202_none204_none_default_none400_none()
                .await,
        )
    })
    .await;
    c.check(&["ResponsesScenarioE400DefaultInvalid"], async {
        status(
            400,
            m.multiple_responses_get202_none204_none_default_none400_invalid()
                .await,
        )
    })
    .await;
    // default: A only: a 2xx is the success, a 4xx the error.
    c.check(&["ResponsesScenarioF200DefaultModel"], async {
        value(
            "200",
            m.multiple_responses_get_default_model_a200_valid().await,
            a("200"),
        )
    })
    .await;
    // A 200 without the body its schema promises: `.optional()` reads it as `None`.
    c.check(&["ResponsesScenarioF200DefaultNone"], async {
        vanilla::null!(
            m.multiple_responses_get_default_model_a200_none()
                .optional()
                .await
        )
    })
    .await;
    c.check(&["ResponsesScenarioF400DefaultModel"], async {
        status(
            400,
            m.multiple_responses_get_default_model_a400_valid().await,
        )
    })
    .await;
    c.check(&["ResponsesScenarioF400DefaultNone"], async {
        status(
            400,
            m.multiple_responses_get_default_model_a400_none().await,
        )
    })
    .await;
    // default: none.
    c.check(&["ResponsesScenarioG200DefaultInvalid"], async {
        done(m.multiple_responses_get_default_none200_invalid().await)
    })
    .await;
    c.check(&["ResponsesScenarioG200DefaultNoModel"], async {
        done(m.multiple_responses_get_default_none200_none().await)
    })
    .await;
    c.check(&["ResponsesScenarioG400DefaultInvalid"], async {
        status(
            400,
            m.multiple_responses_get_default_none400_invalid().await,
        )
    })
    .await;
    c.check(&["ResponsesScenarioG400DefaultNoModel"], async {
        status(400, m.multiple_responses_get_default_none400_none().await)
    })
    .await;
    // 200: A, no default.
    c.check(&["ResponsesScenarioH200MatchingNone"], async {
        vanilla::null!(m.multiple_responses_get200_model_a200_none().optional().await)
    })
    .await;
    c.check(&["ResponsesScenarioH200MatchingModel"], async {
        value(
            "200",
            m.multiple_responses_get200_model_a200_valid().await,
            a("200"),
        )
    })
    .await;
    // An unknown property is ignored: the model decodes with `statusCode` unset.
    c.check(&["ResponsesScenarioH200MatchingInvalid"], async {
        value(
            "200",
            m.multiple_responses_get200_model_a200_invalid().await,
            A { status_code: None },
        )
    })
    .await;
    c.check(&["ResponsesScenarioH400NonMatchingNone"], async {
        status(400, m.multiple_responses_get200_model_a400_none().await)
    })
    .await;
    c.check(&["ResponsesScenarioH400NonMatchingModel"], async {
        status(400, m.multiple_responses_get200_model_a400_valid().await)
    })
    .await;
    c.check(&["ResponsesScenarioH400NonMatchingInvalid"], async {
        status(400, m.multiple_responses_get200_model_a400_invalid().await)
    })
    .await;
    c.check(&["ResponsesScenarioH202NonMatchingModel"], async {
        status(202, m.multiple_responses_get200_model_a202_valid().await)
    })
    .await;
    // Failures whose body is empty or not the error model still surface the status.
    let f = client.http_failure_operations();
    c.check(&["ResponsesScenarioEmptyErrorBody"], async {
        status(400, f.http_failure_get_empty_error().await)
    })
    .await;
    c.check(&["ResponsesScenarioNoModelErrorBody"], async {
        status(400, f.http_failure_get_no_model_error().await)
    })
    .await;
    c.check(&["ResponsesScenarioNoModelEmptyBody"], async {
        status(400, f.http_failure_get_no_model_empty().await)
    })
    .await;
}
