"""Writing targets files: a plan's text, extract, draft, lint, the template."""
