"""The decisions area: the council, the office's meeting record and drafts, the Director's approval, PDFs."""

from django.urls import path

from awards import views_decisions as views

app_name = "decisions"

urlpatterns = [
    path("", views.council_home, name="council_home"),
    path("hop/", views.meetings, name="meetings"),
    path("hop/moi/", views.meeting_new, name="meeting_new"),
    path("hop/<int:pk>/", views.meeting, name="meeting"),
    path("hop/<int:pk>/thanh-vien/", views.attendance, name="attendance"),
    path("hop/<int:pk>/bieu-quyet/", views.votes, name="votes"),
    path("hop/<int:pk>/ket-luan/", views.conclude, name="conclude"),
    path("hop/<int:pk>/bien-ban.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("quyet-dinh/", views.decision_list, name="list"),
    path("quyet-dinh/lap/", views.draft, name="draft"),
    path("quyet-dinh/lap-to-trinh/", views.draft_proposal, name="draft_proposal"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="detail"),
    path("quyet-dinh/<int:pk>/dong/<int:line_pk>/sua/", views.line_edit, name="line_edit"),
    path("quyet-dinh/<int:pk>/dong/<int:line_pk>/bo/", views.line_remove, name="line_remove"),
    path("quyet-dinh/<int:pk>/xoa/", views.decision_delete, name="delete"),
    path("quyet-dinh/<int:pk>/thay-the/", views.decision_replace, name="replace"),
    path("quyet-dinh/<int:pk>/phe-duyet/", views.decision_approve, name="approve"),
    path("quyet-dinh/<int:pk>/tu-choi/", views.decision_reject, name="reject"),
    path("quyet-dinh/<int:pk>/van-ban.pdf", views.decision_pdf, name="pdf"),
    path("quyet-dinh/<int:pk>/giay-khen.pdf", views.certificates_pdf, name="certificates_pdf"),
    path("giay-khen/", views.certificates, name="certificates"),
    path("giay-khen/<int:line_pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
]
