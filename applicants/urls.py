app_name = "applicants"
urlpatterns = []
