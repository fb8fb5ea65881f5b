"""The pages that span apps: the role-aware home page and the facility's self-registration
(an account and the facility's profile in one step)."""

from django.urls import path

from applicants.views import register
from portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("register/", register, name="register"),
]
