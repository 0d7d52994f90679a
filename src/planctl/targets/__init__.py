"""The targets file: YAML in, validated models out, every problem tied to its line."""
