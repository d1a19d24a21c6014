//! apigen
