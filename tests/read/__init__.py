"""Tests of planctl.read."""
