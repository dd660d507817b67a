//! The integration tests: one binary, a module per feature. Fixture sites
//! live under `tests/fixtures/<feature>/<case>/`; `support` copies one into
//! a fresh temporary project and runs the real `handbook` binary on it.

mod support;

mod editors;
mod errors;
mod incremental;
mod site;
