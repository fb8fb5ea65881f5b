"""The tickets' workflow: closing by the owner or by staff (two steps to one state for different
actors), archiving by staff in two ways from a closed ticket (two steps to one state for the
same actor: `to` is ambiguous there), an effect that sets a field, an after-commit effect."""

from core.roles import Role
from core.workflow import Transition, Workflow, by_roles
from tests.workflow_app.models import Ticket

T = Ticket.State
staff = by_roles(Role.OFFICER, Role.ADMIN)

# What the after-commit effects did, in order: the tests read and clear it.
DELIVERED: list[tuple[str, int]] = []


def owner(user, ticket) -> bool:
    return user.pk == ticket.owner_id


def folder_open(ticket, change) -> list[str]:
    return [] if ticket.folder.is_open else ["The folder is closed."]


def record_resolution(ticket, change) -> None:
    ticket.resolution = change.note or "done"


def deliver(ticket, change) -> None:
    DELIVERED.append((change.name, ticket.pk))


Ticket.workflow = Workflow(
    state_field="state",
    locks=("folder",),
    transitions=[
        Transition(
            "close",
            (T.OPEN,),
            T.CLOSED,
            owner,
            label="Close",
            confirm=lambda ticket, on: f"Close ticket {ticket.pk}?",
            requires=(folder_open,),
            effects=(record_resolution,),
            after_commit=(deliver,),
        ),
        Transition(
            "close_for_owner",
            (T.OPEN,),
            T.CLOSED,
            staff,
            label="Close for the owner",
            requires=(folder_open,),
            effects=(record_resolution,),
        ),
        Transition("archive", (T.CLOSED,), T.ARCHIVED, staff, label="Archive"),
        Transition(
            "archive_quietly", (T.CLOSED,), T.ARCHIVED, staff, label="Archive without notice"
        ),
    ],
)
