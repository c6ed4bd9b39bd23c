app_name = "files"

urlpatterns = []
