"""awards.services.entries.save_entry_draft: the description's autosave saves what
update_entry would accept and hands back the rest with its errors."""

import pytest
from django.core.exceptions import PermissionDenied

from awards.models import ProductGroup
from awards.services.entries import save_entry_draft
from core.activity import history_of
from tests.factories import AwardRoundFactory, EntryFactory

pytestmark = pytest.mark.django_db


def test_draft_saves_the_valid_fields_and_returns_the_refused_ones(applicant, facility):
    award_round = AwardRoundFactory(groups=ProductGroup.objects.filter(code__in=[1, 2]))
    entry = EntryFactory(round=award_round, facility=facility)
    logged = history_of(entry).count()

    saved, refused = save_entry_draft(
        actor=applicant,
        entry=entry,
        data={"product_group": ProductGroup.objects.get(code=4), "price": "40.000 đ/hộp"},
    )

    assert refused == {"product_group": ["Đợt bình chọn này không có nhóm sản phẩm đã chọn."]}
    entry.refresh_from_db()
    assert (entry.price, entry.product_group.code) == ("40.000 đ/hộp", 2)
    assert saved.price == "40.000 đ/hộp"
    rows = list(history_of(entry))
    assert len(rows) == logged + 1
    assert rows[0].before == {"price": "35.000 đ/hộp"}
    assert rows[0].after == {"price": "40.000 đ/hộp"}


def test_draft_with_nothing_valid_saves_and_logs_nothing(applicant, entry):
    logged = history_of(entry).count()

    _saved, refused = save_entry_draft(
        actor=applicant, entry=entry, data={"product_group": ProductGroup(pk=999_999)}
    )

    assert list(refused) == ["product_group"]
    assert history_of(entry).count() == logged
    entry.refresh_from_db()
    assert entry.product_group.code == 2


def test_draft_without_a_change_logs_nothing(applicant, entry):
    logged = history_of(entry).count()

    _saved, refused = save_entry_draft(actor=applicant, entry=entry, data={"price": entry.price})

    assert refused == {}
    assert history_of(entry).count() == logged


@pytest.mark.parametrize("persona", ["other_applicant", "officer"])
def test_draft_only_by_the_facility(personas, entry, persona):
    with pytest.raises(PermissionDenied):
        save_entry_draft(actor=personas[persona], entry=entry, data={"price": "1 đ"})
    entry.refresh_from_db()
    assert entry.price == "35.000 đ/hộp"


def test_draft_of_a_submitted_entry_is_refused(applicant, submitted_entry):
    with pytest.raises(PermissionDenied):
        save_entry_draft(actor=applicant, entry=submitted_entry, data={"price": "1 đ"})
