// Search: filled in by the search index (see src/render/search.rs).
