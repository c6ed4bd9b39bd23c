"""Rebuild the scores the ranking reads (NomineeScore) from the results: after writing results by hand in the
database, or to check that nothing drifted. The services keep them up to date on their own."""

from django.core.management.base import BaseCommand
from django.db import transaction

from awards.models import Nominee
from awards.services.scores import refresh_scores


class Command(BaseCommand):
    help = "Tính lại điểm xếp hạng của mọi đối tượng từ kết quả đánh giá."

    def handle(self, *args, **options):
        with transaction.atomic():
            n = refresh_scores(Nominee.objects.all())
        self.stdout.write(f"Đã tính lại điểm của {n} đối tượng.")
