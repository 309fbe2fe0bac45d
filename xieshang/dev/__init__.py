"""Development tools, never imported by the product: the demo and scale generators, the
benchmark and the serving harness the browser tests share with it."""
