"""What every serializer of the API shares: the date formats it accepts, and the model serializer
that leaves value rules to the services.

Serializers parse input and render output; they hold no business rule. Rules (tax-code check
digit, ward in province, uniqueness, which roles an actor may create, password strength) live in
the models, validators and services, which the viewsets call with the parsed data. Their Django
ValidationErrors become field-level 400 answers in api.exceptions.
"""

from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
from django.db import models
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.text import clean_text

# Dates are accepted as the Vietnamese forms print them (dd/mm/yyyy) or in ISO 8601; they are
# answered in ISO 8601.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "iso-8601"]


class TextField(serializers.CharField):
    """DRF's CharField, cleaning the text as it will be stored (core.text.clean_text: NFC, no
    invisible characters) before its checks: a length limit counts the characters stored, and
    an invisible-only value is a blank one. `multiline` keeps line breaks."""

    def __init__(self, *, multiline: bool = False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def run_validation(self, data=serializers.empty):
        # Before DRF's own steps (blank, trimming, length), so they see the stored text.
        if isinstance(data, str):
            data = clean_text(data, multiline=self.multiline)
        return super().run_validation(data)


class PrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """DRF's, refusing a NUL character before the lookup: PostgreSQL cannot compare a text
    holding one (DataError, a 500) and a key never holds one (a province's or ward's code)."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            ProhibitNullCharactersValidator()(data)
        return super().to_internal_value(data)


class ServiceModelSerializer(serializers.ModelSerializer):
    """A model serializer that parses types and leaves value rules (validators, ranges) to the
    model's full_clean, which the service runs once with the cross-field rules: the rules are
    not run twice with two sets of messages, and every error of a body is reported at once.

    The ranges of the model's fields (min_value, max_value) stay on the serializer's fields,
    so that the schema states them, but their validators are taken off: the service checks
    them. Lengths and digits are checked here as DRF does (max_length, max_digits)."""

    serializer_related_field = PrimaryKeyRelatedField

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        kwargs.pop("validators", None)
        if field_class is serializers.CharField:
            field_class = TextField
            kwargs["multiline"] = isinstance(model_field, models.TextField)
        if issubclass(field_class, serializers.DateField):
            kwargs["input_formats"] = DATE_INPUT_FORMATS
        return field_class, kwargs

    def get_fields(self):
        fields = super().get_fields()
        declared = set(self._declared_fields)
        for name, field in fields.items():
            if name not in declared and not field.read_only:
                field.validators = [
                    validator
                    for validator in field.validators
                    if not isinstance(validator, MinValueValidator | MaxValueValidator)
                ]
        return fields


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.Field):
    """The label of a choice field's value (`state_label` of `state`), read-only.

    Reads the model field's choices once per language instead of calling get_FOO_display for
    each row, which rebuilds the whole choice table every time (a list of 100 entries with
    their checklists spent a third of its time there; see bench/README.md)."""

    def __init__(self, model_field: str, **kwargs):
        kwargs.update(source=model_field, read_only=True)
        super().__init__(**kwargs)
        self._labels: dict[str, dict] = {}

    def to_representation(self, value):
        language = get_language()
        labels = self._labels.get(language)
        if labels is None:
            field = self.parent.Meta.model._meta.get_field(self.source)
            labels = self._labels[language] = {key: str(label) for key, label in field.flatchoices}
        return labels.get(value, value)
