"""Seeding the judging of the 2024 round (awards/demo/judging.py holds its data): the panels,
the declarations, every score sheet scored and submitted, the end of judging, the officer's
recognition proposal, the manager's decision, publication and the nominations to the regional
round. Every step goes through the services and core.workflow.transition on its 2024 day."""

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model

from awards import services
from awards.demo.judging import (
    COMMENTS,
    DISAGREEMENTS,
    JUDGE_ACCOUNT_PASSWORD,
    JUDGES,
    JUDGING_DAYS,
    NOMINATION_DECISION,
    NOMINEES,
    ONE_PER_FACILITY,
    PANELS,
    PAPER_JUDGE,
    RECOGNITION_DECISION,
    REGIONAL_ROUND,
    SECRETARY,
    TARGETS,
    DemoJudge,
)
from awards.judging_rules import scored_criteria
from awards.models import AwardRound, CriteriaTemplate, Level, ProductGroup, ScoreSheet
from awards.results import compute_results
from core.roles import Role
from core.services import create_user
from core.workflow import transition

HALF = Decimal("0.5")


def panel_accounts() -> dict[str, object]:
    """{username: user} of the nine judges and the secretary (the demo `judge` exists already;
    the others are created when missing)."""
    User = get_user_model()
    accounts = {}
    for judge in [*JUDGES, SECRETARY]:
        user = User.objects.filter(username=judge.username).first()
        if user is None:
            user = create_user(
                actor=None,
                username=judge.username,
                password=JUDGE_ACCOUNT_PASSWORD,
                role=Role.JUDGE,
                full_name=judge.full_name,
                email=f"{judge.username}@example.com",
            )
        accounts[judge.username] = user
    return accounts


def create_regional_round(*, officer) -> AwardRound:
    """The 2024 regional round of the South, recorded by the center as the provincial round's
    next level (created with the provincial round, in February 2024)."""
    return services.create_round(
        actor=officer,
        data={
            **REGIONAL_ROUND,
            "level": Level.REGION,
            "criteria_template": CriteriaTemplate.objects.get(is_default=True),
        },
        on=datetime.date(2024, 2, 20),
    )


def seed_panels(award_round: AwardRound, *, officer, accounts: dict) -> None:
    for number, (name, codes) in PANELS.items():
        members = [(accounts[j.username], j.role) for j in JUDGES if j.panel == number]
        members.append((accounts[SECRETARY.username], SECRETARY.role))
        services.create_panel(
            actor=officer,
            award_round=award_round,
            name=name,
            product_groups=list(ProductGroup.objects.filter(code__in=codes)),
            members=members,
            on=award_round.registration_closes + datetime.timedelta(days=10),
        )


def _half(value: Decimal) -> Decimal:
    """Rounded to the nearest half point."""
    return (value / HALF).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * HALF


def _clamp(value: Decimal, top: Decimal) -> Decimal:
    return min(max(value, Decimal("0")), top)


def sheet_points(criteria, total: Decimal, rng: random.Random) -> list[Decimal]:
    """`total` split over the four official criteria in proportion to their maximum, each
    moved a little (seeded), in half points; what rounding leaves goes to the second."""
    maxima = [c.max_points for c in criteria]
    whole = sum(maxima)
    points = []
    for criterion in criteria:
        share = total * criterion.max_points / whole
        jitter = Decimal(rng.choice((-1, -0.5, 0, 0.5, 1))) * criterion.max_points / 40
        points.append(_clamp(_half(share + jitter), criterion.max_points))
    rest = total - sum(points)
    points[1] = _clamp(points[1] + rest, maxima[1])
    return points


def _comment(total: Decimal) -> str:
    return next(text for floor, text in COMMENTS if total >= floor)


def score_every_sheet(award_round: AwardRound, *, accounts: dict) -> None:
    """Each judge scores and submits their sheets between 20 and 30 May; the secretary enters
    PAPER_JUDGE's paper sheets."""
    judges = {j.username: j for j in JUDGES}
    criteria = scored_criteria(award_round)
    rng = random.Random(2024)
    sheets = (
        ScoreSheet.objects.filter(round=award_round)
        .select_related("entry", "judge", "round")
        .order_by("entry__voting_code", "judge__username")
    )
    days = (JUDGING_DAYS["ended"] - JUDGING_DAYS["first_sheet"]).days
    for number, sheet in enumerate(sheets):
        judge: DemoJudge = judges[sheet.judge.username]
        product = sheet.entry.product_name
        total = Decimal(str(TARGETS[product])) + judge.bias
        total += DISAGREEMENTS.get(product, {}).get(judge.username, Decimal("0"))
        total = _clamp(_half(total + Decimal(rng.choice((-1, -0.5, 0, 0.5, 1)))), Decimal("100"))
        points = sheet_points(criteria, total, rng)
        day = JUDGING_DAYS["first_sheet"] + datetime.timedelta(days=number * days // len(sheets))
        writer = accounts[SECRETARY.username] if judge.username == PAPER_JUDGE else sheet.judge
        sheet = services.save_scores(
            actor=writer,
            sheet=sheet,
            scores=[
                {"criterion": c.code, "points": p, "note": ""}
                for c, p in zip(criteria, points, strict=True)
            ],
            comment=_comment(sum(points)),
            on=day,
        )
        transition(sheet, action="submit", actor=writer, on=day)


def propose_recognition(award_round: AwardRound, *, officer) -> list[int]:
    """Every passing entry, except a facility's second passing product (left out with the
    council's reason): the best product of each facility. Answers the recognised entries' ids,
    best first."""
    results = compute_results(award_round)
    passing = sorted((row for row in results.rows if row.passes), key=lambda row: row.rank_overall)
    recognised, excluded, facilities = [], [], set()
    for row in passing:
        facility = row.entry.facility_id
        if facility in facilities:
            excluded.append((row.entry.pk, ONE_PER_FACILITY))
        else:
            facilities.add(facility)
            recognised.append(row.entry.pk)
    services.propose_recognition(
        actor=officer,
        award_round=award_round,
        entries=recognised,
        excluded=excluded,
        on=JUDGING_DAYS["proposed"],
    )
    return recognised


def seed_judging_2024(award_round: AwardRound, *, officer, manager, regional) -> AwardRound:
    """From the screened 2024 round to published, with the nominees entered in `regional`."""
    accounts = panel_accounts()
    seed_panels(award_round, officer=officer, accounts=accounts)
    award_round = transition(
        award_round, action="start_judging", actor=officer, on=JUDGING_DAYS["declared"]
    )
    for judge in [*JUDGES, SECRETARY]:
        services.declare_conflicts(
            actor=accounts[judge.username],
            award_round=award_round,
            none=True,
            on=JUDGING_DAYS["declared"],
        )
    score_every_sheet(award_round, accounts=accounts)
    award_round = transition(
        award_round, action="end_judging", actor=officer, on=JUDGING_DAYS["ended"]
    )
    recognised = propose_recognition(award_round, officer=officer)
    number, day = RECOGNITION_DECISION
    award_round = transition(
        award_round,
        action="finalize",
        actor=manager,
        decision_number=number,
        decision_date=day,
        on=JUDGING_DAYS["finalized"],
    )
    award_round = transition(
        award_round, action="publish", actor=officer, on=JUDGING_DAYS["published"]
    )
    number, day = NOMINATION_DECISION
    services.nominate(
        actor=officer,
        award_round=award_round,
        entries=recognised[:NOMINEES],
        decision_number=number,
        decision_date=day,
        on=JUDGING_DAYS["nominated"],
    )
    transition(
        regional,
        action="open_registration",
        actor=officer,
        on=REGIONAL_ROUND["registration_opens"],
    )
    return award_round
