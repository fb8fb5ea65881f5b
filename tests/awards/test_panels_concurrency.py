"""Concurrent changes of a round's panels and its judges' conflicts (awards.services.judging):
each takes the round's row lock first, so the checks read what is stored.

- Two officers give the same group to two panels at once: without the lock both would see no
  other panel judging it and both commit; with it, the second waits and is refused.
- A judge declares a conflict while judging starts: whichever goes first, the judge holds no
  counted sheet of that facility's entry (assigned without it, or voided by the declaration).
"""

import pytest
from django.core.exceptions import ValidationError

from awards.models import AwardRound, Panel, ProductGroup, ScoreSheet
from awards.services import create_panel, declare_conflicts
from core.roles import Role
from core.workflow import transition
from tests.concurrency import race
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    PanelFactory,
    PanelMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_panels_never_both_take_a_group(officer):
    award_round = AwardRoundFactory(state="screening")
    group = ProductGroup.objects.get(code=2)
    first_judge, second_judge = (UserFactory(role=Role.JUDGE) for _ in range(2))

    def make(name, judge):
        return lambda: create_panel(
            actor=officer,
            award_round=AwardRound.objects.get(pk=award_round.pk),
            name=name,
            product_groups=[group],
            members=[(judge, "chair")],
        )

    outcomes = race(make("Hội đồng A", first_judge), make("Hội đồng B", second_judge))

    assert outcomes[0].ok
    assert isinstance(outcomes[1].error, ValidationError)
    assert list(outcomes[1].error.message_dict) == ["product_groups"]
    assert list(Panel.objects.values_list("name", flat=True)) == ["Hội đồng A"]


@pytest.fixture
def startable(officer):
    award_round = AwardRoundFactory(state="screening", min_score_sheets=2)
    panel = PanelFactory(round=award_round)
    judges = [UserFactory(role=Role.JUDGE) for _ in range(3)]
    for index, judge in enumerate(judges):
        PanelMemberFactory(panel=panel, judge=judge, role="chair" if index == 0 else "member")
    entry = EntryFactory(round=award_round, state="eligible")
    return award_round, judges[2], entry


@pytest.mark.parametrize("declaration_first", [True, False])
def test_a_conflict_declared_while_judging_starts_is_never_counted(
    startable, officer, declaration_first
):
    award_round, judge, entry = startable

    def start():
        transition(AwardRound.objects.get(pk=award_round.pk), action="start_judging", actor=officer)

    def declare():
        declare_conflicts(
            actor=judge,
            award_round=AwardRound.objects.get(pk=award_round.pk),
            conflicts=[(entry.facility_id, "Con rể chủ cơ sở")],
        )

    outcomes = race(declare, start) if declaration_first else race(start, declare)

    assert outcomes[0].ok and outcomes[1].ok
    counted = ScoreSheet.objects.filter(entry=entry).exclude(state="void")
    assert sorted(counted.values_list("judge_id", flat=True)) != []
    assert not counted.filter(judge=judge).exists()
    voided = ScoreSheet.objects.filter(entry=entry, judge=judge, state="void").exists()
    # Judging first: the judge was assigned, then the declaration voided the sheet.
    assert voided is not declaration_first
