"""The main pages of each role, in Chromium: axe-core finds no serious or critical violation,
nothing scrolls sideways on a phone (390 × 844) even with long Vietnamese names, and the navbar
stays on one line on a tablet (820 px) and on desktops.

axe-core is vendored under static/vendor/axe-core-<version>/ for these tests only: no page loads
it. It is added to the page under test as a <script src> from this site ('self'), which the
page's Content-Security-Policy allows, so the pages are checked with their real CSP in force
(no bypass_csp).
"""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core.workflow import transition
from tests.factories import (
    PASSWORD,
    AwardRoundFactory,
    EntryFactory,
    FacilityFactory,
    FacilityMemberFactory,
    complete_dossier,
)

AXE_DIR = next(Path(settings.BASE_DIR, "static", "vendor").glob("axe-core-*"))
AXE_URL = f"/static/vendor/{AXE_DIR.name}/axe.min.js"
PHONE = (390, 844)
TABLET = (820, 1180)
DESKTOP = (1280, 900)
BLOCKING_IMPACTS = ("serious", "critical")


def _long(text: str, length: int) -> str:
    """`text` repeated and cut to exactly `length` characters."""
    words, out = text.split(), []
    while len(" ".join(out)) < length:
        out.extend(words)
    cut = " ".join(out)[:length]
    return cut[:-1] + "A" if cut.endswith(" ") else cut


# Realistic long names: a cooperative's full registered name uses the whole 255 characters.
FACILITY_NAME = _long(
    "Hợp tác xã sản xuất, chế biến và kinh doanh kẹo dừa, bánh tráng, bánh phồng, nước mắm "
    "truyền thống cùng các sản phẩm thủ công mỹ nghệ từ cây dừa và lục bình xã Thành Thới "
    "tỉnh Vĩnh Long",
    255,
)
PRODUCT_NAME = _long(
    "Bộ sản phẩm quà tặng kẹo dừa sáp nhân sầu riêng Ri6, bánh phồng sữa lá dứa và mứt dừa "
    "non đóng hộp giấy kraft in hoa văn chiếu Định Yên",
    300,
)
ROUND_TITLE = _long(
    "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm 2026 của tỉnh Vĩnh "
    "Long theo Thông tư 26/2014/TT-BCT và Nghị định 235/2025/NĐ-CP",
    300,
)
EMAIL = "hoptacxa.keoduasapsaurieng.thanhthoi.mocay@example.vn"


@pytest.fixture
def long_names(applicant, officer, judge):
    """A facility, a round and entries whose names use every character their fields allow."""
    assert (len(FACILITY_NAME), len(PRODUCT_NAME), len(ROUND_TITLE)) == (255, 300, 300)
    facility = FacilityFactory(
        name=FACILITY_NAME,
        email=EMAIL,
        phone="02703822123",
        representative_name="Nguyễn Thị Ngọc Bích Phượng",
        craft_village="Làng nghề kẹo dừa và sản phẩm từ dừa Thành Thới A, Thành Thới B",
        main_products=PRODUCT_NAME,
    )
    FacilityMemberFactory(facility=facility, user=applicant)
    award_round = AwardRoundFactory(title=ROUND_TITLE, organiser_name=FACILITY_NAME)
    draft = EntryFactory(round=award_round, facility=facility, product_name=PRODUCT_NAME)
    submitted = EntryFactory(
        round=award_round, facility=facility, product_name=PRODUCT_NAME[:-1] + "2"
    )
    complete_dossier(submitted)
    transition(submitted, to="submitted", actor=applicant)
    for number in range(3):
        FacilityFactory(name=f"{FACILITY_NAME[:240]} {number}")
    # Judging (issue 8): judgepages. `judge` chairs a panel of a round in judging, has
    # declared, and holds a draft sheet of an entry with the longest product name.
    from awards.models import ConflictDeclaration
    from tests.factories import PanelFactory, PanelMemberFactory, ScoreSheetFactory

    judging_round = AwardRoundFactory(title=ROUND_TITLE[:-1] + "J", state="judging")
    panel = PanelFactory(round=judging_round, name=FACILITY_NAME[:200])
    PanelMemberFactory(panel=panel, judge=judge, role="chair")
    ConflictDeclaration.objects.create(round=judging_round, judge=judge)
    judged = EntryFactory(
        round=judging_round, facility=facility, product_name=PRODUCT_NAME, state="eligible"
    )
    complete_dossier(judged)
    sheet = ScoreSheetFactory(panel=panel, entry=judged, judge=judge)
    return {
        "facility": facility,
        "round": award_round,
        "draft": draft,
        "submitted": submitted,
        "judging_round": judging_round,
        "panel": panel,
        "sheet": sheet,
    }


def _axe_violations(page) -> list[dict]:
    """Run axe-core on the page; its serious and critical violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(url=AXE_URL)
        page.wait_for_function("() => typeof window.axe === 'object'")
    results = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }"""
    )
    return [v for v in results if v["impact"] in BLOCKING_IMPACTS]


def _overflow(page) -> dict | None:
    """None if the page does not scroll sideways; else its widths and the elements that stick
    out (leaves of the page's tree, or absolutely placed ones, which a scrolling box does not
    hold in unless it is their containing block)."""
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            if (root.scrollWidth <= window.innerWidth) return null;
            const edge = window.innerWidth + 0.5;
            const scrolledAway = el => {
                for (let p = el.parentElement; p; p = p.parentElement) {
                    if (getComputedStyle(p).overflowX !== "visible") return true;
                }
                return false;
            };
            const offenders = [];
            for (const el of document.body.querySelectorAll("*")) {
                const box = el.getBoundingClientRect();
                if (!box.width || box.right <= edge) continue;
                const placed = ["absolute", "fixed"].includes(getComputedStyle(el).position);
                const leaf = ![...el.children].some(c => c.getBoundingClientRect().right > edge);
                if ((placed || leaf) && (placed || !scrolledAway(el))) {
                    const classes = typeof el.className === "string" && el.className.trim()
                        ? "." + el.className.trim().split(/\\s+/).join(".") : "";
                    offenders.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}` +
                        `${classes}${placed ? " (position: absolute)" : ""}` +
                        ` "${el.textContent.trim().slice(0, 40)}"` +
                        ` right edge ${Math.round(box.right)} px`);
                }
            }
            return {scrollWidth: root.scrollWidth, innerWidth: window.innerWidth,
                    offenders: offenders.slice(0, 8)};
        }"""
    )


def _report(problems: list[str]) -> str:
    return "\n\n".join(problems)


def check_pages(page, paths: list[str | tuple[str, int]]) -> list[str]:
    """Each path (or (path, expected status)) at desktop size and at 390 × 844: axe clean at
    both, no sideways scroll on the phone (nor on a tablet, 820 px). Returns every problem found,
    readably, so that one run lists them all."""
    problems = []
    for item in paths:
        path, status = item if isinstance(item, tuple) else (item, 200)
        page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
        response = page.goto(path)
        assert response is not None and response.status == status, f"{path}: {response.status}"
        for width, height in (DESKTOP, PHONE):
            page.set_viewport_size({"width": width, "height": height})
            for violation in _axe_violations(page):
                nodes = "\n".join(
                    f"      {node['target']}: {node['summary']}".replace("\n", " / ")
                    for node in violation["nodes"][:5]
                )
                more = len(violation["nodes"]) - 5
                tail = f"\n      … and {more} more" if more > 0 else ""
                problems.append(
                    f"{path} at {width} px: axe {violation['impact']} [{violation['id']}] "
                    f"{violation['help']}\n{nodes}{tail}"
                )
        for width, height in (PHONE, TABLET):
            page.set_viewport_size({"width": width, "height": height})
            overflow = _overflow(page)
            if overflow:
                problems.append(
                    f"{path} at {width} px scrolls sideways: scrollWidth "
                    f"{overflow['scrollWidth']} > innerWidth {overflow['innerWidth']}; "
                    "widest elements:\n      " + "\n      ".join(overflow["offenders"])
                )
    return problems


def _go_as(page, log_in, user) -> None:
    page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
    log_in(page, user.username, PASSWORD)


def main_pages(role: str, data: dict) -> list[str | tuple[str, int]]:
    """The main pages of each role, on the data of `long_names`."""
    award_round, facility = data["round"], data["facility"]
    return {
        "anonymous": [
            reverse("home"),
            reverse("login"),
            reverse("register"),
            ("/no-such-page/", 404),
        ],
        "applicant": [
            reverse("home"),
            reverse("awards:open-rounds"),
            reverse("awards:my-entries"),
            reverse("awards:entry-detail", args=[data["draft"].pk]),
            reverse("applicants:detail", args=[facility.pk]),
        ],
        "officer": [
            reverse("home"),
            reverse("applicants:list"),
            reverse("applicants:detail", args=[facility.pk]),
            reverse("awards:round-list"),
            reverse("awards:round-detail", args=[award_round.pk]),
            reverse("awards:round-entries", args=[award_round.pk]),
            reverse("awards:entry-screening", args=[data["submitted"].pk]),
            reverse("awards:template-list"),
            reverse("awards:template-create"),
        ],
        "judge": [
            reverse("home"),
            reverse("awards:judging"),
            reverse("awards:judging-round", args=[data["judging_round"].pk]),
            reverse("awards:judging-sheet", args=[data["sheet"].pk]),
            reverse("awards:judging-panel", args=[data["panel"].pk]),
        ],
        "manager": [reverse("home")],
    }[role]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("role", ["anonymous", "applicant", "officer", "judge", "manager"])
def test_main_pages_are_accessible_and_fit_a_phone(page, log_in, personas, long_names, role):
    if personas[role] is not None:
        _go_as(page, log_in, personas[role])
    problems = check_pages(page, main_pages(role, long_names))
    assert problems == [], _report(problems)


def _navbar_lines(page) -> dict:
    """The navbar's height and the height of one line of it (its tallest visible item plus the
    navbar's own vertical padding)."""
    return page.evaluate(
        """() => {
            const nav = document.querySelector("nav.navbar");
            const style = getComputedStyle(nav);
            const items = [...nav.querySelectorAll(
                ".navbar-toggler, .navbar-nav > .nav-item > .nav-link")]
                .filter(el => el.offsetParent !== null);
            // Items of one line share their vertical middle (they differ in height).
            const middles = items.map(el => {
                const box = el.getBoundingClientRect();
                return box.top + box.height / 2;
            });
            const rows = middles.filter(m => m > Math.min(...middles) + 4).length ? 2 : 1;
            const tallest = Math.max(...items.map(el => el.getBoundingClientRect().height));
            return {
                height: nav.getBoundingClientRect().height,
                line: tallest + parseFloat(style.paddingTop) + parseFloat(style.paddingBottom),
                rows: rows,
                heights: items.map(el => Math.round(el.getBoundingClientRect().height)),
                overflows: nav.scrollWidth > nav.clientWidth,
                items: items.length,
            };
        }"""
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("role", ["officer", "applicant"])
def test_navbar_is_one_line_on_a_tablet_and_on_desktops(page, log_in, personas, role):
    user = personas[role]
    user.full_name = "Nguyễn Thị Ngọc Bích Phượng Hoàng"
    user.save()
    if user.is_staff is False and role == "officer":
        user.is_staff = True  # the longest menu: officers who may also open the admin site
        user.save()
    _go_as(page, log_in, user)
    for width in (TABLET[0], 992, 1100, DESKTOP[0]):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(reverse("awards:round-list" if role == "officer" else "awards:my-entries"))
        lines = _navbar_lines(page)
        assert lines["items"] >= 1, (width, lines)
        assert lines["rows"] == 1, (width, lines)
        assert lines["height"] <= lines["line"] + 1, (width, lines)
        # One line of this navbar is 56 to 72 px high; a wrapped link or user name doubles it.
        assert lines["height"] < 80, (width, lines)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width

    # On the tablet the links are behind the toggler, and open without scrolling sideways.
    page.set_viewport_size({"width": TABLET[0], "height": TABLET[1]})
    page.goto(reverse("home"))
    toggler = page.locator("nav.navbar .navbar-toggler")
    assert toggler.is_visible()
    toggler.click()
    page.locator("#main-nav.show").wait_for()
    assert page.locator("#main-nav .nav-link").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The toggler's focus ring is visible on the blue navbar (white outline, not blue on blue).
    toggler.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    ring = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )
    assert ring == ["solid", "3px", "rgb(255, 255, 255)"], ring


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_tables_become_cards_on_a_phone_with_their_labels(page, log_in, officer, long_names):
    _go_as(page, log_in, officer)
    page.goto(reverse("applicants:list"))
    cell = page.locator(".facility-table tbody tr").first.locator("td[data-label]").first
    header = page.locator(".facility-table thead th").nth(1).inner_text()
    assert cell.get_attribute("data-label") == header

    def layout():
        return page.evaluate(
            """cell => ({
                display: getComputedStyle(cell.closest("tr")).display,
                label: getComputedStyle(cell, "::before").content,
                headVisible: cell.closest("table").tHead.getBoundingClientRect().height > 1,
            })""",
            cell.element_handle(),
        )

    page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
    assert layout() == {"display": "table-row", "label": "none", "headVisible": True}
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    label = json.dumps(header, ensure_ascii=False)
    assert layout() == {"display": "block", "label": label, "headVisible": False}


def test_axe_is_vendored_with_its_licence_and_loaded_by_no_page():
    assert re.fullmatch(r"axe-core-\d+\.\d+\.\d+", AXE_DIR.name)
    assert (AXE_DIR / "axe.min.js").stat().st_size > 100_000
    assert "Mozilla Public License" in (AXE_DIR / "LICENSE").read_text()
    templates = Path(settings.BASE_DIR).glob("**/templates/**/*.html")
    assert [t for t in templates if ".venv" not in t.parts and "axe" in t.read_text()] == []


def _focus_ring(page) -> list[str]:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_keyboard_focus_is_visible_on_the_page_and_on_the_navbar(page, log_in, officer):
    """Bootstrap draws a pale blue shadow (blue on blue in the navbar); every focused element
    gets a 3 px outline instead: dark blue on the page, white on the navbar."""
    FacilityFactory()
    _go_as(page, log_in, officer)
    page.goto(reverse("applicants:list"))
    seen = {}
    for _ in range(40):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (el.closest("nav.navbar")) return "navbar";
                if (!el.closest("main")) return "header";
                if (el.matches(".btn-primary")) return "primary button";
                if (el.matches("a:not(.btn)")) return "link";
                return el.tagName.toLowerCase();
            }"""
        )
        seen.setdefault(where, _focus_ring(page))
        if {"navbar", "header", "link", "input", "primary button"} <= seen.keys():
            break
    dark, white = ["solid", "3px", "rgb(10, 61, 145)"], ["solid", "3px", "rgb(255, 255, 255)"]
    assert seen["navbar"] == white, seen
    assert seen["header"] == dark  # the language switch
    assert seen["input"] == dark
    assert seen["link"] == dark
    # The primary button (white text on blue) gets a white ring with a dark edge.
    assert seen["primary button"] == white
