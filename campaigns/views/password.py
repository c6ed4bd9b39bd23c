"""Setting one's own password by email, in Vietnamese: "Quên mật khẩu" on the login page, and the link a new
account receives (Django's password-reset views and tokens; our templates and form)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.template import loader
from django.urls import reverse_lazy

from campaigns.ops.mail import queue_mail


class ResetForm(PasswordResetForm):
    """Also active accounts that never set a password (a new account whose first email was lost)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        """Through the outbox (campaigns/ops/mail.py), like every email: sent, and retried while the server refuses, by the
        worker."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        queue_mail(subject, loader.render_to_string(email_template_name, context), [to_email],
                   from_email=from_email or "")

    def get_users(self, email):
        return (u for u in get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
                if u.email and u.email.lower() == email.lower())


class VietnameseSetPasswordForm(SetPasswordForm):
    error_messages = {"password_mismatch": "Hai lần nhập mật khẩu không khớp nhau."}


reset = auth_views.PasswordResetView.as_view(
    form_class=ResetForm,
    template_name="registration/reset_form.html",
    email_template_name="registration/reset_email.txt",
    subject_template_name="registration/reset_subject.txt",
    success_url=reverse_lazy("password_reset_done"),
    extra_email_context={"site_url": settings.SITE_URL.rstrip("/")},
)
reset_done = auth_views.PasswordResetDoneView.as_view(template_name="registration/reset_done.html")
reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=VietnameseSetPasswordForm,
    template_name="registration/reset_confirm.html",
    success_url=reverse_lazy("password_reset_complete"),
)
reset_complete = auth_views.PasswordResetCompleteView.as_view(template_name="registration/reset_complete.html")
