"""Forms of the programme pages. They only parse input: the services (programs/services/) and
core.workflow.transition validate and save, and their errors come back through
core.forms.add_service_errors."""

from programs.forms.proposals import (
    ApplyForm,
    EquipmentRowFormSet,
    LineRowFormSet,
    ProposalForm,
    ProposalListFilter,
)
from programs.forms.reference import AddProposalsForm, CouncilForm, SupportRuleForm
from programs.forms.steps import (
    AcceptanceForm,
    ConclusionForm,
    ContractForm,
    ItemCheckForm,
    OpinionForm,
    PaymentForm,
    StepForm,
)

__all__ = [
    "AcceptanceForm",
    "AddProposalsForm",
    "ApplyForm",
    "ConclusionForm",
    "ContractForm",
    "CouncilForm",
    "EquipmentRowFormSet",
    "ItemCheckForm",
    "LineRowFormSet",
    "OpinionForm",
    "PaymentForm",
    "ProposalForm",
    "ProposalListFilter",
    "StepForm",
    "SupportRuleForm",
]
