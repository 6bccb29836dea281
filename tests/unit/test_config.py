"""The config file: settings a user writes, what a mistake in it gives, and the theme kept in it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.config import Config, config_path, load_config, save_theme
from newsreader.store import bundled_seeds


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_the_config_lives_in_xdg_config_home():
    assert config_path() == Path(os.environ["XDG_CONFIG_HOME"]) / "newsreader" / "config.toml"


def test_every_setting_is_read(tmp_path):
    write_config(
        '# mine\ntheme = "gruvbox"\nprint_format = "markdown"\nlibrary = ["~/news", "/srv/feeds"]\n'
        'browser = "lynx %s"\n\n[keys]\ncursor_down = "n"\ncursor_up = "e,up"\n'
    )
    config = load_config()
    assert config == Config(
        theme="gruvbox",
        print_format="markdown",
        library=(Path.home() / "news", Path("/srv/feeds")),
        browser="lynx %s",
        keys={"cursor_down": "n", "cursor_up": "e,up"},
    )


def test_the_library_is_opened_when_no_path_is_given(capsys, tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    (library / "mine.txt").write_text("My own headline\n\nMy own body.\n")
    write_config(f"library = [{str(library)!r}]\n")
    assert main(["list"]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("My own headline")
    assert main(["list", str(bundled_seeds())]) == 0
    assert "My own headline" not in capsys.readouterr().out


@pytest.mark.parametrize(
    "text, where",
    [
        ('theme = "dark"\nprint_format = "pdf"\n', "(line 2, print_format): must be one of text, markdown, json"),
        ('library = "~/news"\n', "(line 1, library): must be a list of folders"),
        ('theme = "dark"\n[keys]\ncursor_down = 3\n', "(line 3, keys.cursor_down): must be a key or keys"),
        ('theme = "dark\n', "(line 1): not valid TOML"),
    ],
)
def test_a_bad_config_is_named_in_one_line_and_the_defaults_apply(capsys, text, where):
    path = write_config(text)
    assert main(["list"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 5  # the seeds, as with no config
    assert err.startswith(f"newsreader: {path} {where}") and err.endswith("; using the defaults\n")
    assert err.count("\n") == 1


def test_unknown_settings_are_named_and_the_rest_applies(tmp_path):
    path = write_config('theme = "nord"\nthme = "dark"\n\n[colours]\nx = 1\n')
    warnings: list[str] = []
    assert load_config(warn=warnings.append).theme == "nord"
    assert warnings == [
        f"{path} (line 4, colours): unknown setting, ignored",
        f"{path} (line 2, thme): unknown setting, ignored",
    ]


def test_the_picked_theme_is_kept_in_the_config_with_the_rest_of_it():
    save_theme("nord")
    assert load_config().theme == "nord"
    path = write_config('# my settings\nprint_format = "json"\ntheme = "nord"\n\n[keys]\ntheme = "x"\n')
    save_theme("textual-light")
    assert path.read_text() == (
        '# my settings\nprint_format = "json"\ntheme = "textual-light"\n\n[keys]\ntheme = "x"\n'
    )
    path.write_text('[keys]\ncursor_down = "n"\n')
    save_theme("nord")
    assert load_config() == Config(theme="nord", keys={"cursor_down": "n"})
