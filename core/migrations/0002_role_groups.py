from django.db import migrations

# Frozen here on purpose: a migration must not change when core.roles changes later.
ROLE_KEYS = ["applicant", "judge", "officer", "manager", "admin"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for key in ROLE_KEYS:
        Group.objects.get_or_create(name=key)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_KEYS).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, delete_groups)]
