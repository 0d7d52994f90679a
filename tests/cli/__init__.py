"""Tests of planctl.cli."""
