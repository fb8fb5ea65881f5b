"""Load Vietnam's 2025 administrative units (34 provinces, 3,321 commune-level units).

The data comes from the MIT-licensed `vietnamadminunits` package (its bundled SQLite dataset,
read directly so that none of its optional geo dependencies are imported). The loader is
idempotent: it inserts what is missing and updates names that changed, so a newer package
version can be applied with `manage.py load_admin_units`.
"""

import sqlite3
from importlib.resources import files

from core.text import sort_key

WARD_KINDS = {"Xã": "commune", "Phường": "ward", "Đặc khu": "special_zone"}


def read_dataset() -> list[dict]:
    path = files("vietnamadminunits") / "data" / "dataset.db"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT province, provinceShort, provinceCode, ward, wardShort, wardType, wardCode "
            "FROM admin_units ORDER BY provinceCode, wardCode"
        ).fetchall()
    return [dict(row) for row in rows]


def load_admin_units(province_model, ward_model) -> tuple[int, int]:
    """Insert or update every unit; the models are passed in so migrations can use theirs."""
    rows = read_dataset()
    provinces = {}
    for row in rows:
        provinces[row["provinceCode"]] = province_model(
            code=row["provinceCode"],
            name=row["province"],
            short_name=row["provinceShort"],
            sort_name=sort_key(row["provinceShort"]),
        )
    province_model.objects.bulk_create(
        provinces.values(),
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "short_name", "sort_name"],
    )
    wards = [
        ward_model(
            code=row["wardCode"],
            province_id=row["provinceCode"],
            name=row["ward"],
            short_name=row["wardShort"],
            sort_name=sort_key(row["wardShort"]),
            kind=WARD_KINDS[row["wardType"]],
        )
        for row in rows
    ]
    ward_model.objects.bulk_create(
        wards,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["province", "name", "short_name", "sort_name", "kind"],
    )
    return len(provinces), len(wards)
