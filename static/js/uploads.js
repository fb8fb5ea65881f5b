// File uploads: the type and size checked before sending, a progress bar while sending.
// Loaded on every page (templates/base.html); does nothing on a page without an upload form.
