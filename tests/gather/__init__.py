"""Tests of planctl.gather."""
