"""Demo data of the programs app: the 2024 extension year of the Bến Tre report and a 2026 local
plan being carried out (programs.demo.data says what and where it comes from).

- The 2024 local plan (KCĐP): 25 equipment-support projects appraised by a council (chair,
  members, secretary; each member's opinion and score), concluded, ranked and approved into the
  plan; 4 provincial extension proposals and 3 training courses carried out to settlement
  (contract, advance, acceptance, settlement payment, settled). The plan is approved.
- The 2024 national plan (KCQG): the 6 proposals the centre helped facilities write and submit,
  4 submitted and 2 under appraisal.
- The 2026 local plan: two drafts of the demo `applicant`, two submitted proposals, one approved
  and in progress with its advance paid.

Everything goes through the services and core.workflow.transition, each 2024 step on its day
(`on=`, core.clock), so validation (the support limit on the submission day included) runs and
the history shows 2024. The demo officer enters the proposals of the facilities as the centre
did ("hỗ trợ các cơ sở xây dựng hồ sơ đề án"); the manager approves.

Idempotent: the local equipment rule and each plan are created only when missing; a plan that
exists is kept as it is, with its proposals.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from applicants.demo import FACILITIES
from core.workflow import transition
from programs.demo import data
from programs.demo.builders import (
    MILLION,
    approve_proposal,
    carry_out,
    day_after,
    equipment_project,
    extension_project,
    seed_local_rule,
    submitted,
    training_course,
)
from programs.demo.data import DAYS_2024, DemoPlan
from programs.models import CouncilRole, Plan
from programs.services import appraisal
from programs.services.reference import save_plan


@dataclass
class ProgramsSeedResult:
    plans_created: int = 0
    plans_kept: int = 0
    proposals_created: int = 0
    proposals_kept: int = 0


def _plan(spec: DemoPlan, *, officer, on, result: ProgramsSeedResult) -> Plan | None:
    """The plan created now, or None when it exists (kept, with its proposals)."""
    existing = Plan.objects.filter(year=spec.year, fund_source=spec.fund_source).first()
    if existing is not None:
        result.plans_kept += 1
        result.proposals_kept += existing.proposals.count()
        return None
    result.plans_created += 1
    return save_plan(
        actor=officer,
        data={
            "year": spec.year,
            "fund_source": spec.fund_source,
            "title": spec.title,
            "budget": spec.budget,
        },
        on=on,
    )


def seed_local_2024(*, officer, manager, result: ProgramsSeedResult) -> None:
    plan = _plan(data.LOCAL_2024, officer=officer, on=DAYS_2024["plan"], result=result)
    if plan is None:
        return
    User = get_user_model()
    first = DAYS_2024["first_proposal"]
    equipment = []
    for number in range(25):
        created = day_after(first, number)
        proposal = equipment_project(
            actor=officer, plan=plan, index=number, number=number, on=created
        )
        equipment.append(
            submitted(proposal, actor=officer, on=created + datetime.timedelta(days=5))
        )
    carried = [
        extension_project(spec, officer=officer, plan=plan, on=day_after(first, number))
        for number, spec in enumerate(data.EXTENSION_2024)
    ] + [
        training_course(title, index, officer=officer, plan=plan, on=day_after(first, number + 4))
        for number, (title, index) in enumerate(data.TRAININGS_2024)
    ]
    carried = [
        submitted(p, actor=officer, on=day_after(first, number) + datetime.timedelta(days=7))
        for number, p in enumerate(carried)
    ]
    result.proposals_created += len(equipment) + len(carried)
    on = DAYS_2024["appraisal"]
    equipment = [transition(p, action="start_appraisal", actor=officer, on=on) for p in equipment]
    carried = [transition(p, action="start_appraisal", actor=officer, on=on) for p in carried]
    admin = User.objects.get(username="admin")
    secretary = User.objects.filter(username="thuky").first() or admin
    members = [(manager, CouncilRole.CHAIR), (officer, CouncilRole.MEMBER)]
    members += [(admin, CouncilRole.MEMBER)] if secretary != admin else []
    members += [(secretary, CouncilRole.SECRETARY)]
    council = appraisal.create_council(
        actor=officer,
        plan=plan,
        data={
            "name": "Hội đồng thẩm định đề án hỗ trợ ứng dụng máy móc thiết bị năm 2024",
            "decision_number": data.COUNCIL_DECISION,
            "decision_date": DAYS_2024["council"],
        },
        proposals=equipment,
        members=members,
        on=DAYS_2024["council"],
    )
    scorers = [user for user, role in members if role != CouncilRole.SECRETARY]
    for number, proposal in enumerate(equipment):
        for seat, user in enumerate(scorers):
            score = 72 + (number * 7 + seat * 5) % 24
            changes = score < 80
            appraisal.give_opinion(
                actor=user,
                council=council,
                proposal=proposal,
                data={
                    "verdict": "agree_with_changes" if changes else "agree",
                    "score": score,
                    "comment": "Bổ sung báo giá thứ hai của thiết bị." if changes else "",
                },
            )
    appraisal.conclude(
        actor=officer,
        council=council,
        conclusion=(
            "Thống nhất đề nghị đưa 25 đề án vào danh mục kế hoạch năm 2024 theo thứ tự điểm."
        ),
        on=DAYS_2024["concluded"],
    )
    on = DAYS_2024["approved"]
    for row in appraisal.ranking(council):
        approve_proposal(row.proposal, manager=manager, on=on)
    carried = [approve_proposal(p, manager=manager, on=on) for p in carried]
    transition(
        plan,
        action="approve",
        actor=manager,
        decision_number=data.PLAN_DECISION,
        decision_date=DAYS_2024["plan_approved"],
        on=DAYS_2024["plan_approved"],
    )
    for number, proposal in enumerate(carried, start=1):
        days = {key: day_after(DAYS_2024[key], number) for key in (
            "contract", "advance", "work", "accepted", "settlement", "settled"
        )}  # fmt: skip
        carry_out(proposal, officer=officer, days=days, contract=f"{number:02d}/2024/HĐ-KC")


def seed_national_2024(*, officer, result: ProgramsSeedResult) -> None:
    """The 6 proposals submitted to the national plan: the national equipment rule (TT 28/2018:
    50 %, 300 million), 2 already under the Ministry's appraisal."""
    plan = _plan(data.NATIONAL_2024, officer=officer, on=DAYS_2024["national_first"], result=result)
    if plan is None:
        return
    for number in range(6):
        created = day_after(DAYS_2024["national_first"], number)
        proposal = equipment_project(
            actor=officer,
            plan=plan,
            index=25 + number,
            number=number,
            on=created,
            ceiling=300 * MILLION,
        )
        proposal = submitted(proposal, actor=officer, on=created + datetime.timedelta(days=3))
        if number < 2:
            transition(
                proposal,
                action="start_appraisal",
                actor=officer,
                on=DAYS_2024["national_appraisal"],
            )
        result.proposals_created += 1


def seed_local_2026(*, officer, manager, members: dict, result: ProgramsSeedResult) -> None:
    """Today's plan: the applicant's two drafts, two submitted, one approved and under way with
    its advance paid (all on today's date)."""
    plan = _plan(data.LOCAL_2026, officer=officer, on=None, result=result)
    if plan is None:
        return
    applicant = members["applicant"]
    own = [i for i, item in enumerate(FACILITIES) if item.member == "applicant"]
    for number, index in enumerate(own):
        equipment_project(actor=applicant, plan=plan, index=index, number=number + 3)
    for number, index in enumerate((32, 33)):
        proposal = equipment_project(actor=officer, plan=plan, index=index, number=number + 1)
        submitted(proposal, actor=officer, on=None)
    proposal = equipment_project(actor=officer, plan=plan, index=34, number=2)
    proposal = submitted(proposal, actor=officer, on=None)
    proposal = transition(proposal, action="start_appraisal", actor=officer)
    today = timezone.localdate()
    proposal = approve_proposal(proposal, manager=manager, on=today, number="15/QĐ-SCT")
    carry_out(
        proposal,
        officer=officer,
        days={"contract": today, "advance": today, "work": today},
        contract="01/2026/HĐ-KC",
        advance_rate=30,
    )
    result.proposals_created += len(own) + 3


def seed_programs(*, officer, manager, members: dict[str, object]) -> ProgramsSeedResult:
    """Create the missing rule and plans with their proposals. `members` maps the demo usernames
    of core/demo.py to their users."""
    result = ProgramsSeedResult()
    seed_local_rule(officer=officer)
    seed_local_2024(officer=officer, manager=manager, result=result)
    seed_national_2024(officer=officer, result=result)
    seed_local_2026(officer=officer, manager=manager, members=members, result=result)
    return result
