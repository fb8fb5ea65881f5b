"""The award API: product groups and criteria templates, rounds, entries and their dossier
files, one module per concern."""
