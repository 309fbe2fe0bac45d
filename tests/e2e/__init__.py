"""End-to-end tests: a package, so its conftest is `e2e.conftest` beside the suite's own."""
