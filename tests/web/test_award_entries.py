"""The facility's award pages: open rounds, registering a product, the entry's page (description,
files, what is missing, submit, withdraw) and "my entries"."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from awards.models import Attachment, AwardRound, Entry, ProductGroup
from core.activity import history_of
from core.workflow import transition
from tests.factories import (
    PDF_BYTES,
    AttachmentFactory,
    AwardRoundFactory,
    EntryFactory,
    FacilityMemberFactory,
    png_bytes,
)

E = Entry.State


def status_of(client_as, user, url):
    return client_as(user).get(url).status_code


def login_redirect(url):
    return reverse("login") + "?next=" + url


# ---- Rounds open for registration ---------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 200),
        ("other_applicant", 200),
        ("judge", 200),
        ("officer", 200),
        ("manager", 200),
        ("anonymous", 302),
    ],
)
def test_open_rounds_access(persona, expected, personas, client_as, award_round):
    assert status_of(client_as, personas[persona], reverse("awards:open-rounds")) == expected


def test_open_rounds_lists_only_rounds_in_registration(client_as, applicant, facility):
    open_round = AwardRoundFactory()
    AwardRoundFactory(state="draft")
    AwardRoundFactory(state="screening")
    AwardRoundFactory(state="published")

    response = client_as(applicant).get(reverse("awards:open-rounds"))

    assert [card["round"] for card in response.context["cards"]] == [open_round]
    assert response.context["cards"][0]["window_open"] is True
    assert response.context["cards"][0]["my_entries"] == 0


def test_open_rounds_counts_my_entries_and_marks_a_closed_window(client_as, applicant, facility):
    today = timezone.localdate()
    closed = AwardRoundFactory(
        registration_opens=today - datetime.timedelta(days=30),
        registration_closes=today - datetime.timedelta(days=1),
    )
    EntryFactory(round=closed, facility=facility)
    EntryFactory(round=closed, facility=facility)
    EntryFactory(round=closed)  # another facility's

    cards = client_as(applicant).get(reverse("awards:open-rounds")).context["cards"]

    assert [(c["round"], c["window_open"], c["my_entries"]) for c in cards] == [(closed, False, 2)]


def test_open_rounds_empty_state(client_as, applicant):
    response = client_as(applicant).get(reverse("awards:open-rounds"))

    assert response.context["cards"] == []
    assert 'id="open-rounds-empty"' in response.text


# ---- Registering a product ----------------------------------------------------------------


def register_url(award_round):
    return reverse("awards:entry-register", args=[award_round.pk])


def register_data(facility, **overrides):
    data = {
        "facility": facility.pk,
        "product_name": "Kẹo dừa lá dứa",
        "product_group": ProductGroup.objects.get(code=2).pk,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 200),
        ("other_applicant", 200),  # no facility yet: told to register one first
        ("judge", 403),
        ("officer", 403),
        ("manager", 403),
        ("admin", 403),
        ("anonymous", 302),
    ],
)
def test_register_page_access(persona, expected, personas, client_as, award_round, facility):
    assert status_of(client_as, personas[persona], register_url(award_round)) == expected


def test_register_page_of_a_draft_round_not_found(client_as, applicant, facility, draft_round):
    assert status_of(client_as, applicant, register_url(draft_round)) == 404


def test_register_page_without_facility_asks_for_one(client_as, other_applicant, award_round):
    response = client_as(other_applicant).get(register_url(award_round))

    assert response.context["form"] is None
    assert 'id="register-no-facility"' in response.text


def test_register_page_with_one_facility_hides_the_choice(
    client_as, applicant, facility, award_round
):
    response = client_as(applicant).get(register_url(award_round))

    form = response.context["form"]
    assert form.fields["facility"].widget.input_type == "hidden"
    assert response.context["facility"] == facility
    # Only the groups the round opens are offered.
    offered = [value for value, _label in form.fields["product_group"].widget.choices if value]
    assert offered == list(award_round.product_groups.values_list("pk", flat=True))


def test_register_page_with_several_facilities_offers_only_mine(
    client_as, applicant, facility, other_facility, award_round
):
    second = FacilityMemberFactory(user=applicant).facility

    form = client_as(applicant).get(register_url(award_round)).context["form"]

    assert set(form.fields["facility"].queryset) == {facility, second}


def test_register_creates_the_entry_and_opens_its_page(client_as, applicant, facility, award_round):
    response = client_as(applicant).post(register_url(award_round), register_data(facility))

    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("awards:entry-detail", args=[entry.pk])
    assert (entry.round, entry.facility, entry.product_name, entry.state, entry.created_by) == (
        award_round,
        facility,
        "Kẹo dừa lá dứa",
        E.DRAFT,
        applicant,
    )


def test_register_for_a_facility_i_am_not_member_of_refused(
    client_as, applicant, facility, other_facility, award_round
):
    FacilityMemberFactory(user=applicant)  # two facilities: the choice is shown

    response = client_as(applicant).post(register_url(award_round), register_data(other_facility))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["facility"]
    assert Entry.objects.count() == 0


def test_register_in_a_closed_window_says_when_it_closed(client_as, applicant, facility):
    today = timezone.localdate()
    closes = today - datetime.timedelta(days=1)
    closed = AwardRoundFactory(
        registration_opens=today - datetime.timedelta(days=30), registration_closes=closes
    )

    response = client_as(applicant).post(register_url(closed), register_data(facility))

    assert response.status_code == 200
    assert response.context["closed_on"] == closes
    assert response.context["form"] is None
    assert (
        f"Đợt bình chọn “{closed.title}” đã hết hạn đăng ký ngày {closes:%d/%m/%Y}."
        in response.text
    )
    assert f'href="{reverse("awards:open-rounds")}" id="register-open-rounds"' in response.text
    assert Entry.objects.count() == 0


def test_register_for_a_closed_group_shows_the_error_at_the_group(client_as, applicant, facility):
    award_round = AwardRoundFactory(groups=ProductGroup.objects.filter(code__in=[1, 3]))

    response = client_as(applicant).post(register_url(award_round), register_data(facility))

    assert list(response.context["form"].errors) == ["product_group"]
    assert Entry.objects.count() == 0


def test_register_by_an_ineligible_facility_shows_why(client_as, applicant, facility, award_round):
    type(facility).objects.filter(pk=facility.pk).update(legal_form="state_enterprise")

    response = client_as(applicant).post(register_url(award_round), register_data(facility))

    form = response.context["form"]
    # One facility: its field is hidden, so the refusal and its reason show above the form.
    assert list(form.errors) == ["__all__"]
    assert len(form.non_field_errors()) == 2
    assert Entry.objects.count() == 0


def test_register_the_same_product_twice_refused(client_as, applicant, facility, award_round):
    client = client_as(applicant)
    client.post(register_url(award_round), register_data(facility))

    response = client.post(
        register_url(award_round), register_data(facility, product_name="KẸO DỪA LÁ DỨA")
    )

    assert list(response.context["form"].errors) == ["product_name"]
    assert Entry.objects.count() == 1


def test_register_without_a_product_name_refused(client_as, applicant, facility, award_round):
    response = client_as(applicant).post(
        register_url(award_round), register_data(facility, product_name="")
    )

    assert list(response.context["form"].errors) == ["product_name"]
    assert Entry.objects.count() == 0


# ---- The entry's page ---------------------------------------------------------------------


def entry_url(entry, name="awards:entry-detail"):
    return reverse(name, args=[entry.pk])


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 200),
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 200),
        ("manager", 200),
        ("admin", 200),
        ("anonymous", 302),
    ],
)
def test_entry_page_access(persona, expected, personas, client_as, entry):
    assert status_of(client_as, personas[persona], entry_url(entry)) == expected


def test_entry_page_of_a_draft_shows_the_form_and_what_is_missing(client_as, applicant, entry):
    response = client_as(applicant).get(entry_url(entry))

    context = response.context
    assert context["can_edit"] is True
    assert context["submit_step"].name == "submit"
    assert context["withdraw_step"].name == "withdraw"
    assert context["form"].instance == entry
    assert len(context["missing"]) == 4  # three photos, then Mẫu 01, Mẫu 02, business registration
    assert 'id="missing-list"' in response.text
    assert 'id="entry-submit"' in response.text
    assert 'id="upload-form"' in response.text


def test_entry_page_complete_dossier_shows_nothing_missing(client_as, applicant, complete_entry):
    response = client_as(applicant).get(entry_url(complete_entry))

    assert response.context["missing"] == []
    assert 'id="missing-none"' in response.text
    assert len(response.context["photos"]) == 3
    assert [label for label, _files in response.context["documents"]] == [
        Attachment.Kind.REGISTRATION_FORM.label,
        Attachment.Kind.DESCRIPTION.label,
        Attachment.Kind.BUSINESS_REGISTRATION.label,
    ]
    photo = response.context["photos"][0]
    assert reverse("awards:attachment-thumbnail", args=[photo.pk]) in response.text


def test_entry_page_for_staff_is_read_only(client_as, officer, complete_entry):
    response = client_as(officer).get(entry_url(complete_entry))

    assert response.context["can_edit"] is False
    assert response.context["submit_step"] is None
    assert "form" not in response.context
    assert 'id="entry-form"' not in response.text
    assert 'class="btn btn-sm btn-outline-danger attachment-delete"' not in response.text


def test_entry_page_of_a_submitted_entry_is_read_only_for_the_facility(
    client_as, applicant, submitted_entry
):
    response = client_as(applicant).get(entry_url(submitted_entry))

    assert response.context["can_edit"] is False
    assert response.context["submit_step"] is None
    assert response.context["withdraw_step"].name == "withdraw"
    assert 'id="entry-form"' not in response.text


def test_entry_page_shows_the_reason_of_a_returned_entry(
    client_as, applicant, officer, submitted_entry
):
    transition(submitted_entry, to=E.RETURNED, actor=officer, note="Thiếu ảnh màu rõ nét.")

    response = client_as(applicant).get(entry_url(submitted_entry))

    assert response.context["entry"].state_reason == "Thiếu ảnh màu rõ nét."
    assert response.context["can_edit"] is True
    assert 'id="entry-reason"' in response.text
    assert "Thiếu ảnh màu rõ nét." in response.text
    # The facility follows its state changes, with the officer's note.
    history = response.context["history"]
    assert [(row["log"].before["state"], row["log"].after["state"]) for row in history] == [
        ("submitted", "returned"),
        ("draft", "submitted"),
    ]


def test_entry_update_saves_the_description(client_as, applicant, entry):
    data = {
        "product_name": "Kẹo dừa sáp",
        "product_group": ProductGroup.objects.get(code=2).pk,
        "features": "Mềm, thơm",
        "materials": "Dừa sáp",
        "production_process": "Thủ công",
        "markets": "Trong tỉnh",
        "price": "50.000 đ",
        "quality_standards": "",
        "awards_received": "",
    }

    response = client_as(applicant).post(entry_url(entry, "awards:entry-update"), data)

    entry.refresh_from_db()
    assert response.status_code == 302
    assert (entry.product_name, entry.features, entry.is_product_set) == (
        "Kẹo dừa sáp",
        "Mềm, thơm",
        False,
    )


def test_entry_update_to_a_closed_group_shows_the_error(client_as, applicant, facility):
    award_round = AwardRoundFactory(groups=ProductGroup.objects.filter(code__in=[2]))
    entry = EntryFactory(round=award_round, facility=facility)
    data = {
        "product_name": entry.product_name,
        "product_group": ProductGroup.objects.get(code=4).pk,
    }

    response = client_as(applicant).post(entry_url(entry, "awards:entry-update"), data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["product_group"]
    entry.refresh_from_db()
    assert entry.product_group.code == 2


@pytest.mark.parametrize("persona", ["officer", "other_applicant"])
def test_entry_update_by_others_refused(persona, personas, client_as, entry):
    data = {"product_name": "X", "product_group": entry.product_group_id}

    response = client_as(personas[persona]).post(entry_url(entry, "awards:entry-update"), data)

    assert response.status_code == (403 if persona == "officer" else 404)
    entry.refresh_from_db()
    assert entry.product_name != "X"


def submitted_since(response) -> list[str]:
    """The messages a member's stale page got: what happened, never the state machine's words."""
    texts = [str(m) for m in response.context["messages"]]
    assert texts and all(text.startswith("Hồ sơ này đã được nộp lúc") for text in texts), texts
    assert not any("Không thể chuyển" in text for text in texts)
    return texts


def test_entry_update_after_submission_says_it_was_submitted(client_as, applicant, submitted_entry):
    """A co-member submitted the dossier while this member's page was open: no bare 403."""
    data = {"product_name": "X", "product_group": submitted_entry.product_group_id}

    response = client_as(applicant).post(
        entry_url(submitted_entry, "awards:entry-update"), data, follow=True
    )

    assert response.redirect_chain == [(entry_url(submitted_entry), 302)]
    submitted_since(response)
    submitted_entry.refresh_from_db()
    assert submitted_entry.product_name != "X"


def test_entry_update_by_staff_forbidden(client_as, officer, entry):
    data = {"product_name": "X", "product_group": entry.product_group_id}

    response = client_as(officer).post(entry_url(entry, "awards:entry-update"), data)

    assert response.status_code == 403


def test_entry_update_of_a_draft_after_registration_closed_says_when(
    client_as, applicant, officer, entry
):
    from core.workflow import transition

    transition(entry.round, action="close_registration", actor=officer, note="Đóng sớm.")
    data = {"product_name": "X", "product_group": entry.product_group_id}

    response = client_as(applicant).post(entry_url(entry, "awards:entry-update"), data, follow=True)

    (text,) = [str(m) for m in response.context["messages"]]
    assert text.startswith("Đợt bình chọn này đã hết hạn đăng ký ngày ")
    entry.refresh_from_db()
    assert entry.product_name != "X"


# ---- Files --------------------------------------------------------------------------------


def test_upload_photos_through_the_page(client_as, applicant, entry):
    files = [
        SimpleUploadedFile(f"anh-{n}.png", png_bytes(800, 600), content_type="image/png")
        for n in range(3)
    ]

    response = client_as(applicant).post(
        entry_url(entry, "awards:entry-upload"), {"kind": "photo", "file": files}
    )

    assert response.status_code == 302
    photos = list(entry.attachments.order_by("pk"))
    assert [(a.kind, a.original_name.split(".")[0]) for a in photos] == [
        ("photo", "anh-0"),
        ("photo", "anh-1"),
        ("photo", "anh-2"),
    ]
    assert all(a.thumbnail for a in photos)
    page = client_as(applicant).get(entry_url(entry))
    assert len(page.context["photos"]) == 3
    assert len(page.context["missing"]) == 3  # the photos are there; three documents are not
    for photo in photos:
        assert reverse("awards:attachment-thumbnail", args=[photo.pk]) in page.text


def test_upload_a_document_through_the_page(client_as, applicant, entry):
    upload = SimpleUploadedFile("mau-01.pdf", PDF_BYTES, content_type="application/pdf")

    client_as(applicant).post(
        entry_url(entry, "awards:entry-upload"), {"kind": "registration_form", "file": upload}
    )

    document = entry.attachments.get()
    assert (document.kind, document.content_type) == ("registration_form", "application/pdf")
    page = client_as(applicant).get(entry_url(entry))
    assert reverse("awards:attachment-download", args=[document.pk]) in page.text


def test_upload_a_spoofed_image_shows_the_error_and_stores_nothing(client_as, applicant, entry):
    fake = SimpleUploadedFile("anh.jpg", b"not an image at all", content_type="image/jpeg")

    response = client_as(applicant).post(
        entry_url(entry, "awards:entry-upload"), {"kind": "photo", "file": fake}
    )

    assert response.status_code == 200
    assert list(response.context["upload_form"].errors) == ["file"]
    assert entry.attachments.count() == 0


def test_upload_without_a_file_shows_the_error(client_as, applicant, entry):
    response = client_as(applicant).post(entry_url(entry, "awards:entry-upload"), {"kind": "photo"})

    assert response.status_code == 200
    assert list(response.context["upload_form"].errors) == ["file"]


def test_upload_to_a_submitted_entry_says_it_was_submitted(client_as, applicant, submitted_entry):
    upload = SimpleUploadedFile("anh.png", png_bytes(800, 600), content_type="image/png")

    response = client_as(applicant).post(
        entry_url(submitted_entry, "awards:entry-upload"),
        {"kind": "photo", "file": upload},
        follow=True,
    )

    assert response.redirect_chain == [(entry_url(submitted_entry), 302)]
    submitted_since(response)
    assert submitted_entry.attachments.count() == 6


def test_upload_by_script_to_a_submitted_entry_answers_409_and_keeps_the_message(
    client_as, applicant, submitted_entry
):
    """uploads.js reloads the page on a 409: the message waits for that page."""
    client = client_as(applicant)
    upload = SimpleUploadedFile("anh.png", png_bytes(800, 600), content_type="image/png")

    response = client.post(
        entry_url(submitted_entry, "awards:entry-upload"),
        {"kind": "photo", "file": upload},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )

    assert response.status_code == 409
    submitted_since(client.get(entry_url(submitted_entry)))
    assert submitted_entry.attachments.count() == 6


def test_delete_an_attachment_while_editable(client_as, applicant, entry):
    photo = AttachmentFactory(entry=entry, kind="photo")

    response = client_as(applicant).post(reverse("awards:entry-attachment-delete", args=[photo.pk]))

    assert response.status_code == 302
    assert response.url == entry_url(entry)
    assert entry.attachments.count() == 0


def test_delete_an_attachment_after_submission_says_it_was_submitted(
    client_as, applicant, submitted_entry
):
    photo = submitted_entry.attachments.first()

    response = client_as(applicant).post(
        reverse("awards:entry-attachment-delete", args=[photo.pk]), follow=True
    )

    assert response.redirect_chain == [(entry_url(submitted_entry), 302)]
    submitted_since(response)
    assert submitted_entry.attachments.count() == 6


def test_delete_another_facility_s_attachment_not_found(client_as, other_applicant, entry):
    photo = AttachmentFactory(entry=entry, kind="photo")

    response = client_as(other_applicant).post(
        reverse("awards:entry-attachment-delete", args=[photo.pk])
    )

    assert response.status_code == 404
    assert entry.attachments.count() == 1


# ---- Submit and withdraw ------------------------------------------------------------------


def test_submit_with_missing_items_shows_them_and_keeps_the_state(client_as, applicant, entry):
    AttachmentFactory(entry=entry, kind="photo")

    response = client_as(applicant).post(entry_url(entry, "awards:entry-submit"))

    entry.refresh_from_db()
    assert response.status_code == 200
    assert entry.state == E.DRAFT
    assert len(response.context["submit_errors"]) == 4  # photos (1 of 3) and three documents
    assert response.context["submit_errors"] == response.context["missing"]
    assert 'id="submit-errors"' in response.text


def test_submit_a_complete_dossier(client_as, applicant, complete_entry):
    response = client_as(applicant).post(entry_url(complete_entry, "awards:entry-submit"))

    complete_entry.refresh_from_db()
    assert response.status_code == 302
    assert response.url == entry_url(complete_entry)
    assert complete_entry.state == E.SUBMITTED
    assert complete_entry.submitted_at is not None


def test_submit_by_staff_forbidden(client_as, officer, complete_entry):
    response = client_as(officer).post(entry_url(complete_entry, "awards:entry-submit"))

    assert response.status_code == 403
    complete_entry.refresh_from_db()
    assert complete_entry.state == E.DRAFT


def test_submit_twice_shows_the_wrong_state(client_as, applicant, submitted_entry):
    response = client_as(applicant).post(entry_url(submitted_entry, "awards:entry-submit"))

    assert response.status_code == 200
    assert len(response.context["submit_errors"]) == 1
    assert 'id="submit-errors"' in response.text
    submitted_entry.refresh_from_db()
    assert submitted_entry.state == E.SUBMITTED


def test_withdraw_asks_for_confirmation_then_withdraws(client_as, applicant, entry):
    client = client_as(applicant)
    url = entry_url(entry, "awards:entry-withdraw")

    confirm = client.get(url)
    entry.refresh_from_db()
    assert (confirm.status_code, confirm.context["available"], entry.state) == (200, True, E.DRAFT)

    response = client.post(url, {"note": "Sản phẩm chưa sẵn sàng"})

    entry.refresh_from_db()
    assert response.status_code == 302
    assert entry.state == E.WITHDRAWN


def test_withdraw_during_judging_refused_with_the_reason(client_as, applicant, entry):
    AwardRound.objects.filter(pk=entry.round_id).update(state="judging")

    response = client_as(applicant).post(entry_url(entry, "awards:entry-withdraw"))

    entry.refresh_from_db()
    assert response.status_code == 200
    assert len(response.context["errors"]) == 1
    assert entry.state == E.DRAFT


@pytest.mark.parametrize(
    ("persona", "expected"), [("manager", 403), ("judge", 404), ("other_applicant", 404)]
)
def test_withdraw_by_others_refused(persona, expected, personas, client_as, entry):
    response = client_as(personas[persona]).post(entry_url(entry, "awards:entry-withdraw"))

    assert response.status_code == expected
    entry.refresh_from_db()
    assert entry.state == E.DRAFT


def test_officer_withdraws_at_the_facilitys_request_with_how_it_asked(
    client_as, officer, submitted_entry
):
    url = entry_url(submitted_entry, "awards:entry-withdraw")
    client = client_as(officer)

    confirm = client.get(url)
    assert confirm.context["step"].name == "withdraw_on_request"
    assert confirm.context["form"]["note"].label == "Cơ sở đã đề nghị như thế nào"
    assert "Rút sản phẩm này theo đề nghị của cơ sở?" in confirm.text

    refused = client.post(url, {"note": ""})
    assert refused.context["errors"] == [
        "Hãy ghi rõ cơ sở đã đề nghị rút như thế nào (văn bản hoặc tin nhắn và ngày gửi)."
    ]
    response = client.post(url, {"note": "Công văn số 12/CV ngày 02/12/2026", "from": "submitted"})

    assert response.status_code == 302
    submitted_entry.refresh_from_db()
    assert submitted_entry.state == E.WITHDRAWN
    assert submitted_entry.state_reason == "Công văn số 12/CV ngày 02/12/2026"
    log = history_of(submitted_entry).filter(action="transition").first()
    assert (log.transition, log.actor) == ("withdraw_on_request", officer)


def test_withdraw_from_a_stale_page_says_what_happened_in_words(
    client_as, applicant, officer, submitted_entry
):
    transition(submitted_entry, action="return_for_completion", actor=officer, note="Bổ sung")
    returned = timezone.localtime(history_of(submitted_entry).first().created_at)

    response = client_as(applicant).post(
        entry_url(submitted_entry, "awards:entry-withdraw"), {"from": "submitted"}, follow=True
    )

    assert response.redirect_chain == [(entry_url(submitted_entry), 302)]
    # The facility reads what happened and when; who at the center did it is not its business.
    assert [str(m) for m in response.context["messages"]] == [
        f"Hồ sơ này đã được trả lại để bổ sung lúc {returned:%H:%M} ngày {returned:%d/%m/%Y}."
    ]
    submitted_entry.refresh_from_db()
    assert submitted_entry.state == E.RETURNED


# ---- My entries ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 200),
        ("other_applicant", 200),
        ("judge", 403),
        ("officer", 302),
        ("manager", 302),
        ("anonymous", 302),
    ],
)
def test_my_entries_access(persona, expected, personas, client_as, entry):
    assert status_of(client_as, personas[persona], reverse("awards:my-entries")) == expected


def test_my_entries_lists_only_my_facilities_entries(client_as, applicant, entry, other_facility):
    EntryFactory(facility=other_facility)
    second = EntryFactory(facility=entry.facility)

    response = client_as(applicant).get(reverse("awards:my-entries"))

    assert list(response.context["page_obj"]) == [second, entry]


def test_my_entries_empty_state(client_as, other_applicant, entry):
    response = client_as(other_applicant).get(reverse("awards:my-entries"))

    assert list(response.context["page_obj"]) == []
    assert 'id="my-entries-empty"' in response.text


def test_anonymous_is_sent_to_login(client, entry):
    url = entry_url(entry)

    response = client.get(url)

    assert (response.status_code, response.url) == (302, login_redirect(url))
