"""factory_boy factories shared by the suite. One trait per state where a model has states."""

from __future__ import annotations

from decimal import Decimal

import factory

from motcua.accounts.models import User
from motcua.procedures.models import (
    Component,
    ComponentForm,
    Fee,
    FeeKind,
    Field,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    TimeLimitUnit,
    VersionStatus,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    password = factory.django.Password("correct horse battery")


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"FIELD{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure

    national_code = factory.Sequence(lambda n: f"1.{n:06d}")
    name = "Đăng ký khai sinh"
    field = factory.SubFactory(FieldFactory)


class ProcedureVersionFactory(factory.django.DjangoModelFactory):
    """A draft version with two components, one fee and two steps; ``published=True`` publishes it."""

    class Meta:
        model = ProcedureVersion
        skip_postgeneration_save = True

    procedure = factory.SubFactory(ProcedureFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: o.procedure.name)
    levels = factory.LazyFunction(lambda: ["commune"])
    competent_authority = "Ủy ban nhân dân cấp xã"
    time_limit = Decimal("3")
    time_limit_unit = TimeLimitUnit.WORKING_DAYS
    result_kind = "Giấy khai sinh"
    legal_basis = "Luật Hộ tịch năm 2014"
    status = VersionStatus.DRAFT

    @factory.post_generation
    def parts(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        Component.objects.create(
            version=self, order=1, name="Tờ khai đăng ký khai sinh", form=ComponentForm.ORIGINAL, quantity=1
        )
        Component.objects.create(
            version=self,
            order=2,
            name="Giấy chứng sinh",
            form=ComponentForm.ORIGINAL_OR_COPY,
            quantity=1,
            mandatory=False,
            condition="Nếu sinh tại cơ sở y tế",
        )
        Fee.objects.create(version=self, order=1, kind=FeeKind.CHARGE, description="Lệ phí", amount=8000)
        ProcessStep.objects.create(
            version=self,
            order=1,
            name="Tiếp nhận",
            role="postal_clerk",
            unit="Bộ phận một cửa",
            duration=Decimal("0.5"),
        )
        ProcessStep.objects.create(
            version=self, order=2, name="Giải quyết", role="agency_specialist", unit="Công chức tư pháp", duration=2
        )

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        if create and extracted:
            from motcua.procedures.services import procedure_version_publish

            procedure_version_publish(version=self)
            self.refresh_from_db()


def published_procedure(**kwargs) -> ProcedureVersion:
    """A procedure with one published version, the usual starting point of a test."""
    return ProcedureVersionFactory(published=True, **kwargs)


# --- procedure specs (plain data for the catalogue services and the workbook import) -----------------------------


class _SpecFactory(factory.Factory):
    """Builds a dataclass of ``motcua.procedures.specs`` named by ``Meta.model`` (imported lazily)."""

    class Meta:
        abstract = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return _spec(model_class, **kwargs)

    _create = _build


class ComponentSpecFactory(_SpecFactory):
    class Meta:
        model = "ComponentSpec"

    name = factory.Sequence(lambda n: f"Giấy tờ {n}")
    form = "original"


class ProcedureSpecFactory(_SpecFactory):
    """A valid commune-level spec: 3 working days, two components, one charge, three sequential steps.

    Traits: ``same_day`` (the 15:00 rule, one working day) and ``calendar_days`` (15 calendar days).
    """

    class Meta:
        model = "ProcedureSpec"

    national_code = factory.Sequence(lambda n: f"1.{900000 + n:06d}")
    field_code = "HT"
    name = "Đăng ký khai sinh"
    levels = ("commune",)
    competent_authority = "Ủy ban nhân dân cấp xã"
    time_limit = Decimal("3")
    time_limit_unit = "working_days"
    result_kind = "Giấy khai sinh"
    legal_basis = "Luật Hộ tịch năm 2014"
    components = factory.LazyFunction(
        lambda: (
            ComponentSpecFactory(name="Tờ khai đăng ký khai sinh"),
            ComponentSpecFactory(
                name="Giấy chứng sinh", form="original_or_copy", mandatory=False, condition="Sinh tại cơ sở y tế"
            ),
        )
    )
    fees = factory.LazyFunction(
        lambda: (_spec("FeeSpec", kind="charge", description="Lệ phí", amount=8000, exemptions="Hộ nghèo"),)
    )
    steps = factory.LazyFunction(
        lambda: (
            _spec("StepSpec", name="Tiếp nhận", role="postal_clerk", unit="Bộ phận Một cửa", duration=Decimal("0.5")),
            _spec("StepSpec", name="Giải quyết", role="agency_specialist", unit="Công chức", duration=Decimal("2")),
            _spec("StepSpec", name="Ký", role="agency_leader", unit="Chủ tịch UBND xã", duration=Decimal("0.5")),
        )
    )

    class Params:
        same_day = factory.Trait(same_day_cutoff=True, time_limit=Decimal("1"), steps=())
        calendar_days = factory.Trait(time_limit=Decimal("15"), time_limit_unit="calendar_days")


def _spec(class_name: str, /, **values):
    from motcua.procedures import specs

    return getattr(specs, class_name)(**values)


def citizen_account(owner_number: str = "042195001111", full_name: str = "Nguyễn Thị Hạnh", **fields):
    """A citizen's account as the identity provider would have made it (no OpenID Connect round trip): sign it in
    with ``client.force_login(account.user)``."""
    from motcua.citizens.services import Identity, citizen_account_upsert

    identity = Identity(
        issuer=fields.pop("issuer", "https://idp.test"),
        subject=fields.pop("subject", f"sub-{owner_number}"),
        owner_number=owner_number,
        full_name=full_name,
        **fields,
    )
    return citizen_account_upsert(identity=identity)
