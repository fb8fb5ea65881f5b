"""The navbar: contrast-safe colours of its own, a breakpoint that keeps it one line on a tablet,
and the user's role in the user menu (not in the bar, which must not wrap)."""

from django.urls import reverse


def test_navbar_collapses_below_992_px_and_uses_its_own_colours(client_as, officer):
    html = client_as(officer).get(reverse("home")).text

    assert '<nav class="navbar navbar-expand-lg navbar-dark site-navbar"' in html
    assert "bg-primary" not in html.split('<nav class="navbar', 1)[1].split(">", 1)[0]


def test_user_menu_names_the_user_and_the_role(client_as, officer):
    officer.full_name = "Nguyễn Thị Ngọc Bích Phượng Hoàng"
    officer.save()

    html = client_as(officer).get(reverse("home")).text

    assert (
        '<span class="user-name" title="Nguyễn Thị Ngọc Bích Phượng Hoàng">'
        "Nguyễn Thị Ngọc Bích Phượng Hoàng</span>"
        '<span class="visually-hidden"> (Cán bộ khuyến công)</span>'
    ) in html
    assert (
        '<li><span class="dropdown-header user-role" id="user-role">Cán bộ khuyến công</span></li>'
    ) in html
