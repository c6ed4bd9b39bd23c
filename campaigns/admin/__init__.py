"""The admin of the campaigns app, one module per area; importing this package registers them all. The admin
site itself (who may enter, the read-only history) is the project's: emulation/admin.py."""

from campaigns.admin import accounts, organisation, records, users  # noqa: F401
