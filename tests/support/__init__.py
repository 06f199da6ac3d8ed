"""Helpers that several test files share: fixture records, built pages, sites, the minimal dataset."""
