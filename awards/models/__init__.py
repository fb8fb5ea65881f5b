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
    SCREENED_IN,
    DescriptionField,
    Entry,
    EntryState,
    product_key,
)
from awards.models.judging import (
    POINTS_STEP,
    SCORING_ROLES,
    Conflict,
    ConflictDeclaration,
    Panel,
    PanelMember,
    PanelRole,
    Score,
    ScoreSheet,
    SheetState,
)
from awards.models.results import Certificate, Nomination, Recognition
from awards.models.rounds import LEVEL_LETTERS, AwardRound, Level, Phase, ProductGroup, RoundState
from awards.models.screening import ScreeningCheck, ScreeningCondition

__all__ = [
    "DESCRIPTION",
    "DESCRIPTION_FIELDS",
    "ENTRY_FIELDS",
    "LEVEL_LETTERS",
    "POINTS_STEP",
    "SCORING_ROLES",
    "SCREENED_IN",
    "Attachment",
    "AttachmentKind",
    "AwardRound",
    "Certificate",
    "Conflict",
    "ConflictDeclaration",
    "CriteriaTemplate",
    "CriterionBase",
    "DescriptionField",
    "Entry",
    "EntryState",
    "Level",
    "Nomination",
    "Panel",
    "PanelMember",
    "PanelRole",
    "Phase",
    "ProductGroup",
    "Recognition",
    "RoundCriterion",
    "RoundState",
    "Score",
    "ScoreSheet",
    "ScreeningCheck",
    "ScreeningCondition",
    "SheetState",
    "TemplateCriterion",
    "product_key",
]
