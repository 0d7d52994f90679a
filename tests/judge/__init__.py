"""Tests of planctl.judge."""
