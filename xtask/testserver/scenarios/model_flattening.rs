//! `model-flattening.json`: models with `x-ms-client-flatten` properties (kept nested, as on
//! the wire) in arrays, dictionaries and a collection, and flattened body parameters.

#[path = "../vanilla.rs"]
mod vanilla;

use std::collections::BTreeMap;

use testserver_scenarios::Checks;
use ts_model_flattening::models::{
    FlattenedProduct, FlattenedProductProperties as Props,
    FlattenedProductPropertiesProvisioningStateValues as State, ProductUrl, Resource,
    ResourceCollection, SimpleProduct, SimpleProductProperties,
    SimpleProductPropertiesMaxProductCapacity as Capacity,
};
use ts_model_flattening::parameter_groups::FlattenParameterGroup;
use ts_model_flattening::AutoRestResourceFlatteningTestServiceClient as Client;
use vanilla::{done, value};

fn tags() -> Option<BTreeMap<String, String>> {
    Some(
        [("tag1", "value1"), ("tag2", "value3")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

/// The three products every GET answers: a full one, one with a location, a bare one.
fn products(first: u32) -> Vec<FlattenedProduct> {
    let full = FlattenedProduct {
        id: Some(first.to_string()),
        type_: Some("Microsoft.Web/sites".into()),
        tags: tags(),
        location: Some("Building 44".into()),
        name: Some(format!("Resource{first}")),
        properties: Some(Props {
            p_name: Some(format!("Product{first}")),
            type_: Some("Flat".into()),
            provisioning_state_values: Some(State::Ok),
            provisioning_state: Some("Succeeded".into()),
        }),
    };
    let located = FlattenedProduct {
        id: Some((first + 1).to_string()),
        location: Some("Building 44".into()),
        name: Some(format!("Resource{}", first + 1)),
        ..Default::default()
    };
    let bare = FlattenedProduct {
        id: Some((first + 2).to_string()),
        name: Some(format!("Resource{}", first + 2)),
        ..Default::default()
    };
    vec![full, located, bare]
}

fn by_product(items: Vec<FlattenedProduct>) -> BTreeMap<String, FlattenedProduct> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, p)| (format!("Product{}", i + 1), p))
        .collect()
}

/// A product to send: a location, maybe tags, and the flattened `p.name`/`type`.
fn to_send(location: &str, with_tags: bool, p_name: &str) -> FlattenedProduct {
    FlattenedProduct {
        location: Some(location.into()),
        tags: if with_tags { tags() } else { None },
        properties: Some(Props {
            p_name: Some(p_name.into()),
            type_: Some("Flat".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn sent_dictionary() -> BTreeMap<String, FlattenedProduct> {
    BTreeMap::from([
        (
            "Resource1".to_string(),
            to_send("West US", true, "Product1"),
        ),
        (
            "Resource2".to_string(),
            to_send("Building 44", false, "Product2"),
        ),
    ])
}

fn simple(generic: Option<&str>) -> SimpleProduct {
    SimpleProduct {
        product_id: "123".into(),
        description: Some("product description".into()),
        details: Some(SimpleProductProperties {
            max_product_display_name: "max name".into(),
            capacity: Capacity::Large,
            max_product_image: Some(ProductUrl {
                generic_value: generic.map(Into::into),
                odata_value: Some("http://foo".into()),
            }),
        }),
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let k = &client;
    let mut c = Checks::new();
    c.check(&["getModelFlattenArray"], async {
        value("array", k.get_array().await, products(1))
    })
    .await;
    c.check(&["putModelFlattenArray"], async {
        let resources = vec![
            Resource {
                location: Some("West US".into()),
                tags: tags(),
                ..Default::default()
            },
            Resource {
                location: Some("Building 44".into()),
                ..Default::default()
            },
        ];
        done(k.put_array(Some(resources)).await)
    })
    .await;
    c.check(&["getModelFlattenDictionary"], async {
        value(
            "dictionary",
            k.get_dictionary().await,
            by_product(products(1)),
        )
    })
    .await;
    c.check(&["putModelFlattenDictionary"], async {
        done(k.put_dictionary(Some(sent_dictionary())).await)
    })
    .await;
    c.check(&["getModelFlattenResourceCollection"], async {
        let want = ResourceCollection {
            productresource: Some(FlattenedProduct {
                id: Some("7".into()),
                name: Some("Resource7".into()),
                location: Some("Building 44".into()),
                ..Default::default()
            }),
            arrayofresources: Some(products(4)),
            dictionaryofresources: Some(by_product(products(1))),
        };
        value("collection", k.get_resource_collection().await, want)
    })
    .await;
    c.check(&["putModelFlattenResourceCollection"], async {
        let collection = ResourceCollection {
            productresource: Some(to_send("India", false, "Azure")),
            arrayofresources: Some(vec![
                to_send("West US", true, "Product1"),
                to_send("East US", false, "Product2"),
            ]),
            dictionaryofresources: Some(sent_dictionary()),
        };
        done(k.put_resource_collection(Some(collection)).await)
    })
    .await;
    c.check(&["putModelFlattenCustomBase"], async {
        let product = simple(Some("https://generic"));
        value(
            "echo",
            k.put_simple_product(Some(product.clone())).await,
            product,
        )
    })
    .await;
    c.check(&["postModelFlattenCustomParameter"], async {
        value(
            "echo",
            k.post_flattened_simple_product(Some(simple(None))).await,
            simple(None),
        )
    })
    .await;
    c.check(&["putModelFlattenCustomGroupedParameter"], async {
        value(
            "echo",
            k.put_simple_product_with_grouping(
                FlattenParameterGroup {
                    name: "groupproduct".into(),
                },
                Some(simple(None)),
            )
                .await,
            simple(None),
        )
    })
    .await;
    c.finish()
}
