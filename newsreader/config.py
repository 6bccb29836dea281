"""The user's settings: `config.toml` in the user's config folder (`$XDG_CONFIG_HOME/newsreader`).

A file that is not valid TOML, or holds a value of the wrong kind, is named in one line (file, line
and key) and every setting keeps its default; an unknown key is named and the rest still applies.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.persist.paths import config_home
from newsreader.render import FORMATS

FILE_NAME = "config.toml"


@dataclass(frozen=True)
class Config:
    """Settings, each with its default: what newsreader does with no config file."""

    theme: str | None = None  # a Textual theme's name; None: Textual's default
    print_format: str = "text"  # how `p` prints when --print-format is not given
    library: tuple[Path, ...] = ()  # what to open when no path is given; empty: the bundled seeds
    browser: str | None = None  # the command `o` opens links with; None: $BROWSER, else Python's webbrowser
    keys: Mapping[str, str] = field(default_factory=dict)  # a binding id of the reader -> its keys ("j,down")


class ConfigError(ValueError):
    """A setting the file gives that newsreader cannot use, with where it is."""

    def __init__(self, path: Path, line: int | None, key: str | None, reason: str) -> None:
        where = ", ".join(part for part in (f"line {line}" if line else "", key or "") if part)
        super().__init__(f"{path}{f' ({where})' if where else ''}: {reason}")


def config_path() -> Path:
    """Where the config file is looked for."""
    return config_home() / FILE_NAME


def load_config(path: Path | None = None, warn: Callable[[str], None] = lambda message: None) -> Config:
    """The settings in `path` (default: `config_path()`); the defaults when it is absent or bad."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as error:
        warn(f"{ConfigError(path, None, None, f'cannot be read ({error}); using the defaults')}")
        return Config()
    try:
        return parse_config(text, path, warn)
    except ConfigError as error:
        warn(f"{error}; using the defaults")
        return Config()


def parse_config(text: str, path: Path, warn: Callable[[str], None]) -> Config:
    """The settings in a config file's text; raises ConfigError for a value newsreader cannot use."""
    import tomllib  # only when there is a file: most commands run without one, and it is slow to import

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"at line (\d+)", str(error))
        raise ConfigError(path, int(line[1]) if line else None, None, f"not valid TOML ({error})") from None

    def fail(table: str, key: str, reason: str) -> ConfigError:
        return ConfigError(path, _line_of(text, table, key), f"{table}.{key}" if table else key, reason)

    for key in sorted(set(data) - SETTINGS.keys()):
        warn(f"{ConfigError(path, _line_of(text, '', key), key, 'unknown setting, ignored')}")
    settings = {}
    for key, check in SETTINGS.items():
        if key in data:
            reason = check(data[key])
            if reason:
                raise fail("", key, reason)
            settings[key] = data[key]
    keys = settings.get("keys", {})
    for binding, value in keys.items():
        if not isinstance(value, str) or not value.strip():
            raise fail("keys", binding, 'must be a key or keys, such as "j" or "j,down"')
    return Config(
        theme=settings.get("theme"),
        print_format=settings.get("print_format", Config.print_format),
        library=tuple(Path(folder).expanduser() for folder in settings.get("library", ())),
        browser=settings.get("browser"),
        keys=dict(keys),
    )


def _text(value: object) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be a non-empty string"


def _print_format(value: object) -> str | None:
    return None if value in FORMATS else f"must be one of {', '.join(FORMATS)}"


def _library(value: object) -> str | None:
    if isinstance(value, list) and value and all(isinstance(folder, str) and folder for folder in value):
        return None
    return 'must be a list of folders, such as ["~/news"]'


def _table(value: object) -> str | None:
    return None if isinstance(value, dict) else "must be a table, such as [keys]"


SETTINGS: dict[str, Callable[[object], str | None]] = {
    "theme": _text,
    "print_format": _print_format,
    "library": _library,
    "browser": _text,
    "keys": _table,
}


def _line_of(text: str, table: str, key: str) -> int | None:
    """The line of the file where `key` is set in `table` ("" for the top level), for messages."""
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header[1]
            if not table and current == key:
                return number
        elif current == table and re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return number
    return None


def save_theme(name: str, path: Path | None = None, warn: Callable[[str], None] = lambda message: None) -> None:
    """Keep the theme picked in the reader in the config file: its `theme` line is replaced, or one is
    put first; the rest of the file, comments too, stays as it was."""
    path = path or config_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except FileNotFoundError:
        lines = []
    except (OSError, UnicodeDecodeError) as error:
        warn(f"{ConfigError(path, None, 'theme', f'cannot be read to keep the theme ({error})')}")
        return
    setting = f"theme = {json.dumps(name)}\n"  # a JSON string is a TOML basic string
    top_level = next((i for i, line in enumerate(lines) if re.match(r"\s*\[", line)), len(lines))
    at = next((i for i in range(top_level) if re.match(r"\s*theme\s*=", lines[i])), None)
    if at is None:
        lines.insert(0, setting)
    else:
        lines[at] = setting
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        written = path.with_name(f".{FILE_NAME}.new")
        written.write_text("".join(lines), encoding="utf-8")
        written.replace(path)  # at once: never a half-written config
    except OSError as error:
        warn(f"{ConfigError(path, None, 'theme', f'cannot be written to keep the theme ({error.strerror or error})')}")
