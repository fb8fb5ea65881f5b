"""The Vietnamese catalogue is complete, compiled, and current with the source."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def read_catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle, locale="vi")


def test_catalog_every_message_translated_and_none_fuzzy():
    catalog = read_catalog(PO)
    untranslated = [m.id for m in catalog if m.id and not m.string]
    untranslated += [
        m.id for m in catalog if m.id and isinstance(m.string, tuple) and not all(m.string)
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalog_matches_po():
    """The committed .mo is what `make messages` compiles from the .po (no stale binary)."""
    catalog = read_catalog(PO)
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalog:
        if not message.id or message.pluralizable:
            continue
        key = message.id if not message.context else f"{message.context}\x04{message.id}"
        assert compiled._catalog.get(key) == message.string, message.id


def test_catalog_current_with_source(tmp_path):
    """makemessages on a copy of the tree finds no message missing from the committed .po."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI") == "true":
            pytest.fail("GNU gettext (xgettext) is required in CI to check the catalogue.")
        pytest.skip("GNU gettext (xgettext) is not installed; CI checks this.")
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "__pycache__"),
    )
    env = {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "config.settings"}
    env["VAR_DIR"] = str(tmp_path / "var")
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "vi",
            "--no-location",
            "--ignore",
            "static/vendor/*",
            "--ignore",
            "tests/*",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = {m.id for m in read_catalog(copy / "locale/vi/LC_MESSAGES/django.po") if m.id}
    committed = {m.id for m in read_catalog(PO) if m.id}
    assert sorted(fresh - committed, key=str) == []


@pytest.mark.django_db
def test_pages_are_vietnamese_even_for_an_english_browser(client):
    response = client.get("/accounts/login/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response.status_code == 200
    assert '<html lang="vi"' in response.text
    assert "Đăng nhập" in response.text


@pytest.mark.django_db
def test_pages_switch_to_english_with_the_language_switch(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    response = client.get("/accounts/login/")
    assert '<html lang="en"' in response.text
    assert "Log in" in response.text


@pytest.mark.django_db
def test_api_honours_accept_language(api_as, officer):
    response = api_as(officer).get("/api/v1/wards/", headers={"accept-language": "en"})
    assert response.status_code == 400
    assert response.headers["Content-Language"] == "en"


@pytest.mark.django_db
def test_api_validation_messages_are_vietnamese(api_as, officer):
    response = api_as(officer).post(
        "/api/v1/facilities/",
        {
            "name": "Cơ sở thử",
            "legal_form": "cooperative",
            "tax_code": "0300588568",
            "representative_name": "Lê Văn A",
            "province": "86",
            "ward": "28756",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["tax_code"] == [
        "Mã số thuế 0300588568 không hợp lệ: chữ số kiểm tra không khớp."
    ]
