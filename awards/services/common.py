"""Helpers the award services share."""

from core.editing import set_fields

__all__ = ["set_fields"]
