//! A browser-only article viewer: article JSON in, an accessible, readable page out.
//!
//! [`model`] is pure Rust (parse, validate, derive); [`load`] fetches documents in the browser;
//! [`view`] holds the Leptos components that only render what the model prepared.

pub mod model;
