from django.db import migrations


def load(apps, schema_editor):
    from core.admin_units import load_admin_units

    load_admin_units(apps.get_model("core", "Province"), apps.get_model("core", "Ward"))


def unload(apps, schema_editor):
    apps.get_model("core", "Ward").objects.all().delete()
    apps.get_model("core", "Province").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_role_groups")]
    operations = [migrations.RunPython(load, unload)]
