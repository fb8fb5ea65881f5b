"""Helpers every domain service uses to write what a form or the API sent."""

from typing import Any

from django.core.exceptions import ValidationError


def set_fields(instance, data: dict[str, Any], allowed) -> None:
    """Set the fields of `data` on `instance`; a field outside `allowed` is a programming error."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)


def full_clean_errors(instance, *, exclude=None, all_to: str = "") -> dict[str, list[str]]:
    """full_clean's errors by field ({} when valid); errors of no field go to `all_to` when
    given (a constraint on two dates belongs to the later one)."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        errors: dict[str, list[str]] = {}
        for key, messages in error.message_dict.items():
            errors.setdefault(all_to if key == "__all__" and all_to else key, []).extend(messages)
        return errors
    return {}
