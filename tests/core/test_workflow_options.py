"""core.workflow's offer of steps (Workflow.options: the confirmation for today, what blocks a
step, whether it needs a note), a note rule of the object and the change, and
core.history.state_since (what happened, in words, for a page left open)."""

import datetime

import pytest
from django.utils import timezone

from core.activity import history_of
from core.history import state_since
from core.workflow import Change, Transition, by_roles, transition
from tests.factories import UserFactory
from tests.workflow_app.models import Folder, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(db):
    return UserFactory(role="applicant", full_name="Trần Thị Bích")


@pytest.fixture
def ticket(owner):
    return Ticket.objects.create(folder=Folder.objects.create(), owner=owner)


def test_options_list_the_user_s_steps_with_confirmation_and_nothing_blocking(ticket, owner):
    options = Ticket.workflow.options(owner, ticket)

    assert [
        (o.step.name, o.step.label, o.step.target, o.confirm, o.blocked, o.note_required)
        for o in options
    ] == [("close", "Close", "closed", f"Close ticket {ticket.pk}?", [], None)]


def test_options_say_what_blocks_a_step_without_refusing_it(ticket, owner, officer):
    Folder.objects.filter(pk=ticket.folder_id).update(is_open=False)
    ticket.folder.refresh_from_db()

    options = Ticket.workflow.options(officer, ticket)

    assert [(o.step.name, o.blocked) for o in options] == [
        ("close_for_owner", ["The folder is closed."])
    ]


def test_confirmation_is_worded_for_the_day_given(ticket):
    seen = []
    step = Transition(
        "close",
        ("open",),
        "closed",
        by_roles(),
        label="Close",
        confirm=lambda obj, on: seen.append(on) or f"Close on {on:%d/%m}?",
    )
    day = datetime.date(2027, 1, 16)

    assert step.confirmation(ticket, day) == "Close on 16/01?"
    assert step.confirmation(ticket) == f"Close on {timezone.localdate():%d/%m}?"
    assert seen == [day, timezone.localdate()]


def change_on(day: datetime.date, note: str = "") -> Change:
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return Change(
        actor=None, name="close", source="open", target="closed", on=day, at=at, note=note
    )


def test_note_rule_of_the_object_and_the_change():
    def before_new_year(obj, change):
        return "Say why before the new year." if change.on.month == 12 else None

    step = Transition(
        "close", ("open",), "closed", by_roles(), label="Close", needs_note=before_new_year
    )
    fixed = Transition("close", ("open",), "closed", by_roles(), label="Close", needs_note="Why?")

    assert step.note_missing(None, change_on(datetime.date(2026, 12, 1))) == (
        "Say why before the new year."
    )
    assert step.note_missing(None, change_on(datetime.date(2027, 1, 2))) is None
    assert fixed.note_missing(None, change_on(datetime.date(2027, 1, 2))) == "Why?"


def test_state_since_words_the_last_transition_with_its_time(ticket, owner):
    transition(ticket, action="close", actor=owner)
    at = timezone.localtime(history_of(ticket).get().created_at)
    ticket.refresh_from_db()

    # The tickets' steps say nothing of what they did ("done"): the state and its time.
    assert state_since(ticket) == (f"Ở trạng thái “Closed” từ {at:%H:%M} ngày {at:%d/%m/%Y}.")
    assert state_since(ticket, with_actor=True) == (
        f"Ở trạng thái “Closed” từ {at:%H:%M} ngày {at:%d/%m/%Y} (Trần Thị Bích)."
    )


def test_state_since_without_a_logged_transition_names_the_state(ticket):
    assert state_since(ticket) == "Hiện ở trạng thái “Open”."
