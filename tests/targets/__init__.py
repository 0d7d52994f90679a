"""Tests of planctl.targets."""
