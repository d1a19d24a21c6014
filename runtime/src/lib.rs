//! Runtime placeholder.
