//! What every scenario binary shares: the test server's URL, a cookie-keeping HTTP client,
//! and named checks whose outcome the harness reads from stdout.
//!
//! A scenario binary (`scenarios/<swagger>.rs`) calls the generated client the way a user
//! would and runs one [`Checks::check`] per server scenario it aims at, naming the coverage
//! entries (as `/report` spells them) it expects to turn on. Each check prints one line,
//! `ok\t<names>` or `FAIL\t<names>\t<reason>`; the harness matches them against the server's
//! reports, so an uncovered scenario is listed with the reason its check gave.

use std::fmt::Debug;
use std::future::Future;
use std::process::ExitCode;

pub use futures;
pub use serde_json;

/// What a check returns: any error (the generated client's, a failed expectation) fails it.
pub type Outcome = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// The test server's base URL, from `TESTSERVER_URL`.
pub fn url() -> String {
    std::env::var("TESTSERVER_URL").unwrap_or_else(|_| "http://127.0.0.1:3000".into())
}

/// The harness's HTTP client. The test server keeps scenario state in a cookie, so this one
/// stores cookies; a generated client does not by default. It follows no redirect itself:
/// the runtime does, as it does with its own client.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a reqwest client")
}

/// The generated client `$builder` (`Client::builder(…)`, with the spec's required client
/// arguments) pointed at the test server through the harness's HTTP client, built. Builder
/// calls after a `;` go in before `build()`:
/// `client!(Client::builder(); force_polling_interval(Duration::from_millis(1)))`.
///
/// A macro, not a function: every generated client has its own builder type.
#[macro_export]
macro_rules! client {
    ($builder:expr $(; $($extra:tt)+)?) => {
        $builder
            .endpoint(&$crate::url())
            .expect("endpoint")
            .http_client($crate::http())
            $(.$($extra)+)?
            .build()
            .expect("client")
    };
}

/// `got == want`, or an error that shows both.
pub fn eq<T: PartialEq + Debug>(what: &str, got: T, want: T) -> Outcome {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}").into())
    }
}

/// `Err` with the message, for a result that must have failed.
pub fn fail(message: impl Into<String>) -> Outcome {
    Err(message.into().into())
}

/// The checks of one scenario binary.
#[derive(Default)]
pub struct Checks {
    failed: usize,
}

impl Checks {
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs one check aimed at the coverage entries `names`.
    pub async fn check(&mut self, names: &[&str], body: impl Future<Output = Outcome>) {
        match body.await {
            Ok(()) => println!("ok\t{}", names.join(",")),
            Err(e) => {
                self.failed += 1;
                let reason = e.to_string().replace(['\n', '\t'], " ");
                println!("FAIL\t{}\t{reason}", names.join(","));
            }
        }
    }

    /// The binary's exit code: failure when a check failed.
    pub fn finish(self) -> ExitCode {
        if self.failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}
