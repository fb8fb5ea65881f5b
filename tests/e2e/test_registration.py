"""A new facility registers itself, logs out, logs in again and finds its profile."""

import re

import pytest
from playwright.sync_api import expect

from applicants.models import Facility, FacilityMember, LegalForm
from core.validators import tax_code_check_digit

USERNAME = "banhtrang_utmai"
PASSWORD = "Banh-trang-My-Long-2026"
FACILITY_NAME = "Cơ sở Bánh tráng Út Mai"
TAX_CODE = "130045679" + str(tax_code_check_digit("130045679"))  # 1300456797
PROVINCE = "86"  # Tỉnh Vĩnh Long
WARD = "28993"  # Xã Lương Phú (the former xã Mỹ Thạnh, home of Mỹ Lồng rice paper)


def open_account_menu_if_needed(page) -> None:
    """The logout button may sit in a collapsed account menu: open it first."""
    logout = page.locator("form[action$='/accounts/logout/'] [type=submit]")
    if not logout.is_visible():
        page.locator(".dropdown:has(form[action$='/accounts/logout/']) .dropdown-toggle").click()
    expect(logout).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_registration_then_login_shows_facility(page, console_messages):
    page.goto("/register/")

    # The account.
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=full_name]", "Nguyễn Thị Mai")
    page.fill("input[name=account_email]", "utmai@example.com")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)

    # The facility.
    page.fill("input[name=name]", FACILITY_NAME)
    page.select_option("select[name=legal_form]", LegalForm.SMALL_ENTERPRISE.value)
    page.fill("input[name=tax_code]", TAX_CODE)
    page.fill("input[name=representative_name]", "Nguyễn Thị Mai")
    page.fill("input[name=representative_title]", "Giám đốc")
    page.fill("input[name=phone]", "0913 456 789")
    page.fill("input[name=email]", "banhtrang.utmai@example.com")
    page.fill("input[name=address_line]", "Ấp Thạnh Lợi")
    page.select_option("select[name=province]", PROVINCE)
    # Choosing the province loads its wards with htmx.
    page.locator(f"select[name=ward] option[value='{WARD}']").wait_for(state="attached")
    page.select_option("select[name=ward]", WARD)
    page.fill("input[name=sector]", "Chế biến thực phẩm")
    page.fill("textarea[name=main_products]", "Bánh tráng dừa, bánh tráng sữa")
    page.click("#register-submit")

    page.wait_for_url(re.compile(r"/facilities/\d+/$"))
    facility_url = re.search(r"/facilities/\d+/$", page.url).group(0)
    expect(page.locator("main")).to_contain_text(FACILITY_NAME)

    # Log out (a POST form in the header), then log in again.
    open_account_menu_if_needed(page)
    page.locator("form[action$='/accounts/logout/'] [type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.goto("/accounts/login/")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()

    # The home page lists the applicant's facilities; follow the link to its profile.
    page.wait_for_url(re.compile(r"/$"))
    page.locator(f"main a[href='{facility_url}']").first.click()
    page.wait_for_url(re.compile(re.escape(facility_url) + "$"))
    expect(page.locator("main")).to_contain_text(FACILITY_NAME)

    facility = Facility.objects.get(name=FACILITY_NAME)
    assert facility_url == f"/facilities/{facility.pk}/"
    assert facility.tax_code == TAX_CODE
    assert facility.province_id == PROVINCE
    assert facility.ward_id == WARD
    assert facility.phone == "0913456789"
    member = FacilityMember.objects.get(facility=facility)
    assert member.user.username == USERNAME
    assert member.user.check_password(PASSWORD)

    violations = [text for text in console_messages if "Content Security Policy" in text]
    assert violations == []
