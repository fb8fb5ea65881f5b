"""A bulk screening tells each facility once its decision commits, and sends the e-mails of the
whole selection together: one connection to the mail server, not one per entry (each of which
may wait EMAIL_TIMEOUT for a server that does not answer); past SEND_NOW_MAX they are left to
send_notification_emails. Real commits (transaction=True): the after-commit effects run where
they run in production, inside the bulk operation's emails_together()."""

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from awards.models import Entry
from awards.services import bulk_transition
from core.workflow import transition
from notifications import services
from notifications.models import EmailStatus, Notification
from tests.factories import EntryFactory, FacilityMemberFactory, complete_dossier


class CountingBackend(EmailBackend):
    """The test outbox, counting the connections opened to it."""

    opened = 0

    def open(self):
        type(self).opened += 1
        return super().open()


@pytest.fixture
def counting_mailer(settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.CountingBackend"}}
    CountingBackend.opened = 0
    return CountingBackend


def submitted_entries(award_round, count: int) -> list[Entry]:
    """`count` submitted entries, each of its own facility with its own member."""
    entries = []
    for _ in range(count):
        member = FacilityMemberFactory()  # an applicant with an e-mail address
        entry = EntryFactory(round=award_round, facility=member.facility)
        complete_dossier(entry)
        entries.append(transition(entry, to=Entry.State.SUBMITTED, actor=member.user))
    return entries


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_bulk_decision_sends_its_emails_over_one_connection(
    award_round, officer, counting_mailer
):
    entries = submitted_entries(award_round, 4)
    mail.outbox = []
    counting_mailer.opened = 0

    bulk_transition(actor=officer, entries=entries, to=Entry.State.ELIGIBLE)

    assert Notification.objects.filter(kind="entry_eligible").count() == 4
    assert len(mail.outbox) == 4
    assert counting_mailer.opened == 1
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_bulk_decision_past_the_limit_leaves_its_emails_to_the_command(
    award_round, officer, counting_mailer, monkeypatch
):
    monkeypatch.setattr(services, "SEND_NOW_MAX", 2)
    entries = submitted_entries(award_round, 3)
    mail.outbox = []
    counting_mailer.opened = 0

    bulk_transition(actor=officer, entries=entries, to=Entry.State.ELIGIBLE)

    rows = Notification.objects.filter(kind="entry_eligible")
    assert rows.count() == 3
    assert mail.outbox == []
    assert counting_mailer.opened == 0
    # Pending and not taken up: the command sends them on its next run.
    assert set(rows.values_list("email_status", "email_attempted_at")) == {
        (EmailStatus.PENDING, None)
    }
    sent, failed, _left = services.retry_emails()
    assert (sent, failed) == (3, 0)
    assert len(mail.outbox) == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_refused_bulk_decision_tells_nobody(award_round, officer, counting_mailer):
    entries = submitted_entries(award_round, 2)
    member = entries[1].facility.memberships.get().user
    transition(entries[1], to=Entry.State.WITHDRAWN, actor=member)
    mail.outbox = []

    with pytest.raises(Exception):  # noqa: B017 (the refusal is the service's ValidationError)
        bulk_transition(actor=officer, entries=entries, to=Entry.State.ELIGIBLE)

    assert Notification.objects.filter(kind="entry_eligible").count() == 0
    assert mail.outbox == []
