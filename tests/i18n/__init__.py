"""Tests of planctl.i18n."""
