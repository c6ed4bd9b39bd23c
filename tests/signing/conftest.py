"""The signing world: a test PKI (CA, TSA, OCSP, the Director's and the Sở's certificates) made once per session and
served on 127.0.0.1; the settings that point the product to it; the office's images; an approved decision."""

import pytest
from django.core.files.base import ContentFile

from awards.services.approval import approve_decision
from awards.services.decisions import draft_decision
from tests.decisions.conftest import giay_khen, meeting_for, person, vote_all  # noqa: F401
from tests.factories import AppraisedNomineeFactory
from tests.signing.images import seal_png, signature_png
from tests.signing.pki import PASSPHRASE, start_pki


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    pki = start_pki(tmp_path_factory.mktemp("pki"))
    yield pki
    pki.stop()


@pytest.fixture
def signing_settings(settings, pki):
    settings.SIGNING_TRUST_ROOTS = [str(pki.pem("root"))]
    settings.SIGNING_TSA_URL = pki.tsa_url
    settings.SIGNING_DIRECTOR_PKCS12 = str(pki.pkcs12("director"))
    settings.SIGNING_DIRECTOR_PASSPHRASE = PASSPHRASE
    settings.SIGNING_ORG_PKCS12 = str(pki.pkcs12("org"))
    settings.SIGNING_ORG_PASSPHRASE = PASSPHRASE
    return settings


@pytest.fixture
def office_images(organisation):
    """The seal and the Director's signature, uploaded by the office."""
    organisation.seal_image.save("con-dau.png", ContentFile(seal_png()), save=False)
    organisation.signer_signature_image.save("chu-ky.png", ContentFile(signature_png()), save=False)
    organisation.seal_diameter_mm = 36
    organisation.save()
    return organisation


@pytest.fixture
def approved(campaign, giay_khen, clerk, director, unit_a):  # noqa: F811
    """An approved Giấy khen decision with one collective and one individual."""
    nominees = [AppraisedNomineeFactory(campaign=campaign, unit=unit_a, award_kind=giay_khen),
                AppraisedNomineeFactory(campaign=campaign, staff=person(unit_a, "Đặng Thị Hạnh", "female"),
                                        award_kind=giay_khen)]
    vote_all(meeting_for(campaign), nominees)
    return approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director)
