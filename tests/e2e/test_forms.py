"""A new facility makes five mistakes in the registration form, sees all five at once, and
fixes them."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applicants.models import Facility, LegalForm
from tests.factories import UserFactory, valid_tax_code

USERNAME = "keodua_bacsau"
PASSWORD = "Banh-pia-Soc-Trang-2026"
TAX_CODE = valid_tax_code(150012)
PROVINCE = "86"  # Tỉnh Vĩnh Long
WARD = "28993"


def fill_registration(page, *, username, tax_code, phone, workers, founded_year):
    page.fill("input[name=username]", username)
    page.fill("input[name=full_name]", "Trần Văn Sáu")
    page.fill("input[name=account_email]", "bacsau@example.com")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.fill("input[name=name]", "Cơ sở Kẹo dừa Bác Sáu")
    page.select_option("select[name=legal_form]", LegalForm.SMALL_ENTERPRISE.value)
    page.fill("input[name=tax_code]", tax_code)
    page.fill("input[name=representative_name]", "Trần Văn Sáu")
    page.fill("input[name=phone]", phone)
    page.fill("input[name=address_line]", "Ấp Phú Thạnh")
    page.select_option("select[name=province]", PROVINCE)
    page.locator(f"select[name=ward] option[value='{WARD}']").wait_for(state="attached")
    page.select_option("select[name=ward]", WARD)
    page.fill("input[name=workers]", workers)
    page.fill("input[name=founded_year]", founded_year)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_five_mistakes_are_shown_at_once_and_fixed(page, console_messages):
    UserFactory(username="keodua")  # the name the facility first tries is taken
    next_year = str(timezone.localdate().year + 1)

    page.goto("/register/")
    # The password rules are there before anything is typed.
    expect(page.locator("#id_password1_helptext li")).to_have_count(4)
    fill_registration(
        page,
        username="keodua",
        tax_code="0300588568",
        phone="12345",
        workers="-3",
        founded_year=next_year,
    )
    page.click("#register-submit")
    page.wait_for_load_state("load")

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary.locator("h2")).to_have_text("Có 5 lỗi cần sửa")
    links = summary.locator("a[data-error-link]")
    expect(links).to_have_count(5)
    assert [links.nth(i).get_attribute("href") for i in range(5)] == [
        "#id_username",
        "#id_tax_code",
        "#id_phone",
        "#id_workers",
        "#id_founded_year",
    ]
    # Focus is on the summary, so a screen reader reads it first.
    expect(summary).to_be_focused()
    # Each field says what is wrong with it, and is marked invalid.
    for name in ("username", "tax_code", "phone", "workers", "founded_year"):
        field = page.locator(f"#id_{name}")
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_class(re.compile(r"\bis-invalid\b"))
        expect(page.locator(f"#id_{name}_error")).to_be_visible()
    expect(page.locator("#id_workers_error")).to_have_text("Giá trị phải lớn hơn hoặc bằng 0.")

    # A link of the summary moves the focus to its field.
    summary.locator("a[href='#id_phone']").click()
    expect(page.locator("#id_phone")).to_be_focused()
    summary.locator("a[href='#id_founded_year']").click()
    expect(page.locator("#id_founded_year")).to_be_focused()

    # Fixed, and sent again (passwords are not sent back: they are typed again).
    fill_registration(
        page,
        username=USERNAME,
        tax_code=TAX_CODE,
        phone="0913 456 789",
        workers="8",
        founded_year="1998",
    )
    page.click("#register-submit")
    page.wait_for_url(re.compile(r"/facilities/\d+/$"))
    expect(page.locator("main")).to_contain_text("Cơ sở Kẹo dừa Bác Sáu")
    facility = Facility.objects.get(name="Cơ sở Kẹo dừa Bác Sáu")
    assert (facility.tax_code, facility.phone, facility.workers, facility.founded_year) == (
        TAX_CODE,
        "0913456789",
        8,
        1998,
    )
    assert [m for m in console_messages if m.startswith(("error", "pageerror"))] == []
