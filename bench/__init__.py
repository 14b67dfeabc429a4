"""Build-time benchmark: a seeded generator of synthetic content folders and a timing harness."""
