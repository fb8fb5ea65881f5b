// Confirmations before actions that cannot be undone (transitions, deletions, bulk actions).
// Loaded on every page (templates/base.html); does nothing on a page without its markup.
