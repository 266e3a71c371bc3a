"""Import and export of the catalogue as an Excel workbook or a .zip of CSV files.

The format (sheets and columns) is in :mod:`.columns`; the import service in :mod:`.importer`.
"""

from ..errors import ImportIssue, ImportRejected
from .columns import SHEET_ORDER, SHEETS
from .convert import specs_to_tables
from .exporter import FORMATS, procedures_export_tables, procedures_published_specs
from .importer import ImportSummary, procedures_import_file, procedures_import_tables
from .tables import Table, Tables, read_tables, tables_to_csv_zip, tables_to_xlsx

__all__ = [
    "FORMATS",
    "SHEETS",
    "SHEET_ORDER",
    "ImportIssue",
    "ImportRejected",
    "ImportSummary",
    "Table",
    "Tables",
    "procedures_export_tables",
    "procedures_import_file",
    "procedures_import_tables",
    "procedures_published_specs",
    "read_tables",
    "specs_to_tables",
    "tables_to_csv_zip",
    "tables_to_xlsx",
]
