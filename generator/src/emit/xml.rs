//! XML bodies in the generated code: `src/xml.rs`, with a static `runtime::xml::Shape` per
//! component schema and a marker type per root element (only for specs with XML bodies), how
//! an operation attaches an XML body, and the decoder of an XML response.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{type_tokens, TypeContext};
use crate::ir::*;

/// `pub mod xml;` for `lib.rs` when the crate has XML bodies.
pub fn module_declaration(api: &Api) -> TokenStream {
    if api.xml.roots.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[doc(hidden)]
        pub mod xml;
    }
}

/// `src/xml.rs`, or `None` when the crate has no XML bodies.
pub fn xml_file(api: &Api) -> Option<TokenStream> {
    if api.xml.roots.is_empty() {
        return None;
    }
    let shapes = api.xml.shapes.iter().map(|s| {
        let name = format_ident!("{}", s.name);
        let shape = shape(&s.shape);
        let doc = format!(" The XML shape of `{}` values.", s.name);
        quote! {
            #[doc = #doc]
            pub static #name: Shape = #shape;
        }
    });
    let roots = api.xml.roots.iter().map(|r| {
        let marker = format_ident!("{}", r.marker);
        let element = &r.element;
        let inner = reference(&r.shape);
        let doc = format!(" The XML body whose root element is `<{element}>`.");
        quote! {
            #[doc = #doc]
            #[derive(Debug)]
            pub struct #marker;
            impl XmlBody for #marker {
                fn root() -> &'static Root {
                    static ROOT: Root = Root { name: #element, shape: #inner };
                    &ROOT
                }
            }
        }
    });
    Some(quote! {
        //! XML shapes of this API's XML bodies: how each model's JSON value maps to elements and
        //! attributes (see `apigen_runtime::xml`).
        // A glob: which of `Field`, `Kind` and `Leaf` the shapes use depends on the spec (maps
        // of text use neither `Field` nor `Kind`: slideroom.com), and local names win over it.
        use apigen_runtime::xml::*;
        #(#shapes)*
        #(#roots)*
    })
}

/// A `Shape` expression.
fn shape(s: &XmlShape) -> TokenStream {
    match s {
        XmlShape::Text(leaf) => {
            let leaf = format_ident!("{}", format!("{leaf:?}"));
            quote!(Shape::Text(Leaf::#leaf))
        }
        XmlShape::Object(fields) => {
            let fields = fields.iter().map(|f| {
                let (json, name) = (&f.json, &f.name);
                let kind = format_ident!("{}", format!("{:?}", f.kind));
                let (shape, required) = (reference(&f.shape), f.required);
                quote!(Field { json: #json, name: #name, kind: Kind::#kind, shape: #shape, required: #required })
            });
            quote!(Shape::Object(&[#(#fields),*]))
        }
        XmlShape::Map(values) => {
            let values = reference(values);
            quote!(Shape::Map(#values))
        }
        XmlShape::List { item, shape: items } => {
            let items = reference(items);
            quote!(Shape::List { item: #item, shape: #items })
        }
        XmlShape::Named(name) => {
            let name = format_ident!("{}", name);
            quote!(#name)
        }
    }
}

/// A `&'static Shape` expression.
fn reference(s: &XmlShape) -> TokenStream {
    let s = shape(s);
    quote!(&#s)
}

/// `request` with the XML body `value` attached.
pub fn attach(media: &str, root: &str, request: TokenStream, value: TokenStream) -> TokenStream {
    let root = format_ident!("{}", root);
    quote!(#request.xml::<crate::xml::#root>(#media, &#value))
}

/// (body type, `, Decoder`) of an XML response.
pub fn response_types(
    ty: &TypeRef,
    root: &str,
    optional: bool,
) -> (TokenStream, Option<TokenStream>) {
    let root = format_ident!("{}", root);
    let t = type_tokens(ty, TypeContext::Operations);
    let t = if optional { quote!(Option<#t>) } else { t };
    (t, Some(quote!(, runtime::xml::Xml<crate::xml::#root>)))
}
