"""export: the recognised-products list (awards.exports.recognized) of a round with 20,000
recognised entries, rendered by core.spreadsheets.writer.render_xlsx, against a bare openpyxl
write-only loop writing the same values.

Targets: the product takes at most 1.5 times the baseline's time (paired ratio); rendering
20,000 rows takes at most 4.5 times 5,000 (it grows with the rows, never with a query per row);
the peak memory of rendering 20,000 rows (tracemalloc) stays under 100 MB more than before.

The baseline is what one would write by hand for the same file content: one values_list query
over the same tables (entries, facility, ward, province, group, certificate, the mean of the
submitted sheets) and `ws.append(row)` for each row into a write-only workbook, without the
document around the table (header block, title, groups, styles, signature). The ratio says
what the official layout costs.

The data is built with bulk_create: every entry recognised with a certificate and scored by
one judge.
"""

import contextlib
import datetime
import gc
import io
import time
import tracemalloc
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook

from awards.exports.recognized import RecognizedProducts
from awards.models import Certificate, Entry, PanelMember, ProductGroup, ScoreSheet
from bench.harness import (
    Check,
    Result,
    database_description,
    interleaved,
    ms,
    paired_ratio,
    throwaway_database,
)
from core.roles import Role
from core.spreadsheets.writer import render_xlsx
from tests.factories import AwardRoundFactory, FacilityFactory, PanelFactory, UserFactory

NAME = "export"
TARGET = 1.5
GROWTH_TARGET = 4.5
MEMORY_TARGET_MB = 100
SMALL, LARGE = 5_000, 20_000
FACILITIES = 200
WARMUP, SAMPLES = 1, 5
SUBMITTED = Q(score_sheets__state="submitted")


def build_round(entries: int, facilities: list, judge, year: int):
    """A finalized round of `entries` recognised entries with certificates."""
    award_round = AwardRoundFactory(state="finalized", year=year, title=f"Bình chọn {year}")
    panel = PanelFactory(round=award_round)
    PanelMember.objects.create(panel=panel, judge=judge, role="chair")
    groups = list(ProductGroup.objects.order_by("code"))
    rows = []
    for n in range(entries):
        group = groups[n % len(groups)]
        entry = Entry(
            round=award_round,
            facility=facilities[n % len(facilities)],
            product_name=f"Sản phẩm tiêu biểu số {n}",
            product_group=group,
            features="Sản phẩm thủ công, đóng gói 400 g.",
            materials="Nguyên liệu địa phương.",
            production_process="Sản xuất thủ công.",
            markets="Trong tỉnh.",
            state=Entry.State.RECOGNIZED,
            voting_code=f"T{year}-{group.code}-{n:05d}",
        )
        entry.refresh_derived_fields()
        rows.append(entry)
    Entry.objects.bulk_create(rows, batch_size=1000)
    ids = list(Entry.objects.filter(round=award_round).order_by("id").values_list("id", flat=True))
    now = timezone.now()
    ScoreSheet.objects.bulk_create(
        (
            ScoreSheet(
                round=award_round,
                panel=panel,
                entry_id=entry_id,
                judge=judge,
                state="submitted",
                total=Decimal(700 + n % 300) / 10,
                submitted_at=now,
            )
            for n, entry_id in enumerate(ids)
        ),
        batch_size=2000,
    )
    issued = datetime.date(year, 12, 1)
    Certificate.objects.bulk_create(
        (
            Certificate(
                round=award_round,
                entry_id=entry_id,
                number=f"{n + 1:05d}/{year}/GCN",
                year=year,
                sequence=n + 1,
                issued_on=issued,
                valid_until=issued.replace(year=year + 3),
            )
            for n, entry_id in enumerate(ids)
        ),
        batch_size=2000,
    )
    return award_round


def product(award_round, officer) -> int:
    buffer = io.BytesIO()
    render_xlsx(RecognizedProducts(user=officer, subject=award_round), buffer)
    return buffer.tell()


def baseline(award_round) -> int:
    rows = (
        Entry.objects.filter(round=award_round, state=Entry.State.RECOGNIZED)
        .annotate(
            n=Count("score_sheets", filter=SUBMITTED),
            total_sum=Sum("score_sheets__total", filter=SUBMITTED),
        )
        .order_by("product_group__code", "voting_code", "pk")
        .values_list(
            "voting_code",
            "product_name",
            "facility__name",
            "facility__ward__name",
            "facility__province__name",
            "n",
            "total_sum",
            "certificate__number",
            "certificate__valid_until",
        )
    )
    book = Workbook(write_only=True)
    ws = book.create_sheet()
    for number, (code, name, facility, ward, province, n, total, cert, until) in enumerate(
        rows.iterator(chunk_size=2000), start=1
    ):
        ws.append([number, code, name, facility, f"{ward}, {province}", total / n, cert, until])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.tell()


@contextlib.contextmanager
def collector_off():
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def peak_memory_mb(call) -> float:
    """The peak of Python allocations during `call` above what was allocated before, in MB."""
    gc.collect()
    tracemalloc.start()
    try:
        before, _peak = tracemalloc.get_traced_memory()
        call()
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return (peak - before) / 1024 / 1024


def run() -> Result:
    with throwaway_database():
        judge = UserFactory(role=Role.JUDGE)
        officer = UserFactory(role=Role.OFFICER)
        facilities = [FacilityFactory() for _ in range(FACILITIES)]
        started = time.monotonic()
        large = build_round(LARGE, facilities, judge, 2024)
        small = build_round(SMALL, facilities, judge, 2025)
        built = time.monotonic() - started

        def queries(award_round):
            with CaptureQueriesContext(connection) as captured:
                product(award_round, officer)
            return len(captured)

        small_queries, large_queries = queries(small), queries(large)
        memory = peak_memory_mb(lambda: product(large, officer))
        with collector_off():
            product_times, baseline_times = interleaved(
                lambda: product(large, officer),
                lambda: baseline(large),
                warmup=WARMUP,
                samples=SAMPLES,
            )
            small_times, large_times = interleaved(
                lambda: product(small, officer),
                lambda: product(large, officer),
                warmup=WARMUP,
                samples=SAMPLES,
            )
        growth = paired_ratio(large_times, small_times)
        database = database_description()

    return Result(
        name=NAME,
        ratio=paired_ratio(product_times, baseline_times),
        op="<=",
        target=TARGET,
        figures={
            "product": f"{ms(product_times)}: render_xlsx of the recognised list, {LARGE:,} "
            f"rows ({large_queries} queries)",
            "baseline": f"{ms(baseline_times)}: one values_list query, a bare write-only loop",
            f"{SMALL:,} rows": f"{ms(small_times)}; {LARGE:,} rows took {growth:.2f} × "
            f"(target <= {GROWTH_TARGET})",
            "memory": f"peak {memory:.1f} MB above the start while rendering {LARGE:,} rows "
            f"(target <= {MEMORY_TARGET_MB} MB, tracemalloc)",
            "samples": f"{SAMPLES} of each, interleaved, after {WARMUP} warm-up; ratio: the "
            "median of the pairs' ratios; garbage collector off while timing",
            "data": f"built in {built:.0f} s with bulk_create",
            "database": database,
        },
        checks=[
            Check(
                f"{LARGE:,} rows take at most {GROWTH_TARGET} × {SMALL:,}",
                round(growth, 2) <= GROWTH_TARGET,
                f"{growth:.2f} ×",
            ),
            Check(
                f"peak memory grows by at most {MEMORY_TARGET_MB} MB",
                memory <= MEMORY_TARGET_MB,
                f"{memory:.1f} MB",
            ),
            Check(
                "the query count does not grow with the rows",
                small_queries == large_queries,
                f"{small_queries} and {large_queries} queries",
            ),
        ],
    )
