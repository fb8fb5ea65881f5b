from django.apps import AppConfig


class WorkflowAppConfig(AppConfig):
    """A tiny model with a workflow, for the tests of core.workflow itself: the mechanism is
    tested apart from the awards' rules, with cases the product's workflows do not have yet (two
    steps to one state for the same actor, after-commit effects)."""

    name = "tests.workflow_app"
    label = "workflow_app"

    def ready(self):
        from tests.workflow_app import workflows  # noqa: F401
