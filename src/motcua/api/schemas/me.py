from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from motcua.agencies.models import Role


class RoleOut(Schema):
    role: Role
    label: str = Field(description="The role's name, in the request's language.")
    scope: str = Field(description="The receiving point, agency or province it acts for; empty for the whole country.")
    capabilities: list[str] = Field(description="What the role lets the user do, in the request's language.")

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return str(obj.label)

    @staticmethod
    def resolve_capabilities(obj: Any) -> list[str]:
        return [str(capability) for capability in obj.capabilities]


class MeOut(Schema):
    username: str
    full_name: str
    roles: list[RoleOut] = Field(description="Current roles; empty for a user without an active assignment.")
    receiving_points: list[str] = Field(description="Codes of the receiving points whose work the user sees.")
    agencies: list[str] = Field(description="Electronic ID codes of the agencies whose work the user sees.")
