"""Tests of planctl.domain."""
