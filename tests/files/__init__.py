"""Tests of planctl.files."""
