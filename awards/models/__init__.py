"""Product award rounds (bình chọn sản phẩm CNNT tiêu biểu, TT 26/2014/TT-BCT as amended),
one module per concern. Everything is importable from `awards.models`."""

from awards.models.attachments import Attachment
from awards.models.criteria import (
    CriteriaTemplate,
    CriterionBase,
    RoundCriterion,
    TemplateCriterion,
)
from awards.models.entries import Entry, product_key
from awards.models.rounds import LEVEL_LETTERS, AwardRound, Level, ProductGroup
from awards.models.screening import ScreeningCheck, ScreeningCondition

__all__ = [
    "LEVEL_LETTERS",
    "Attachment",
    "AwardRound",
    "CriteriaTemplate",
    "CriterionBase",
    "Entry",
    "Level",
    "ProductGroup",
    "RoundCriterion",
    "ScreeningCheck",
    "ScreeningCondition",
    "TemplateCriterion",
    "product_key",
]
