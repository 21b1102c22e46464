"""Own your data: export (CSV, JSON backup, FHIR) and import (backup, weight and lab CSVs).

Every import goes the same way: read the file (limits, encoding) -> parse it into
validated records (nothing saved) -> show a preview -> commit all or nothing on confirm.
The web views and the management commands share these modules.
"""
