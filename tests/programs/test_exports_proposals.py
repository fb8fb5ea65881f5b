"""The plan's proposal list (danh mục đề án): grouped by activity, the money of programs.money,
totals per activity and overall, staff only, constant queries, and the command's --plan."""

from io import StringIO

import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.utils.translation import gettext, override

from core.models import Organisation
from core.spreadsheets import ExportNotAllowed, registry
from programs.exports.proposals import ProposalList
from programs.models import Activity, Proposal
from programs.money import money_of
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
    """What a list prints for a message (or a lazy one): lists are in Vietnamese."""
    with override("vi"):
        return gettext(text) if isinstance(text, str) else str(text)


def place(proposal) -> str:
    return f"{proposal.ward.name}, {proposal.province.name}"


def test_proposal_list_groups_by_activity_with_totals_cell_by_cell(world, officer):
    plan, p = world
    exporter = ProposalList(user=officer, subject=plan)
    exporter.check_allowed()
    assert registry.get("proposals") is ProposalList
    assert exporter.file_name() == f"danh-muc-de-an-khuyen-cong-kcdp-{plan.year}.xlsx"
    assert exporter.row_count() == 3
    ws = sheet_of(exporter)
    assert ws["A4"].value == vi(ProposalList.verbose_name).upper()
    assert ws["A5"].value == plan.title
    rows = table_values(ws)
    assert rows[0] == ["STT", *(vi(c.title) for c in ProposalList.columns)]
    first, second, training = p["first"], p["second"], p["training"]
    year = plan.year
    approved, submitted, contracted = (
        vi(Proposal.State(s).label) for s in ("approved", "submitted", "contracted")
    )
    center = Organisation.current().center_name
    assert rows[1][0] == f"I. {Activity.objects.get(code='equipment').name}"
    assert rows[2] == [
        1, first.code, "Máy đóng gói kẹo dừa", first.beneficiaries.get().name,
        first.beneficiaries.get().name, place(first), f"03/{year} - 10/{year}", contracted,
        200_000_000, 300_000_000, 500_000_000,
    ]  # fmt: skip
    assert rows[3] == [
        2, second.code, "Dây chuyền sấy bánh phồng", second.beneficiaries.get().name,
        second.beneficiaries.get().name, place(second), f"03/{year} - 10/{year}", submitted,
        250_000_000, 350_000_000, 600_000_000,
    ]  # fmt: skip
    subtotal = HEADER_ROW + 4
    assert rows[4] == [
        vi("Subtotal"), None, None, None, None, None, None, None,
        f"=SUM(I{HEADER_ROW + 2}:I{HEADER_ROW + 3})",
        f"=SUM(J{HEADER_ROW + 2}:J{HEADER_ROW + 3})",
        f"=SUM(K{HEADER_ROW + 2}:K{HEADER_ROW + 3})",
    ]  # fmt: skip
    assert rows[5][0] == f"II. {Activity.objects.get(code='training').name}"
    assert rows[6] == [
        3, training.code, "Tập huấn quản lý sản xuất", None, center, place(training),
        f"03/{year} - 10/{year}", approved, 36_000_000, 4_000_000, 40_000_000,
    ]  # fmt: skip
    second_subtotal = HEADER_ROW + 7
    assert rows[7][8:] == [
        f"=SUM({c}{second_subtotal - 1}:{c}{second_subtotal - 1})" for c in "IJK"
    ]
    assert rows[8] == [
        "Tổng cộng", None, None, None, None, None, None, None,
        *(f"={c}{subtotal}+{c}{second_subtotal}" for c in "IJK"),
    ]  # fmt: skip
    # The money is programs.money's, whatever the list adds.
    for row, proposal in ((rows[2], first), (rows[3], second), (rows[6], training)):
        money = money_of(proposal)
        assert row[8:] == [money.extension, money.counterpart, money.cost]
    # The draft is the facility's: not in the plan's list.
    assert p["draft"].code not in {value for row in rows for value in row}
    assert ws.cell(row=HEADER_ROW + 2, column=9).number_format == "#,##0"
    assert ws.cell(row=subtotal, column=9).font.bold
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_proposal_list_of_an_empty_plan_totals_zero(officer):
    from tests.programs.world import make_plan

    plan = make_plan(year=2030)
    rows = table_values(sheet_of(ProposalList(user=officer, subject=plan)))
    assert rows[1][0] == "Tổng cộng" and rows[1][8:] == [0, 0, 0]


def test_proposal_list_only_for_staff(world, officer, manager, admin_user, applicant, judge):
    plan, _p = world
    for user in (officer, manager, admin_user):
        ProposalList(user=user, subject=plan).check_allowed()
    for user in (applicant, judge, AnonymousUser()):
        with pytest.raises(ExportNotAllowed):
            ProposalList(user=user, subject=plan).check_allowed()


def test_proposal_list_query_count_does_not_grow_with_rows(world, officer, applicant, facility):
    plan, _p = world

    def count():
        return queries_to_render(ProposalList(user=officer, subject=plan))

    before = count()
    from core.workflow import transition

    extra = equipment_proposal(applicant, plan, facility, title="Thêm một đề án")
    transition(extra, action="submit", actor=applicant)
    assert count() == before


def test_export_command_writes_a_plans_list_with_plan(world, admin_user, tmp_path):
    plan, p = world
    output = tmp_path / "danh-muc.xlsx"
    out = StringIO()
    call_command("export", "proposals", "--plan", str(plan.pk), "-o", str(output), stdout=out)
    assert "3 rows" in out.getvalue()
    ws = openpyxl.load_workbook(output).active
    assert p["first"].code in [cell.value for cell in ws["B"]]
    with pytest.raises(CommandError, match="needs --plan"):
        call_command("export", "proposals", "-o", str(output))
    with pytest.raises(CommandError, match="not --round"):
        call_command("export", "payments", "--plan", str(plan.pk), "--round", "1", "-o", "x")
    with pytest.raises(CommandError, match="There is no plan"):
        call_command("export", "equipment", "--plan", "999999", "-o", str(output))
