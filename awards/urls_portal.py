from django.urls import path

from awards import views_portal as views

app_name = "portal"

urlpatterns = [
    # Unit heads: their own unit only.
    path("", views.home, name="home"),
    path("dang-ky/", views.registration, name="registration"),
    path("dang-ky/<int:pk>/huy/", views.registration_cancel, name="registration_cancel"),
    path("ke-hoach/", views.plan, name="plan"),
    path("ho-so/", views.dossier_current, name="dossier_current"),
    path("ho-so/<int:pk>/", views.dossier, name="dossier"),
    path("ho-so/<int:pk>/nop/", views.dossier_submit, name="dossier_submit"),
    path("ho-so/<int:pk>/doi-tuong/<str:target>/", views.nominee_add, name="nominee_add"),
    path("ho-so/<int:pk>/van-ban/<str:kind>/", views.dossier_upload, name="dossier_upload"),
    path("doi-tuong/<int:pk>/xoa/", views.nominee_remove, name="nominee_remove"),
    path("doi-tuong/<int:pk>/bao-cao/", views.report_upload, name="report_upload"),
    path("van-ban/<int:pk>/", views.document, name="document"),
    # The office: appraisal of every unit's dossier.
    path("van-phong/ho-so/", views.office_dossiers, name="office_dossiers"),
    path("van-phong/ho-so/<int:pk>/", views.office_dossier, name="office_dossier"),
    path("van-phong/ho-so/<int:pk>/tra-lai/", views.office_return, name="office_return"),
    path("van-phong/ho-so/<int:pk>/tiep-nhan/", views.office_accept, name="office_accept"),
    path("van-phong/ho-so/<int:pk>/khong-tiep-nhan/", views.office_reject, name="office_reject"),
    path("van-phong/ho-so/<int:pk>/mo-lai/", views.office_reopen, name="office_reopen"),
    path("van-phong/ho-so/<int:pk>/gia-han/", views.office_extend, name="office_extend"),
    path("van-phong/ho-so/<int:pk>/y-kien/", views.office_comment, name="office_comment"),
    path("van-phong/y-kien/<int:pk>/da-xu-ly/", views.office_comment_resolve, name="office_comment_resolve"),
]
