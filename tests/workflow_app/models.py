from django.db import models


class Folder(models.Model):
    """A parent row the tickets' guards read (is the folder open?)."""

    is_open = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"Folder {self.pk}"


class Ticket(models.Model):
    class State(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        ARCHIVED = "archived", "Archived"

    folder = models.ForeignKey(Folder, on_delete=models.CASCADE, related_name="tickets")
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPEN)
    owner = models.ForeignKey("core.User", on_delete=models.CASCADE, related_name="+")
    resolution = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Ticket {self.pk}"
