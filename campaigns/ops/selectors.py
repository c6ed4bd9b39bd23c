"""Who sees which job: only the person who started it (a job's file holds what that person's pages show, so
nobody else may have it, not even the office)."""

from campaigns.ops.models import Job


def jobs_for(user):
    if not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(owner=user)
