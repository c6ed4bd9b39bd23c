"""The login lockout (django-axes' database handler, with two changes).

1. A success clears only the failures of the account that logged in. Axes' own reset deletes every attempt that
   matches any lockout parameter, so a correct login to one's own account also wiped the failures recorded for
   other accounts from the same address: four wrong passwords for a victim, one good login of one's own, again
   and again, and the victim was never locked.
2. Accounts and addresses have limits of their own. An account is locked after AXES_FAILURE_LIMIT failures (5)
   from anywhere; an address after AXES_ADDRESS_FAILURE_LIMIT failures (30) for any accounts. An office behind
   one NAT address shares the address: one person's mistakes lock only that person, and the address only when
   far more failures pile up within the cool-off hour than people make (every failure followed by that person's
   own success is cleared). A guesser from one address gets at most that many tries an hour over all accounts,
   and at most 4 on any one account.

Failures are counted over the cool-off time (AXES_COOLOFF_TIME) as axes does; AccessAttempt rows still hold one
(account, address, browser) each, so the office's admin page and `axes_reset` work as before."""

from axes.attempts import get_cool_off_threshold
from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.db.models import Sum


def address_failure_limit() -> int:
    return getattr(settings, "AXES_ADDRESS_FAILURE_LIMIT", 30)


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler with separate limits per account and per address, and a reset per account."""

    def _failures(self, request, **lookup) -> int:
        attempts = AccessAttempt.objects.filter(**lookup)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def get_failures(self, request, credentials=None) -> int:
        """The account's failures, or the account limit itself when its address is over the address limit
        (axes compares this number with AXES_FAILURE_LIMIT to decide a lockout)."""
        username = get_client_username(request, credentials)
        account = self._failures(request, username=username) if username is not None else 0
        address = getattr(request, "axes_ip_address", None)
        if address and self._failures(request, ip_address=address) >= address_failure_limit():
            return max(account, get_failure_limit(request, credentials))
        return account

    def reset_user_attempts(self, request, credentials=None) -> int:
        """On a successful login (AXES_RESET_ON_SUCCESS): that account's failures, nobody else's."""
        username = get_client_username(request, credentials)
        if username is None:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
