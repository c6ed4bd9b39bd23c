"""factory-boy factories for test data. Tests build what they need; the cast lives in conftest.py."""

import factory
from django.contrib.auth import get_user_model

from campaigns.models import Gender, Organisation, Staff, StaffCategory, Unit, UnitKind


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("abbreviation",)

    name = "Sở Lao động - Thương binh và Xã hội"
    full_name = "Sở Lao động - Thương binh và Xã hội tỉnh Ninh Thuận"
    parent_body = "UBND tỉnh Ninh Thuận"
    parent_body_full = "Ủy ban nhân dân tỉnh Ninh Thuận"
    place_name = "Ninh Thuận"
    abbreviation = "SLĐTBXH"
    signer_name = "Hà Anh Quang"
    signer_title = "GIÁM ĐỐC"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.LazyFunction(lambda: Organisation.objects.order_by("id").first() or OrganisationFactory())
    kind = UnitKind.SECTION
    code = factory.Sequence(lambda n: f"DV{n:03d}")
    name = factory.Sequence(lambda n: f"Phòng thử nghiệm số {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff

    code = factory.Sequence(lambda n: f"NV{n:05d}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = Gender.MALE
    position = "Chuyên viên"
    category = StaffCategory.CIVIL_SERVANT
    unit = factory.SubFactory(UnitFactory)
