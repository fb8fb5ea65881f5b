from decimal import Decimal

from django.db import migrations

# TT 26/2014/TT-BCT: the four product groups and the scoring sheet of Phụ lục 4.
# Frozen here: later edits of the reference data happen in the admin, not in this migration.
PRODUCT_GROUPS = [
    (1, "Thủ công mỹ nghệ"),
    (2, "Chế biến nông, lâm, thủy sản và thực phẩm"),
    (3, "Thiết bị, máy móc, dụng cụ, phụ tùng cơ khí"),
    (4, "Sản phẩm khác"),
]
OFFICIAL_TEMPLATE = "Phiếu chấm điểm theo Phụ lục 4, Thông tư 26/2014/TT-BCT"
OFFICIAL_CRITERIA = [
    ("1", "Đáp ứng thị trường và khả năng phát triển sản xuất", "40"),
    ("2", "Kinh tế - kỹ thuật - xã hội và môi trường", "40"),
    ("3", "Tính văn hóa, tính thẩm mỹ", "10"),
    ("4", "Một số tiêu chí khác", "10"),
]


def seed(apps, schema_editor):
    ProductGroup = apps.get_model("awards", "ProductGroup")
    CriteriaTemplate = apps.get_model("awards", "CriteriaTemplate")
    TemplateCriterion = apps.get_model("awards", "TemplateCriterion")
    for code, name in PRODUCT_GROUPS:
        ProductGroup.objects.get_or_create(code=code, defaults={"name": name})
    template, created = CriteriaTemplate.objects.get_or_create(
        name=OFFICIAL_TEMPLATE,
        defaults={
            "is_default": True,
            "description": "Bốn tiêu chí chính thức, tổng 100 điểm (40/40/10/10).",
        },
    )
    if created:
        for position, (code, text, points) in enumerate(OFFICIAL_CRITERIA, start=1):
            TemplateCriterion.objects.create(
                template=template,
                code=code,
                text=text,
                max_points=Decimal(points),
                position=position,
            )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
