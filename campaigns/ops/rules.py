"""The permission table of ops (django-rules, discovered at start-up like every app's rules.py).

A job and its file belong to the person who started it: nobody else sees them, not even the office (they hold
what that person's pages show). The mail outbox's «Gửi lại» is for whoever may change outgoing mail in the admin
(the office, by campaigns/roles.py). Names differ from Django's model permissions (view_job…) on purpose, so
that the admin's own checks are not answered by these rules."""

import rules
from django.http import Http404


@rules.predicate
def owns_job(user, job=None):
    if not (user and user.is_authenticated and user.is_active):
        return False
    return job is None or job.owner_id == user.pk


@rules.predicate
def may_change_mail(user):
    return bool(user and user.is_active and user.has_perm("ops.change_outgoingemail"))


rules.add_perm("ops.see_job", owns_job)
rules.add_perm("ops.rerun_job", owns_job)
rules.add_perm("ops.resend_mail", may_change_mail)


def require_or_404(user, perm, obj=None):
    """Pages: an outsider learns nothing, not even that the job exists."""
    if not rules.has_perm(perm, user, obj):
        raise Http404


def asks(*perms):
    """Keeps on a view the rules it asks (`rules_asked`, checked by tests/test_rules.py)."""

    def decorate(view):
        view.rules_asked = perms
        return view

    return decorate
