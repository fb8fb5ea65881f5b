"""What each row of the matrix acts on and what it sends.

- OBJECTS: the URL kwargs of every endpoint with parameters, taken from the world.
- QUERIES: the query string an endpoint needs to answer at all.
- BODIES: the body of a state-changing row, keyed by (endpoint, method). Each is minimal and
  valid for the persona the endpoint is for, so that an allowed persona's answer is its success
  status (201, 200, 204, or a page's 302) and a refused one's is about permission alone. Every
  persona of a row sends the same body, except where a body carries the sender's own
  credentials (the token and the login). A body is built from (world, user); user is None for
  anonymous.

A key here that no row uses fails a test, as does an endpoint with parameters missing from
OBJECTS.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from awards.models import CriteriaTemplate, ProductGroup
from tests.factories import PASSWORD, PDF_BYTES, png_bytes, valid_tax_code, ward_in

NEW_PASSWORD = "Mat-khau-Moi-2027!"
# A tax code no factory hands out in a test (their sequences start at 0).
NEW_TAX_CODE = valid_tax_code(777_777)
VINH_LONG = "86"


def _entry(w) -> dict:
    return {"pk": w.entry.pk}


def _photo_in_api(w) -> dict:
    return {"entry_pk": w.photo.entry_id, "pk": w.photo.pk}


OBJECTS = {
    # API
    "api:user-detail": lambda w: {"pk": w.users["judge"].pk},
    "api:facility-detail": lambda w: {"pk": w.facility.pk},
    "api:criteria-template-detail": lambda w: {"pk": w.template.pk},
    "api:round-detail": lambda w: {"pk": w.draft_round.pk},
    "api:round-history": lambda w: {"pk": w.open_round.pk},
    "api:round-transition": lambda w: {"pk": w.draft_round.pk},
    "api:entry-detail": _entry,
    "api:entry-history": _entry,
    "api:entry-screening": lambda w: {"pk": w.submitted_entry.pk},
    "api:entry-transition": _entry,
    "api:entry-attachment-list": lambda w: {"entry_pk": w.entry.pk},
    "api:entry-attachment-detail": _photo_in_api,
    "api:entry-attachment-file": _photo_in_api,
    "api:entry-attachment-thumbnail": _photo_in_api,
    # Pages
    "applicants:detail": lambda w: {"pk": w.facility.pk},
    "applicants:edit": lambda w: {"pk": w.facility.pk},
    "awards:round-detail": lambda w: {"pk": w.draft_round.pk},
    "awards:round-edit": lambda w: {"pk": w.draft_round.pk},
    "awards:round-transition": lambda w: {"pk": w.draft_round.pk},
    "awards:entry-register": lambda w: {"pk": w.open_round.pk},
    "awards:round-entries": lambda w: {"pk": w.open_round.pk},
    "awards:entries-bulk": lambda w: {"pk": w.open_round.pk},
    "awards:template-edit": lambda w: {"pk": w.template.pk},
    "awards:entry-detail": _entry,
    "awards:entry-update": _entry,
    "awards:entry-upload": _entry,
    "awards:entry-submit": _entry,
    "awards:entry-withdraw": _entry,
    "awards:entry-screening": lambda w: {"pk": w.submitted_entry.pk},
    "awards:entry-attachment-delete": lambda w: {"pk": w.photo.pk},
    "awards:attachment-download": lambda w: {"pk": w.photo.pk},
    "awards:attachment-thumbnail": lambda w: {"pk": w.photo.pk},
    "password_reset_confirm": lambda w: w.reset_link,
    # Printable forms (issue 7)
    "awards:entry-mau-01": _entry,
    "awards:entry-mau-01-docx": _entry,
    "awards:entry-mau-02": _entry,
    "awards:entry-mau-02-docx": _entry,
    # Notifications (issue 7)
    "api:notification-read": lambda w: {"pk": w.notification.pk},
    "notifications:open": lambda w: {"pk": w.notification.pk},
    "notifications:read": lambda w: {"pk": w.notification.pk},
    # Entry page (issue 7)
    "awards:entry-autosave": _entry,
    # Judging (issue 8): scoring
    "api:score-sheet-detail": lambda w: {"pk": w.sheet.pk},
    "api:score-sheet-history": lambda w: {"pk": w.sheet.pk},
    "api:score-sheet-transition": lambda w: {"pk": w.scored_sheet.pk},
    "api:round-progress": lambda w: (w.panel, {"pk": w.judging_round.pk})[1],
    "awards:round-progress": lambda w: (w.sheet, {"pk": w.judging_round.pk})[1],
    "awards:sheet-reopen": lambda w: {"pk": w.submitted_sheet.pk},
    # Judging (issue 8): panels
    "api:panel-detail": lambda w: {"pk": w.setup_panel.pk},
    "api:assignment-detail": lambda w: {"pk": w.sheet.pk},
    "awards:panel-list": lambda w: {"pk": w.panel.round_id},
    "awards:panel-create": lambda w: {"pk": w.setup_round.pk},
    "awards:panel-detail": lambda w: {"pk": w.panel.pk},
    "awards:panel-edit": lambda w: {"pk": w.setup_panel.pk},
    "awards:panel-delete": lambda w: {"pk": w.setup_panel.pk},
    "awards:assignment-add": lambda w: {"pk": w.panel.pk},
    "awards:assignment-remove": lambda w: {"pk": w.sheet.pk},
    "awards:judging-declaration": lambda w: w.declaring(),
    # Judging (issue 8): judgepages
    "awards:judging-round": lambda w: {"pk": w.judgepages_round.pk},
    "awards:judging-sheet": lambda w: {"pk": w.sheet.pk},
    "awards:judging-panel": lambda w: {"pk": w.judgepages_submitted_sheet.panel_id},
    # Issue 9: the official lists and their background jobs
    "api:round-export-recognized": lambda w: {"pk": w.finalized_round.pk},
    "awards:round-export-recognized": lambda w: {"pk": w.finalized_round.pk},
    "api:round-export-score-sheets": lambda w: {"pk": w.finalized_round.pk},
    "awards:round-export-score-sheets": lambda w: {"pk": w.finalized_round.pk},
    "api:round-export-scores": lambda w: {"pk": w.finalized_round.pk},
    "awards:round-export-scores": lambda w: {"pk": w.finalized_round.pk},
    "api:round-export-nominees": lambda w: {"pk": w.finalized_round.pk},
    "awards:round-export-nominees": lambda w: {"pk": w.finalized_round.pk},
    "api:round-export-entries": lambda w: {"pk": w.finalized_round.pk},
    "awards:round-export-entries": lambda w: {"pk": w.finalized_round.pk},
    "api:export-job": lambda w: {"pk": w.export_job.pk},
    "api:export-job-file": lambda w: {"pk": w.export_job.pk},
    "export-job": lambda w: {"pk": w.export_job.pk},
    "export-job-file": lambda w: {"pk": w.export_job.pk},
    "export-job-retry": lambda w: {"pk": w.export_job.pk},
}

QUERIES = {
    "api:ward-list": {"province": VINH_LONG},
    "applicants:ward-options": {"province": VINH_LONG},
}


# ---- Bodies -----------------------------------------------------------------------------------


def _photo_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("anh-moi.png", png_bytes(800, 600), content_type="image/png")


def _facility_api(facility=None) -> dict:
    """A facility in the API's shape: a new one, or `facility` renamed."""
    ward = facility.ward if facility else ward_in(VINH_LONG)
    return {
        "name": "Cơ sở kẹo dừa Thanh Long",
        "legal_form": "small_enterprise",
        "tax_code": facility.tax_code if facility else NEW_TAX_CODE,
        "representative_name": "Lê Thị Mai",
        "representative_title": "Chủ cơ sở",
        "phone": "0912 345 678",
        "email": "keodua@example.vn",
        "address_line": "Ấp Phú Thạnh",
        "province": ward.province_id,
        "ward": ward.pk,
        "workers": 25,
        "founded_year": 2008,
    }


def _facility_form(facility=None) -> dict:
    """The POST of the facility form: a new facility, or `facility` renamed."""
    data = _facility_api(facility)
    data.update(
        {
            "business_registration_number": "",
            "business_registration_date": "",
            "old_address": "",
            "craft_village": "",
            "sector": "Chế biến thực phẩm",
            "main_products": "Kẹo dừa",
            "workers": "25",
            "founded_year": "2008",
        }
    )
    return data


def _round_api() -> dict:
    return {
        "title": "Bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh năm 2027",
        "year": 2027,
        "level": "province",
        "organiser_name": "Sở Công Thương tỉnh Vĩnh Long",
        "product_groups": [1, 2],
        "registration_opens": "2027-03-01",
        "registration_closes": "2027-04-30",
        "judging_ends": "2027-05-31",
    }


def _round_form() -> dict:
    return {
        **_round_api(),
        "criteria_template": CriteriaTemplate.objects.get(is_default=True).pk,
        "registration_opens": "01/03/2027",
        "registration_closes": "30/04/2027",
        "judging_ends": "31/05/2027",
        "pass_score": "70",
        "min_score_sheets": "5",
        "nominee_quota": "",
        "next_round": "",
        "product_groups": list(
            ProductGroup.objects.filter(code__in=[1, 2]).values_list("pk", flat=True)
        ),
    }


def _template_api(name: str) -> dict:
    return {
        "name": name,
        "description": "",
        "criteria": [
            {"code": "A", "text": "Thị trường", "max_points": "60", "children": []},
            {"code": "B", "text": "Kỹ thuật", "max_points": "40", "children": []},
        ],
    }


def _template_form(name: str) -> dict:
    rows = [("A", "Thị trường", "60"), ("B", "Kỹ thuật", "40")]
    data = {
        "name": name,
        "description": "",
        "criteria-TOTAL_FORMS": str(len(rows)),
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for index, (code, text, points) in enumerate(rows):
        data.update(
            {
                f"criteria-{index}-code": code,
                f"criteria-{index}-text": text,
                f"criteria-{index}-max_points": points,
                f"criteria-{index}-parent": "",
            }
        )
    return data


def _entry_api() -> dict:
    return {
        "product_name": "Kẹo dừa lá dứa",
        "product_group": 2,
        "is_product_set": False,
        "features": "Kẹo dừa dẻo, vị lá dứa, hộp 400 g.",
        "materials": "Dừa khô, đường mía, lá dứa.",
        "production_process": "Nấu thủ công, 2 tấn/tháng.",
        "markets": "Trong tỉnh, TP Hồ Chí Minh.",
        "price": "35.000 đ/hộp",
        "quality_standards": "",
        "awards_received": "",
    }


def _entry_form() -> dict:
    data = _entry_api()
    data["product_group"] = ProductGroup.objects.get(code=2).pk
    del data["is_product_set"]  # an unticked checkbox is not sent
    return data


def _credentials(w, user) -> dict:
    """The sender's own username and password; anonymous signs in as the applicant."""
    return {"username": (user or w.applicant).username, "password": PASSWORD}


BODIES = {
    # API
    ("api:token", "POST"): _credentials,
    ("api:user-list", "POST"): lambda w, user: {
        "username": "giamkhao_moi",
        "password": NEW_PASSWORD,
        "full_name": "Phạm Văn Bình",
        "role": "judge",
    },
    ("api:facility-list", "POST"): lambda w, user: _facility_api(),
    ("api:facility-detail", "PUT"): lambda w, user: _facility_api(w.facility),
    ("api:facility-detail", "PATCH"): lambda w, user: {"name": "Cơ sở kẹo dừa Tư Hiền"},
    ("api:criteria-template-list", "POST"): lambda w, user: _template_api("Phiếu chấm thử"),
    ("api:criteria-template-detail", "PUT"): lambda w, user: _template_api("Phiếu chấm đã sửa"),
    ("api:criteria-template-detail", "PATCH"): lambda w, user: {"name": "Phiếu chấm đã sửa"},
    ("api:round-list", "POST"): lambda w, user: _round_api(),
    ("api:round-detail", "PUT"): lambda w, user: _round_api(),
    ("api:round-detail", "PATCH"): lambda w, user: {"title": "Bình chọn năm 2027 (sửa)"},
    ("api:round-transition", "POST"): lambda w, user: {"to": "registration"},
    ("api:entry-list", "POST"): lambda w, user: {
        **_entry_api(),
        "round": w.open_round.pk,
        "facility": w.facility.pk,
    },
    ("api:entry-detail", "PUT"): lambda w, user: _entry_api(),
    ("api:entry-detail", "PATCH"): lambda w, user: {"price": "40.000 đ/hộp"},
    ("api:entry-screening", "POST"): lambda w, user: {
        "checks": {"made_by_facility": {"passed": True}}
    },
    ("api:entry-transition", "POST"): lambda w, user: {"to": "submitted"},
    ("api:entry-bulk-transition", "POST"): lambda w, user: {
        "ids": [w.submitted_entry.pk],
        "to": "eligible",
    },
    ("api:entry-attachment-list", "POST"): lambda w, user: {
        "kind": "photo",
        "file": _photo_upload(),
    },
    # Pages
    ("applicants:create", "POST"): lambda w, user: _facility_form(),
    ("applicants:edit", "POST"): lambda w, user: _facility_form(w.facility),
    ("awards:round-create", "POST"): lambda w, user: _round_form(),
    ("awards:round-edit", "POST"): lambda w, user: _round_form(),
    ("awards:round-transition", "POST"): lambda w, user: {"action": "open_registration"},
    ("awards:entry-register", "POST"): lambda w, user: {
        "facility": w.facility.pk,
        "product_name": "Kẹo dừa lá dứa",
        "product_group": ProductGroup.objects.get(code=2).pk,
    },
    ("awards:entries-bulk", "POST"): lambda w, user: {
        "entries": [w.submitted_entry.pk],
        "to": "eligible",
    },
    ("awards:template-create", "POST"): lambda w, user: _template_form("Phiếu chấm thử"),
    ("awards:template-edit", "POST"): lambda w, user: _template_form("Phiếu chấm đã sửa"),
    ("awards:entry-update", "POST"): lambda w, user: _entry_form(),
    ("awards:entry-upload", "POST"): lambda w, user: {"kind": "photo", "file": _photo_upload()},
    ("awards:entry-withdraw", "POST"): lambda w, user: {"note": "Sản phẩm chưa sẵn sàng."},
    ("awards:entry-screening", "POST"): lambda w, user: {
        "met_made_by_facility": "yes",
        "action": "save",
    },
    ("register", "POST"): lambda w, user: {
        "username": "banhtrang",
        "full_name": "Lê Thị Mai",
        "account_email": "mai@example.vn",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **_facility_form(),
    },
    ("login", "POST"): _credentials,
    ("password_change", "POST"): lambda w, user: {
        "old_password": PASSWORD,
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    },
    ("password_reset", "POST"): lambda w, user: {"email": w.applicant.email},
    # Notifications (issue 7)
    ("notifications:preferences", "POST"): lambda w, user: {"email": "on"},
    # Entry page (issue 7)
    ("awards:entry-autosave", "POST"): lambda w, user: _entry_form(),
    # Judging (issue 8): scoring
    ("api:score-sheet-detail", "PUT"): lambda w, user: {
        "scores": [
            {"criterion": "1", "points": "35.5", "note": "Thị trường rộng"},
            {"criterion": "2", "points": "30"},
            {"criterion": "3", "points": "8"},
            {"criterion": "4", "points": "7.5"},
        ],
        "comment": "Sản phẩm có bao bì đẹp.",
    },
    ("api:score-sheet-detail", "PATCH"): lambda w, user: {
        "scores": [{"criterion": "1", "points": "35.5"}]
    },
    ("api:score-sheet-transition", "POST"): lambda w, user: {"action": "submit"},
    ("awards:sheet-reopen", "POST"): lambda w, user: {
        "action": "reopen_by_chair" if user == w.users["chair"] else "reopen_by_officer",
        "from": "submitted",
        "note": "Tiêu chí 2 chấm nhầm.",
    },
    # Judging (issue 8): panels
    ("api:panel-list", "POST"): lambda w, user: _panel_api(w, w.setup_round.pk),
    ("api:panel-detail", "PUT"): lambda w, user: _panel_api(w, w.setup_round.pk, group=2),
    ("api:panel-detail", "PATCH"): lambda w, user: {"name": "Hội đồng nhóm 2 (sửa)"},
    ("api:conflict-list", "POST"): lambda w, user: {
        "round": w.panel.round_id,
        "facility": w.judged_entry.facility_id,
        "reason": "Em ruột của chủ cơ sở",
    },
    ("api:assignment-list", "POST"): lambda w, user: {
        "entry": (w.panel and w.judged_entry).pk,
        "judge": w.users["chair"].pk,
    },
    ("awards:panel-create", "POST"): lambda w, user: _panel_form(w, group=3),
    ("awards:panel-edit", "POST"): lambda w, user: _panel_form(w, group=2),
    ("awards:assignment-add", "POST"): lambda w, user: {
        "entry": w.judged_entry.pk,
        "judge": w.users["chair"].pk,
    },
    ("awards:judging-declaration", "POST"): lambda w, user: {
        f"conflict_{w.facility.pk}": "on",
        f"reason_{w.facility.pk}": "Em ruột của chủ cơ sở",
    },
    # Judging (issue 8): judgepages
    # A draft with one criterion's points; the chair's reopening of `judge`'s submitted sheet.
    ("awards:judging-sheet", "POST"): lambda w, user: {
        "from": "draft",
        "action": "save",
        f"points_{w.judging_round.criteria.get(code='1').pk}": "30",
        "comment": "Sản phẩm có thị trường ổn định.",
    },
    ("awards:judging-panel", "POST"): lambda w, user: {
        "action": "reopen_by_chair",
        "from": "submitted",
        "sheet": w.judgepages_submitted_sheet.pk,
        "note": "Xin chấm lại tiêu chí 2.",
    },
}


def _panel_api(w, round_id, group: int = 3) -> dict:
    """A panel of `group` chaired by `chair`, with `judge` as a member (a new one for group 3,
    the setup panel as it is for group 2)."""
    body = {
        "round": round_id,
        "name": "Hội đồng nhóm 3" if group == 3 else "Hội đồng nhóm 2",
        "product_groups": [group],
        "members": [
            {"judge": w.users["chair"].pk, "role": "chair"},
            {"judge": w.users["judge"].pk, "role": "member"},
        ],
    }
    return body


def _panel_form(w, group: int) -> dict:
    seats = [(w.users["chair"].pk, "chair"), (w.users["judge"].pk, "member")]
    data = {
        "name": "Hội đồng nhóm 3" if group == 3 else "Hội đồng nhóm 2",
        "product_groups": [ProductGroup.objects.get(code=group).pk],
        "members-TOTAL_FORMS": str(len(seats)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    for index, (judge, role) in enumerate(seats):
        data[f"members-{index}-judge"] = str(judge)
        data[f"members-{index}-role"] = role
    return data


# Judging (issue 8): results
OBJECTS.update(
    {
        "api:round-results": lambda w: {"pk": w.results_round.pk},
        "api:round-recognition": lambda w: {"pk": w.results_round.pk},
        "api:round-nominations": lambda w: {"pk": w.finalized_round.pk},
        "api:certificate-detail": lambda w: {"pk": w.published_certificate.pk},
        "awards:round-results": lambda w: {"pk": w.results_round.pk},
        "awards:round-recognition": lambda w: {"pk": w.results_round.pk},
        "awards:round-nominations": lambda w: {"pk": w.finalized_round.pk},
    }
)
BODIES.update(
    {
        ("api:round-recognition", "POST"): lambda w, user: {
            "entries": [w.result_entry.pk],
            "excluded": [],
        },
        ("api:round-nominations", "POST"): lambda w, user: {
            "entries": [w.result_entry.pk],
            "decision_number": "15/QĐ-SCT",
            "decision_date": "2026-12-20",
        },
        ("awards:round-recognition", "POST"): lambda w, user: {
            f"recognize_{w.result_entry.pk}": "on"
        },
        ("awards:round-nominations", "POST"): lambda w, user: {
            "entries": [str(w.result_entry.pk)],
            "decision_number": "15/QĐ-SCT",
            "decision_date": "20/12/2026",
        },
    }
)


# Issue 10: extension programmes
def _line(proposal):
    return proposal.budget_lines.get()


def _item(proposal):
    return proposal.equipment.get()


def _program_activity(code: str = "equipment"):
    from programs.models import Activity

    return Activity.objects.get(code=code)


def _rule_api(w, **extra) -> dict:
    return {
        "fund_source": "local",
        "activity": _program_activity().pk,
        "max_rate": "50.00",
        "ceiling": 250_000_000,
        "line_multiplier": "1.50",
        "legal_basis": "Nghị quyết 11/2025/NQ-HĐND",
        "valid_from": "2025-01-01",
        **extra,
    }


def _proposal_api(w) -> dict:
    """`facility`'s equipment project in the plan being drawn up."""
    ward = w.facility.ward
    year = w.program_plan.year
    return {
        "activity": _program_activity().pk,
        "title": "Hỗ trợ máy sấy chân không",
        "province": ward.province_id,
        "ward": ward.pk,
        "objectives": "Giảm hao hụt sau thu hoạch.",
        "starts_on": f"{year}-03-01",
        "ends_on": f"{year}-10-31",
        "beneficiaries": [w.facility.pk],
    }


_LINE_API = {
    "item": "Lắp đặt và chạy thử",
    "unit": "gói",
    "quantity": "1",
    "unit_cost": 10_000_000,
    "extension_share": 5_000_000,
}
_ITEM_API = {"name": "Máy dán nhãn", "quantity": 1, "unit_price": 30_000_000, "origin": "Nhật Bản"}


def _proposal_document(w) -> dict:
    return {"proposal_pk": w.proposal_document.proposal_id, "pk": w.proposal_document.pk}


def _pdf_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("thuyet-minh.pdf", PDF_BYTES, content_type="application/pdf")


BODIES.update(
    {
        ("api:proposal-attachment-list", "POST"): lambda w, user: {
            "kind": "application",
            "file": _pdf_upload(),
        },
        ("programs:proposal-document-upload", "POST"): lambda w, user: {
            "kind": "application",
            "file": _pdf_upload(),
        },
    }
)

OBJECTS.update(
    {
        "api:activity-detail": lambda w: {"pk": _program_activity().pk},
        "api:support-rule-detail": lambda w: {"pk": w.support_rule.pk},
        "api:plan-detail": lambda w: {"pk": w.program_plan.pk},
        "api:plan-history": lambda w: {"pk": w.program_plan.pk},
        "api:plan-transition": lambda w: {"pk": w.program_plan.pk},
        "api:proposal-detail": lambda w: {"pk": w.draft_proposal.pk},
        "programs:plan-export-proposals": lambda w: {"pk": w.program_plan.pk},
        "programs:plan-export-equipment": lambda w: {"pk": w.program_plan.pk},
        "programs:plan-export-payments": lambda w: {"pk": w.program_plan.pk},
        "api:plan-export-proposals": lambda w: {"pk": w.program_plan.pk},
        "api:plan-export-equipment": lambda w: {"pk": w.program_plan.pk},
        "api:plan-export-payments": lambda w: {"pk": w.program_plan.pk},
        "api:proposal-attachment-list": lambda w: {"proposal_pk": w.draft_proposal.pk},
        "api:proposal-attachment-detail": _proposal_document,
        "api:proposal-attachment-file": _proposal_document,
        "programs:proposal-document-upload": lambda w: {"pk": w.draft_proposal.pk},
        "programs:proposal-document-download": lambda w: {"pk": w.proposal_document.pk},
        "programs:proposal-document-delete": lambda w: {"pk": w.proposal_document.pk},
        "api:proposal-history": lambda w: {"pk": w.draft_proposal.pk},
        "api:proposal-transition": lambda w: {"pk": w.draft_proposal.pk},
        "api:proposal-support-limit": lambda w: {"pk": w.draft_proposal.pk},
        "api:proposal-budget-line-list": lambda w: {"proposal_pk": w.draft_proposal.pk},
        "api:proposal-budget-line-detail": lambda w: {
            "proposal_pk": w.draft_proposal.pk,
            "pk": _line(w.draft_proposal).pk,
        },
        "api:proposal-equipment-item-list": lambda w: {"proposal_pk": w.draft_proposal.pk},
        "api:proposal-equipment-item-detail": lambda w: {
            "proposal_pk": w.draft_proposal.pk,
            "pk": _item(w.draft_proposal).pk,
        },
        "api:proposal-equipment-item-acceptance": lambda w: {
            "proposal_pk": w.in_progress_proposal.pk,
            "pk": _item(w.in_progress_proposal).pk,
        },
        "api:proposal-payment-list": lambda w: {"proposal_pk": w.contracted_proposal.pk},
        "api:appraisal-detail": lambda w: {"pk": w.council.pk},
        "api:appraisal-opinions": lambda w: {"pk": w.council.pk},
        "api:appraisal-conclude": lambda w: {"pk": w.council.pk},
    }
)
BODIES.update(
    {
        ("api:activity-list", "POST"): lambda w, user: {
            "code": "fairs",
            "name": "Hội chợ triển lãm",
            "has_equipment": False,
            "position": 9,
        },
        ("api:activity-detail", "PUT"): lambda w, user: {
            "code": "equipment",
            "name": "Hỗ trợ máy móc thiết bị",
            "has_equipment": True,
            "position": _program_activity().position,
        },
        ("api:activity-detail", "PATCH"): lambda w, user: {"name": "Hỗ trợ máy móc thiết bị"},
        # A local rule for demonstrations: only the national fund has one (seeded).
        ("api:support-rule-list", "POST"): lambda w, user: _rule_api(
            w, activity=_program_activity("demonstration").pk
        ),
        ("api:support-rule-detail", "PUT"): lambda w, user: _rule_api(
            w, legal_basis="Nghị quyết 12/2026/NQ-HĐND"
        ),
        ("api:support-rule-detail", "PATCH"): lambda w, user: {"valid_to": "2030-12-31"},
        ("api:plan-list", "POST"): lambda w, user: {
            "year": 2031,
            "fund_source": "local",
            "title": "Kế hoạch khuyến công 2031",
            "budget": 9_000_000_000,
        },
        ("api:plan-detail", "PUT"): lambda w, user: {
            "year": w.program_plan.year,
            "fund_source": "local",
            "title": "Kế hoạch khuyến công (sửa)",
            "budget": 6_000_000_000,
        },
        ("api:plan-detail", "PATCH"): lambda w, user: {"budget": 6_000_000_000},
        ("api:plan-transition", "POST"): lambda w, user: {
            "action": "approve",
            "decision_number": "45/QĐ-UBND",
            "decision_date": f"{w.program_plan.year}-01-10",
        },
        ("api:proposal-list", "POST"): lambda w, user: {
            **_proposal_api(w),
            "plan": w.program_plan.pk,
        },
        ("api:proposal-detail", "PUT"): lambda w, user: _proposal_api(w),
        ("api:proposal-detail", "PATCH"): lambda w, user: {"title": "Hỗ trợ máy đóng gói mới"},
        ("api:proposal-transition", "POST"): lambda w, user: {"action": "submit"},
        ("api:proposal-support-limit", "POST"): lambda w, user: {
            "items": [{"quantity": 2, "unit_price": 30_000_000, "is_new": True}]
        },
        ("api:proposal-budget-line-list", "POST"): lambda w, user: _LINE_API,
        ("api:proposal-budget-line-detail", "PUT"): lambda w, user: _LINE_API,
        ("api:proposal-budget-line-detail", "PATCH"): lambda w, user: {"unit": "bộ"},
        ("api:proposal-equipment-item-list", "POST"): lambda w, user: _ITEM_API,
        ("api:proposal-equipment-item-detail", "PUT"): lambda w, user: _ITEM_API,
        ("api:proposal-equipment-item-detail", "PATCH"): lambda w, user: {"origin": "Việt Nam"},
        ("api:proposal-equipment-item-acceptance", "POST"): lambda w, user: {
            "delivered_on": str(w.in_progress_proposal.contract_date),
            "serial_number": "SN-2026-01",
            "matches": True,
        },
        ("api:proposal-payment-list", "POST"): lambda w, user: {
            "kind": "advance",
            "amount": 50_000_000,
            "paid_on": str(w.contracted_proposal.contract_date),
        },
        ("api:appraisal-list", "POST"): lambda w, user: {
            "plan": w.program_plan.pk,
            "name": "Hội đồng thẩm định đợt 2",
            "decision_number": "13/QĐ-TTKC",
            "decision_date": f"{w.program_plan.year}-04-01",
        },
        ("api:appraisal-opinions", "POST"): lambda w, user: {
            "proposal": w.appraised_proposal.pk,
            "verdict": "agree",
            "score": 80,
        },
        ("api:appraisal-conclude", "POST"): lambda w, user: {
            "conclusion": "Đề nghị phê duyệt đề án."
        },
    }
)


# Issue 10: extension programmes (pages). Dates as the pages' inputs take them (dd/mm/yyyy).
def _day(date) -> str:
    return date.strftime("%d/%m/%Y")


def _rows(prefix: str, rows: list[dict]) -> dict:
    """A table of the draft's page (a formset) as posted."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def _proposal_form(w) -> dict:
    """The draft's page as posted: its fields, its budget line and its machine as stored (the
    rows' ids keep them the same rows)."""
    proposal = w.draft_proposal
    line, item = _line(proposal), _item(proposal)
    year = w.program_plan.year
    return {
        "title": "Hỗ trợ máy đóng gói kẹo dừa (sửa)",
        "implementing_unit": "facility",
        "implementing_name": "",
        "province": proposal.province_id,
        "ward": proposal.ward_id or "",
        "starts_on": f"01/03/{year}",
        "ends_on": f"31/10/{year}",
        "objectives": "Nâng công suất, giảm lao động thủ công.",
        "expected_results": "",
        **_rows(
            "lines",
            [
                {
                    "id": str(line.pk),
                    "item": line.item,
                    "unit": line.unit,
                    "quantity": "1",
                    "unit_cost": str(line.unit_cost),
                    "extension_share": str(line.extension_share),
                }
            ],
        ),
        **_rows(
            "items",
            [
                {
                    "id": str(item.pk),
                    "name": item.name,
                    "quantity": str(item.quantity),
                    "unit_price": str(item.unit_price),
                    "origin": item.origin,
                    "is_new": "on",
                }
            ],
        ),
    }


def _draft(w) -> dict:
    return {"pk": w.draft_proposal.pk}


OBJECTS.update(
    {
        "programs:proposal-detail": _draft,
        "programs:proposal-edit": _draft,
        "programs:proposal-support": _draft,
        "programs:proposal-transition": _draft,
        "programs:payment-create": lambda w: {"pk": w.contracted_proposal.pk},
        "programs:item-check": lambda w: {"pk": _item(w.in_progress_proposal).pk},
        "programs:plan-detail": lambda w: {"pk": w.program_plan.pk},
        "programs:plan-transition": lambda w: {"pk": w.program_plan.pk},
        "programs:council-detail": lambda w: {"pk": w.council.pk},
        "programs:opinion-save": lambda w: {
            "pk": w.council.pk,
            "proposal_pk": w.appraised_proposal.pk,
        },
        "programs:council-conclude": lambda w: {"pk": w.council.pk},
        "programs:council-create": lambda w: {"pk": w.program_plan.pk},
        "programs:council-add-proposals": lambda w: {"pk": w.council.pk},
        "programs:rule-edit": lambda w: {"pk": w.support_rule.pk},
        "programs:rule-delete": lambda w: {"pk": w.support_rule.pk},
    }
)
BODIES.update(
    {
        ("programs:proposal-create", "POST"): lambda w, user: {
            "plan": w.program_plan.pk,
            "activity": _program_activity().pk,
            "facility": w.facility.pk,
            "title": "Hỗ trợ máy sấy chân không",
        },
        ("programs:proposal-edit", "POST"): lambda w, user: _proposal_form(w),
        ("programs:proposal-support", "POST"): lambda w, user: _proposal_form(w),
        ("programs:proposal-transition", "POST"): lambda w, user: {
            "action": "submit",
            "from": "draft",
        },
        ("programs:payment-create", "POST"): lambda w, user: {
            "kind": "advance",
            "amount": "50000000",
            "paid_on": _day(w.contracted_proposal.contract_date),
        },
        ("programs:item-check", "POST"): lambda w, user: {
            "delivered_on": _day(w.in_progress_proposal.contract_date),
            "serial_number": "SN-2026-01",
            "matches": "yes",
        },
        ("programs:plan-transition", "POST"): lambda w, user: {
            "action": "approve",
            "from": "draft",
            "decision_number": "45/QĐ-UBND",
            "decision_date": f"10/01/{w.program_plan.year}",
        },
        ("programs:opinion-save", "POST"): lambda w, user: {
            "verdict": "agree",
            "score": "80",
            "comment": "",
        },
        ("programs:council-conclude", "POST"): lambda w, user: {
            "conclusion": "Đề nghị phê duyệt đề án.",
            "concluded_on": _day(w.council.decision_date),
        },
    }
)


def _rule_form(w, **changes) -> dict:
    rule = w.support_rule
    data = {
        "fund_source": rule.fund_source,
        "activity": rule.activity_id,
        "max_rate": str(rule.max_rate),
        "ceiling": str(rule.ceiling),
        "line_multiplier": str(rule.line_multiplier),
        "legal_basis": rule.legal_basis,
        "valid_from": _day(rule.valid_from),
        "valid_to": "",
    }
    data.update(changes)
    return data


BODIES.update(
    {
        ("programs:council-create", "POST"): lambda w, user: {
            "name": "Hội đồng thẩm định bổ sung",
            "decision_number": "15/QĐ-TTKC",
            "decision_date": f"15/03/{w.program_plan.year}",
            "proposals": [w.appraised_proposal.pk],
            "member_1": w.users["chair"].pk,
            "role_1": "chair",
            "member_2": w.users["judge"].pk,
            "role_2": "member",
        },
        ("programs:council-add-proposals", "POST"): lambda w, user: {
            "proposals": [w.later_appraised_proposal.pk],
        },
        # A rule of another activity: it meets no other rule's period.
        ("programs:rule-create", "POST"): lambda w, user: _rule_form(
            w, activity=_program_activity("demonstration").pk, ceiling="150000000"
        ),
        ("programs:rule-edit", "POST"): lambda w, user: _rule_form(w, ceiling="200000000"),
    }
)
