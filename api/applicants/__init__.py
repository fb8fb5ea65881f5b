"""The facilities API."""
