"""Settings of My dossiers and the citizen's data store (docs/my-dossiers.md). Part of the base settings:
``motcua.conf.base`` imports everything here."""

from .env import config

DATA_STORE_REUSE_NEEDS_CONSENT = config(
    "DATA_STORE_REUSE_NEEDS_CONSENT",
    default=False,
    cast=bool,
    help="When true, the counter's reuse lookup offers a person's stored documents only if they consented, in My "
    "data store, to reuse at that receiving point or at every centre. Off by default: Decree 45/2020/NĐ-CP (art. "
    "11) and Decree 107/2021/NĐ-CP let a one-stop reuse a valid document it holds without asking for it again. A "
    "withdrawn consent is shown to the clerk in both modes.",
    group="Citizens",
)
MY_DOSSIERS_SUPPLEMENT_MAX_FILES = config(
    "MY_DOSSIERS_SUPPLEMENT_MAX_FILES",
    default=10,
    cast=int,
    help="How many files a citizen may upload with one supplement from My dossiers (each checked like a scan: "
    "`DIGITIZATION_MAX_FILE_MB`, `DIGITIZATION_MAX_PAGES`).",
    group="Citizens",
)
