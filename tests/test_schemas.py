"""JSON Schemas: generated from the models, committed beside them, and true to the files."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from planctl.render.listing import ListFormat, lister_for
from planctl.render.options import RenderOptions
from planctl.schemas import SchemaName, committed_path, schema_of, schema_text
from planctl.targets.models import TargetSet
from tests.conftest import ROOT, TARGETS_2017, check_golden


def validator(name: SchemaName) -> jsonschema.Draft202012Validator:
    schema = schema_of(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def as_json(data: Any) -> Any:
    """YAML as an editor's language server sees it: dates are strings."""
    return json.loads(
        json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, datetime.date) else v)
    )


@pytest.mark.parametrize("name", list(SchemaName))
def test_the_committed_copy_is_what_the_models_generate(name: SchemaName) -> None:
    """PLANCTL_UPDATE_GOLDEN=1 rewrites schemas/ after an intended change to a model."""
    check_golden(schema_text(name), ROOT / "schemas" / f"{name.value}.schema.json")
    assert committed_path(name) == ROOT / "schemas" / f"{name.value}.schema.json"


def test_the_2017_file_points_editors_at_the_committed_schema() -> None:
    first = TARGETS_2017.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    assert (TARGETS_2017.parent / match.group(1)).resolve() == committed_path(SchemaName.TARGETS)


def test_the_2017_file_conforms_as_a_yaml_1_1_loader_reads_it() -> None:
    """PyYAML (like ruamel.yaml and ajv's js-yaml) reads a bare 2017-05-02 as a date, which
    the schema's string refuses: the shipped file quotes it."""
    data = yaml.safe_load(TARGETS_2017.read_text(encoding="utf-8"))
    assert isinstance(data["plan"]["issued"], str)
    assert list(validator(SchemaName.TARGETS).iter_errors(data)) == []


def _ajv() -> str | None:
    """ajv-cli as .ci/run installs it (under .ci/node), or on the PATH."""
    local = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "ajv"
    if local.is_file() and shutil.which("node"):
        return str(local)
    return shutil.which("ajv")


def test_the_2017_file_conforms_under_ajv(tmp_path: Path) -> None:
    ajv = _ajv()
    if ajv is None:
        pytest.skip("ajv-cli is not installed (.ci/run installs it with npm under .ci/node)")
    schema = committed_path(SchemaName.TARGETS)

    options = ["--spec=draft2020", "--strict=false", "-c", "ajv-formats"]

    def run(data: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [ajv, "validate", *options, "-s", str(schema), "-d", str(data)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT / ".ci" / "node" if (ROOT / ".ci" / "node").is_dir() else None,
            check=False,
        )

    done = run(TARGETS_2017)
    assert done.returncode == 0, done.stdout + done.stderr
    # It can fail: the same file with the date bare, as it was, is refused.
    bare = tmp_path / "2017.yaml"
    written = TARGETS_2017.read_text(encoding="utf-8")
    bare.write_text(written.replace('issued: "2017-05-02"', "issued: 2017-05-02"), "utf-8")
    refused = run(bare)
    assert refused.returncode != 0
    assert "issued" in refused.stdout + refused.stderr


def test_the_2017_file_conforms() -> None:
    data = as_json(yaml.safe_load(TARGETS_2017.read_text(encoding="utf-8")))
    assert list(validator(SchemaName.TARGETS).iter_errors(data)) == []


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["targets"][0].update(threshhold=87), ["targets", 0]),
        (lambda d: d["targets"][0].update(comparator="=>"), ["targets", 0, "comparator"]),
        (lambda d: d["targets"][0].update(id="Bad Id"), ["targets", 0, "id"]),
        (lambda d: d["plan"].update(issued="2 May 2017"), ["plan", "issued"]),
    ],
)
def test_mistakes_an_editor_flags(change: Any, path: list[object]) -> None:
    data = as_json(yaml.safe_load(TARGETS_2017.read_text(encoding="utf-8")))
    change(data)
    errors = list(validator(SchemaName.TARGETS).iter_errors(data))
    assert [list(error.absolute_path) for error in errors] == [path]


def test_the_json_listing_conforms(targets: TargetSet) -> None:
    listed = json.loads(lister_for(ListFormat.JSON)(targets, RenderOptions()))
    assert list(validator(SchemaName.TARGETS).iter_errors(listed)) == []


def test_every_schema_name_has_a_schema() -> None:
    for name in SchemaName:
        assert schema_of(name)["$schema"].startswith("https://json-schema.org/")
