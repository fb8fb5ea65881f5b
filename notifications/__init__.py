"""In-app notifications and their e-mails, for the whole product (a platform app: it imports
`core` only). A domain app tells people something with `notifications.services.notify`, from
an after-commit effect; the bell, the list and the preferences are this app's pages."""
