"""The entry's description (Mẫu 02) saved as a draft as the facility types: htmx posts the
entry's form here (awards/templates/awards/entry_detail.html, static/js/drafts.js)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from awards import rules
from awards.forms import EntryForm
from awards.services.entries import save_entry_draft
from awards.views.common import entry_for


@require_POST
@login_required
def entry_autosave(request, pk):
    """The draft of the description, saved as the facility types (htmx, from the entry's
    form; static/js/drafts.js): what is valid is saved through the same service as the form's
    save, and a small status answers ("Draft saved at 14:32", and what was not saved, why).
    The header X-Draft-Saved says all, partial or none, for the script's unsaved-changes
    warning. A dossier no longer editable (submitted meanwhile, the round closed) answers 409
    with the reason; staff, who never edit, 403 as on the form's save."""
    entry = entry_for(request.user, pk)
    if not rules.is_entry_member(request.user, entry):
        raise PermissionDenied
    form = EntryForm(request.POST, instance=entry)
    form.is_valid()
    data = {
        name: form.cleaned_data[name]
        for name in form.service_fields
        if name in form.cleaned_data and name not in form.errors
    }
    try:
        entry, refused = save_entry_draft(actor=request.user, entry=entry, data=data)
    except PermissionDenied:
        return _draft_status(request, locked=True, status=409)
    errors = {name: list(texts) for name, texts in form.errors.items()}
    for name, texts in refused.items():
        errors.setdefault(name, []).extend(texts)
    saved = bool(set(data) - set(refused))
    return _draft_status(request, form=form, errors=errors, saved=saved)


def _draft_status(request, *, form=None, errors=None, saved=False, locked=False, status=200):
    errors = errors or {}
    rows = [
        (form[name].label if form and name in form.fields else "", texts)
        for name, texts in errors.items()
    ]
    context = {"saved_at": timezone.localtime(), "errors": rows, "saved": saved, "locked": locked}
    response = render(request, "awards/_draft_status.html", context, status=status)
    response["X-Draft-Saved"] = "none" if locked or not saved else "partial" if errors else "all"
    return response
