import pytest

from awards.models import Entry


@pytest.mark.django_db
def test_entry_submitted_then_screened_in_gets_voting_code(submitted_entry, officer):
    from awards.models import ScreeningCondition
    from awards.services import screen_entry

    entry = screen_entry(
        actor=officer,
        entry=submitted_entry,
        decision="eligible",
        checks={c: (True, "") for c in ScreeningCondition.values},
    )
    assert entry.state == Entry.State.ELIGIBLE
    assert entry.voting_code == "T2026-2-001"
    assert entry.round.criteria.count() == 4
