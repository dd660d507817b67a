//! The integration tests: one binary, a module per feature. Fixture sites
//! live under `tests/fixtures/<feature>/<case>/`; `support` copies one into
//! a fresh temporary project and runs the real `handbook` binary on it.

mod support;

mod browser;
mod determinism;
mod editors;
mod errors;
mod folding;
mod fuzz;
mod incremental;
mod interrupt;
mod limits;
mod paths;
mod print;
mod safety;
mod search;
mod serve;
mod serve_updates;
mod site;
mod training;
