"""core.workflow itself, on the tickets of tests/workflow_app: choosing a step by name or by
target, two steps to one state, the log row, the conditional update, after-commit effects, stale
clients."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.activity import history_of
from core.workflow import Transition, TransitionConflict, Workflow, transition
from tests.factories import UserFactory
from tests.workflow_app import workflows
from tests.workflow_app.models import Folder, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(db):
    return UserFactory(role="applicant")


@pytest.fixture
def ticket(owner):
    return Ticket.objects.create(folder=Folder.objects.create(), owner=owner)


@pytest.fixture(autouse=True)
def no_deliveries():
    workflows.DELIVERED.clear()
    yield
    workflows.DELIVERED.clear()


def test_transition_by_action_name_moves_and_logs_the_name(ticket, owner):
    moved = transition(ticket, action="close", actor=owner, note="Fixed")

    assert moved.state == "closed"
    log = history_of(ticket).get()
    assert (log.action, log.transition) == ("transition", "close")
    assert log.actor == owner


def test_two_steps_to_one_state_each_for_its_actor(owner, officer):
    folder = Folder.objects.create()
    mine = Ticket.objects.create(folder=folder, owner=owner)
    theirs = Ticket.objects.create(folder=folder, owner=owner)

    # By target, each actor has exactly one step to "closed": it is chosen for them.
    transition(mine, to="closed", actor=owner)
    transition(theirs, to="closed", actor=officer)

    assert history_of(mine).get().transition == "close"
    assert history_of(theirs).get().transition == "close_for_owner"


def test_transition_by_target_refused_when_several_steps_lead_there(ticket, owner, officer):
    transition(ticket, action="close", actor=owner)

    with pytest.raises(ValidationError) as caught:
        transition(ticket, to="archived", actor=officer)

    assert caught.value.error_dict["to"][0].code == "ambiguous"
    assert "archive, archive_quietly" in caught.value.messages[0]
    assert transition(ticket, action="archive_quietly", actor=officer).state == "archived"


def test_transition_by_name_of_another_actors_step_is_forbidden(ticket, officer):
    with pytest.raises(PermissionDenied):
        transition(ticket, action="close", actor=officer)
    ticket.refresh_from_db()
    assert ticket.state == "open"


def test_transition_by_name_from_the_wrong_state_is_refused_on_action(ticket, officer):
    with pytest.raises(ValidationError) as caught:
        transition(ticket, action="archive", actor=officer)

    assert caught.value.error_dict["action"][0].code == "invalid_transition"


@pytest.mark.parametrize(
    ("arguments", "key", "code"),
    [
        ({}, "action", "required"),
        ({"action": "close", "to": "closed"}, "action", "required"),
        ({"action": "reopen"}, "action", "unknown_action"),
        ({"to": "deleted"}, "to", "unknown_state"),
    ],
)
def test_transition_request_must_name_one_known_step_or_state(ticket, owner, arguments, key, code):
    with pytest.raises(ValidationError) as caught:
        transition(ticket, actor=owner, **arguments)

    assert caught.value.error_dict[key][0].code == code


def test_what_effects_change_is_logged_before_and_after_in_the_same_row(ticket, owner):
    transition(ticket, action="close", actor=owner, note="Replaced the part")

    log = history_of(ticket).get()
    assert log.before == {"state": "open", "resolution": ""}
    assert log.after == {"state": "closed", "resolution": "Replaced the part"}
    ticket.refresh_from_db()
    assert ticket.resolution == "Replaced the part"


def test_the_conditional_update_sets_updated_at(ticket, owner):
    before = Ticket.objects.get(pk=ticket.pk).updated_at

    moved = transition(ticket, action="close", actor=owner)

    assert moved.updated_at > before


def test_a_guard_reads_the_parent_as_stored_not_the_callers_copy(ticket, owner):
    stale = Ticket.objects.select_related("folder").get(pk=ticket.pk)
    Folder.objects.filter(pk=ticket.folder_id).update(is_open=False)

    with pytest.raises(ValidationError) as caught:
        transition(stale, action="close", actor=owner)

    assert caught.value.messages == ["The folder is closed."]


def test_stale_client_gets_a_conflict_with_the_current_state(ticket, owner, officer):
    transition(ticket, action="close", actor=owner)

    with pytest.raises(TransitionConflict) as caught:
        transition(ticket, action="archive", expected="open", actor=officer)

    assert caught.value.state == "closed"
    assert caught.value.code == "conflict"
    assert Ticket.objects.get(pk=ticket.pk).state == "closed"


def test_client_that_saw_the_current_state_moves_it(ticket, owner):
    assert transition(ticket, action="close", expected="open", actor=owner).state == "closed"


def test_after_commit_effect_runs_once_the_transaction_commits(
    ticket, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        transition(ticket, action="close", actor=owner)
        assert workflows.DELIVERED == []

    assert len(callbacks) == 1
    assert [("close", ticket.pk)] == workflows.DELIVERED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_commit_effect_does_not_run_when_the_transaction_rolls_back(owner):
    ticket = Ticket.objects.create(folder=Folder.objects.create(), owner=owner)

    with pytest.raises(RuntimeError), transaction.atomic():
        transition(ticket, action="close", actor=owner)
        raise RuntimeError("the rest of the operation failed")

    assert workflows.DELIVERED == []
    assert Ticket.objects.get(pk=ticket.pk).state == "open"
    assert not history_of(ticket).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_commit_effect_runs_after_a_real_commit(owner):
    ticket = Ticket.objects.create(folder=Folder.objects.create(), owner=owner)

    transition(ticket, action="close", actor=owner)

    assert [("close", ticket.pk)] == workflows.DELIVERED


def test_available_steps_and_their_confirmation(ticket, owner, officer):
    mine = [t.name for t in Ticket.workflow.available(owner, ticket)]
    staffs = [t.name for t in Ticket.workflow.available(officer, ticket)]

    assert mine == ["close"]
    assert staffs == ["close_for_owner"]
    assert Ticket.workflow.get("close").confirmation(ticket) == f"Close ticket {ticket.pk}?"
    assert Ticket.workflow.get("close_for_owner").confirmation(ticket) == ""


def test_workflow_refuses_two_steps_with_one_name():
    step = Transition("go", ("a",), "b", lambda user, obj: True, label="Go")

    with pytest.raises(ValueError, match="unique"):
        Workflow(state_field="state", transitions=[step, step])
