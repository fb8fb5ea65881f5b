"""What every serializer of the API shares: the date formats it accepts, and the model serializer
that leaves value rules to the services.

Serializers parse input and render output; they hold no business rule. Rules (tax-code check
digit, ward in province, uniqueness, which roles an actor may create, password strength) live in
the models, validators and services, which the viewsets call with the parsed data. Their Django
ValidationErrors become field-level 400 answers in api.exceptions.
"""

from rest_framework import serializers

# Dates are accepted as the Vietnamese forms print them (dd/mm/yyyy) or in ISO 8601; they are
# answered in ISO 8601.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "iso-8601"]


class ServiceModelSerializer(serializers.ModelSerializer):
    """A model serializer that parses types and leaves value rules (validators, ranges) to the
    model's full_clean, which the service runs once with the cross-field rules: the rules are
    not run twice with two sets of messages."""

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        for rule in ("validators", "min_value", "max_value"):
            kwargs.pop(rule, None)
        if issubclass(field_class, serializers.DateField):
            kwargs["input_formats"] = DATE_INPUT_FORMATS
        return field_class, kwargs
