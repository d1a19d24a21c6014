//! `reserved-words.json`: operations, groups, parameters and enum values named with words
//! that are reserved in some language (`import`, `content`, `json`, `data`, `files`, `url`).

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::serde_json::json;
use testserver_scenarios::Checks;
use ts_reserved_words::models::{MyEnum, OperationWithDataParamForm};
use ts_reserved_words::operations::OperationWithFilesParamParts;
use ts_reserved_words::ReservedWordsClient as Client;
use vanilla::done;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let k = &client;
    let mut c = Checks::new();
    c.check(&["reservedWordsOperationGroupImport"], async {
        done(k.import_operation_one("foo").await)
    })
    .await;
    c.check(&["reservedWordsBodyNamedContent"], async {
        done(k.operation_with_content_param("hello, world").await)
    })
    .await;
    c.check(&["reservedWordsBodyNamedJson"], async {
        done(k.operation_with_json_param(json!({"hello": "world"})).await)
    })
    .await;
    c.check(&["reservedWordsBodyNamedData"], async {
        let form = OperationWithDataParamForm {
            data: "hello".into(),
            world: "world".into(),
        };
        done(k.operation_with_data_param(form).await)
    })
    .await;
    c.check(&["reservedWordsBodyNamedFiles"], async {
        let parts = OperationWithFilesParamParts {
            files: apigen_runtime::FilePart::new(b"hello, world".to_vec()).file_name("hello.txt"),
            file_name: "hello.txt".into(),
        };
        done(k.operation_with_files_param(parts).await)
    })
    .await;
    c.check(&["reservedWordsUrlHeaderQuery"], async {
        done(
            k.operation_with_url("foo", "x-ms-header")
                .query_parameters(vec!["one".into(), "two".into()])
                .await,
        )
    })
    .await;
    c.check(&["reservedWordsHeaderEnum"], async {
        done(k.reserved_enum(MyEnum::Import).await)
    })
    .await;
    c.finish()
}
