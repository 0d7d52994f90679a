"""The targets file as JSON, exactly as validated: it conforms to `planctl schema targets`."""

from __future__ import annotations

import json

from planctl.render.options import RenderOptions
from planctl.targets.construct import plain
from planctl.targets.models import TargetSet


def list_json(targets: TargetSet, options: RenderOptions) -> str:
    return json.dumps(plain(targets.spec), ensure_ascii=False, indent=2) + "\n"
