// Forms: the error summary, unsaved-change warnings and drafts saved as the user types.
// Loaded on every page (templates/base.html); does nothing on a page without its markup.
