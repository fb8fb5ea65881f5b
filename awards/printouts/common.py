"""What the printable forms share: the data they are built as, the motto, the dotted blanks, the
place-and-date line and the signature block."""

from collections.abc import Iterator
from dataclasses import dataclass

from awards.models import Entry
from core.documents import MOTTO

# What an empty field prints: a dotted line to fill in by hand, never "None" or a blank. An empty
# long text (a Mẫu 02 description) gets a few full lines (an A4 line in 13 pt is ~34 "…").
DOTS = "…" * 16
DOTTED_LINE = "…" * 32
LONG_BLANK_LINES = 3

# The forms' own wording is Vietnamese administrative text, Vietnamese whatever the interface
# language: constants here and in mau01.py and mau02.py, not translatable messages.
# The day is written by hand when the representative signs.
DATE_BLANK = "ngày …… tháng …… năm ……"
ADDRESSEE_LABEL = "Kính gửi:"


@dataclass(frozen=True)
class Item:
    """A numbered line of a form. `long`: a text of its own paragraphs, printed under its label."""

    label: str
    value: str = ""
    long: bool = False

    @property
    def blank(self) -> bool:
        return not self.value.strip()

    @property
    def lines(self) -> list[str]:
        """What prints after or under the label: the value's lines, or dotted lines."""
        if self.blank:
            return [DOTTED_LINE] * LONG_BLANK_LINES if self.long else [DOTS]
        return [line for line in self.value.splitlines() if line.strip()]


@dataclass(frozen=True)
class Section:
    heading: str  # "I. …"; "" for none
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Signer:
    """The signature block: the facility's representative signs, writes the name and stamps."""

    heading: str
    title: str
    note: str
    name: str


@dataclass(frozen=True)
class Printout:
    number: str  # "Mẫu 01": printed above the header
    issuer: str  # top left: who writes the form (the facility)
    title: str
    subtitle: str
    addressees: tuple[str, ...]
    sections: tuple[Section, ...]
    enclosures_heading: str
    enclosures: tuple[str, ...]
    place_date: str
    signer: Signer
    motto: tuple[str, str] = MOTTO
    addressee_label: str = ADDRESSEE_LABEL

    def numbered(self) -> Iterator[tuple[Section, list[tuple[int, Item]]]]:
        """Each section with its items numbered 1, 2, 3… across the whole form."""
        number = 0
        for section in self.sections:
            items = []
            for item in section.items:
                number += 1
                items.append((number, item))
            yield section, items


def text(value) -> str:
    """A value as the form prints it: "" (a dotted line) for None."""
    return "" if value is None else str(value).strip()


def round_phrase(entry: Entry) -> str:
    """ "cấp tỉnh năm 2026": the round's level and year as the forms name them."""
    award_round = entry.round
    return f"{award_round.get_level_display().lower()} năm {award_round.year}"


def place_date(entry: Entry) -> str:
    """ "Vĩnh Long, ngày …… tháng …… năm ……": the place is the facility's province."""
    return f"{entry.facility.province.short_name}, {DATE_BLANK}"


def signer(entry: Entry) -> Signer:
    facility = entry.facility
    return Signer(
        heading="ĐẠI DIỆN CƠ SỞ",
        title=text(facility.representative_title),
        # A household business may have no seal: "nếu có".
        note="(Ký, ghi rõ họ tên và đóng dấu, nếu có)",
        name=text(facility.representative_name),
    )


def frame(entry: Entry) -> dict:
    """What both forms put around their items: the facility as the writer (top left), the place
    and date line, the representative's signature block."""
    return {
        "issuer": text(entry.facility.name),
        "place_date": place_date(entry),
        "signer": signer(entry),
    }
