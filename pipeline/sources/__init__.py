"""Fetching sources of new documents (folders, feeds, listings) and ingesting them."""
