"""Translations: which version of its source a page translates, and what it must keep."""
