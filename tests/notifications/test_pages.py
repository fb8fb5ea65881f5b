"""The notification pages: the bell's count, the list, opening one, marking read, the
preferences."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from notifications.context_processors import unread_notifications
from notifications.models import Notification, NotificationPreferences
from notifications.services import deliver
from tests.factories import UserFactory

LIST = reverse("notifications:list")


def tell(user, title="Hồ sơ được trả lại để bổ sung", **kwargs):
    defaults = {"kind": "test", "body": "Bổ sung ảnh bao bì.", "url": "/awards/entries/"}
    (notification,) = deliver([user.pk], title=title, **{**defaults, **kwargs})
    return notification


def bell(html: str) -> str:
    return re.search(r'<a [^>]*id="notification-bell".*?</a>', html, re.S).group(0)


@pytest.mark.django_db
def test_the_bell_reads_out_the_unread_count(client_as, applicant):
    for number in range(3):
        tell(applicant, title=f"Thông báo {number}")
    Notification.objects.filter(title="Thông báo 0").update(read_at="2026-01-01T00:00Z")

    html = client_as(applicant).get(reverse("home")).content.decode()

    link = bell(html)
    assert f'href="{LIST}"' in link
    assert re.search(r'id="notification-count" aria-hidden="true">2</span>', link)
    assert '<span class="visually-hidden" id="notification-count-text">2 thông báo chưa đọc' in link


@pytest.mark.django_db
def test_the_bell_without_unread_shows_no_count(client_as, officer):
    html = client_as(officer).get(reverse("home")).content.decode()

    link = bell(html)
    assert 'id="notification-count"' not in link
    assert "Thông báo, không có thông báo chưa đọc" in link


@pytest.mark.django_db
def test_the_bell_shows_99_plus_beyond_99(client_as, applicant):
    deliver([applicant.pk], kind="test", title="Một")
    Notification.objects.bulk_create(
        Notification(recipient=applicant, kind="test", title=f"Số {n}") for n in range(120)
    )

    link = bell(client_as(applicant).get(reverse("home")).content.decode())

    assert 'aria-hidden="true">99+</span>' in link
    assert "121 thông báo chưa đọc" in link


@pytest.mark.django_db
def test_the_unread_count_costs_one_query_and_only_when_shown(applicant, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = applicant
    count = unread_notifications(request)["unread_notifications"]

    with django_assert_num_queries(1):
        assert (count(), count()) == (0, 0)


@pytest.mark.django_db
def test_an_anonymous_page_has_no_bell(client):
    html = client.get(reverse("login")).content.decode()

    assert 'id="notification-bell"' not in html


@pytest.mark.django_db
def test_the_list_shows_the_newest_first_with_the_unread_marked(client_as, applicant):
    older = tell(applicant, title="Cũ hơn")
    newer = tell(applicant, title="Mới hơn", body="Lý do: thiếu ảnh.\nHãy nộp lại.")
    Notification.objects.filter(pk=older.pk).update(read_at="2026-01-01T00:00Z")

    html = client_as(applicant).get(LIST).content.decode()

    assert html.index("Mới hơn") < html.index("Cũ hơn")
    assert re.search(rf'notification-unread" id="notification-{newer.pk}"', html)
    assert not re.search(rf'notification-unread" id="notification-{older.pk}"', html)
    assert "Lý do: thiếu ảnh.<br>Hãy nộp lại." in html
    assert f'id="notification-link-{newer.pk}"' in html
    assert 'href="/awards/entries/"' in html
    assert "1 thông báo chưa đọc." in html
    assert 'id="notifications-read-all"' in html


@pytest.mark.django_db
def test_the_list_shows_only_the_users_own(client_as, applicant, other_applicant):
    tell(other_applicant, title="Của cơ sở khác")

    html = client_as(applicant).get(LIST).content.decode()

    assert "Của cơ sở khác" not in html
    assert 'id="notifications-empty"' in html
    assert "Bạn chưa có thông báo nào." in html
    assert 'id="notifications-read-all"' not in html


@pytest.mark.django_db
def test_the_list_is_paginated(client_as, applicant):
    Notification.objects.bulk_create(
        Notification(recipient=applicant, kind="test", title=f"Thông báo số {n:02d}")
        for n in range(25)
    )

    first = client_as(applicant).get(LIST).content.decode()
    second = client_as(applicant).get(LIST, {"page": 2}).content.decode()

    assert first.count('class="notification-item') == 20
    assert second.count('class="notification-item') == 5


@pytest.mark.django_db
def test_opening_marks_read_and_goes_to_the_object(client_as, applicant):
    notification = tell(applicant, url="/awards/entries/")

    response = client_as(applicant).post(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == "/awards/entries/"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.django_db
def test_opening_is_a_post_only(client_as, applicant):
    notification = tell(applicant)

    response = client_as(applicant).get(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.django_db
def test_opening_an_address_off_the_site_goes_to_the_list(client_as, applicant):
    notification = tell(applicant, url="https://example.com/lừa-đảo/")

    response = client_as(applicant).post(reverse("notifications:open", args=[notification.pk]))

    assert response["Location"] == LIST


@pytest.mark.django_db
def test_another_users_notification_is_not_found(client_as, applicant, other_applicant):
    notification = tell(other_applicant)
    client = client_as(applicant)

    opened = client.post(reverse("notifications:open", args=[notification.pk]))
    read = client.post(reverse("notifications:read", args=[notification.pk]))

    assert (opened.status_code, read.status_code) == (404, 404)
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.django_db
def test_mark_one_read_returns_to_the_page_of_the_list(client_as, applicant):
    notification = tell(applicant)

    response = client_as(applicant).post(
        reverse("notifications:read", args=[notification.pk]), {"next": f"{LIST}?page=2"}
    )

    assert response["Location"] == f"{LIST}?page=2"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.django_db
def test_mark_one_read_never_redirects_off_the_site(client_as, applicant):
    notification = tell(applicant)

    response = client_as(applicant).post(
        reverse("notifications:read", args=[notification.pk]), {"next": "https://example.com/"}
    )

    assert response["Location"] == LIST


@pytest.mark.django_db
def test_mark_all_read(client_as, applicant, other_applicant):
    tell(applicant)
    tell(applicant, title="Thứ hai")
    others = tell(other_applicant)
    client = client_as(applicant)

    response = client.post(reverse("notifications:read-all"), follow=True)

    assert response.redirect_chain == [(LIST, 302)]
    assert "Đã đánh dấu 2 thông báo là đã đọc." in response.content.decode()
    assert Notification.objects.filter(recipient=applicant, read_at__isnull=True).count() == 0
    others.refresh_from_db()
    assert others.read_at is None


@pytest.mark.django_db
def test_the_preferences_start_with_email_on_and_round_openings_off(client_as, applicant):
    html = client_as(applicant).get(reverse("notifications:preferences")).content.decode()

    assert re.search(r'<input type="checkbox" name="email"[^>]* checked', html)
    assert not re.search(r'<input type="checkbox" name="round_openings"[^>]* checked', html)
    assert f"Thư được gửi đến {applicant.email}." in html


@pytest.mark.django_db
def test_saving_the_preferences(client_as, applicant):
    url = reverse("notifications:preferences")

    response = client_as(applicant).post(url, {"round_openings": "on"}, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert "Đã lưu cài đặt thông báo." in response.content.decode()
    preferences = NotificationPreferences.objects.get(user=applicant)
    assert (preferences.email, preferences.round_openings) == (False, True)


@pytest.mark.django_db
def test_the_preferences_say_when_the_account_has_no_address(client_as):
    user = UserFactory(email="")

    html = client_as(user).get(reverse("notifications:preferences")).content.decode()

    assert 'id="preferences-no-email"' in html


@pytest.mark.django_db
def test_staff_preferences_have_no_round_openings(client_as, officer):
    url = reverse("notifications:preferences")
    client = client_as(officer)

    html = client.get(url).content.decode()
    client.post(url, {"email": "on", "round_openings": "on"})

    assert 'name="round_openings"' not in html
    preferences = NotificationPreferences.objects.get(user=officer)
    assert (preferences.email, preferences.round_openings) == (True, False)


@pytest.mark.django_db
def test_the_list_page_costs_the_same_queries_for_1_and_3_notifications(
    client_as, applicant, facility
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(applicant)
    url = reverse("notifications:list")
    tell(applicant, target=facility)
    client.get(url)  # warm caches (content types, the session) outside the count
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    tell(applicant, target=facility)
    tell(applicant, url="/awards/entries/2/")
    with CaptureQueriesContext(connection) as three:
        assert client.get(url).status_code == 200

    assert len(three) == len(one)
