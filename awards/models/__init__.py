"""Product award rounds (bình chọn sản phẩm CNNT tiêu biểu, TT 26/2014/TT-BCT as amended),
one module per concern. Everything is importable from `awards.models`."""

from awards.models.attachments import Attachment, AttachmentKind
from awards.models.criteria import (
    CriteriaTemplate,
    CriterionBase,
    RoundCriterion,
    TemplateCriterion,
)
from awards.models.entries import (
    DESCRIPTION,
    DESCRIPTION_FIELDS,
    ENTRY_FIELDS,
    DescriptionField,
    Entry,
    EntryState,
    product_key,
)
from awards.models.rounds import LEVEL_LETTERS, AwardRound, Level, Phase, ProductGroup, RoundState
from awards.models.screening import ScreeningCheck, ScreeningCondition

__all__ = [
    "DESCRIPTION",
    "DESCRIPTION_FIELDS",
    "ENTRY_FIELDS",
    "LEVEL_LETTERS",
    "Attachment",
    "AttachmentKind",
    "AwardRound",
    "CriteriaTemplate",
    "CriterionBase",
    "DescriptionField",
    "Entry",
    "EntryState",
    "Level",
    "Phase",
    "ProductGroup",
    "RoundCriterion",
    "RoundState",
    "ScreeningCheck",
    "ScreeningCondition",
    "TemplateCriterion",
    "product_key",
]
