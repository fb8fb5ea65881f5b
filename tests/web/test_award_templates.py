"""The criteria template pages: the staff's list, and the officer's form (a table of rows; a
sub-criterion names its parent's code) saved through awards.services.save_criteria_template."""

from decimal import Decimal

import pytest
from django.urls import reverse

from awards import services
from awards.models import CriteriaTemplate, TemplateCriterion
from core.activity import history_of
from tests.factories import AwardRoundFactory

LIST_URL = reverse("awards:template-list")
CREATE_URL = reverse("awards:template-create")
PREFIX = "criteria"


def edit_url(template):
    return reverse("awards:template-edit", args=[template.pk])


def default_template():
    return CriteriaTemplate.objects.get(is_default=True)


def form_data(rows, *, name="Phiếu chấm OCOP thử nghiệm", description="", total=None, **extra):
    """The POST of the template form: `rows` as (code, text, max points, parent code)."""
    data = {
        "name": name,
        "description": description,
        f"{PREFIX}-TOTAL_FORMS": str(total if total is not None else len(rows)),
        f"{PREFIX}-INITIAL_FORMS": "0",
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "1000",
    }
    for index, (code, text, points, parent) in enumerate(rows):
        data[f"{PREFIX}-{index}-code"] = code
        data[f"{PREFIX}-{index}-text"] = text
        data[f"{PREFIX}-{index}-max_points"] = points
        data[f"{PREFIX}-{index}-parent"] = parent
    data.update(extra)
    return data


SPLIT_ROWS = [
    ("A", "Thị trường", "40", ""),
    ("A1", "Thị trường trong nước", "25", "A"),
    ("B", "Kỹ thuật", "60", ""),
    ("A2", "Xuất khẩu", "15", "A"),
]


def as_tree(template):
    """(code, max points, [children as (code, max points)]) in order."""
    return [
        (
            c.code,
            c.max_points,
            [(child.code, child.max_points) for child in c.children.order_by("position")],
        )
        for c in template.criteria.filter(parent=None).order_by("position")
    ]


# ---- Access -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 403),
        ("judge", 403),
        ("officer", 200),
        ("manager", 200),
        ("admin", 200),
        ("anonymous", 302),
    ],
)
def test_template_list_access(persona, expected, personas, client_as):
    response = client_as(personas[persona]).get(LIST_URL)

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 403),
        ("judge", 403),
        ("officer", 200),
        ("manager", 403),
        ("admin", 200),
        ("anonymous", 302),
    ],
)
def test_template_form_access(persona, expected, personas, client_as):
    client = client_as(personas[persona])

    assert client.get(CREATE_URL).status_code == expected
    assert client.get(edit_url(default_template())).status_code == expected


@pytest.mark.parametrize("persona", ["applicant", "judge", "manager"])
def test_template_create_post_refused_saves_nothing(persona, personas, client_as):
    response = client_as(personas[persona]).post(CREATE_URL, form_data(SPLIT_ROWS))

    assert response.status_code == 403
    assert list(CriteriaTemplate.objects.values_list("name", flat=True)) == [
        default_template().name
    ]


def test_template_list_read_only_for_manager(client_as, manager):
    response = client_as(manager).get(LIST_URL)

    assert response.context["can_manage"] is False
    assert 'id="template-create"' not in response.text
    assert edit_url(default_template()) not in response.text


def test_template_list_officer_has_create_and_edit_links(client_as, officer):
    response = client_as(officer).get(LIST_URL)

    assert 'id="template-create"' in response.text
    assert edit_url(default_template()) in response.text


def test_template_list_shows_totals_and_rounds_using_it(client_as, officer):
    AwardRoundFactory()
    AwardRoundFactory(state="draft")
    split = services.save_criteria_template(
        actor=officer,
        name="Tách",
        criteria=[
            {
                "code": "A",
                "text": "A",
                "max_points": "30",
                "children": [
                    {"code": "A1", "text": "A1", "max_points": "10"},
                    {"code": "A2", "text": "A2", "max_points": "20"},
                ],
            },
            {"code": "B", "text": "B", "max_points": "5"},
        ],
    )

    response = client_as(officer).get(LIST_URL)

    rows = {
        t.name: (t.is_default, t.total_points, t.round_count) for t in response.context["templates"]
    }
    assert rows == {
        default_template().name: (True, Decimal("100.0"), 2),
        split.name: (False, Decimal("35.0"), 0),
    }


def test_template_list_query_count_constant(client_as, officer, django_assert_num_queries):
    client = client_as(officer)
    services.save_criteria_template(
        actor=officer,
        name="Hai",
        criteria=[
            {
                "code": "A",
                "text": "A",
                "max_points": "10",
                "children": [{"code": "A1", "text": "A1", "max_points": "10"}],
            }
        ],
    )
    client.get(LIST_URL)  # warm the session's caches

    # Session, user, role, organisation, the bell's unread count; the templates; their
    # criteria; the sub-criteria.
    with django_assert_num_queries(8):
        response = client.get(LIST_URL)

    assert len(response.context["templates"]) == 2


# ---- Create -------------------------------------------------------------------------------


def test_template_create_with_split_criterion(client_as, officer):
    response = client_as(officer).post(
        CREATE_URL, form_data(SPLIT_ROWS, description="Bản thử", total=6)
    )

    assert response.status_code == 302
    assert response.url == LIST_URL
    template = CriteriaTemplate.objects.get(name="Phiếu chấm OCOP thử nghiệm")
    assert (template.description, template.is_default) == ("Bản thử", False)
    assert as_tree(template) == [
        ("A", Decimal("40.0"), [("A1", Decimal("25.0")), ("A2", Decimal("15.0"))]),
        ("B", Decimal("60.0"), []),
    ]
    assert TemplateCriterion.objects.get(template=template, code="A1").text == (
        "Thị trường trong nước"
    )
    [log] = history_of(template)
    assert (log.action, log.actor) == ("created", officer)


def test_template_create_refused_when_sub_criteria_do_not_sum(client_as, officer):
    rows = [
        ("A", "Thị trường", "40", ""),
        ("A1", "Trong nước", "20", "A"),
        ("A2", "Xuất khẩu", "15", "A"),
    ]

    response = client_as(officer).post(CREATE_URL, form_data(rows))

    assert response.status_code == 200
    # Next to the criterion's maximum, which its sub-criteria must add up to.
    assert response.context["criteria_errors"] == []
    assert response.context["formset"].forms[0].errors == {
        "max_points": ["Tổng điểm các tiêu chí con của A là 35, không bằng 40 điểm của tiêu chí."]
    }
    assert [form.errors for form in response.context["formset"].forms[1:]] == [{}, {}]
    assert 'id="id_criteria-0-max_points_error"' in response.text
    assert 'id="template-errors"' in response.text
    assert CriteriaTemplate.objects.filter(name="Phiếu chấm OCOP thử nghiệm").exists() is False
    assert TemplateCriterion.objects.filter(code="A1").exists() is False
    # The rows come back as typed.
    assert response.context["formset"].forms[1]["max_points"].value() == "20"


def test_template_create_refused_for_unknown_parent_code(client_as, officer):
    rows = [("A", "Thị trường", "40", ""), ("A1", "Trong nước", "40", "X")]

    response = client_as(officer).post(CREATE_URL, form_data(rows))

    assert response.status_code == 200
    form = response.context["formset"].forms[1]
    assert [e.code for e in form.errors.as_data()["parent"]] == [None]
    assert list(form.errors) == ["parent"]
    assert CriteriaTemplate.objects.count() == 1


def test_template_create_refused_for_sub_criterion_of_a_sub_criterion(client_as, officer):
    rows = [
        ("A", "A", "40", ""),
        ("A1", "A1", "40", "A"),
        ("A1a", "A1a", "40", "A1"),
    ]

    response = client_as(officer).post(CREATE_URL, form_data(rows))

    assert response.status_code == 200
    assert list(response.context["formset"].forms[2].errors) == ["parent"]
    assert CriteriaTemplate.objects.count() == 1


def test_template_create_refused_with_duplicate_name(client_as, officer):
    response = client_as(officer).post(
        CREATE_URL, form_data(SPLIT_ROWS, name=default_template().name)
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["name"]
    assert CriteriaTemplate.objects.count() == 1


def test_template_create_refused_without_criteria(client_as, officer):
    response = client_as(officer).post(CREATE_URL, form_data([], total=4))

    assert response.status_code == 200
    assert len(response.context["criteria_errors"]) == 1
    assert CriteriaTemplate.objects.count() == 1


def test_template_create_repeated_codes_shown_at_the_repeating_rows(client_as, officer):
    rows = [
        ("A", "Thị trường", "40", ""),
        ("A1", "Trong nước", "40", "A"),
        ("B", "Kỹ thuật", "60", ""),
        ("A1", "Quy trình", "60", "B"),
        ("B", "Khác", "10", ""),
    ]

    response = client_as(officer).post(CREATE_URL, form_data(rows))

    assert response.status_code == 200
    assert response.context["criteria_errors"] == []
    assert [form.errors for form in response.context["formset"].forms] == [
        {},
        {},
        {},
        {"code": ["Mỗi tiêu chí phải có mã riêng: A1."]},
        {"code": ["Mỗi tiêu chí phải có mã riêng: B."]},
    ]
    assert CriteriaTemplate.objects.count() == 1


def test_template_create_row_errors_stay_on_their_row(client_as, officer):
    rows = [("A", "", "abc", ""), ("B", "B", "10", "")]

    response = client_as(officer).post(CREATE_URL, form_data(rows))

    assert response.status_code == 200
    assert set(response.context["formset"].forms[0].errors) == {"text", "max_points"}
    assert response.context["formset"].forms[1].errors == {}
    assert CriteriaTemplate.objects.count() == 1


def test_template_create_blank_rows_dropped(client_as, officer):
    rows = [("", "", "", ""), ("A", "A", "10", ""), ("", "", "", "")]

    response = client_as(officer).post(CREATE_URL, form_data(rows))

    assert response.status_code == 302
    template = CriteriaTemplate.objects.get(name="Phiếu chấm OCOP thử nghiệm")
    assert as_tree(template) == [("A", Decimal("10.0"), [])]


def test_template_add_rows_keeps_what_was_typed_and_saves_nothing(client_as, officer):
    rows = [("A", "Thị trường", "40", ""), ("", "", "", ""), ("A1", "Trong nước", "", "A")]

    response = client_as(officer).post(CREATE_URL, form_data(rows, add_rows="1"))

    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.is_bound is False
    # The three rows as typed, then four more.
    codes = [f["code"].value() for f in formset.forms]
    assert codes == ["A", "", "A1", None, None, None, None]
    assert formset.forms[2]["parent"].value() == "A"
    assert response.context["form"]["name"].value() == "Phiếu chấm OCOP thử nghiệm"
    assert response.context["has_errors"] is False
    assert CriteriaTemplate.objects.count() == 1


def test_template_create_copies_another_template(client_as, officer):
    response = client_as(officer).get(CREATE_URL, {"from": default_template().pk})

    forms = response.context["formset"].forms
    assert [f["code"].value() for f in forms] == ["1", "2", "3", "4", None, None, None, None]
    assert response.context["form"]["name"].value() is None


# ---- Edit ---------------------------------------------------------------------------------


@pytest.fixture
def split_template(officer):
    return services.save_criteria_template(
        actor=officer,
        name="Phiếu có tiêu chí con",
        criteria=[
            {
                "code": "A",
                "text": "Thị trường",
                "max_points": "40",
                "children": [
                    {"code": "A1", "text": "Trong nước", "max_points": "25"},
                    {"code": "A2", "text": "Xuất khẩu", "max_points": "15"},
                ],
            },
            {"code": "B", "text": "Kỹ thuật", "max_points": "60"},
        ],
    )


def test_template_edit_page_shows_rows_with_parent_codes(client_as, officer, split_template):
    response = client_as(officer).get(edit_url(split_template))

    rows = [
        (f["code"].value(), f["parent"].value())
        for f in response.context["formset"].forms
        if f["code"].value()
    ]
    assert rows == [("A", ""), ("A1", "A"), ("A2", "A"), ("B", "")]
    assert len(response.context["formset"].forms) == 4 + 4
    assert response.context["form"]["name"].value() == "Phiếu có tiêu chí con"


def test_template_edit_replaces_criteria(client_as, officer, split_template):
    rows = [
        ("X", "Chất lượng", "70", ""),
        ("X1", "An toàn thực phẩm", "70", "X"),
        ("Y", "Khác", "30", ""),
    ]

    response = client_as(officer).post(
        edit_url(split_template), form_data(rows, name="Phiếu đã sửa", description="Mới")
    )

    assert response.status_code == 302
    split_template.refresh_from_db()
    assert (split_template.name, split_template.description) == ("Phiếu đã sửa", "Mới")
    assert as_tree(split_template) == [
        ("X", Decimal("70.0"), [("X1", Decimal("70.0"))]),
        ("Y", Decimal("30.0"), []),
    ]
    assert TemplateCriterion.objects.filter(template=split_template).count() == 3
    log = history_of(split_template).first()
    assert (log.action, log.actor) == ("updated", officer)


def test_template_edit_refused_keeps_criteria(client_as, officer, split_template):
    rows = [("A", "Thị trường", "40", ""), ("A1", "Trong nước", "30", "A")]

    response = client_as(officer).post(edit_url(split_template), form_data(rows, name="Khác"))

    assert response.status_code == 200
    assert list(response.context["formset"].forms[0].errors) == ["max_points"]
    # The page still names the template as stored.
    assert response.context["current_name"] == "Phiếu có tiêu chí con"
    split_template.refresh_from_db()
    assert split_template.name == "Phiếu có tiêu chí con"
    assert as_tree(split_template) == [
        ("A", Decimal("40.0"), [("A1", Decimal("25.0")), ("A2", Decimal("15.0"))]),
        ("B", Decimal("60.0"), []),
    ]


def test_template_edit_keeps_copy_of_round_that_left_draft(client_as, officer):
    started = AwardRoundFactory()  # registration: it copied the default template's criteria
    draft = AwardRoundFactory(state="draft")
    before = list(started.criteria.values_list("code", "text", "max_points", "parent"))
    rows = [("T", "Tổng hợp", "100", ""), ("T1", "Một", "50", "T"), ("T2", "Hai", "50", "T")]

    response = client_as(officer).post(
        edit_url(default_template()), form_data(rows, name=default_template().name)
    )

    assert response.status_code == 302
    assert as_tree(default_template()) == [
        ("T", Decimal("100.0"), [("T1", Decimal("50.0")), ("T2", Decimal("50.0"))])
    ]
    assert list(started.criteria.values_list("code", "text", "max_points", "parent")) == before
    assert [c.code for c in started.criteria.order_by("position")] == ["1", "2", "3", "4"]
    # A draft round has no copy yet: it will take the edited criteria when it opens.
    assert draft.criteria.exists() is False


# ---- Links --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("applicant", False), ("judge", False), ("officer", True), ("manager", True)],
)
def test_nav_links_criteria_templates_for_staff(persona, shown, personas, client_as):
    response = client_as(personas[persona]).get(reverse("home"))

    assert (f'href="{LIST_URL}"' in response.text) is shown


def test_round_list_links_criteria_templates(client_as, manager):
    response = client_as(manager).get(reverse("awards:round-list"))

    assert 'id="template-list"' in response.text
