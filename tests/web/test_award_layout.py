"""Every award page keeps to the Content-Security-Policy: no inline style or script, nothing
loaded from another site, only the vendored scripts of base.html."""

import re

import pytest
from django.urls import reverse

from tests.factories import AwardRoundFactory, EntryFactory

# (persona, URL name, which object's pk)
PAGES = [
    ("applicant", "awards:open-rounds", None),
    ("applicant", "awards:my-entries", None),
    ("applicant", "awards:entry-register", "round"),
    ("applicant", "awards:round-detail", "round"),
    ("applicant", "awards:entry-detail", "entry"),
    ("applicant", "awards:entry-withdraw", "entry"),
    ("applicant", "awards:entry-detail", "submitted"),
    ("officer", "awards:round-list", None),
    ("officer", "awards:round-create", None),
    ("officer", "awards:round-detail", "round"),
    ("officer", "awards:round-detail", "draft"),
    ("officer", "awards:round-edit", "round"),
    ("officer", "awards:round-entries", "round"),
    ("officer", "awards:entry-detail", "submitted"),
    ("officer", "awards:entry-screening", "submitted"),
    ("manager", "awards:round-detail", "deliberation"),
    ("manager", "awards:round-entries", "round"),
]


@pytest.mark.parametrize(("persona", "url_name", "target"), PAGES)
def test_award_page_has_no_inline_style_or_script(
    persona, url_name, target, personas, client_as, award_round, draft_round, submitted_entry
):
    objects = {
        "round": award_round,
        "draft": draft_round,
        "entry": EntryFactory(round=award_round, facility=submitted_entry.facility),
        "submitted": submitted_entry,
        "deliberation": AwardRoundFactory(state="deliberation"),
    }
    args = [objects[target].pk] if target else None

    response = client_as(personas[persona]).get(reverse(url_name, args=args))
    html = response.text

    assert response.status_code == 200
    assert re.findall(r"\sstyle=", html) == []
    assert "<style" not in html
    # base.html's scripts; the editable entry page adds the one saving its description's draft.
    drafts = persona == "applicant" and url_name == "awards:entry-detail" and target == "entry"
    assert re.findall(r"<script\b[^>]*>", html) == [
        '<script src="/static/vendor/htmx-2.0.11/htmx.min.js" defer>',
        '<script src="/static/vendor/bootstrap-5.3.9/bootstrap.bundle.min.js" defer>',
        '<script src="/static/js/forms.js" defer>',
        '<script src="/static/js/uploads.js" defer>',
        '<script src="/static/js/confirm.js" defer>',
        *(['<script src="/static/js/drafts.js" defer>'] if drafts else []),
    ]
    assert re.findall(r"\son[a-z]+=", html) == []
    assert re.findall(r'(?:src|href)="(?:https?:)?//', html) == []
