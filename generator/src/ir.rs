//! The generator's intermediate representation: what the client is, in Rust terms, with every
//! name decided. `lower` produces it from an `openapiv3::OpenAPI`; `emit` turns it into code
//! without looking back at the spec.

/// The whole client.
#[derive(Clone, Debug)]
pub struct Api {
    /// Name of the client struct, e.g. `ApiManagementClient`.
    pub client_name: String,
    pub docs: Docs,
    pub default_endpoint: String,
    pub api_version: String,
    /// Parameters set once on the client builder (e.g. `subscriptionId`), in builder order.
    pub client_params: Vec<ClientParam>,
    /// Operations without a group (an `operationId` with no `_`), called on the client itself.
    pub root_operations: Vec<Operation>,
    pub groups: Vec<Group>,
    pub types: Vec<TypeDef>,
    /// Things the generator chose not to generate, with the reason; shown in the summary.
    pub skipped: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct ClientParam {
    pub wire_name: String,
    pub rust_name: String,
    /// Required: a `builder` argument. Optional: a `with_...` method on the client, left out of
    /// requests until set.
    pub required: bool,
    pub docs: Docs,
}

/// An operation group: the part of `operationId` before `_`.
#[derive(Clone, Debug)]
pub struct Group {
    /// Accessor on the client and module name, e.g. `api_management_service`.
    pub module: String,
    /// Type of the group handle, e.g. `ApiManagementServiceClient`.
    pub type_name: String,
    pub operations: Vec<Operation>,
}

#[derive(Clone, Debug)]
pub struct Operation {
    pub operation_id: String,
    /// Method name, e.g. `list_by_service`.
    pub method: String,
    /// Name of the builder type generated when the operation has optional parameters.
    pub builder_name: String,
    pub http_method: HttpMethod,
    pub path: String,
    pub docs: Docs,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub response: ResponseShape,
    pub kind: OperationKind,
    /// Response headers the spec documents, for the docs.
    pub response_headers: Vec<(String, String)>,
    /// `x-ms-examples` references: (example name, path relative to the spec file).
    pub examples: Vec<(String, String)>,
    /// Spec file the operation is defined in.
    pub source_file: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Patch,
    Head,
    Options,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

/// How a parameter's value is written into the URL or a header, where its type alone does not
/// say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamStyle {
    /// Scalars as text (date-times RFC 3339); arrays comma-separated (Swagger `csv`, OpenAPI
    /// `form`/`simple` without `explode`).
    Plain,
    /// Arrays with this separator between items (Swagger `ssv`, `tsv` and `pipes`).
    Delimited(char),
    /// Arrays as one query pair per item (Swagger `multi`, OpenAPI `form` with `explode`).
    Repeated,
    /// A date-time in RFC 1123 form (`format: date-time-rfc1123`).
    Rfc1123,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub wire_name: String,
    pub rust_name: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub style: ParamStyle,
    pub required: bool,
    /// Value fixed by the spec (a single-value enum): sent always, never asked for.
    pub constant: Option<String>,
    /// Set on the client builder rather than per call.
    pub client: bool,
    pub docs: Docs,
}

#[derive(Clone, Debug)]
pub struct Body {
    /// Name of the body parameter in the spec (examples use it).
    pub wire_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    pub required: bool,
    pub format: BodyFormat,
    pub docs: Docs,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyFormat {
    Json,
    /// A non-JSON body sent as text with this content type.
    Text(String),
}

/// What `.await` on the operation yields.
#[derive(Clone, Debug, PartialEq)]
pub enum ResponseShape {
    /// No body on any success response.
    Empty,
    /// A JSON body on every success response.
    Json(TypeRef),
    /// A JSON body on some success responses and none on others.
    OptionalJson(TypeRef),
    /// A non-JSON body, returned as text.
    Text,
}

#[derive(Clone, Debug, PartialEq)]
pub enum OperationKind {
    Plain,
    Paged {
        item: TypeRef,
        item_name: String,
        next_link_name: Option<String>,
    },
    LongRunning {
        final_state: FinalState,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinalState {
    Default,
    AzureAsyncOperation,
    Location,
    OriginalUri,
    OperationLocation,
}

/// A reference to a Rust type, as used in fields and parameters.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    F32,
    F64,
    /// `format: date-time`: `time::OffsetDateTime`, tolerant parsing in the runtime.
    DateTime,
    /// `format: date`: `time::Date`.
    Date,
    /// `x-ms-secret`: the runtime's redacting string.
    Secret,
    /// Free-form JSON.
    Value,
    Vec(Box<TypeRef>),
    /// `additionalProperties`: a string-keyed map.
    Map(Box<TypeRef>),
    /// A generated type by its Rust name.
    Named(String),
}

#[derive(Clone, Debug)]
pub enum TypeDef {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
}

impl TypeDef {
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::Union(u) => &u.name,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Struct {
    pub name: String,
    pub docs: Docs,
    pub fields: Vec<Field>,
    /// Whether every field has a `Default`, so the struct can derive it.
    pub default: bool,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    /// Required and not read-only: the field is `T`, not `Option<T>`.
    pub required: bool,
    /// Boxed to break a cycle of types containing each other.
    pub boxed: bool,
    /// `#[serde(flatten)]` map of properties the schema does not name.
    pub flatten: bool,
    pub docs: Docs,
}

#[derive(Clone, Debug)]
pub struct Enum {
    pub name: String,
    pub docs: Docs,
    pub variants: Vec<Variant>,
    /// `x-ms-enum.modelAsString`: unknown values are kept in an `Other(String)` variant.
    pub extensible: bool,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub wire_value: String,
    pub rust_name: String,
    pub docs: Docs,
}

/// A `discriminator` base type: an enum over its concrete kinds, tagged by a property.
#[derive(Clone, Debug)]
pub struct Union {
    pub name: String,
    pub docs: Docs,
    pub tag: String,
    /// (discriminator value, struct name)
    pub variants: Vec<(String, String)>,
}

/// Documentation text, already made safe for rustdoc.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs(pub Vec<String>);

impl Docs {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
