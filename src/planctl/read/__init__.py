"""Submission files in (CSV, workbooks), observations with their place out."""
