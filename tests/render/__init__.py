"""Tests of planctl.render."""
