"""The ground floor: the plan's vocabulary, numbers as people write them, problems.

No input or output, no pydantic, no polars: everything above builds on this."""
