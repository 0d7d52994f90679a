"""Tests of planctl.authoring."""
