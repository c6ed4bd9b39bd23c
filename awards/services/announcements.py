"""Telling the result: when a Quyết định is signed, the unit heads of every unit whose dossier has a line in it
and every awardee with an email address are told, after the commit, through the same mail function as the
dossier's transitions (awards.services.dossiers._mail_after_commit), so they follow it wherever it sends mail
(background tasks included). A Tờ trình is a proposal to the province, not a result: nobody is told."""

from collections import defaultdict

from django.conf import settings

from awards.models import Decision, DocumentType
from awards.services.dossiers import _mail_after_commit, _unit_head_emails
from campaigns import formatting as f
from campaigns import scope


def _link(campaign, name, *args):
    return settings.SITE_URL.rstrip("/") + scope.reverse_in(campaign, name, args=args)


def announce_signed(decision: Decision) -> int:
    """Queue the emails of a signed decision; returns how many were queued."""
    if decision.doc_type != DocumentType.DECISION:
        return 0
    lines = list(decision.lines.select_related("nominee__dossier__unit", "nominee__staff__user").order_by("order"))
    title = f"{decision.get_doc_type_display()} số {decision.number_text} ngày {decision.signed_on:%d/%m/%Y}"
    award = decision.award_kind.name
    by_unit = defaultdict(list)
    for line in lines:
        by_unit[line.nominee.dossier.unit].append(line)
    sent = 0
    for unit, unit_lines in by_unit.items():
        listing = "\n".join(
            f"  {line.order}. {line.recipient_name}" + (f", {line.position}" if line.position else "")
            + (f": {f.money(line.amount)} đồng" if line.amount is not None else "")
            for line in unit_lines
        )
        recipients = _unit_head_emails(unit)
        if recipients:
            _mail_after_commit(
                f"[Thi đua] {title}: khen thưởng của {unit}",
                f"Giám đốc Sở đã ký {title} tặng {award}.\n\nCủa {unit} có {len(unit_lines)} tập thể, cá nhân được khen thưởng:\n"
                f"{listing}\n\nXem và in Giấy khen: {_link(decision.campaign, 'decisions:certificates')}\n",
                recipients,
            )
            sent += 1
    for line in lines:
        staff = line.nominee.staff
        email = (staff.email or (staff.user.email if staff.user_id else "")) if staff else ""
        if email:
            amount = f" kèm tiền thưởng {f.money(line.amount)} đồng" if line.amount is not None else ""
            _mail_after_commit(
                f"[Thi đua] Chúc mừng: {award} theo {title}",
                f"Kính gửi {staff.full_name},\n\nGiám đốc Sở đã ký {title} tặng {award}{amount} cho {staff.full_name} "
                f"(số sổ vàng {line.order}).\n\nXem Giấy khen: {_link(decision.campaign, 'decisions:certificates')}\n",
                [email],
            )
            sent += 1
    return sent
