"""Forms of the award pages, one module per concern. They only parse input: the services
(awards/services/) and core.workflow.transition validate and save, and their errors come back
through core.forms.add_service_errors. Everything is importable from `awards.forms`."""

from awards.forms.criteria import CriteriaTemplateForm, CriterionRowForm, CriterionRowFormSet
from awards.forms.entries import AttachmentUploadForm, EntryForm, EntryRegisterForm, NoteForm
from awards.forms.rounds import RoundForm, RoundTransitionForm
from awards.forms.screening import BulkActionForm, ScreeningForm

__all__ = [
    "AttachmentUploadForm",
    "BulkActionForm",
    "CriteriaTemplateForm",
    "CriterionRowForm",
    "CriterionRowFormSet",
    "EntryForm",
    "EntryRegisterForm",
    "NoteForm",
    "RoundForm",
    "RoundTransitionForm",
    "ScreeningForm",
]
