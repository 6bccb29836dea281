"""Big patterns whose compiled code ships beside this module, for CPython's regular expression engine.

`re` parses a pattern and writes its code in Python; only the last step, which makes the pattern from
the code, is C. The date expressions' one pattern (22,000 characters) took every process that analyses
270 M instructions to compile, an eighth of a one-article export. Its code is written beforehand by
scripts/compiled_patterns.py with what it was made for: this very pattern (whole, not a hash: a worker
imports no hashlib) and this Python's engine. A pattern is made from the code only for those, else
compiled as ever; a test fails when a pattern has changed and its code was not written again.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import json
import re
import sys
from array import array
from importlib import resources
from re import _compiler, _parser  # type: ignore[attr-defined]

CODE_WORD = "I"  # the array type of the code's words, as many bytes as the engine's (its CODESIZE)


def compiled(name: str, pattern: str) -> re.Pattern[str]:
    """The pattern, made from the code shipped as `name`.sre when that is this pattern's for this engine."""
    shipped = resources.files(__package__).joinpath(f"{name}.sre")
    if not shipped.is_file():
        return re.compile(pattern)
    header, code = shipped.read_bytes().split(b"\n", 1)
    made = json.loads(header)
    if made["made for"] != made_for(pattern):
        return re.compile(pattern)
    index_group = [None] * made["groups"]
    for group, index in made["group index"].items():
        index_group[index] = group
    pattern_made: re.Pattern[str] = _sre.compile(
        pattern,
        made["flags"],
        array(CODE_WORD, code).tolist(),
        made["groups"] - 1,
        made["group index"],
        tuple(index_group),
    )
    return pattern_made


def code_file(pattern: str) -> bytes:
    """What `compiled` reads of a pattern: a line saying what its code was made for, then the code."""
    parsed = _parser.parse(pattern, 0)
    code = _compiler._code(parsed, 0)
    state = parsed.state
    made = {"made for": made_for(pattern), "flags": state.flags, "groups": state.groups, "group index": state.groupdict}
    return json.dumps(made).encode() + b"\n" + array(CODE_WORD, code).tobytes()


def made_for(pattern: str) -> str:
    """The pattern and the engine its code is for: the Python, the code's version and its words."""
    words = f"{_sre.CODESIZE} {array(CODE_WORD).itemsize} {sys.byteorder}"
    return f"{sys.implementation.cache_tag} sre {_sre.MAGIC} {words} {pattern}"
