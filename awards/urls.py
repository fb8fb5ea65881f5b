"""Award pages: the dossier files (awards/urls_files.py) and the round and entry pages
(awards/urls_pages.py), under one namespace."""

from awards import urls_files, urls_pages

app_name = "awards"
urlpatterns = urls_files.urlpatterns + urls_pages.urlpatterns
