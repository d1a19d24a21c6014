//! The one error type of the generator: every failure names the spec file and the JSON pointer
//! inside it, so a user can open the exact spot.

use std::fmt;
use std::path::{Path, PathBuf};

/// The file name of [`Location::bundle`]: not a path a user could have given.
const BUNDLE: &str = "<bundle>";

/// Where in the input a problem is: a file and an RFC 6901 JSON pointer into it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The spec file, as given or as reached through `$ref`s.
    pub file: PathBuf,
    /// The JSON pointer inside it, e.g. `/paths/~1things/get/parameters/0`.
    pub pointer: String,
}

impl Location {
    /// The location `pointer` in `file`.
    pub fn new(file: impl Into<PathBuf>, pointer: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            pointer: pointer.into(),
        }
    }

    /// The location of a child member, escaping `~` and `/` as RFC 6901 requires.
    pub fn join(&self, segment: impl AsRef<str>) -> Self {
        Location {
            file: self.file.clone(),
            pointer: format!(
                "{}/{}",
                self.pointer,
                escape_pointer_segment(segment.as_ref())
            ),
        }
    }

    /// A place in a document the generator built (the bundle, or the OpenAPI 3 document
    /// converted from it) rather than in a user's file; the stage's
    /// [`SourceMap`](crate::source_map::SourceMap) turns it into the user's file and pointer.
    pub(crate) fn bundle(pointer: impl Into<String>) -> Self {
        Location::new(BUNDLE, pointer)
    }

    /// Made by [`Location::bundle`].
    pub(crate) fn is_bundle(&self) -> bool {
        self.file.as_os_str() == BUNDLE
    }

    /// The spec file.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.file.display(), self.pointer)
    }
}

pub fn escape_pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

pub fn unescape_pointer_segment(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// A generator failure. `location` is absent only for failures that concern no spec content
/// (for example an output directory that cannot be written).
#[derive(Debug)]
pub struct Error {
    /// Where in the input the problem is.
    pub location: Option<Location>,
    /// What is wrong.
    pub message: String,
    /// The rule of the OpenAPI or JSON Schema standard the input breaks, when the failure is
    /// that (the spec is invalid, not beyond the generator): shown after [`BREAKS`].
    pub rule: Option<String>,
}

/// What [`Error`]'s `Display` writes before the rule an invalid spec breaks, so a tool reading
/// the message (the corpus run) can tell an invalid spec from a generator failure.
pub const BREAKS: &str = "; the spec breaks ";

impl Error {
    /// An error at `location`.
    pub(crate) fn at(location: &Location, message: impl Into<String>) -> Self {
        Error {
            location: Some(location.clone()),
            message: message.into(),
            rule: None,
        }
    }

    /// An error at `location` where the spec breaks `rule` of the OpenAPI or JSON Schema
    /// standard (quoted from it, with the object the rule belongs to).
    pub(crate) fn invalid(
        location: &Location,
        message: impl Into<String>,
        rule: impl Into<String>,
    ) -> Self {
        Error {
            rule: Some(rule.into()),
            ..Error::at(location, message)
        }
    }

    /// A file that cannot be read or written.
    pub(crate) fn io(path: &Path, err: std::io::Error) -> Self {
        Error {
            location: None,
            message: format!("{}: {err}", path.display()),
            rule: None,
        }
    }

    /// A failure that concerns no spec content.
    pub(crate) fn other(message: impl Into<String>) -> Self {
        Error {
            location: None,
            message: message.into(),
            rule: None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(location) => write!(f, "{location}: {}", self.message)?,
            None => f.write_str(&self.message)?,
        }
        match &self.rule {
            Some(rule) => write!(f, "{BREAKS}{rule}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for Error {}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
