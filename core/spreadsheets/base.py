"""The exporter interface every official list implements (domain.md §5).

An exporter is a short class in its app's `exports` module: an identifier, a Vietnamese title,
its columns and its rows. `core.spreadsheets.writer.render_xlsx` lays any exporter out as an
official document: the issuing body and the national motto, the title, the table (STT first,
groups under Roman numerals, totals with SUM formulas), the signature block and the print
settings. Exporters never build cells themselves, so every list looks the same and the writer
stays the one place that knows openpyxl.

Exporters are rendered in Vietnamese whatever the reader's language: they are the documents a
centre hands in (`writer.render_xlsx` activates it).
"""

import datetime
import enum
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.utils import timezone

# Called as rows are written: (rows written, rows in all). The background export reports it.
Progress = Callable[[int, int], None]


class Kind(enum.StrEnum):
    """What a column holds, which decides its cell type and number format."""

    TEXT = "text"
    INTEGER = "integer"  # a count: #,##0
    MONEY = "money"  # whole VND: #,##0, shown 1.234.567 in a Vietnamese spreadsheet
    SCORE = "score"  # a Decimal with one place: 0.0
    DATE = "date"  # a datetime.date: dd/mm/yyyy


@dataclass(frozen=True)
class Column:
    """One column of a list. `width` is in characters (None: the writer's default for the
    kind); `total` puts a SUM formula under the column in the totals rows."""

    key: str
    title: str
    kind: Kind = Kind.TEXT
    width: float | None = None
    total: bool = False
    wrap: bool = True


@dataclass(frozen=True)
class Group:
    """Rows under a group heading, numbered I., II., … by the writer (I. Nhóm thủ công mỹ
    nghệ)."""

    title: str
    rows: Iterable[Sequence[Any]]


@dataclass(frozen=True)
class Signature:
    """The block under the table: "<place>, ngày dd tháng mm năm yyyy", the signer's title and,
    below the space for the signature, the name. Blank parts are left for the pen."""

    place: str = ""
    date: datetime.date | None = None
    title: str = ""
    name: str = ""


class ExportNotAllowed(Exception):
    """The user may not download this list (a judge, an applicant, another facility's)."""


def ascii_slug(text: str) -> str:
    """`Danh sách sản phẩm 2024` → `danh-sach-san-pham-2024`: file names every system and mail
    client keeps intact (đ has no decomposition, so it is mapped by hand)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Exporter:
    """The common part of every list.

    `subject` is the object the list is of (an award round, a programme plan) or None for a
    registry (the facilities); `subject_model` lets a background worker load it again from its
    id. `params` are the filters on screen (a QueryDict or a dict), applied with the same filter
    classes as the page. `user` is who downloads: rows come from the permission-aware queries
    of the page, so what the file holds is what the screen shows.
    """

    identifier: ClassVar[str]  # "recognized": the URL's and the command line's name
    verbose_name: ClassVar[str]  # "Danh sách sản phẩm được công nhận"
    file_stem: ClassVar[str]  # "danh-sach-san-pham-duoc-cong-nhan"
    subject_model: ClassVar[type | None] = None
    # The django-filter FilterSet of the page whose filters the list takes (None: no filters).
    # The API refuses what it cannot read (param_errors); a page, like its list, applies the
    # filters that are valid.
    filterset_class: ClassVar[type | None] = None

    def __init__(self, *, user, subject=None, params=None):
        self.user = user
        self.subject = subject
        self.params = params if params is not None else {}

    # ---- who and what ------------------------------------------------------------------------

    def check_allowed(self) -> None:
        """Raise ExportNotAllowed unless `user` may download this list. Subclasses narrow it;
        the default refuses everyone so a new list is closed until it says who may have it."""
        raise ExportNotAllowed

    def param_errors(self) -> dict[str, list[str]]:
        """The filters that are not valid, by name: {} when every one is (or there are none)."""
        if self.filterset_class is None:
            return {}
        model = self.filterset_class._meta.model
        filterset = self.filterset_class(data=self.params, queryset=model._default_manager.none())
        if filterset.is_valid():
            return {}
        return {name: list(messages) for name, messages in filterset.errors.items()}

    def row_count(self) -> int:
        """How many data rows the list has (the background threshold and the progress bar)."""
        raise NotImplementedError

    # ---- the document around the table ---------------------------------------------------------

    def title_lines(self) -> list[str]:
        """The bold centred title, one line per item: the list's name, then the round and
        year. Default: the verbose name."""
        return [str(self.verbose_name)]

    def year(self) -> int | None:
        """The year in the file name and title (the round's year); None: none."""
        return None

    def file_name(self) -> str:
        """ASCII-safe: `danh-sach-san-pham-duoc-cong-nhan-2024.xlsx`."""
        parts = [self.file_stem, *self.file_name_parts()]
        return "-".join(ascii_slug(str(part)) for part in parts if str(part)) + ".xlsx"

    def file_name_parts(self) -> list[str]:
        """What follows the stem in the file name; default: the year."""
        year = self.year()
        return [str(year)] if year else []

    def signature(self) -> Signature:
        """Default: the organisation's place, signer's title and name, dated today."""
        from core.models import Organisation

        organisation = Organisation.current()
        return Signature(
            place=organisation.signing_place,
            date=timezone.localdate(),
            title=organisation.signer_title,
            name=organisation.signer_name,
        )


class ListExporter(Exporter):
    """A table: columns, rows (optionally in groups) and totals. The writer adds STT."""

    columns: ClassVar[Sequence[Column]] = ()

    def get_columns(self) -> Sequence[Column]:
        return self.columns

    def get_groups(self) -> Iterable[Group] | None:
        """The rows in groups, in order; None when the list has no groups (then get_rows)."""
        return None

    def get_rows(self) -> Iterable[Sequence[Any]]:
        """The rows, each a sequence of values in column order (without STT). Iterate a
        queryset with .iterator() so a long list never sits in memory."""
        raise NotImplementedError


class WorkbookExporter(Exporter):
    """A document that is not one table, such as the score sheets (one worksheet per judge).
    `write` builds it with the writer's building blocks (core.spreadsheets.writer)."""

    def write(self, book, progress: Progress | None = None) -> None:
        raise NotImplementedError


@dataclass
class Registry:
    """Exporters by identifier, filled by each app's `exports` module (imported in the app's
    ready()), so core never imports a domain app."""

    exporters: dict[str, type[Exporter]] = field(default_factory=dict)

    def register(self, exporter: type[Exporter]) -> type[Exporter]:
        if exporter.identifier in self.exporters:
            raise ValueError(f"Two exporters are named {exporter.identifier!r}.")
        self.exporters[exporter.identifier] = exporter
        return exporter

    def get(self, identifier: str) -> type[Exporter] | None:
        return self.exporters.get(identifier)

    def for_subject(self, model: type | None) -> dict[str, type[Exporter]]:
        return {k: v for k, v in self.exporters.items() if v.subject_model is model}


registry = Registry()
register = registry.register
