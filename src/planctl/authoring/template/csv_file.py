"""A template as CSV for Excel: UTF-8 with a BOM, so Excel on Chinese Windows shows the Chinese,
Windows line ends, and the comment as a first row that `planctl check` skips."""

from __future__ import annotations

import codecs
import csv
import io

from planctl.authoring.template.rows import Template, heading


def write_csv(template: Template) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([f"# {template.comment}"])
    writer.writerow([heading(column) for column in template.columns])
    writer.writerows(template.rows)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
