"""Judging panels, conflicts of interest and assignment (awards.services.judging)."""

from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from awards.models import (
    AwardRound,
    Conflict,
    ConflictDeclaration,
    Panel,
    ProductGroup,
    ScoreSheet,
)
from awards.services import (
    add_assignment,
    create_panel,
    declare_conflicts,
    delete_panel,
    panel_for,
    remove_assignment,
    update_panel,
)
from awards.services.judging import balanced_assignment, judging_requirements
from core.activity import history_of
from core.roles import Role
from core.workflow import transition
from notifications.models import Notification
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    FacilityFactory,
    PanelFactory,
    PanelMemberFactory,
    ScoreSheetFactory,
    UserFactory,
    give_scores,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The messages are compared as written in the source."""
    with translation.override("en"):
        yield


def group(code: int) -> ProductGroup:
    return ProductGroup.objects.get(code=code)


def judges(count: int) -> list:
    return [UserFactory(role=Role.JUDGE) for _ in range(count)]


def seats(people, chair_first=True):
    return [
        (person, "chair" if index == 0 and chair_first else "member")
        for index, person in enumerate(people)
    ]


@pytest.fixture
def screening_round(db):
    return AwardRoundFactory(state="screening", min_score_sheets=2)


def errors_of(excinfo) -> dict:
    return {
        key: [str(m) for e in errors for m in e.messages]
        for key, errors in excinfo.value.error_dict.items()
    }


# ---- Panels -----------------------------------------------------------------------------------


def test_create_panel_seats_its_members_and_logs(officer, screening_round):
    people = judges(3)
    panel = create_panel(
        actor=officer,
        award_round=screening_round,
        name="Hội đồng nhóm 2",
        product_groups=[group(2)],
        members=[(people[0], "chair"), (people[1], "member"), (people[2], "secretary")],
    )

    assert sorted(panel.members.values_list("judge_id", "role")) == sorted(
        [(people[0].pk, "chair"), (people[1].pk, "member"), (people[2].pk, "secretary")]
    )
    assert list(panel.product_groups.values_list("code", flat=True)) == [2]
    log = history_of(panel).get()
    assert (log.action, log.after["product_groups"]) == ("created", [2])


def test_create_panel_refuses_every_bad_value_at_once(officer, screening_round, applicant):
    inactive = UserFactory(role=Role.JUDGE, is_active=False)
    other_round = AwardRoundFactory(state="screening", groups=[group(1)])
    people = judges(2)
    with pytest.raises(ValidationError) as excinfo:
        create_panel(
            actor=officer,
            award_round=other_round,
            name="",
            product_groups=[group(3)],
            members=[
                (applicant, "member"),
                (inactive, "member"),
                (people[0], "boss"),
                (people[1], "member"),
                (people[1], "member"),
            ],
        )

    errors = errors_of(excinfo)
    assert errors == {
        "name": ["Give the panel a name."],
        "product_groups": ["The group “3. " + group(3).name + "” is not open in this round."],
        "members.0.judge": ["Choose an active account with the judge role."],
        "members.1.judge": ["Choose an active account with the judge role."],
        "members.2.role": ["Choose chair, member or secretary."],
        "members.4.judge": ["This judge already sits on this panel."],
        "members": ["A panel has one chair: choose one."],
    }
    assert Panel.objects.count() == 0


def test_a_panel_needs_exactly_one_chair(officer, screening_round):
    people = judges(2)
    with pytest.raises(ValidationError) as excinfo:
        create_panel(
            actor=officer,
            award_round=screening_round,
            name="Hội đồng",
            product_groups=[group(2)],
            members=[(people[0], "chair"), (people[1], "chair")],
        )

    assert errors_of(excinfo) == {"members": ["A panel has one chair: 2 members are chairs."]}


def test_a_group_is_judged_by_one_panel_of_a_round(officer, screening_round):
    create_panel(
        actor=officer,
        award_round=screening_round,
        name="Hội đồng A",
        product_groups=[group(1), group(2)],
        members=seats(judges(2)),
    )
    with pytest.raises(ValidationError) as excinfo:
        create_panel(
            actor=officer,
            award_round=screening_round,
            name="Hội đồng A",
            product_groups=[group(2), group(3)],
            members=seats(judges(2)),
        )

    assert errors_of(excinfo) == {
        "name": ["This round already has a panel with this name."],
        "product_groups": [f"The group “{group(2)}” is already judged by the panel “Hội đồng A”."],
    }
    # Another round may have its own panel for the group.
    other = AwardRoundFactory(state="screening")
    create_panel(
        actor=officer,
        award_round=other,
        name="Hội đồng A",
        product_groups=[group(2)],
        members=seats(judges(1)),
    )


def test_only_officers_and_admins_set_up_panels(screening_round, manager, judge, admin_user):
    for person in (manager, judge):
        with pytest.raises(PermissionDenied):
            create_panel(
                actor=person,
                award_round=screening_round,
                name="Hội đồng",
                product_groups=[group(2)],
                members=seats(judges(1)),
            )
    create_panel(
        actor=admin_user,
        award_round=screening_round,
        name="Hội đồng",
        product_groups=[group(2)],
        members=seats(judges(1)),
    )


def test_update_panel_changes_seats_and_chair(officer, screening_round):
    a, b, c = judges(3)
    panel = create_panel(
        actor=officer,
        award_round=screening_round,
        name="Hội đồng",
        product_groups=[group(2)],
        members=[(a, "chair"), (b, "member")],
    )

    update_panel(
        actor=officer,
        panel=panel,
        name="Hội đồng nhóm 2",
        members=[(b, "chair"), (a, "member"), (c, "secretary")],
    )

    panel.refresh_from_db()
    assert panel.name == "Hội đồng nhóm 2"
    assert dict(panel.members.values_list("judge_id", "role")) == {
        a.pk: "member",
        b.pk: "chair",
        c.pk: "secretary",
    }


def test_during_judging_groups_are_fixed_and_a_judge_who_submitted_stays(officer):
    award_round = AwardRoundFactory(state="judging")
    panel = PanelFactory(round=award_round, groups=[group(2)])
    chair, member, leaving = judges(3)
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    PanelMemberFactory(panel=panel, judge=member)
    PanelMemberFactory(panel=panel, judge=leaving)
    submitted = ScoreSheetFactory(panel=panel, judge=member)
    give_scores(submitted, [30, 30, 8, 8], submit=True)
    draft = ScoreSheetFactory(panel=panel, judge=leaving, entry=submitted.entry)

    with pytest.raises(ValidationError) as excinfo:
        update_panel(
            actor=officer,
            panel=panel,
            product_groups=[group(2), group(3)],
            members=[(chair, "chair"), (member, "secretary")],
        )
    assert errors_of(excinfo) == {
        "product_groups": ["Judging has started: the groups a panel judges no longer change."],
        "members": [
            f"{member.full_name} submitted a score sheet on this panel and keeps a scoring seat."
        ],
    }

    # The judge with a draft only may leave: the draft goes with them.
    update_panel(actor=officer, panel=panel, members=[(chair, "chair"), (member, "member")])
    assert not ScoreSheet.objects.filter(pk=draft.pk).exists()
    assert ScoreSheet.objects.filter(pk=submitted.pk).exists()
    assert history_of(panel).first().after["draft_sheets_removed"] == [draft.pk]


def test_panels_no_longer_change_once_judging_ended(officer):
    award_round = AwardRoundFactory(state="deliberation")
    panel = PanelFactory(round=award_round)
    PanelMemberFactory(panel=panel, role="chair")

    with pytest.raises(ValidationError, match="Judging has ended"):
        update_panel(actor=officer, panel=panel, name="Khác")


def test_delete_panel_only_before_judging(officer, screening_round):
    panel = create_panel(
        actor=officer,
        award_round=screening_round,
        name="Hội đồng",
        product_groups=[group(2)],
        members=seats(judges(1)),
    )
    delete_panel(actor=officer, panel=panel)
    assert not Panel.objects.exists()

    judging = PanelFactory(round=AwardRoundFactory(state="judging"))
    with pytest.raises(ValidationError) as excinfo:
        delete_panel(actor=officer, panel=judging)
    assert excinfo.value.code == "protected"


def test_panel_for_is_the_panel_of_the_entry_group(screening_round):
    panel = PanelFactory(round=screening_round, groups=[group(2)])
    PanelFactory(round=screening_round, groups=[group(1)])
    entry = EntryFactory(round=screening_round, product_group=group(2), state="eligible")
    lone = EntryFactory(round=screening_round, product_group=group(4), state="eligible")

    assert (panel_for(entry), panel_for(lone)) == (panel, None)


# ---- Conflicts of interest ------------------------------------------------------------------


@pytest.fixture
def seated(screening_round, judge, chair):
    """`chair` and `judge` on the panel of group 2 of the screening round."""
    panel = PanelFactory(round=screening_round, groups=[group(2)])
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    PanelMemberFactory(panel=panel, judge=judge)
    return panel


def test_declare_none(seated, judge, screening_round):
    declaration = declare_conflicts(actor=judge, award_round=screening_round, none=True)

    assert declaration.judge == judge
    assert not Conflict.objects.exists()
    # Declaring none again changes nothing.
    assert declare_conflicts(actor=judge, award_round=screening_round, none=True) == declaration
    assert ConflictDeclaration.objects.count() == 1


def test_declaration_rules(seated, judge, screening_round, other_judge):
    facility = EntryFactory(round=screening_round, state="eligible").facility
    elsewhere = EntryFactory(
        round=screening_round, state="eligible", product_group=group(1)
    ).facility
    draft_only = EntryFactory(round=screening_round).facility

    with pytest.raises(PermissionDenied):
        declare_conflicts(actor=other_judge, award_round=screening_round, none=True)
    with pytest.raises(ValidationError) as excinfo:
        declare_conflicts(
            actor=judge, award_round=screening_round, conflicts=[(facility, "x")], none=True
        )
    assert list(errors_of(excinfo)) == ["none"]
    with pytest.raises(ValidationError) as excinfo:
        declare_conflicts(actor=judge, award_round=screening_round)
    assert list(errors_of(excinfo)) == ["conflicts"]
    with pytest.raises(ValidationError) as excinfo:
        declare_conflicts(
            actor=judge,
            award_round=screening_round,
            conflicts=[
                (facility, "Em ruột của chủ cơ sở"),
                (facility.pk, "Lặp lại"),
                (elsewhere, "Nhóm khác"),
                (draft_only, "Chưa nộp"),
                (FacilityFactory(), "   "),
            ],
        )
    assert errors_of(excinfo) == {
        "conflicts.1.facility": ["This facility is listed twice."],
        "conflicts.2.facility": ["This facility has no entry in the groups your panels judge."],
        "conflicts.3.facility": ["This facility has no entry in the groups your panels judge."],
        "conflicts.4.facility": ["This facility has no entry in the groups your panels judge."],
        "conflicts.4.reason": ["Say what the conflict of interest is."],
    }
    assert not ConflictDeclaration.objects.exists()

    declare_conflicts(
        actor=judge, award_round=screening_round, conflicts=[(facility, "Em ruột của chủ cơ sở")]
    )
    with pytest.raises(ValidationError) as excinfo:
        declare_conflicts(actor=judge, award_round=screening_round, none=True)
    assert list(errors_of(excinfo)) == ["none"]
    with pytest.raises(ValidationError) as excinfo:
        declare_conflicts(
            actor=judge, award_round=screening_round, conflicts=[(facility, "Lần nữa")]
        )
    assert errors_of(excinfo) == {
        "conflicts.0.facility": ["You already declared a conflict with this facility."]
    }


def test_a_submitted_entry_waiting_for_screening_may_be_declared(seated, judge, screening_round):
    waiting = EntryFactory(round=screening_round, state="submitted").facility

    declare_conflicts(actor=judge, award_round=screening_round, conflicts=[(waiting, "Họ hàng")])

    assert Conflict.objects.get().facility == waiting


def test_a_later_conflict_voids_the_judge_sheets_of_that_facility():
    award_round = AwardRoundFactory(state="judging")
    panel = PanelFactory(round=award_round, groups=[group(2)])
    judge, other = judges(2)
    PanelMemberFactory(panel=panel, judge=judge, role="chair")
    PanelMemberFactory(panel=panel, judge=other)
    ConflictDeclaration.objects.create(round=award_round, judge=judge)
    facility = FacilityFactory()
    first = ScoreSheetFactory(
        panel=panel,
        judge=judge,
        entry=EntryFactory(round=award_round, facility=facility, state="eligible"),
    )
    give_scores(first, [35, 35, 9, 9], submit=True)
    second = ScoreSheetFactory(
        panel=panel,
        judge=judge,
        entry=EntryFactory(round=award_round, facility=facility, state="eligible"),
    )
    others_sheet = ScoreSheetFactory(panel=panel, judge=other, entry=first.entry)
    unrelated = ScoreSheetFactory(panel=panel, judge=judge)

    declare_conflicts(
        actor=judge, award_round=award_round, conflicts=[(facility, "Tôi là cố vấn của cơ sở")]
    )

    states = dict(ScoreSheet.objects.values_list("pk", "state"))
    assert states == {
        first.pk: "void",
        second.pk: "void",
        others_sheet.pk: "draft",
        unrelated.pk: "draft",
    }
    log = history_of(first).first()
    assert (log.transition, log.note) == ("void", "Tôi là cố vấn của cơ sở")
    # Kept, with its scores.
    assert first.scores.count() == 4


# ---- Starting judging -------------------------------------------------------------------------


def start(award_round, officer):
    return transition(award_round, action="start_judging", actor=officer)


def test_start_judging_requirements_with_numbers(officer, screening_round):
    assert judging_requirements(screening_round) == [
        "No entry is eligible: judging needs at least one eligible entry."
    ]
    for _ in range(2):
        EntryFactory(round=screening_round, state="eligible", product_group=group(1))
    EntryFactory(round=screening_round, state="eligible", product_group=group(2))
    panel = PanelFactory(round=screening_round, name="Hội đồng B", groups=[group(2)])
    PanelMemberFactory(panel=panel, role="chair")
    PanelMemberFactory(panel=panel, role="secretary")
    PanelFactory(round=screening_round, name="Hội đồng trống", groups=[group(3)])

    assert judging_requirements(screening_round) == [
        f"2 eligible entries of the group “{group(1)}” have no panel to judge them.",
        "The panel “Hội đồng B” has 1 scoring member (chair and members), fewer than the "
        "minimum of 2 score sheets per entry.",
    ]
    option = AwardRound.workflow.options(officer, screening_round)
    blocked = next(o for o in option if o.step.name == "start_judging").blocked
    assert len(blocked) == 2

    screening_round.judges_per_entry = 1
    assert judging_requirements(screening_round)[1] == (
        "The round asks for 1 judges per entry, fewer than its minimum of 2 score sheets per entry."
    )
    screening_round.judges_per_entry = 3
    assert judging_requirements(screening_round)[1] == (
        "The panel “Hội đồng B” has 1 scoring member (chair and members), fewer than the 3 "
        "judges per entry."
    )
    with pytest.raises(ValidationError):
        start(screening_round, officer)


def test_start_judging_requires_enough_judges_without_conflicts(officer, screening_round):
    entry = EntryFactory(round=screening_round, state="eligible", voting_code="T2026-2-001")
    panel = PanelFactory(round=screening_round, groups=[group(2)])
    a, b = judges(2)
    PanelMemberFactory(panel=panel, judge=a, role="chair")
    PanelMemberFactory(panel=panel, judge=b)
    declare_conflicts(actor=a, award_round=screening_round, conflicts=[(entry.facility, "Vợ")])

    assert judging_requirements(screening_round) == [
        "1 entry would have fewer than 2 score sheets: too many of its panel's judges declared "
        "a conflict of interest with its facility (T2026-2-001)."
    ]


def test_start_judging_assigns_every_scorer_except_conflicts_and_tells_them(
    officer, screening_round, django_capture_on_commit_callbacks
):
    panel = PanelFactory(round=screening_round, groups=[group(2)])
    chair, member, third, secretary = judges(4)
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    PanelMemberFactory(panel=panel, judge=member)
    PanelMemberFactory(panel=panel, judge=third)
    PanelMemberFactory(panel=panel, judge=secretary, role="secretary")
    entries = [EntryFactory(round=screening_round, state="eligible") for _ in range(3)]
    EntryFactory(round=screening_round, state="ineligible")
    declare_conflicts(
        actor=third, award_round=screening_round, conflicts=[(entries[0].facility, "Chủ cơ sở")]
    )

    with django_capture_on_commit_callbacks(execute=True):
        start(screening_round, officer)

    pairs = set(ScoreSheet.objects.values_list("entry_id", "judge_id"))
    expected = {(e.pk, j.pk) for e in entries for j in (chair, member, third)}
    assert pairs == expected - {(entries[0].pk, third.pk)}
    assert set(ScoreSheet.objects.values_list("panel_id", "state", "assigned_by")) == {
        (panel.pk, "draft", officer.pk)
    }
    told = dict(
        Notification.objects.filter(kind="judge_assigned").values_list("recipient_id", "body")
    )
    assert set(told) == {chair.pk, member.pk, third.pk}
    assert "chấm 3 bài dự thi" in told[chair.pk] and "chấm 2 bài dự thi" in told[third.pk]


@pytest.mark.parametrize(
    ("entries", "scorers", "per_entry"),
    [(1, 3, 2), (7, 3, 2), (10, 4, 3), (13, 5, 3), (40, 9, 5), (100, 7, 3), (6, 3, 3)],
)
def test_balanced_assignment_is_even_without_conflicts(entries, scorers, per_entry):
    plan = balanced_assignment(
        [(n, 1000 + n) for n in range(entries)], list(range(scorers)), per_entry
    )

    loads = Counter(judge for chosen in plan.values() for judge in chosen)
    assert all(len(set(chosen)) == per_entry for chosen in plan.values())
    assert sum(loads.values()) == entries * per_entry
    counts = [loads.get(judge, 0) for judge in range(scorers)]
    assert max(counts) - min(counts) <= 1
    # Stable: the same input gives the same plan.
    assert plan == balanced_assignment(
        [(n, 1000 + n) for n in range(entries)], list(range(scorers)), per_entry
    )


def test_balanced_assignment_with_conflicts():
    """A conflicted judge is skipped for that entry only; being then the least loaded, they are
    taken first for the next entries, so here the loads end even again. With a conflict on
    the last entries the loads may end two apart: the assignment never gives a conflicted
    judge the entry to even them."""
    entries = [(n, 1000 + n) for n in range(6)]
    plan = balanced_assignment(entries, [1, 2, 3], 2, conflicts={(1, 1000)})
    loads = Counter(judge for chosen in plan.values() for judge in chosen)
    assert plan[0] == [2, 3]
    assert dict(loads) == {1: 4, 2: 4, 3: 4}

    late = balanced_assignment(entries, [1, 2, 3], 2, conflicts={(1, 1004), (1, 1005)})
    loads = Counter(judge for chosen in late.values() for judge in chosen)
    assert late[4] == late[5] == [2, 3]
    assert dict(loads) == {1: 3, 2: 5, 3: 4}


def test_start_judging_with_judges_per_entry(officer):
    award_round = AwardRoundFactory(state="screening", min_score_sheets=2, judges_per_entry=2)
    panel = PanelFactory(round=award_round, groups=[group(2)])
    people = judges(5)
    for index, person in enumerate(people):
        PanelMemberFactory(panel=panel, judge=person, role="chair" if index == 0 else "member")
    for _ in range(7):
        EntryFactory(round=award_round, state="eligible")

    start(award_round, officer)

    per_entry = Counter(ScoreSheet.objects.values_list("entry_id", flat=True))
    per_judge = Counter(ScoreSheet.objects.values_list("judge_id", flat=True))
    assert set(per_entry.values()) == {2}
    assert sorted(per_judge.values()) == [2, 3, 3, 3, 3]


# ---- By hand ----------------------------------------------------------------------------------


@pytest.fixture
def judging(chair, judge, other_judge):
    award_round = AwardRoundFactory(state="judging")
    panel = PanelFactory(round=award_round, groups=[group(2)])
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    PanelMemberFactory(panel=panel, judge=judge)
    entry = EntryFactory(round=award_round, state="eligible")
    return award_round, panel, entry


def test_add_assignment_by_hand(officer, judging, judge, django_capture_on_commit_callbacks):
    _award_round, panel, entry = judging

    with django_capture_on_commit_callbacks(execute=True):
        sheet = add_assignment(actor=officer, entry=entry, judge=judge)

    assert (sheet.panel, sheet.judge, sheet.state, sheet.assigned_by) == (
        panel,
        judge,
        "draft",
        officer,
    )
    assert history_of(entry).first().after == {
        "score_sheet": {"id": sheet.pk, "judge": judge.pk, "panel": panel.pk}
    }
    assert Notification.objects.get(kind="judge_assigned").recipient == judge


def test_add_assignment_refusals(officer, judging, judge, chair, other_judge, manager):
    award_round, panel, entry = judging
    PanelMemberFactory(
        panel=panel, judge=(secretary := UserFactory(role=Role.JUDGE)), role="secretary"
    )
    ScoreSheetFactory(panel=panel, entry=entry, judge=judge)
    declare_conflicts(
        actor=chair, award_round=award_round, conflicts=[(entry.facility, "Đồng sở hữu")]
    )

    with pytest.raises(PermissionDenied):
        add_assignment(actor=manager, entry=entry, judge=judge)
    for person, message in [
        (judge, "This judge is already assigned this entry."),
        (chair, "This judge declared a conflict of interest with the entry's facility."),
        (other_judge, f"Choose a scoring member (the chair or a member) of the panel “{panel}”."),
        (secretary, f"Choose a scoring member (the chair or a member) of the panel “{panel}”."),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            add_assignment(actor=officer, entry=entry, judge=person)
        assert errors_of(excinfo) == {"judge": [message]}


def test_remove_assignment_only_a_draft_while_judging(officer, judging, judge, chair):
    award_round, panel, entry = judging
    draft = ScoreSheetFactory(panel=panel, entry=entry, judge=judge)
    submitted = give_scores(
        ScoreSheetFactory(panel=panel, entry=entry, judge=chair), [30, 30, 8, 8], submit=True
    )

    with pytest.raises(ValidationError) as excinfo:
        remove_assignment(actor=officer, sheet=submitted)
    assert excinfo.value.code == "protected"
    remove_assignment(actor=officer, sheet=draft)

    assert list(ScoreSheet.objects.values_list("pk", flat=True)) == [submitted.pk]
    assert history_of(entry).first().before["score_sheet"]["judge"] == judge.pk
    AwardRound.objects.filter(pk=award_round.pk).update(state="deliberation")
    with pytest.raises(ValidationError, match="only while the round is judging"):
        add_assignment(actor=officer, entry=entry, judge=judge)
