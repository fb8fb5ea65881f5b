"""The plan's equipment-support projects (items and the allowed support of programs.support) and
its payments (approved, paid, remaining of programs.money), cell by cell; staff only; constant
queries; the API's plan exports and their refusals."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from core.spreadsheets import XLSX_CONTENT_TYPE, ExportNotAllowed
from core.workflow import transition
from programs.exports.equipment import EquipmentList
from programs.exports.payments import PaymentList
from programs.models import Proposal
from programs.money import money_of
from programs.services.payments import record_payment
from programs.support import support_limit
from tests.awards.export_files import HEADER_ROW, queries_to_render, sheet_of, table_values
from tests.programs.world import equipment_proposal, listed_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(applicant, facility, other_applicant, other_facility, officer, manager):
    return listed_plan(
        applicant=applicant,
        facility=facility,
        other_applicant=other_applicant,
        other_facility=other_facility,
        officer=officer,
        manager=manager,
    )


def vi(text) -> str:
    with override("vi"):
        return gettext(text) if isinstance(text, str) else str(text)


def test_equipment_list_items_and_allowed_support_cell_by_cell(world, officer):
    plan, p = world
    first, second = p["first"], p["second"]
    exporter = EquipmentList(user=officer, subject=plan)
    assert exporter.file_name() == f"danh-muc-de-an-ho-tro-thiet-bi-kcdp-{plan.year}.xlsx"
    assert exporter.row_count() == 3
    rows = table_values(sheet_of(exporter))
    basis = "Nghị quyết 11/2025/NQ-HĐND"
    assert rows[0] == ["STT", *(vi(c.title) for c in EquipmentList.columns)]
    state = vi(Proposal.State.CONTRACTED.label)
    facility = first.beneficiaries.get().name
    assert rows[1:7] == [
        [f"I. {first.code} Máy đóng gói kẹo dừa - {facility} ({state})", *[None] * 7],
        [1, "Máy số 1", None, 1, 400_000_000, 400_000_000, vi("New"), None],
        [2, "Máy số 2", None, 2, 50_000_000, 100_000_000, vi("Used"), None],
        [None, vi("Eligible cost (new equipment)"), None, None, None, 400_000_000, None, None],
        [None, vi("Support allowed"), basis, None, None, 200_000_000, None, None],
        [None, vi("Extension funding asked"), None, None, None, 200_000_000, None, None],
    ]
    state = vi(Proposal.State.SUBMITTED.label)
    facility = second.beneficiaries.get().name
    # A production line: 50 % of 600 million (300 million) is under 1.5 × 250 million.
    assert rows[7:12] == [
        [f"II. {second.code} Dây chuyền sấy bánh phồng - {facility} ({state})", *[None] * 7],
        [1, "Máy số 1", None, 1, 600_000_000, 600_000_000, vi("New"), "x"],
        [None, vi("Eligible cost (new equipment)"), None, None, None, 600_000_000, None, None],
        [None, vi("Support allowed"), basis, None, None, 300_000_000, None, None],
        [None, vi("Extension funding asked"), None, None, None, 250_000_000, None, None],
    ]
    # The same limit as the proposal's page computes (programs.support.support_limit).
    assert [support_limit(x).allowed for x in (first, second)] == [200_000_000, 300_000_000]
    assert p["training"].code not in str(rows) and p["draft"].code not in str(rows)


def test_payments_list_paid_and_remaining_cell_by_cell(world, officer):
    plan, p = world
    first, training = p["first"], p["training"]
    exporter = PaymentList(user=officer, subject=plan)
    assert exporter.file_name() == f"theo-doi-cap-phat-kinh-phi-kcdp-{plan.year}.xlsx"
    ws = sheet_of(exporter)
    rows = table_values(ws)
    today = timezone.localdate()
    facility = first.beneficiaries.get().name
    assert rows[0] == ["STT", *(vi(c.title) for c in PaymentList.columns)]
    assert rows[1:13] == [
        [f"I. {first.code} Máy đóng gói kẹo dừa - {facility}", None, None, None, None],
        [1, vi("Advance"), datetime.datetime.combine(today, datetime.time()), "UNC-01", 60_000_000],
        [None, vi("Approved funding"), None, None, 200_000_000],
        [None, vi("Paid"), None, None, 60_000_000],
        [None, vi("Remaining"), None, None, 140_000_000],
        [f"II. {training.code} Tập huấn quản lý sản xuất", None, None, None, None],
        [None, vi("Approved funding"), None, None, 36_000_000],
        [None, vi("Paid"), None, None, 0],
        [None, vi("Remaining"), None, None, 36_000_000],
        [None, vi("Total approved funding"), None, None, 236_000_000],
        [None, vi("Total paid"), None, None, 60_000_000],
        [None, vi("Total remaining"), None, None, 176_000_000],
    ]
    money = money_of(first)
    assert (money.approved, money.paid, money.remaining) == (200_000_000, 60_000_000, 140_000_000)
    assert ws.cell(row=HEADER_ROW + 2, column=3).number_format == "dd/mm/yyyy"
    # Only approved proposals have money: the submitted one is not listed.
    assert p["second"].code not in str(rows)


def test_lists_only_for_staff(world, officer, manager, admin_user, applicant, judge):
    plan, _p = world
    for exporter_class in (EquipmentList, PaymentList):
        for user in (officer, manager, admin_user):
            exporter_class(user=user, subject=plan).check_allowed()
        for user in (applicant, judge):
            with pytest.raises(ExportNotAllowed):
                exporter_class(user=user, subject=plan).check_allowed()


def test_query_counts_do_not_grow_with_rows(world, officer, other_applicant, other_facility):
    plan, p = world

    def counts():
        return [
            queries_to_render(c(user=officer, subject=plan)) for c in (EquipmentList, PaymentList)
        ]

    before = counts()
    extra = equipment_proposal(
        other_applicant,
        plan,
        other_facility,
        items=((1, 100_000_000, True, False), (1, 20_000_000, False, True)),
        asked=50_000_000,
    )
    transition(extra, action="submit", actor=other_applicant)
    record_payment(
        actor=officer,
        proposal=p["first"],
        data={"kind": "instalment", "amount": 40_000_000, "paid_on": timezone.localdate()},
    )
    assert counts() == before


def _book(response):
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize("name", ["proposals", "equipment", "payments"])
def test_api_plan_export_answers_the_file(world, officer, api_as, name):
    plan, p = world
    response = api_as(officer).get(reverse(f"api:plan-export-{name}", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert f"-kcdp-{plan.year}.xlsx" in response["Content-Disposition"]
    assert p["first"].code in str([c.value for row in _book(response).active for c in row])


def test_api_plan_export_refusals(world, applicant, judge, api_as, manager):
    plan, _p = world
    url = reverse("api:plan-export-payments", args=[plan.pk])
    # A facility sees a plan taking proposals, not its lists: 403; a judge not the plan: 404.
    assert api_as(applicant).get(url).status_code == 403
    assert api_as(judge).get(url).status_code == 404
    assert api_as(None).get(url).status_code in (401, 403)
    assert (
        api_as(manager).get(reverse("api:plan-export-payments", args=[999999])).status_code == 404
    )
    transition(
        plan,
        action="approve",
        actor=manager,
        decision_number="1/QĐ",
        decision_date=timezone.localdate(),
    )
    assert api_as(applicant).get(url).status_code == 404


def test_a_long_plan_list_is_built_in_the_background(world, officer):
    from core.models import ExportJob
    from core.spreadsheets import jobs

    plan, p = world
    job = jobs.start_export(PaymentList(user=officer, subject=plan))
    assert (job.subject_type, job.subject_id) == ("programs.Plan", str(plan.pk))
    assert jobs.run_export(job.pk) == ExportJob.State.DONE
    job.refresh_from_db()
    assert job.file_name == f"theo-doi-cap-phat-kinh-phi-kcdp-{plan.year}.xlsx"
    with job.file.open("rb") as handle:
        book = openpyxl.load_workbook(handle)
    assert p["first"].code in str([c.value for row in book.active for c in row])
