"""The YAML reader of planctl's YAML files, with the 1-based line of every key and item.

pydantic reports where a value is as a path of keys and list indexes (a `Location`); this
module parses with PyYAML's safe loader, remembers the line of each such path, and refuses
what only hides mistakes in a hand-written file (a key twice, anchors and aliases) and what
would exhaust the parser (nesting deeper than MAX_YAML_DEPTH, integers too long to read).
Used for the targets file and for a county-targets file (`--county-targets`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planctl.domain.problems import Problem, TargetsError
from planctl.files.limits import MAX_YAML_DEPTH
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg

if TYPE_CHECKING:
    import yaml

# A path into the parsed YAML document, as pydantic reports locations: keys and list indexes.
Location = tuple[str | int, ...]


def parse_yaml(source: str, display: str) -> tuple[Any, dict[Location, int]]:
    """The document and the 1-based line of every key and list item in it."""
    import yaml  # only when a file is validated: a cached one is not parsed

    # libyaml where PyYAML was built with it (its wheels are): the same YAML, ten times as
    # fast, which bounds the time a large file takes to seconds.
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    _check_depth(source, display, loader_class)
    loader = loader_class(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines = _node_lines(node, display)
        return loader.construct_document(node), lines
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        tag = (exc.problem or "").rsplit(" ", 1)[-1]
        raise TargetsError(
            [Problem(Msg.TARGETS_YAML_TAG, display, line, fields={"tag": tag})]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "syntax error"
        raise TargetsError(
            [Problem(Msg.TARGETS_YAML_SYNTAX, display, line, fields={"problem": problem})]
        ) from None
    except yaml.YAMLError as exc:
        raise TargetsError(
            [Problem(Msg.TARGETS_YAML_SYNTAX, display, fields={"problem": str(exc)})]
        ) from None
    finally:
        loader.dispose()


def _check_depth(source: str, display: str, loader_class: Any) -> None:
    """Refuse mappings and lists nested deeper than MAX_YAML_DEPTH, from the parser's events,
    which are read without recursion: building the nodes recurses once a level, so a file
    of 10,000 brackets would exhaust Python's stack. Syntax errors are left to the parse."""
    import yaml

    def too_deep(line: int | None) -> TargetsError:
        fields: dict[str, object] = {"limit": MAX_YAML_DEPTH}
        return TargetsError([Problem(Msg.TARGETS_TOO_DEEP, display, line, fields=fields)])

    depth = 0
    loader = loader_class(source)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    mark = event.start_mark
                    raise too_deep(mark.line + 1 if mark is not None else None)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml stops at 1,000 levels before the events reach this one: the same refusal.
        if "nesting depth" in str(exc.problem) and exc.problem_mark is not None:
            raise too_deep(exc.problem_mark.line + 1) from None
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


_INT_TAG = "tag:yaml.org,2002:int"
# Python reads integers of up to 4,300 digits from text; a sign and underscores may be written.
_MAX_INT_CHARS = 4_000


def _node_lines(root: yaml.Node, display: str) -> dict[Location, int]:
    """Walk the node tree; refuse duplicate keys and aliases, which only hide mistakes here."""
    import yaml

    lines: dict[Location, int] = {}
    problems: list[Problem] = []
    seen: set[int] = set()
    # An anchored node reached again through each of its aliases is refused once, not once
    # a use: every refusal names the same line, the anchor's.
    aliased: set[int] = set()

    def refuse(node: yaml.Node, code: Msg, **fields: object) -> None:
        problems.append(Problem(code, display, node.start_mark.line + 1, fields=fields))

    def walk(node: yaml.Node, location: Location) -> None:
        if id(node) in seen:
            if id(node) not in aliased:
                aliased.add(id(node))
                aliases = "anchors and aliases (&name, *name) are not supported"
                refuse(node, Msg.TARGETS_YAML_SYNTAX, problem=aliases)
            return
        seen.add(id(node))
        lines.setdefault(location, node.start_mark.line + 1)
        if (
            isinstance(node, yaml.ScalarNode)
            and node.tag == _INT_TAG
            and len(node.value) > _MAX_INT_CHARS
        ):
            # Python refuses to read an integer this long (a ValueError, not a YAML error).
            refuse(node, Msg.TARGETS_NUMBER_TOO_LONG, digits=f"{len(node.value):,}")
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if (*location, key) in lines:
                    twice = text(Msg.TARGETS_KEY_TWICE, key=key)
                    refuse(key_node, Msg.TARGETS_YAML_SYNTAX, problem=twice)
                lines[(*location, key)] = key_node.start_mark.line + 1
                walk(value_node, (*location, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*location, index))

    walk(root, ())
    if problems:
        raise TargetsError(problems)
    return lines


def line_at(location: Location, lines: dict[Location, int]) -> int | None:
    """The line of the deepest part of `location` that the file has."""
    for end in range(len(location), -1, -1):
        line = lines.get(location[:end])
        if line is not None:
            return line
    return None


def field_name(location: Location) -> str:
    """A field's name as people read it: `threshold`, not `targets.3.threshold`."""
    parts = list(location)
    if (
        len(parts) >= 2
        and parts[0] in ("targets", "counties", "units")
        and isinstance(parts[1], int)
    ):
        parts = parts[2:] or parts
    return ".".join(str(part) for part in parts)
