"""Helpers the award services share."""

from typing import Any


def set_fields(instance, data: dict[str, Any], allowed: list[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)
