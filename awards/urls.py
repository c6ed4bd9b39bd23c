"""The URLs of the awards app: one list per area, each under its own namespace (templates use
`{% url 'portal:…' %}`, `{% url 'scoring:…' %}` and so on). emulation/urls.py puts
`campaign_urlpatterns` under each campaign's code and `site_urlpatterns` at the root."""

from django.urls import include, path

from awards.views import (
    ballots,
    choices,
    council,
    dashboard,
    decisions,
    files,
    history,
    office,
    portal,
    records,
    review,
    scoring,
    setup,
    signing,
    verify,
)

# The unit portal (unit heads: their own unit only) and, under the same namespace, the office's appraisal
# of every unit's dossier.
portal_patterns = [
    # Unit heads: their own unit only.
    path("", portal.home, name="home"),
    path("dang-ky/", portal.registration, name="registration"),
    path("dang-ky/<int:pk>/huy/", portal.registration_cancel, name="registration_cancel"),
    path("ke-hoach/", portal.plan, name="plan"),
    path("ho-so/", portal.dossier_current, name="dossier_current"),
    path("ho-so/<int:pk>/", portal.dossier, name="dossier"),
    path("ho-so/<int:pk>/nop/", portal.dossier_submit, name="dossier_submit"),
    path("ho-so/<int:pk>/doi-tuong/<str:target>/", portal.nominee_add, name="nominee_add"),
    path("ho-so/<int:pk>/van-ban/<str:kind>/", portal.dossier_upload, name="dossier_upload"),
    path("doi-tuong/<int:pk>/xoa/", portal.nominee_remove, name="nominee_remove"),
    path("doi-tuong/<int:pk>/bao-cao/", portal.report_upload, name="report_upload"),
    path("van-ban/<int:pk>/", portal.document, name="document"),
    # The office: appraisal of every unit's dossier.
    path("van-phong/ho-so/", office.office_dossiers, name="office_dossiers"),
    path("van-phong/ho-so/<int:pk>/", office.office_dossier, name="office_dossier"),
    path("van-phong/ho-so/<int:pk>/tra-lai/", office.office_return, name="office_return"),
    path("van-phong/ho-so/<int:pk>/tiep-nhan/", office.office_accept, name="office_accept"),
    path("van-phong/ho-so/<int:pk>/khong-tiep-nhan/", office.office_reject, name="office_reject"),
    path("van-phong/ho-so/<int:pk>/mo-lai/", office.office_reopen, name="office_reopen"),
    path("van-phong/ho-so/<int:pk>/gia-han/", office.office_extend, name="office_extend"),
    path("van-phong/ho-so/<int:pk>/y-kien/", office.office_comment, name="office_comment"),
    path("van-phong/y-kien/<int:pk>/da-xu-ly/", office.office_comment_resolve, name="office_comment_resolve"),
]

# Every download of an uploaded file (a version of a document) goes through this permission-checked view.
files_patterns = [
    path("phien-ban/<int:pk>/", files.version, name="version"),
]

# Appraisal: the scoring grid, one nominee's results, the ranking, indicator data, criterion weights.
scoring_patterns = [
    path("", scoring.grid, name="grid"),
    path("ket-qua/<int:pk>/", scoring.save_cell, name="cell"),
    path("tinh-lai/", scoring.recompute, name="recompute"),
    path("doi-tuong/<int:pk>/", scoring.nominee, name="nominee"),
    path("xep-hang/", scoring.ranking, name="ranking"),
    path("so-lieu/", scoring.indicators, name="indicators"),
    path("so-lieu/<int:unit_pk>/<int:year>/", scoring.indicator_edit, name="indicator_edit"),
    path("trong-so/", scoring.weights, name="weights"),
]

# The council, the office's meeting record and drafts, the Director's approval, PDFs.
decisions_patterns = [
    path("", council.council_home, name="council_home"),
    path("hop/", council.meetings, name="meetings"),
    path("hop/moi/", council.meeting_new, name="meeting_new"),
    path("hop/<int:pk>/", council.meeting, name="meeting"),
    path("hop/<int:pk>/thanh-vien/", council.attendance, name="attendance"),
    path("hop/<int:pk>/tim-thanh-vien/", council.member_search, name="member_search"),
    path("hop/<int:pk>/bieu-quyet/", council.votes, name="votes"),
    path("hop/<int:pk>/ket-luan/", council.conclude, name="conclude"),
    path("hop/<int:pk>/bien-ban.pdf", council.minutes_pdf, name="minutes_pdf"),
    path("hop/<int:pk>/chon-hinh-thuc/", choices.choose_award, name="choose_award"),
    path("hop/<int:pk>/can-cu-bang-khen/", choices.bang_khen_route, name="bang_khen_route"),
    path("hop/<int:pk>/bang-hang/", choices.tie_break, name="tie_break"),
    path("hop/<int:pk>/ranh-gioi/", choices.meeting_ties, name="meeting_ties"),
    path("hop/<int:pk>/phieu/", ballots.ballot, name="ballot"),
    path("hop/<int:pk>/phieu/xac-nhan-bien-ban/", ballots.confirm, name="minutes_confirm"),
    path("hop/<int:pk>/mo-bieu-quyet/", ballots.open_vote, name="ballot_open"),
    path("hop/<int:pk>/ket-thuc-bieu-quyet/", ballots.close_vote, name="ballot_close"),
    path("quyet-dinh/", decisions.decision_list, name="list"),
    path("quyet-dinh/lap/", decisions.draft, name="draft"),
    path("quyet-dinh/lap-to-trinh/", decisions.draft_proposal, name="draft_proposal"),
    path("quyet-dinh/<int:pk>/", decisions.decision_detail, name="detail"),
    path("quyet-dinh/<int:pk>/dong/<int:line_pk>/sua/", decisions.line_edit, name="line_edit"),
    path("quyet-dinh/<int:pk>/dong/<int:line_pk>/bo/", decisions.line_remove, name="line_remove"),
    path("quyet-dinh/<int:pk>/xoa/", decisions.decision_delete, name="delete"),
    path("quyet-dinh/<int:pk>/thay-the/", decisions.decision_replace, name="replace"),
    path("quyet-dinh/<int:pk>/phe-duyet/", decisions.decision_approve, name="approve"),
    path("quyet-dinh/<int:pk>/tu-choi/", decisions.decision_reject, name="reject"),
    path("quyet-dinh/<int:pk>/van-ban.pdf", decisions.decision_pdf, name="pdf"),
    path("quyet-dinh/<int:pk>/xem-xet/", review.review, name="review"),
    path("quyet-dinh/<int:pk>/xem-xet/ban-in.pdf", review.preview_pdf, name="preview_pdf"),
    path("quyet-dinh/<int:pk>/xem-xet/ky/", review.approve, name="review_approve"),
    path("quyet-dinh/<int:pk>/xem-xet/tra-lai/", review.reject, name="review_reject"),
    path("quyet-dinh/<int:pk>/giay-khen.pdf", decisions.certificates_pdf, name="certificates_pdf"),
    # Digital signing of an approved decision (the Director, then the văn thư) and its Giấy khen.
    path("quyet-dinh/<int:pk>/ky-so/chua-ky.pdf", signing.unsigned_pdf, name="unsigned_pdf"),
    path("quyet-dinh/<int:pk>/ky-so/giam-doc/", signing.sign_director, name="sign_director"),
    path("quyet-dinh/<int:pk>/ky-so/tai-len/", signing.upload_signed, name="upload_signed"),
    path("quyet-dinh/<int:pk>/ky-so/van-thu/", signing.seal, name="seal"),
    path("quyet-dinh/<int:pk>/ky-so/da-ky.pdf", signing.signed_pdf, name="signed_pdf"),
    path("quyet-dinh/<int:pk>/ky-so/giay-khen/giam-doc/", signing.sign_certificates, name="sign_certificates"),
    path("quyet-dinh/<int:pk>/ky-so/giay-khen/van-thu/", signing.seal_certificates, name="seal_certificates"),
    path("giay-khen/<int:line_pk>/da-ky-so.pdf", signing.signed_certificate_pdf, name="signed_certificate_pdf"),
    path("giay-khen/", decisions.certificates, name="certificates"),
    path("giay-khen/<int:line_pk>.pdf", decisions.certificate_pdf, name="certificate_pdf"),
]

# Public verification of a certificate by its short code (printed under the QR code).
verify_patterns = [
    path("", verify.verify_lookup, name="lookup"),
    path("tep/", signing.verify_file, name="file"),  # a signed PDF, judged by its content
    path("<str:code>/", verify.verify_code, name="code"),
]

# The office dashboard.
office_patterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("don-vi/", dashboard.units, name="units"),
    path("ket-thuc/", dashboard.close, name="close"),
]

# A member of staff looks up their own records; nobody else's are reachable from here.
records_patterns = [
    path("", records.mine, name="mine"),
]

# The office: campaigns across years (next year's from this one, the draft, extensions for any unit).
setup_patterns = [
    path("", setup.campaign_list, name="list"),
    path("nhan-ban/", setup.clone, name="clone"),
    path("<slug:code>/", setup.edit, name="edit"),
    path("<slug:code>/sua/", setup.update, name="update"),
    path("<slug:code>/tieu-chi/", setup.criterion_save, name="criterion_add"),
    path("<slug:code>/tieu-chi/<int:pk>/", setup.criterion_save, name="criterion_edit"),
    path("<slug:code>/tieu-chi/<int:pk>/xoa/", setup.criterion_delete, name="criterion_delete"),
    path("<slug:code>/so-luong/", setup.quotas, name="quotas"),
    path("<slug:code>/phat-dong/", setup.open_campaign, name="open"),
    path("<slug:code>/gia-han/", setup.extensions, name="extensions"),
]

# The award history of a person or a unit across years.
history_patterns = [
    path("ca-nhan/<int:pk>/", history.person, name="person"),
    path("don-vi/<int:pk>/", history.unit, name="unit"),
]

# Pages of one campaign (emulation/urls.py puts them under the campaign's code).
campaign_urlpatterns = [
    path("don-vi/", include((portal_patterns, "portal"))),          # unit portal and the office's appraisal
    path("cham-diem/", include((scoring_patterns, "scoring"))),     # appraisal, scoring grid, ranking
    path("khen-thuong/", include((decisions_patterns, "decisions"))),  # council, decisions, PDFs
    path("van-phong/", include((office_patterns, "office"))),       # office dashboard
]

# The site's own areas, the same in every campaign.
site_urlpatterns = [
    path("tep/", include((files_patterns, "files"))),               # permission-checked file downloads
    path("xac-minh/", include((verify_patterns, "verify"))),        # public certificate verification
    path("ca-nhan/", include((records_patterns, "records"))),       # staff: own records
    path("phong-trao/", include((setup_patterns, "setup"))),        # the office: campaigns across years
    path("lich-su-khen-thuong/", include((history_patterns, "history"))),  # awards of a person or unit, all years
]
