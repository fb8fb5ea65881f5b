"""The printable Mẫu 01 and Mẫu 02 of an entry, filled from its data (awards.printouts): a page to
print, and a .docx to download. Whoever may see the entry may print its forms: the facility's
members and staff (404 for anyone else, as on the entry page)."""

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from awards import printouts, rules
from awards.models import Entry
from awards.printouts.word import CONTENT_TYPE, render_docx
from awards.views.common import entry_for
from core.http import require_safe


def file_name(code: str, entry: Entry) -> str:
    """ "mau-01-T2026-2-007.docx", or with the entry's id before it has a voting code: ASCII
    only, so every browser and mail client keeps it."""
    key = entry.voting_code or f"ho-so-{entry.pk}"
    key = re.sub(r"[^A-Za-z0-9-]+", "-", key).strip("-") or str(entry.pk)
    return f"{code}-{key}.docx"


@require_safe
@login_required
def printout_page(request, pk, form):
    entry = entry_for(request.user, pk)
    context = {
        "entry": entry,
        "printout": printouts.build(form, entry),
        "docx_url": reverse(f"awards:entry-{form}-docx", args=[entry.pk]),
        "member": rules.is_entry_member(request.user, entry),
    }
    return render(request, "awards/print_form.html", context)


@require_safe
@login_required
def printout_docx(request, pk, form):
    entry = entry_for(request.user, pk)
    response = HttpResponse(render_docx(printouts.build(form, entry)), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name(form, entry)}"'
    # The document holds the facility's data: not for shared caches.
    response["Cache-Control"] = "private, no-store"
    return response
