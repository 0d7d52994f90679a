"""How much planctl reads of any input: every bound in bytes, depth and length, in one place.

No input, however large, deep or endless, may cost more than a stated amount of memory and
time, so every read is bounded by one of these; the README's "Limits" section states the same
figures (a test keeps them equal). The bounds of a workbook's archive (its bytes and parts)
live with the workbook readers, `read/workbook.py` and `read/archive.py`; the rows and columns
of a sheet are here.
"""

from __future__ import annotations

from dataclasses import dataclass

from planctl.i18n.codes import Msg

MiB = 2**20


@dataclass(frozen=True)
class InputLimit:
    """The most bytes planctl reads of one kind of input, and how messages name the kind."""

    max_bytes: int
    kind: Msg


# A national file of 1,026,000 rows is 42 MiB; ten million rows, about 420 MiB, must still be
# read (the column reader streams them); a gigabyte leaves room and stops an endless stream.
CSV_SUBMISSION = InputLimit(1024 * MiB, Msg.INPUT_SUBMISSION)
# The 2,850 counties of a national targets file take about 150 KiB; YAML is parsed at a few
# MiB a second, so 4 MiB bounds a first validation to seconds.
TARGETS_FILE = InputLimit(4 * MiB, Msg.INPUT_TARGETS)
# A county-targets file (目标分解) has a line per county and target: 100,000 counties × 30
# targets of a national decomposition is about 3 million lines, beyond any bureau's table;
# 16 MiB and 500,000 lines bound it to seconds.
COUNTY_TARGETS_FILE = InputLimit(16 * MiB, Msg.INPUT_COUNTY_TARGETS)
COUNTY_TARGETS_ROWS = 500_000
# A records file (sources and measures) is a page or two; 1 MiB bounds it like a targets file.
RECORDS_FILE = InputLimit(1 * MiB, Msg.INPUT_RECORDS)
# A record table: a province's kindergartens are about 10,000 rows, the nation's about
# 290,000, each a few hundred bytes. CSV and workbook tables are checked row by row in Python
# (about 300,000 rows a second), so 2,000,000 rows and 512 MiB bound them to seconds; larger
# tables (a child-level register) belong in Parquet, which the engine reads itself, with
# no bound on rows but PARQUET_RECORDS_FILE on bytes per file.
RECORD_TABLE = InputLimit(512 * MiB, Msg.INPUT_RECORD_TABLE)
RECORD_TABLE_ROWS = 2_000_000
PARQUET_RECORDS_FILE = InputLimit(64 * 1024 * MiB, Msg.INPUT_RECORD_TABLE)
# How many records a drill-down lists behind a shortfall, per county and target (the largest
# first; a line says how many more there are).
DRILL_DOWN_RECORDS = 20

# The 2017 plan is 13 KiB; the longest plans (five-year plans) are a few hundred KiB.
PLAN_TEXT = InputLimit(4 * MiB, Msg.INPUT_PLAN)

# The rows of a sheet: every row is read, to the last row a spreadsheet can have (Excel's and
# WPS's 1,048,576; an .xls sheet has 65,536 at most). A sheet's XML is bounded in bytes by the
# archive's limits, so this bounds nothing that bytes do not; a row numbered past it is no
# sheet a spreadsheet program wrote, and an error. Cutting a sheet short would drop counties
# silently: a sheet of 56 counties' 20,160 rows is an ordinary city's workbook.
MAX_SHEET_ROWS = 1_048_576
# The columns of a sheet read: a long or wide submission has a few dozen; the cells right of
# this are not figures of a submission, and a warning says they are not read.
MAX_SHEET_COLUMNS = 256

# The longest cell of a CSV file, in characters: the csv module's own default limit. A cell
# this long is no figure, name or note; it is a quote left open, or not a submission at all.
MAX_CELL_CHARS = 131_072

# How deep planctl looks into a folder given to `planctl check`, and how many entries
# (files and folders) it looks at in all: a folder of counties is a level or two deep.
MAX_FOLDER_DEPTH = 32
MAX_FOLDER_ENTRIES = 1_000_000

# How deep a targets file's mappings and lists may nest: the deepest in a real file is 4
# (targets → a target → valid_range → max). PyYAML builds nested nodes by recursion, so the
# depth is checked on the stream of parser events first, which is read without it.
MAX_YAML_DEPTH = 32

# The longest sentence `planctl extract` searches for targets, in characters: the 2017 plan's
# longest is 233. Searching takes time that grows with a sentence's length times its numbers,
# so a text of one endless line (no 。) would take hours; a longer sentence is skipped, with a
# warning.
MAX_SENTENCE_CHARS = 2_000
