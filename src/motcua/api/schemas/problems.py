from __future__ import annotations

from ninja import Field, Schema


class ProblemMessages(Schema):
    vi: str = Field(description="The message in Vietnamese.")
    en: str = Field(description="The message in English.")


class ProblemError(Schema):
    loc: list[str | int] = Field(description="Where the invalid value is, e.g. ['query', 'limit'].")
    msg: str = Field(description="What is wrong with it (English, from the validator).")
    type: str = Field(description="Stable kind of the error, e.g. 'less_than_equal'.")


class Problem(Schema):
    """RFC 9457 problem details, with motcua's extensions ``code``, ``messages`` and ``errors``."""

    type: str = Field(description="'urn:motcua:problem:' followed by the code.")
    title: str = Field(description="Short summary of the HTTP status, in the request's language.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong, in the request's language (Vietnamese by default).")
    code: str = Field(description="Stable machine-readable code; match on it, never on the text.")
    messages: ProblemMessages = Field(description="The detail in both languages.")
    instance: str = Field(description="The path of the request.")
    errors: list[ProblemError] | None = Field(
        default=None,
        description="For code 'validation_failed', every invalid value; for a rule about one value of the body "
        "(a birth date in the future…), that value.",
    )
