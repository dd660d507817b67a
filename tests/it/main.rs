//! The integration tests: one binary, a module per feature. Fixture sites
//! live under `tests/fixtures/<feature>/<case>/`; `support` copies one into
//! a fresh temporary project and runs the real `handbook` binary on it.

mod support;

mod determinism;
mod errors;
mod fuzz;
mod interrupt;
mod limits;
mod paths;
mod safety;
mod site;
