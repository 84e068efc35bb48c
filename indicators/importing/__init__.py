"""An uploaded file of yearly actuals to validated rows, before anything is stored.

The journey of a file: read.py checks the bytes are what they claim and
turns them into sheets of cells (xlsx.py and zipcheck.py guard the workbook
container; CSV encodings are detected), layout.py finds each sheet's header
and tells long from wide, rows/ turns data rows into records checking every
cell (values.py parses what staff type and judges plausibility), and
parse.py drops duplicates and returns a ParsedUpload (sources.py reads the
optional columns that say where each value was published).  Every problem is an
UploadIssue located by sheet, Excel row and column (issues.py holds the
messages in Chinese and English).  Nothing here touches the database.
"""

from indicators.importing.issues import MESSAGES, IssueLog, UploadIssue, Where, render
from indicators.importing.layout import HEADER_ALIASES, INFO_SHEET_NAMES
from indicators.importing.parse import (
    ROW_COLUMNS,
    SOURCE_COLUMNS,
    ParsedUpload,
    check_against_stored,
    parse_upload,
)
from indicators.importing.read import FileRejected, decode_text, read_sheets
from indicators.importing.stored import check_plausible_against_stored
from indicators.importing.values import clean_text, format_number, parse_number, parse_year

__all__ = [
    "HEADER_ALIASES", "INFO_SHEET_NAMES", "MESSAGES", "ROW_COLUMNS", "FileRejected", "IssueLog",
    "ParsedUpload", "SOURCE_COLUMNS", "UploadIssue", "Where", "check_against_stored", "check_plausible_against_stored", "clean_text", "decode_text",
    "format_number", "parse_number", "parse_upload", "parse_year", "read_sheets", "render",
]
