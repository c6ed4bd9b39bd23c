"""Rebuild what the office dashboard counts per dossier (DossierProgress) from the nominees, documents and results:
after writing those rows by hand in the database, or to check that nothing drifted. The services keep them up to
date on their own."""

from django.core.management.base import BaseCommand
from django.db import transaction

from awards.models import Dossier
from awards.services.progress import refresh_progress


class Command(BaseCommand):
    help = "Tính lại tiến độ của mọi hồ sơ (số đối tượng, văn bản đã có tệp, kết quả đã xác định)."

    def handle(self, *args, **options):
        with transaction.atomic():
            n = refresh_progress(Dossier.objects.all())
        self.stdout.write(f"Đã tính lại tiến độ của {n} hồ sơ.")
