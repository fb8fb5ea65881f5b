"""Decoding uploaded images is memory-bounded: twelve at the pixel limit at once stay under 1 GB.

The measurement runs in fresh processes (tests/awards/attachment_memory_probe.py): one writes
the images once per session, another decodes them in a child it forks before importing Django
(Linux carries ru_maxrss across exec, so a plain subprocess would start from this test process's
peak) and reports that child's peak RSS. Both start from an empty environment, so what is
measured is the default configuration (UPLOAD_MAX_IMAGE_PIXELS, UPLOAD_DECODE_CONCURRENCY).

The twelve uploads take the three formats in turn, four of each, in one run of ~20 s: with one
decode at a time they go one after the other, so three runs of twelve would take a minute. The
peak of each format alone is printed by the probe run by hand (see its docstring).
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

import awards.services.attachments as attachments
from awards.services.attachments import add_attachment
from tests.awards.attachment_memory_probe import CASES, size_at
from tests.core.test_env import start_django

PROBE = "tests.awards.attachment_memory_probe"
ONE_GB_KIB = 1024 * 1024  # ru_maxrss is in KiB on Linux
UPLOADS = 12


def run_probe(var_dir: Path, *arguments: str) -> dict:
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "VAR_DIR": str(var_dir),
    }
    result = subprocess.run(
        [sys.executable, "-m", PROBE, *arguments],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"exit status {result.returncode}: {result.stderr}"
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def images_at_limit(tmp_path_factory) -> Path:
    """A JPEG photo, an RGBA PNG document and a WebP photo at the pixel limit, written once."""
    root = tmp_path_factory.mktemp("images-at-limit")
    run_probe(root / "var", "generate", str(root / "images"))
    return root / "images"


def test_twelve_uploads_at_pixel_limit_peak_under_1_gb(images_at_limit, tmp_path):
    cases = [f"{images_at_limit / name}:{kind}" for name, kind in CASES.items()]

    report = run_probe(tmp_path / "var", "measure", "--threads", str(UPLOADS), *cases)

    limit = report["pixel_limit"]
    width, height = size_at(limit)
    for name, described in report["files"].items():
        assert limit - described["pixels"] < limit // 1000, name  # at the limit, not below it
    expected = {
        # A phone photo held upright (EXIF orientation 6): stored turned, as JPEG.
        "photo.jpg": {"format": "JPEG", "size": [height, width], "thumbnail": ["JPEG", 300, 400]},
        "document.png": {"format": "PNG", "size": [width, height], "thumbnail": ["JPEG", 400, 300]},
        "photo.webp": {"format": "JPEG", "size": [width, height], "thumbnail": ["JPEG", 400, 300]},
    }
    names = list(CASES)
    assert report["results"] == [
        {"file": names[i % len(names)], **expected[names[i % len(names)]]} for i in range(UPLOADS)
    ]
    assert report["peak_kib"] < ONE_GB_KIB, (
        f"{UPLOADS} uploads at {limit:,} pixels peaked at {report['peak_kib'] // 1024} MiB "
        f"(Django alone: {report['baseline_kib'] // 1024} MiB)"
    )


# ---- The decode slot is given back however a decode ends -----------------------------------


def free_slots() -> int:
    slots = attachments._DECODE_SLOTS
    taken = 0
    while slots.acquire(blocking=False):
        taken += 1
    for _ in range(taken):
        slots.release()
    return taken


@pytest.fixture
def slots_given_back():
    """After the test, give back any slot it leaked: a leak then fails that test instead of
    leaving every later upload in the run waiting forever."""
    yield
    for _ in range(settings.UPLOAD_DECODE_CONCURRENCY - free_slots()):
        attachments._DECODE_SLOTS.release()


def truncated_jpeg() -> bytes:
    """A JPEG whose header is sound but whose scan data stops half-way: only decoding fails."""
    buffer = io.BytesIO()
    Image.effect_noise((900, 600), 60).convert("RGB").save(buffer, format="JPEG")
    data = buffer.getvalue()
    return data[: len(data) // 2]


@pytest.mark.django_db
def test_decode_slot_released_after_failing_decode(entry, applicant, slots_given_back):
    data = truncated_jpeg()
    with Image.open(io.BytesIO(data)) as header:
        header.verify()  # what is checked before the slot is taken passes
    assert free_slots() == settings.UPLOAD_DECODE_CONCURRENCY

    with pytest.raises(ValidationError) as excinfo:
        add_attachment(
            actor=applicant,
            entry=entry,
            kind="photo",
            upload=SimpleUploadedFile("anh.jpg", data, content_type="image/jpeg"),
        )

    assert [error.code for error in excinfo.value.error_dict["file"]] == ["invalid_image"]
    assert free_slots() == settings.UPLOAD_DECODE_CONCURRENCY


@pytest.mark.django_db
def test_decode_slot_released_after_unexpected_error(
    entry, applicant, monkeypatch, slots_given_back
):
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), "red").save(buffer, format="PNG")

    def out_of_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(Image.Image, "save", out_of_memory)  # Pillow's encoder gives up

    with pytest.raises(MemoryError):
        add_attachment(
            actor=applicant,
            entry=entry,
            kind="photo",
            upload=SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png"),
        )

    assert free_slots() == settings.UPLOAD_DECODE_CONCURRENCY
    assert entry.attachments.count() == 0


def test_settings_refuse_decode_concurrency_below_one():
    result = start_django(DEBUG="true", UPLOAD_DECODE_CONCURRENCY="0")

    assert result.returncode != 0
    assert "UPLOAD_DECODE_CONCURRENCY must be at least 1" in result.stderr
