"""The official lists as downloads: the API, the pages and the command line give the same file
to the same people (issue 9)."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from core.spreadsheets import XLSX_CONTENT_TYPE
from tests.awards.export_world import recognized_round
from tests.factories import FacilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finalized(judge, chair):
    return recognized_round(judge, chair)


def _api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _page(user):
    client = Client()
    client.force_login(user)
    return client


def _book(response):
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _text(book) -> str:
    return " ".join(
        str(cell.value) for ws in book for row in ws.iter_rows() for cell in row if cell.value
    )


def test_api_round_export_answers_the_file_with_its_name(finalized, officer):
    url = reverse("api:round-export-recognized", args=[finalized.pk])
    response = _api(officer).get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="danh-sach-san-pham-duoc-cong-nhan-2024.xlsx"'
    )
    book = _book(response)
    assert "Cơ sở kẹo dừa Bí Mật" in _text(book)


def test_api_round_export_for_the_blind_rounds_chair_has_no_facility(finalized, chair):
    response = _api(chair).get(reverse("api:round-export-recognized", args=[finalized.pk]))
    assert response.status_code == 200
    assert "Bí Mật" not in _text(_book(response))


def test_api_round_export_refuses_who_may_not_have_it(finalized, judge, applicant, other_judge):
    url = reverse("api:round-export-recognized", args=[finalized.pk])
    assert _api(None).get(url).status_code == 401
    # A finalized round is not public: its existence is not revealed.
    for user in (judge, other_judge, applicant):
        assert _api(user).get(url).status_code == 404
    finalized.state = "published"
    finalized.save(update_fields=["state"])
    for user in (judge, other_judge, applicant):
        response = _api(user).get(url)
        assert response.status_code == 403
        assert response["Content-Type"] == "application/json"
    missing = reverse("api:round-export-recognized", args=[finalized.pk + 1000])
    assert _api(None).get(missing).status_code == 401


def test_api_facility_export_applies_the_filters_and_refuses_bad_ones(officer, applicant):
    FacilityFactory(name="Cơ sở xuất khẩu", exporter=True)
    FacilityFactory(name="Cơ sở trong tỉnh", exporter=False)
    url = reverse("api:facility-export")
    response = _api(officer).get(url, {"exporter": "true"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="danh-sach-co-so-cnnt.xlsx"'
    text = _text(_book(response))
    assert "Cơ sở xuất khẩu" in text
    assert "Cơ sở trong tỉnh" not in text
    bad = _api(officer).get(url, {"province": "không-có"})
    assert bad.status_code == 400
    assert list(bad.json()) == ["province"]
    assert _api(applicant).get(url).status_code == 403


def test_page_round_export_downloads_and_the_round_page_links_it(finalized, officer, chair):
    url = reverse("awards:round-export-recognized", args=[finalized.pk])
    page = _page(officer).get(reverse("awards:round-detail", args=[finalized.pk]))
    assert url in page.content.decode()
    response = _page(officer).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert "Bí Mật" in _text(_book(response))
    assert "Bí Mật" not in _text(_book(_page(chair).get(url)))


def test_page_facility_export_carries_the_lists_filters(officer):
    FacilityFactory(name="Cơ sở xuất khẩu", exporter=True)
    FacilityFactory(name="Cơ sở trong tỉnh", exporter=False)
    client = _page(officer)
    page = client.get(reverse("applicants:list"), {"exporter": "true", "page": "1"})
    link = page.context["export_url"]
    assert link == reverse("applicants:export") + "?exporter=true"
    on_screen = {facility.name for facility in page.context["page_obj"]}
    text = _text(_book(client.get(link)))
    assert on_screen == {"Cơ sở xuất khẩu"}
    assert "Cơ sở xuất khẩu" in text and "Cơ sở trong tỉnh" not in text


def test_export_command_writes_the_list(finalized, admin_user, tmp_path):
    output = tmp_path / "list.xlsx"
    call_command("export", "recognized", "--round", str(finalized.pk), "-o", str(output))
    book = openpyxl.load_workbook(output)
    assert "Cơ sở kẹo dừa Bí Mật" in _text(book)
    with pytest.raises(CommandError, match="needs --round"):
        call_command("export", "recognized", "-o", str(output))
    with pytest.raises(CommandError, match="Unknown list"):
        call_command("export", "nothing", "-o", str(output))
