"""A template as an Excel workbook: the form counties fill in, the comment as a merged title
above the header (which `planctl check` skips), the Chinese readable in any Excel."""

from __future__ import annotations

import io

from planctl.authoring.template.rows import Template, heading
from planctl.files.xlsx import write_xlsx
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg


def write_xlsx_template(template: Template) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(
        buffer,
        [heading(column) for column in template.columns],
        template.rows,
        sheet=text(Msg.TEMPLATE_SHEET),
        title=template.comment,
    )
    return buffer.getvalue()
