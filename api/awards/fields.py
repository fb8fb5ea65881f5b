"""Fields the award serializers share: product groups by code, and the named choice
components of the schema."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from awards.models import (
    Attachment,
    AwardRound,
    Entry,
    ProductGroup,
)


class GroupCodesField(serializers.SlugRelatedField):
    """Product groups by their official code (1–4)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        kwargs.setdefault("queryset", ProductGroup.objects.all())
        super().__init__(**kwargs)


# The same choices under one field name in several components make drf-spectacular warn about
# enum naming; a named component per choice set answers that without a global setting.
@extend_schema_field(
    serializers.ChoiceField(choices=AwardRound.State.choices), component_name="RoundStateEnum"
)
class RoundStateField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=AwardRound.State.choices, **kwargs)


@extend_schema_field(
    serializers.ChoiceField(choices=Entry.State.choices), component_name="EntryStateEnum"
)
class EntryStateField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Entry.State.choices, **kwargs)


@extend_schema_field(
    serializers.ChoiceField(choices=Attachment.Kind.choices), component_name="AttachmentKindEnum"
)
class AttachmentKindField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Attachment.Kind.choices, **kwargs)
