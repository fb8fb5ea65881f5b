import datetime

import pytest
from django.urls import reverse

from applicants.exports import FacilityRegistryExporter
from core.spreadsheets import ExportNotAllowed
from tests.factories import FacilityFactory

pytestmark = pytest.mark.django_db


def test_facilities_rows_match_filtered_page(client, officer):
    kept = FacilityFactory(
        name="Kẹo dừa Bến Tre",
        exporter=True,
        has_artisan=True,
        business_registration_date=datetime.date(2020, 5, 4),
    )
    FacilityFactory(name="Nón lá", exporter=False)
    params = {"exporter": "true"}
    client.force_login(officer)
    response = client.get(reverse("applicants:list"), params)
    on_screen = {facility.pk for facility in response.context["page_obj"]}

    exporter = FacilityRegistryExporter(user=officer, params=params)
    exporter.check_allowed()
    rows = list(exporter.get_rows())

    assert on_screen == {kept.pk}
    assert exporter.row_count() == 1
    assert rows == [
        (
            "Kẹo dừa Bến Tre",
            kept.tax_code,
            "Trần Thị Hoa",
            f"Ấp 1, {kept.ward}, {kept.province}",
            "0912345678",
            "Kẹo dừa",
            "x",
            "",
            "x",
            datetime.date(2020, 5, 4),
        )
    ]


def test_facilities_file_name_without_year(officer):
    assert FacilityRegistryExporter(user=officer).file_name() == "danh-sach-co-so-cnnt.xlsx"


@pytest.mark.parametrize("persona", ["applicant", "judge"])
def test_facilities_refused_to_non_staff(request, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(ExportNotAllowed):
        FacilityRegistryExporter(user=user).check_allowed()


def test_facilities_refused_to_anonymous():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ExportNotAllowed):
        FacilityRegistryExporter(user=AnonymousUser()).check_allowed()


def test_facilities_query_count_constant(officer, django_assert_num_queries):
    FacilityFactory()
    with django_assert_num_queries(1):
        assert len(list(FacilityRegistryExporter(user=officer).get_rows())) == 1
    FacilityFactory.create_batch(2)
    with django_assert_num_queries(1):
        assert len(list(FacilityRegistryExporter(user=officer).get_rows())) == 3


def test_facilities_formula_like_name_is_returned_as_typed(officer):
    FacilityFactory(name='=HYPERLINK("http://x","y")')
    rows = list(FacilityRegistryExporter(user=officer).get_rows())
    assert rows[0][0] == '=HYPERLINK("http://x","y")'
