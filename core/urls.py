from django.contrib.auth import views as auth_views
from django.urls import include, path

from core import (
    converters,  # noqa: F401  (registers <id:…>)
    forms,
)
from core.spreadsheets import views as export_views

urlpatterns = [
    # The pages with a form are listed first only to give their forms the site's styling
    # (core.forms); everything else, and the URL names, come from django.contrib.auth.urls.
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=forms.LoginForm),
        name="login",
    ),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(form_class=forms.PasswordChangeForm),
        name="password_change",
    ),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=forms.PasswordResetForm),
        name="password_reset",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=forms.SetPasswordForm),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    # Issue 9: background exports
    path("exports/<id:pk>/", export_views.export_job, name="export-job"),
    path("exports/<id:pk>/file/", export_views.export_job_file, name="export-job-file"),
    path("exports/<id:pk>/retry/", export_views.export_job_retry, name="export-job-retry"),
]
