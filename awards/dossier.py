"""What an entry's dossier must hold before it can be submitted (TT 14/2018/TT-BCT)."""

from django.utils.translation import gettext as _

from awards.models import DESCRIPTION, Attachment, Entry, Level

MIN_PHOTOS = 3  # "ít nhất 03 ảnh màu" with the product description

# Documents every level needs, and what the higher levels add: the lower level's recognition.
BASE_DOCUMENTS = (
    Attachment.Kind.REGISTRATION_FORM,
    Attachment.Kind.DESCRIPTION,
    Attachment.Kind.BUSINESS_REGISTRATION,
)
HIGHER_LEVEL_DOCUMENTS = (
    Attachment.Kind.LOWER_LEVEL_DECISION,
    Attachment.Kind.LOWER_LEVEL_CERTIFICATE,
)

# What a submitted entry must fill: the product's name and the required fields of Mẫu 02.
REQUIRED_FIELDS = ("product_name", *(field.name for field in DESCRIPTION if field.required))


def required_documents(level: str) -> tuple[str, ...]:
    if level in (Level.REGION, Level.NATION):
        return BASE_DOCUMENTS + HIGHER_LEVEL_DOCUMENTS
    return BASE_DOCUMENTS


def missing_for_submission(entry: Entry) -> list[str]:
    """Everything still missing, one message each, in the order of the form."""
    missing = []
    for name in REQUIRED_FIELDS:
        if not str(getattr(entry, name) or "").strip():
            label = Entry._meta.get_field(name).verbose_name
            missing.append(_("Fill in “%s”.") % label)
    # Through .all(), so that a page listing many entries can prefetch their attachments.
    kinds = [attachment.kind for attachment in entry.attachments.all()]
    photos = kinds.count(Attachment.Kind.PHOTO)
    if photos < MIN_PHOTOS:
        missing.append(
            _("Add at least %(min)d photos of the product (%(count)d so far).")
            % {"min": MIN_PHOTOS, "count": photos}
        )
    for kind in required_documents(entry.round.level):
        if kind not in kinds:
            missing.append(_("Attach the document “%s”.") % Attachment.Kind(kind).label)
    return missing
