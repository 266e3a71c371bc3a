"""Errors of digitization: one function per rule, each with a stable code and a bilingual message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def empty(*, name: str) -> ApplicationError:
    return ApplicationError("document_empty", _("The file “%(name)s” is empty."), params={"name": name}, status=422)


def unsupported_type(*, name: str) -> ApplicationError:
    return ApplicationError(
        "document_unsupported_type",
        _("The file “%(name)s” is not a PDF, JPEG, PNG or TIFF file, whatever its name says."),
        params={"name": name},
        status=415,
    )


def corrupt(*, name: str) -> ApplicationError:
    return ApplicationError(
        "document_corrupt", _("The file “%(name)s” is damaged and cannot be read."), params={"name": name}, status=422
    )


def encrypted(*, name: str) -> ApplicationError:
    return ApplicationError(
        "document_encrypted",
        _("The file “%(name)s” is protected by a password; save it without protection and try again."),
        params={"name": name},
        status=422,
    )


def too_large(*, name: str, limit_mb: int) -> ApplicationError:
    return ApplicationError(
        "document_too_large",
        _("The file “%(name)s” is larger than %(limit)s MB."),
        params={"name": name, "limit": limit_mb},
        status=413,
    )


def too_many_pages(*, pages: int, limit: int) -> ApplicationError:
    return ApplicationError(
        "document_too_many_pages",
        _("The files hold %(pages)s pages; at most %(limit)s may be digitized at once."),
        params={"pages": pages, "limit": limit},
        status=413,
    )


def image_too_large(*, name: str, limit_mp: int) -> ApplicationError:
    return ApplicationError(
        "document_image_too_large",
        _("A page of “%(name)s” is larger than %(limit)s megapixels or an A0 sheet; scan it at a lower resolution."),
        params={"name": name, "limit": limit_mp},
        status=413,
    )


def component_not_in_dossier() -> ApplicationError:
    return ApplicationError("component_not_in_dossier", _("This paper does not belong to the dossier."))


def document_of_another_owner() -> ApplicationError:
    return ApplicationError("document_of_another_owner", _("The stored document belongs to someone else."))


def document_expired(*, valid_until: str) -> ApplicationError:
    return ApplicationError(
        "document_expired", _("The stored document expired on %(date)s."), params={"date": valid_until}
    )


def no_files() -> ApplicationError:
    return ApplicationError("document_no_files", _("Give at least one file to digitize."), status=422)


def digitizing_not_permitted() -> ApplicationError:
    return ApplicationError(
        "document_digitizing_forbidden", _("Only counter staff may digitize a dossier's papers."), status=403
    )


def invalid_owner(*, value: str) -> ApplicationError:
    return ApplicationError(
        "document_invalid_owner",
        _("“%(value)s” is not an ID number (12 digits) or a tax code (10 or 13 digits)."),
        params={"value": value},
        status=409,
    )


def ocr_failed(*, detail: str) -> ApplicationError:
    return ApplicationError("document_ocr_failed", _("Text recognition failed: %(detail)s"), params={"detail": detail})


def signing_unavailable(*, point: str) -> ApplicationError:
    return ApplicationError(
        "document_signing_unavailable",
        _("No signing certificate is configured for the receiving point %(point)s."),
        params={"point": point},
    )


def job_not_cancellable(*, status: str) -> ApplicationError:
    return ApplicationError(
        "document_job_not_cancellable",
        _("A digitization job that is “%(status)s” cannot be cancelled."),
        params={"status": status},
        status=409,
    )


def job_interrupted() -> ApplicationError:
    return ApplicationError(
        "document_job_interrupted", _("The digitization stopped unexpectedly; it was tried again and failed.")
    )


# --- reading (documents/selectors.py): out of the user's scope reads like absent ---------------------------


def document_not_found() -> ApplicationError:
    return ApplicationError("document_not_found", _("No digitized document has this identifier."))


def job_not_found() -> ApplicationError:
    return ApplicationError("job_not_found", _("No digitization job has this identifier."))


# --- the signed result of an approval (documents/results.py) -----------------------------------------


def result_not_pdf(*, name: str) -> ApplicationError:
    return ApplicationError(
        "document_result_not_pdf",
        _("The result document “%(name)s” is not a PDF file; upload the PDF the agency signed digitally."),
        params={"name": name},
        status=415,
    )


def result_unsigned(*, name: str) -> ApplicationError:
    return ApplicationError(
        "document_result_unsigned",
        _(
            "The result document “%(name)s” has no digital signature; upload it after the agency's leader has "
            "signed it with the agency's certificate."
        ),
        params={"name": name},
        status=422,
    )


def result_signature_broken(*, name: str) -> ApplicationError:
    return ApplicationError(
        "document_result_signature_broken",
        _(
            "The digital signature of “%(name)s” is not valid: the file was changed after it was signed, or the "
            "signature is damaged or forged."
        ),
        params={"name": name},
        status=422,
    )


def result_signer_untrusted(*, name: str, signer: str) -> ApplicationError:
    return ApplicationError(
        "document_result_signer_untrusted",
        _(
            "The result document “%(name)s” is signed by “%(signer)s”, whose certificate is not issued by a "
            "certification authority motcua trusts."
        ),
        params={"name": name, "signer": signer},
        status=422,
    )
