"""Settings of the dossiers filed on the National Public Service Portal that land in the online inbox
(docs/submissions.md, "Filed on the national portal"). Part of the base settings once ``motcua.conf.base`` imports
everything here; ``motcua.submissions.conf.setting`` reads these defaults until then."""

from .env import config

NATIONAL_FILINGS_DEFAULT_POINT = config(
    "NATIONAL_FILINGS_DEFAULT_POINT",
    default="",
    help="Code of the receiving point whose online inbox takes a dossier filed on the national portal when the "
    "record's receiving unit (`MaDonVi`) is not the code of a receiving point. Empty: such a filing waits on the "
    "filings page with its reason until a point is set.",
    group="National portal",
)
NATIONAL_FILINGS_APPLICANT_URL = config(
    "NATIONAL_FILINGS_APPLICANT_URL",
    default="https://dichvucong.gov.vn",
    help="Where an applicant without a motcua account follows a dossier filed on the national portal: the link "
    "in their supplement and refusal messages.",
    group="National portal",
)
