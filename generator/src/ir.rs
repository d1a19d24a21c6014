//! The generator's intermediate representation: what the client is, in Rust terms, with every
//! name decided. Lowering builds it from the spec (each value complete, names included); emit
//! turns it into code without looking back at the spec. [`crate::Output`] carries it so that
//! callers can see what was generated.

/// The whole client.
#[derive(Clone, Debug)]
pub struct Api {
    /// Name of the client struct, e.g. `ApiManagementClient`.
    pub client_name: String,
    /// The spec's `info.title`, as written.
    pub title: String,
    /// The client's docs: the title and the spec's description.
    pub docs: Docs,
    /// The first server URL of the spec (`http://localhost` when it has none).
    pub default_endpoint: String,
    /// The server URL's variables (OpenAPI `servers[0].variables`, Azure
    /// `x-ms-parameterized-host`), set on the client builder; `None` when it has none.
    pub server: Option<ServerTemplate>,
    /// The `api-version` query value the runtime sends with every request; empty when the
    /// spec declares none (then none is sent).
    pub api_version: String,
    /// Parameters set once on the client builder (e.g. `subscriptionId`), in builder order.
    pub client_params: Vec<ClientParam>,
    /// Operations without a group (an id not in the `Group_Operation` form and no tag), called
    /// on the client itself.
    pub root_operations: Vec<Operation>,
    /// Operation groups, sorted by name.
    pub groups: Vec<Group>,
    /// Every model type, in the order written.
    pub types: Vec<TypeDef>,
    /// Things the generator chose not to generate, with the reason; shown in the summary.
    pub skipped: Vec<String>,
    /// The spec's security schemes, in spec order.
    pub security_schemes: Vec<SecurityScheme>,
    /// The codecs of XML bodies; empty when there are none.
    pub xml: XmlCodecs,
    /// Parameter groups (`x-ms-parameter-grouping`), sorted by name: the `parameter_groups`
    /// module; empty when the spec groups none.
    pub parameter_groups: Vec<ParamGroup>,
}

/// A parameter group (`x-ms-parameter-grouping`): a struct whose fields are parameters of one
/// or more operations, passed as one value.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamGroup {
    /// The struct's name, e.g. `FirstParameterGroup`.
    pub name: String,
    /// Its fields, in the order the operations list them.
    pub fields: Vec<GroupField>,
    /// The `operationId`s of the operations that take it, in spec order.
    pub operations: Vec<String>,
}

impl ParamGroup {
    /// A group with a required field is a method argument; one without derives `Default` and
    /// is set on the operation's builder.
    pub fn is_required(&self) -> bool {
        self.fields.iter().any(|f| f.required)
    }
}

/// A field of a parameter group: one parameter (or the request body).
#[derive(Clone, Debug, PartialEq)]
pub struct GroupField {
    /// The parameter's name on the wire, e.g. `header-one` (`body` for the request body).
    pub wire_name: String,
    /// Field name, e.g. `header_one`.
    pub rust_name: String,
    /// Its Rust type (`Option` of it unless required).
    pub ty: TypeRef,
    /// Required: `T`, not `Option<T>`.
    pub required: bool,
    /// The parameter's description.
    pub docs: Docs,
}

/// A parameter group an operation takes.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupArg {
    /// The group's type ([`ParamGroup::name`]).
    pub type_name: String,
    /// Argument name when required, else the builder setter's name, e.g. `first_parameter_group`.
    pub rust_name: String,
    /// Has a required field: a method argument; otherwise a builder setter.
    pub required: bool,
    /// (field, local) of each field this operation sends: the group value is destructured into
    /// locals named as the operation's parameters ([`Param::rust_name`], [`Body::rust_name`]).
    pub members: Vec<(String, String)>,
}

/// A parameter set once on the client and sent with every request that takes it.
#[derive(Clone, Debug)]
pub struct ClientParam {
    /// Name on the wire, e.g. `subscriptionId`.
    pub wire_name: String,
    /// Field and argument name, e.g. `subscription_id`.
    pub rust_name: String,
    /// Required: a `builder` argument. Optional: a `with_...` method on the client, left out of
    /// requests until set.
    pub required: bool,
    /// The parameter's description.
    pub docs: Docs,
}

/// An operation group: the part of a `Group_Operation` id before `_`, or the first tag.
#[derive(Clone, Debug)]
pub struct Group {
    /// Accessor on the client and module name, e.g. `api_management_service`.
    pub module: String,
    /// Type of the group handle, e.g. `ApiManagementServiceClient`.
    pub type_name: String,
    /// The group's operations, in spec order.
    pub operations: Vec<Operation>,
}

/// One operation: a method on its group (or on the client).
#[derive(Clone, Debug)]
pub struct Operation {
    /// The spec's `operationId`, e.g. `Api_ListByService`, or the name made from the method and
    /// path when it has none or repeats one (e.g. `get_pets_pet_id`).
    pub operation_id: String,
    /// Method name, e.g. `list_by_service`.
    pub method: String,
    /// Name of the builder type generated when the operation has optional parameters.
    pub builder_name: String,
    /// The HTTP method.
    pub http_method: HttpMethod,
    /// The URL path template, e.g. `/things/{thingId}`.
    pub path: String,
    /// Summary and description.
    pub docs: Docs,
    /// Path, query and header parameters: required path parameters in URL order, then the rest
    /// in spec order.
    pub params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// The parameter groups it takes (`x-ms-parameter-grouping`), in the order first listed;
    /// their parameters are in `params` with [`ParamRole::Grouped`].
    pub groups: Vec<GroupArg>,
    /// What `.await` yields.
    pub response: ResponseShape,
    /// Plain, pageable or long-running.
    pub kind: OperationKind,
    /// Response headers the spec documents (name, description made safe for rustdoc), for the
    /// docs.
    pub response_headers: Vec<(String, String)>,
    /// The statuses a plain call succeeds with, when the spec lists them: the 2xx and 3xx it
    /// declares and the 4xx/5xx it sets apart from its errors. `None`: any 2xx.
    pub success_statuses: Option<Vec<u16>>,
    /// `x-ms-examples` references: (example name, path relative to the spec file).
    pub examples: Vec<(String, String)>,
    /// Spec file the operation is defined in.
    pub source_file: String,
    /// A HEAD without a body whose spec documents 404: `.await` yields whether the resource
    /// exists (`runtime::ExistsCall`).
    pub exists: bool,
    /// The security requirement the request carries: alternatives, each the names of the
    /// schemes sent together; empty: anonymous. `None`: every configured credential goes.
    pub security: Option<Vec<Vec<String>>>,
}

impl Operation {
    /// The required parameters the method takes as arguments, in order.
    pub fn positional(&self) -> impl Iterator<Item = &Param> {
        self.params
            .iter()
            .filter(|p| p.role == ParamRole::Positional)
    }

    /// The path parameter of each placeholder of the path template, in template order (a
    /// parameter whose placeholder appears twice is there twice, as the runtime fills them).
    pub fn path_args(&self) -> Vec<&Param> {
        template_placeholders(&self.path)
            .into_iter()
            .filter_map(|name| {
                self.params
                    .iter()
                    .find(|p| p.location == ParamLocation::Path && p.wire_name == name)
            })
            .collect()
    }

    /// The parameters set on the operation's builder: optional ones, and required ones with a
    /// spec default.
    pub fn optional(&self) -> impl Iterator<Item = &Param> {
        self.params
            .iter()
            .filter(|p| matches!(p.role, ParamRole::Optional | ParamRole::Defaulted(_)))
    }

    /// The parameter groups the method takes as arguments, after the positional parameters.
    pub fn required_groups(&self) -> impl Iterator<Item = &GroupArg> {
        self.groups.iter().filter(|g| g.required)
    }

    /// The parameter groups set on the operation's builder, one setter each.
    pub fn optional_groups(&self) -> impl Iterator<Item = &GroupArg> {
        self.groups.iter().filter(|g| !g.required)
    }
}

/// Every placeholder name of a path template in order, repeats included, without the `+` of
/// a reserved expansion (`/a/{x}/{+y}/{x}` -> `x`, `y`, `x`).
pub fn template_placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        names.push(rest[open + 1..open + close].trim_start_matches('+'));
        rest = &rest[open + close + 1..];
    }
    names
}

/// An HTTP method an operation can have.
#[allow(missing_docs)]
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
    /// The method's name in upper case, e.g. `GET`.
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

/// Where a parameter goes in the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamLocation {
    /// A `{placeholder}` of the URL path.
    Path,
    /// A query pair.
    Query,
    /// A request header.
    Header,
    /// A pair of the `Cookie` header.
    Cookie,
}

/// How a parameter reaches the request: the one decision that says where its value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamRole {
    /// Required: a positional argument of the method.
    Positional,
    /// Not required: a method of the operation's builder, left out of the request until set.
    Optional,
    /// Required with a spec `default` (this text on the wire): sent with it unless the
    /// operation's builder method replaces it, so the caller need not give it.
    Defaulted(String),
    /// Set once on the client (a [`ClientParam`] of the same wire name); read from its field.
    Client,
    /// Fixed by the spec (a required single-value enum): always sent with this value, never
    /// asked for.
    Constant(String),
    /// A field of a parameter group ([`Operation::groups`]), read from the local the group is
    /// destructured into: `T` when `required`, else an `Option` (left out of the request when
    /// `None`).
    Grouped {
        /// The field is required.
        required: bool,
    },
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
    /// Sent as given, not percent-encoded (`x-ms-skip-url-encoding`).
    Unencoded,
    /// An object or map written as the OpenAPI 3 `style` and `explode` say.
    Styled(Style),
    /// `content: application/json` instead of a schema: the value as JSON text.
    JsonText,
}

/// An OpenAPI 3 `style` with its `explode`, for object and map parameters (the runtime's
/// `wire::Style`).
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Form { explode: bool },
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Simple { explode: bool },
}

/// A path, query or header parameter of an operation.
#[derive(Clone, Debug)]
pub struct Param {
    /// Name on the wire, e.g. `$filter`.
    pub wire_name: String,
    /// Argument, setter or client field name, e.g. `filter`.
    pub rust_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its Rust type.
    pub ty: TypeRef,
    /// How its value is written.
    pub style: ParamStyle,
    /// Where its value comes from.
    pub role: ParamRole,
    /// Its description.
    pub docs: Docs,
}

/// The request body of an operation.
#[derive(Clone, Debug)]
pub struct Body {
    /// Name of the body parameter in the spec (examples use it).
    pub wire_name: String,
    /// Argument name.
    pub rust_name: String,
    /// Its Rust type for JSON and form bodies, `String` for text; binary and multipart bodies
    /// have the type their format says (`ty` is `Value` for them).
    pub ty: TypeRef,
    /// Required: a plain argument; otherwise an `Option`.
    pub required: bool,
    /// A field of a parameter group ([`Operation::groups`]) rather than its own argument.
    pub grouped: bool,
    /// How it is sent.
    pub format: BodyFormat,
    /// Its description.
    pub docs: Docs,
    /// The other media types the operation accepts (JSON, the default, is `ty`/`format`); when
    /// there are some, the argument is an enum of all of them, named `choice_name`.
    pub alternatives: Vec<BodyChoice>,
    /// Name of that enum (in the operation's module), e.g. `UploadBody`.
    pub choice_name: String,
}

/// One media type of a request body the caller can choose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyChoice {
    /// Variant name in the body enum, e.g. `Form`.
    pub variant: String,
    /// Its Rust type.
    pub ty: TypeRef,
    /// How it is sent.
    pub format: BodyFormat,
}

/// A `multipart/form-data` body: a struct, generated next to the operation, whose fields are
/// the parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultipartBody {
    /// The struct's name, e.g. `UploadParts`.
    pub name: String,
    /// The parts, in schema order.
    pub fields: Vec<MultipartField>,
}

/// A part of a multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultipartField {
    /// Part name.
    pub wire_name: String,
    /// Field name.
    pub rust_name: String,
    /// What it holds.
    pub kind: PartKind,
    /// Required: `T`, not `Option<T>`.
    pub required: bool,
    /// Its description.
    pub docs: Docs,
}

/// What a multipart field holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartKind {
    /// `format: binary` (or `byte`, or a content media type): a file.
    File,
    /// An array of files.
    Files,
    /// A value: text for a scalar, one part per item for an array, JSON for an object.
    Value(TypeRef),
}

/// How a request body is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyFormat {
    /// JSON.
    Json,
    /// A non-JSON body sent as text with this content type.
    Text(String),
    /// JSON sent with another JSON content type, e.g. `application/merge-patch+json`.
    JsonAs(String),
    /// `application/x-www-form-urlencoded`, from the typed body's fields.
    Form,
    /// `multipart/form-data`.
    Multipart(MultipartBody),
    /// Bytes sent with this content type (`application/octet-stream`, `image/png`, …).
    Binary(String),
    /// XML with this content type (`media`), written through the root marker `root` (see
    /// [`XmlCodecs`]).
    Xml {
        /// The content type.
        media: String,
        /// The root's marker type.
        root: String,
    },
}

impl BodyFormat {
    /// The body enum's variant for this format, e.g. `Form`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            BodyFormat::Json | BodyFormat::JsonAs(_) => "Json",
            BodyFormat::Form => "Form",
            BodyFormat::Multipart(_) => "Multipart",
            BodyFormat::Binary(_) => "Binary",
            BodyFormat::Text(_) => "Text",
            BodyFormat::Xml { .. } => "Xml",
        }
    }

    /// The content type sent (multipart's gets its boundary when sent).
    pub fn media_type(&self) -> &str {
        match self {
            BodyFormat::Json => "application/json",
            BodyFormat::Form => "application/x-www-form-urlencoded",
            BodyFormat::Multipart(_) => "multipart/form-data",
            BodyFormat::JsonAs(m) | BodyFormat::Binary(m) | BodyFormat::Text(m) => m,
            BodyFormat::Xml { media, .. } => media,
        }
    }
}

/// A server URL template and its variables, filled in by the client builder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerTemplate {
    /// The URL with `{variable}` placeholders.
    pub template: String,
    /// The variables, in the order the spec lists them.
    pub variables: Vec<ServerVariable>,
}

/// A variable of the server URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerVariable {
    /// The placeholder's name.
    pub name: String,
    /// The spec's default; without one the caller must set it.
    pub default: Option<String>,
    /// Allowed values (`enum`); empty when any is.
    pub allowed: Vec<String>,
    /// Its description.
    pub docs: Docs,
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
    /// A binary body (`format: binary`, `application/octet-stream`, images, …), returned as
    /// bytes (or streamed with `.send_stream()`).
    Binary,
    /// An XML body, decoded through the root marker `root` (see [`XmlCodecs`]); `optional`:
    /// some success responses have none (`Option`).
    Xml {
        /// The body type.
        ty: TypeRef,
        /// The root's marker type.
        root: String,
        /// `Option<ty>`.
        optional: bool,
    },
}

/// How an operation is called.
#[derive(Clone, Debug, PartialEq)]
pub enum OperationKind {
    /// One request, one response.
    Plain,
    /// `x-ms-pageable`: a stream of items over pages.
    Paged {
        /// The item type.
        item: TypeRef,
        /// The page's item array property.
        item_name: String,
        /// The page's next-link property; `None` for a single page.
        next_link_name: Option<String>,
        /// `x-ms-pageable.operationName`: the operation that fetches the pages after the
        /// first; `None`: the next link is fetched as it is.
        next_operation: Option<NextOperation>,
    },
    /// `x-ms-long-running-operation`: polled to the final result.
    LongRunning {
        /// Where the final result is read (`final-state-via`).
        final_state: FinalState,
    },
}

/// The operation a paged list fetches its later pages with (`x-ms-pageable.operationName`).
#[derive(Clone, Debug, PartialEq)]
pub struct NextOperation {
    /// The group's accessor (`Group::module`); `None`: an operation of the client itself.
    pub group: Option<String>,
    /// Its method name.
    pub method: String,
    /// It has optional parameters: its method returns a builder (`.into_call()`).
    pub builder: bool,
    /// Its positional arguments, in order.
    pub args: Vec<NextArgument>,
}

/// A positional argument of a next operation.
#[derive(Clone, Debug, PartialEq)]
pub enum NextArgument {
    /// The next link the page sent.
    NextLink,
    /// The paged operation's own argument of the same wire name: its Rust name and type.
    Param(String, TypeRef),
    /// The paged operation's parameter group argument of the same type (its Rust name), passed
    /// on as a clone.
    Group(String),
}

/// `x-ms-long-running-operation-options.final-state-via`: where a long-running operation's
/// result is read when it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinalState {
    /// Not said: the runtime's rule for the method and headers.
    Default,
    /// The `Azure-AsyncOperation` status resource.
    AzureAsyncOperation,
    /// The `Location` URL.
    Location,
    /// The original request URL.
    OriginalUri,
    /// The `Operation-Location` status resource.
    OperationLocation,
}

/// A reference to a Rust type, as used in fields and parameters.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `format: date-time`: `time::OffsetDateTime`, tolerant parsing in the runtime.
    DateTime,
    /// `format: date`: `time::Date`.
    Date,
    /// `format: date-time-rfc1123` (or `-rfc7231`): `time::OffsetDateTime`, written as an HTTP
    /// date.
    DateTimeRfc1123,
    /// `format: byte`: `Vec<u8>`, standard base64 on the wire.
    Bytes,
    /// `format: base64url`: `Vec<u8>`, unpadded URL-safe base64 on the wire.
    Base64Url,
    /// `format: duration`: the runtime's ISO 8601 `Duration`.
    Duration,
    /// `format: uuid`: `uuid::Uuid` (the runtime's re-export).
    Uuid,
    /// `x-ms-secret`: the runtime's redacting string.
    Secret,
    /// Free-form JSON.
    Value,
    /// A JSON array: `Vec`.
    Vec(Box<TypeRef>),
    /// `additionalProperties`: a string-keyed map.
    Map(Box<TypeRef>),
    /// An array item or map value whose schema allows `null` (`x-nullable`, `nullable`,
    /// `type: [.., "null"]`, a `{type: null}` member): `Option`, written back as `null`.
    Nullable(Box<TypeRef>),
    /// A generated type by its Rust name.
    Named(String),
}

/// A generated model type.
#[derive(Clone, Debug)]
pub enum TypeDef {
    /// An object schema.
    Struct(Struct),
    /// A string enum.
    Enum(Enum),
    /// A discriminated union.
    Union(Union),
}

impl TypeDef {
    /// The type's Rust name.
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::Union(u) => &u.name,
        }
    }
}

/// A struct model.
#[derive(Clone, Debug)]
pub struct Struct {
    /// Rust name.
    pub name: String,
    /// Title and description.
    pub docs: Docs,
    /// Fields, inherited ones first.
    pub fields: Vec<Field>,
    /// Whether every field has a `Default`, so the struct can derive it.
    pub default: bool,
    /// The models it extends with `allOf` (their fields are copied into `fields`).
    pub parents: Vec<String>,
}

/// A field of a struct model.
#[derive(Clone, Debug)]
pub struct Field {
    /// Property name on the wire (empty for the flattened map).
    pub wire_name: String,
    /// Rust field name.
    pub rust_name: String,
    /// Its type, before `Option` or `Box`.
    pub ty: TypeRef,
    /// Required and not read-only: the field is `T`, not `Option<T>`.
    pub required: bool,
    /// Required but `null` is a value (`nullable`, or a union with a `null` member): the field
    /// is an `Option<T>` that is written as `null` when `None`.
    pub nullable: bool,
    /// `readOnly`: set by the service, so read from responses and never sent.
    pub read_only: bool,
    /// Boxed to break a cycle of types containing each other.
    pub boxed: bool,
    /// `#[serde(flatten)]` map of properties the schema does not name.
    pub flatten: bool,
    /// Description and notes (read-only, default, mutability).
    pub docs: Docs,
}

/// A string enum model.
#[derive(Clone, Debug)]
pub struct Enum {
    /// Rust name.
    pub name: String,
    /// Title and description.
    pub docs: Docs,
    /// The known values.
    pub variants: Vec<Variant>,
    /// `x-ms-enum.modelAsString`: unknown values are kept in an `Other(String)` variant.
    pub extensible: bool,
}

/// A value of a string enum.
#[derive(Clone, Debug)]
pub struct Variant {
    /// The value on the wire.
    pub wire_value: String,
    /// Rust variant name.
    pub rust_name: String,
    /// The value's description (`x-ms-enum.values`).
    pub docs: Docs,
}

/// A union: an enum over the types a value may be (a `discriminator` base's kinds, or the
/// members of a `oneOf`/`anyOf`), with a catch-all variant that keeps any other value whole.
#[derive(Clone, Debug)]
pub struct Union {
    /// Rust name.
    pub name: String,
    /// Title and description.
    pub docs: Docs,
    /// How a value says which variant it is.
    pub tagging: Tagging,
    /// The variants, in the order an untagged union tries them.
    pub variants: Vec<UnionVariant>,
}

/// How a union's value says which variant it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tagging {
    /// A Swagger `discriminator` base: the variants are the schemas that extend it with
    /// `allOf`, and their structs leave out the tag property, which the union reads and writes.
    Inherited {
        /// The discriminator property.
        tag: String,
    },
    /// A `oneOf`/`anyOf` whose members are told apart by a property (a `discriminator`, or a
    /// property that is a different constant in every member): the variant's struct reads
    /// the property too.
    Property {
        /// The property.
        tag: String,
    },
    /// Nothing on the wire says which member a value is: the variants are tried in order.
    Untagged,
}

impl Tagging {
    /// The tag property, for tagged unions.
    pub fn tag(&self) -> Option<&str> {
        match self {
            Tagging::Inherited { tag } | Tagging::Property { tag } => Some(tag),
            Tagging::Untagged => None,
        }
    }
}

/// One variant of a union.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnionVariant {
    /// Rust variant name.
    pub rust_name: String,
    /// The tag value that selects it (tagged unions only).
    pub tag_value: Option<String>,
    /// The type it holds.
    pub ty: TypeRef,
    /// Boxed to break a cycle of types containing each other.
    pub boxed: bool,
    /// The type the union was declared as (`Salmon` in `AnySalmon`): a value without the tag
    /// is one.
    pub base: bool,
}

/// Documentation text, already made safe for rustdoc.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs(pub Vec<String>);

impl Docs {
    /// Whether there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A security scheme of the spec (`components.securitySchemes`, Swagger `securityDefinitions`).
#[derive(Clone, Debug)]
pub struct SecurityScheme {
    /// The scheme's key in the spec, e.g. `api_key`; requirements name it.
    pub name: String,
    /// The builder method that sets it, e.g. `api_key` (token schemes also get `{method}_provider`,
    /// client credentials `{method}_client_credentials`).
    pub method: String,
    /// What it sends.
    pub kind: SecuritySchemeKind,
    /// Its description.
    pub docs: Docs,
}

/// What a security scheme sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecuritySchemeKind {
    /// `apiKey`: a key in a header, query parameter or cookie named `param`.
    ApiKey {
        /// Where it goes.
        location: ApiKeyLocation,
        /// The header, query parameter or cookie name.
        param: String,
    },
    /// `http` `basic`.
    Basic,
    /// A bearer token, static or from a token provider: `http` `bearer`, OAuth2 without a
    /// client-credentials flow, OpenID Connect.
    Bearer {
        /// Scopes the provider is asked for.
        scopes: Vec<String>,
    },
    /// OAuth2 with a `clientCredentials` flow: tokens from `token_url`.
    OAuth2ClientCredentials {
        /// The flow's `tokenUrl`.
        token_url: String,
        /// Scopes the requirements ask for (else the flow's declared ones).
        scopes: Vec<String>,
    },
    /// OAuth2 against Entra ID (`login.microsoftonline.com`, Azure's `azure_auth`): the
    /// runtime's `credential` (DefaultCredential and friends).
    EntraId {
        /// A resource scope the requirements name (`https://…/.default`), if not the endpoint's.
        scope: Option<String>,
    },
}

/// Where an API key goes.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiKeyLocation {
    Header,
    Query,
    Cookie,
}

/// The XML codecs of a spec's XML bodies (the runtime's `xml::Shape`s): empty, and nothing
/// emitted, when no operation sends or receives XML.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct XmlCodecs {
    /// The bodies' root elements, each a marker type operations name.
    pub roots: Vec<XmlRoot>,
    /// The shapes of component schemas, shared (and recursive) through `XmlShape::Named`.
    pub shapes: Vec<XmlNamedShape>,
}

/// A body's root element: marker type `marker` in the crate's `xml` module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlRoot {
    /// The marker type's name, e.g. `SlideshowXml`.
    pub marker: String,
    /// The root element's name.
    pub element: String,
    /// What is inside it.
    pub shape: XmlShape,
}

/// A component schema's XML shape, a static in the `xml` module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlNamedShape {
    /// The static's name, e.g. `SLIDESHOW`.
    pub name: String,
    /// Its shape.
    pub shape: XmlShape,
}

/// The XML form of a JSON value (the runtime's `xml::Shape`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XmlShape {
    /// Text: a string, number or boolean.
    Text(XmlLeaf),
    /// An object's fields, in schema order (parents' first).
    Object(Vec<XmlField>),
    /// A string-keyed map: one child element per entry.
    Map(Box<XmlShape>),
    /// An array: the child elements named `item`.
    List {
        /// The items' element name.
        item: String,
        /// An item's shape.
        shape: Box<XmlShape>,
    },
    /// A component's shape (`XmlNamedShape::name`).
    Named(String),
}

/// How a text value maps to JSON.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmlLeaf {
    String,
    Number,
    Boolean,
}

/// An object property in XML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlField {
    /// The JSON (serde) name.
    pub json: String,
    /// The attribute's or element's name (an item's, for `Repeated`).
    pub name: String,
    /// How it appears.
    pub kind: XmlKind,
    /// Its value's shape (an item's, for `Repeated`).
    pub shape: XmlShape,
    /// The schema requires it.
    pub required: bool,
}

/// How a property appears in XML (the runtime's `xml::Kind`).
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmlKind {
    Attribute,
    Text,
    Element,
    Repeated,
}
