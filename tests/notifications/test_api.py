"""The notifications API: the user's own list (filtered by unread), marking one or all read,
the unread count in me/."""

import pytest

from notifications.models import Notification
from notifications.services import deliver

LIST = "/api/v1/notifications/"


def tell(user, title="Hồ sơ được trả lại để bổ sung", **kwargs):
    (notification,) = deliver([user.pk], kind="entry_returned", title=title, **kwargs)
    return notification


@pytest.mark.django_db
def test_the_list_holds_only_the_users_own_newest_first(
    api_as, applicant, other_applicant, facility
):
    first = tell(applicant, title="Thứ nhất", body="Bổ sung ảnh.", url="/awards/entries/1/")
    second = tell(applicant, title="Thứ hai", target=facility)
    tell(other_applicant, title="Của người khác")

    response = api_as(applicant).get(LIST)

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert [row["id"] for row in data["results"]] == [second.pk, first.pk]
    assert data["results"][1] == {
        "id": first.pk,
        "kind": "entry_returned",
        "title": "Thứ nhất",
        "body": "Bổ sung ảnh.",
        "url": "/awards/entries/1/",
        "object_type": None,
        "object_id": "",
        "created_at": data["results"][1]["created_at"],
        "read_at": None,
        "is_read": False,
        "email_status": "sent",
        "email_status_label": "Đã gửi thư",
    }
    assert data["results"][0]["object_type"] == "applicants.facility"
    assert data["results"][0]["object_id"] == str(facility.pk)


@pytest.mark.django_db
def test_the_list_filters_the_unread(api_as, applicant):
    read = tell(applicant, title="Đã đọc")
    unread = tell(applicant, title="Chưa đọc")
    Notification.objects.filter(pk=read.pk).update(read_at="2026-01-01T00:00Z")
    client = api_as(applicant)

    only_unread = client.get(LIST, {"unread": "true"}).json()["results"]
    only_read = client.get(LIST, {"unread": "false"}).json()["results"]

    assert [row["id"] for row in only_unread] == [unread.pk]
    assert [row["id"] for row in only_read] == [read.pk]


@pytest.mark.django_db
def test_the_list_is_paginated_like_the_others(api_as, applicant):
    Notification.objects.bulk_create(
        Notification(recipient=applicant, kind="test", title=f"Số {n}") for n in range(30)
    )

    data = api_as(applicant).get(LIST, {"page_size": 10, "page": 3}).json()

    assert (data["count"], len(data["results"]), data["next"]) == (30, 10, None)


@pytest.mark.django_db
def test_read_marks_one_read(api_as, applicant):
    notification = tell(applicant)
    client = api_as(applicant)

    response = client.post(f"{LIST}{notification.pk}/read/")

    assert response.status_code == 200
    assert response.json()["is_read"] is True
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client.get("/api/v1/me/").json()["unread_notifications"] == 0


@pytest.mark.django_db
def test_another_users_notification_is_not_found(api_as, applicant, other_applicant):
    notification = tell(other_applicant)

    response = api_as(applicant).post(f"{LIST}{notification.pk}/read/")

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.django_db
def test_read_all_marks_the_users_unread(api_as, applicant, other_applicant):
    tell(applicant)
    tell(applicant, title="Thứ hai")
    others = tell(other_applicant)

    response = api_as(applicant).post(f"{LIST}read-all/")

    assert response.status_code == 200
    assert response.json() == {"marked": 2, "unread_notifications": 0}
    others.refresh_from_db()
    assert others.read_at is None


@pytest.mark.django_db
def test_me_says_how_many_are_unread(api_as, applicant):
    tell(applicant)
    tell(applicant, title="Thứ hai")

    assert api_as(applicant).get("/api/v1/me/").json()["unread_notifications"] == 2


@pytest.mark.django_db
def test_the_list_needs_a_signed_in_user(api_client):
    assert api_client.get(LIST).status_code == 401


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_1_and_3_notifications(api_as, applicant, facility):
    """No query per row (the object each one names included)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_as(applicant)
    tell(applicant, target=facility)
    client.get(LIST)  # warm caches (content types) outside the count

    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).json()["count"] == 1
    tell(applicant, target=facility)
    tell(applicant, url="/awards/entries/2/")
    with CaptureQueriesContext(connection) as three:
        assert client.get(LIST).json()["count"] == 3

    assert len(three) == len(one)
