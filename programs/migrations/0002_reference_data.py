from django.db import migrations

from programs.reference import ACTIVITIES, NATIONAL_BASIS, NATIONAL_FROM, NATIONAL_RULES


def seed(apps, schema_editor):
    Activity = apps.get_model("programs", "Activity")
    SupportRule = apps.get_model("programs", "SupportRule")
    activities = {}
    for position, (code, name, has_equipment) in enumerate(ACTIVITIES, start=1):
        activities[code], _created = Activity.objects.get_or_create(
            code=code,
            defaults={"name": name, "has_equipment": has_equipment, "position": position},
        )
    for code, rate, ceiling, multiplier in NATIONAL_RULES:
        SupportRule.objects.get_or_create(
            fund_source="national",
            activity=activities[code],
            valid_from=NATIONAL_FROM,
            defaults={
                "max_rate": rate,
                "ceiling": ceiling,
                "line_multiplier": multiplier,
                "legal_basis": NATIONAL_BASIS,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
