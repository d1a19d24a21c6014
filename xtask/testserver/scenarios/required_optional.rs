//! `required-optional.json`: optional parameters and bodies left out (nothing is sent), and
//! required binary bodies.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::{url, Checks};
use ts_required_optional::models::{
    ArrayOptionalWrapper, ClassOptionalWrapper, IntOptionalWrapper, StringOptionalWrapper,
};
use ts_required_optional::AutoRestRequiredOptionalTestServiceClient as Client;
use vanilla::done;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = Client::builder("globalPath", "globalQuery")
        .endpoint(&url())
        .expect("endpoint")
        .http_client(testserver_scenarios::http())
        .build()
        .expect("client");
    let k = &client;
    let mut c = Checks::new();
    c.check(&["OptionalImplicitQuery"], async {
        done(k.implicit_put_optional_query().await)
    })
    .await;
    c.check(&["OptionalImplicitHeader"], async {
        done(k.implicit_put_optional_header().await)
    })
    .await;
    c.check(&["OptionalImplicitBody"], async {
        done(k.implicit_put_optional_body(None).await)
    })
    .await;
    c.check(&["OptionalGlobalQuery"], async {
        done(k.implicit_get_optional_global_query().await)
    })
    .await;
    c.check(&["ImplicitOptionalBinaryBody"], async {
        done(k.implicit_put_optional_binary_body(None).await)
    })
    .await;
    c.check(&["ExplicitOptionalBinaryBody"], async {
        done(k.explicit_put_optional_binary_body(None).await)
    })
    .await;
    c.check(&["ExplicitRequiredBinaryBody"], async {
        done(
            k.explicit_put_required_binary_body(b"binary body".to_vec())
                .await,
        )
    })
    .await;
    // The optional-parameter family is one vanilla scenario (`GeneralOptional`): every call
    // leaves its optional value out, or sends the wrapper without it.
    c.check(&["GeneralOptional"], async {
        k.explicit_post_optional_integer_parameter(None).await?;
        k.explicit_post_optional_integer_property(Some(IntOptionalWrapper::default()))
            .await?;
        k.explicit_post_optional_integer_header().await?;
        k.explicit_post_optional_string_parameter(None).await?;
        k.explicit_post_optional_string_property(Some(StringOptionalWrapper::default()))
            .await?;
        k.explicit_post_optional_string_header().await?;
        k.explicit_post_optional_class_parameter(None).await?;
        k.explicit_post_optional_class_property(Some(ClassOptionalWrapper::default()))
            .await?;
        k.explicit_post_optional_array_parameter(None).await?;
        k.explicit_post_optional_array_property(Some(ArrayOptionalWrapper::default()))
            .await?;
        done(k.explicit_post_optional_array_header().await)
    })
    .await;
    c.finish()
}
