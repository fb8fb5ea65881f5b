"""The award pages, one module per concern: rounds, criteria templates, entries (the
facility's side), screening (the officer's side) and the dossier files."""
