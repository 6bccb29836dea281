"""The scriptable commands: data on stdout, one-line messages on stderr, fzf-like exit codes."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from newsreader import __version__
from newsreader.cli import COMMANDS, Command, _with_command, build_parser, main
from newsreader.render import article_record
from newsreader.store import DocumentStore
from tests.conftest import seed_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_jsonl_gives_every_field(capsys):
    code, out, err = run(capsys, "export", "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == "" and len(records) == 5
    for field in (
        "id",
        "source_path",
        "title",
        "source",
        "url",
        "authors",
        "date",
        "date_inferred",
        "dateline",
        "body",
        "word_count",
        "entities",
    ):
        assert all(field in r for r in records), field
    assert records[0]["date"] == "2020-02-17" and records[0]["source"] == "Pakistan Point News / Sputnik"


def test_export_lines_are_the_records_as_json_writes_them(tmp_path, capsys):
    # Export makes its lines from strings, each name's part once: they must be json.dumps's, byte for byte.
    body = (
        'MOSCOW (Reuters) - Sergey Lavrov said "no" to Mr Blair in Zürich on Jan. 14, 2020, and the '
        "Bank of England's view (C:\\files\\n) met Angela Merkel’s «Nein» — 14 January 2020."
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps({"title": 'Lavrov and "Merkel" in Zürich', "body": body}))
    _, out, _ = run(capsys, "export", "--no-cache", str(folder))
    store = DocumentStore.load([folder])
    records = [article_record(a, store.entity_records(a)) for a in store.articles]
    assert {e["part"] for e in records[0]["entities"]} == {"title", "dateline", "body"}
    assert any(e["value"] for e in records[0]["entities"]) and '\\"' in out and "Zürich" in out
    assert out == "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def test_export_json_array(capsys):
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 5


def test_list_lines_and_json(capsys):
    code, out, _ = run(capsys, "list")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 5
    assert "2020-02-17" in lines[0] and "undated" in lines[-1]
    code, out, _ = run(capsys, "list", "--json")
    assert "body" not in json.loads(out)[0]


def test_show_by_prefix_in_each_format(capsys):
    _, out, _ = run(capsys, "list", "--json")
    first = json.loads(out)[0]
    code, text, _ = run(capsys, "show", first["id"][:4])
    assert code == 0
    title, meta, blank, lead = text.split("\n")[:4]
    assert title == first["title"] and "Pakistan Point News / Sputnik · 17 Feb 2020 · Moscow" in meta
    assert blank == "" and lead.startswith("Moscow believes")
    _, md, _ = run(capsys, "show", first["id"], "--format", "markdown")
    assert md.startswith(f"# {first['title']}\n")
    _, js, _ = run(capsys, "show", first["id"], "--format", "json")
    assert json.loads(js)["id"] == first["id"]


def test_markdown_marks_subheadings(capsys):
    _, out, _ = run(capsys, "list", "--json")
    irna = next(a for a in json.loads(out) if a["source"] == "IRNA")
    _, md, _ = run(capsys, "show", irna["id"], "--format", "markdown")
    assert "\n## No alternative to JCPOA\n" in md


def test_unknown_and_ambiguous_ids(capsys, tmp_path):
    code, out, err = run(capsys, "show", "zzzz")
    assert code == 1 and out == "" and "no article has an id starting with 'zzzz'" in err
    for number in range(20):  # 20 ids of 16 possible first digits: two share one
        (tmp_path / f"{number}.json").write_text(json.dumps({"title": f"Story {number}", "text": "x"}))
    _, out, _ = run(capsys, "list", "--json", str(tmp_path))
    ids = sorted(article["id"] for article in json.loads(out))
    shared = next(a[0] for a, b in itertools.pairwise(ids) if a[0] == b[0])
    starting = [i for i in ids if i.startswith(shared)]
    code, out, err = run(capsys, "show", shared, str(tmp_path))
    assert code == 1 and f"'{shared}' is the start of {len(starting)} ids: " in err
    assert all(i in err for i in starting)
    code, out, _ = run(capsys, "show", starting[1], str(tmp_path))
    assert code == 0 and out.startswith("Story ")


def test_missing_path_is_a_clear_error(capsys, tmp_path):
    code, out, err = run(capsys, "list", str(tmp_path / "nope"))
    assert code == 2 and out == ""
    assert err.strip() == f"newsreader: no such file or directory: {tmp_path / 'nope'}"


def test_bad_files_named_on_stderr_good_ones_listed(capsys, tmp_path):
    (tmp_path / "good.txt").write_text("Headline\n\nBody.\n")
    (tmp_path / "empty.txt").write_text("")
    code, out, err = run(capsys, "list", str(tmp_path))
    assert code == 0 and "Headline" in out
    assert err.strip() == f"newsreader: skipped {tmp_path / 'empty.txt'}: empty file"


def command_lines(commands: tuple[Command, ...]) -> list[list[str]]:
    """Every command and subcommand as the words that name it: ["list"], ["marks", "export"], ..."""
    return [words for c in commands for words in ([[c.name]] + [[c.name, *w] for w in command_lines(c.subcommands)])]


@pytest.mark.parametrize("command", [[], *command_lines(COMMANDS)], ids=" ".join)
def test_every_command_tells_its_version(capsys, command):
    with pytest.raises(SystemExit) as leaving:
        main([*command, "--version"])
    assert leaving.value.code == 0 and capsys.readouterr().out == f"newsreader {__version__}\n"


# Each command that runs: positionals it takes, and options, each with its value.
COMMAND_LINES = {
    "read": (["a", "b"], ["--no-cache", "-q", "iran", "--print-format", "json"]),
    "list": (["a", "b"], ["--json", "--unread", "--problems", "p"]),
    "show": (["ID", "a", "b"], ["--format", "json", "--no-cache"]),
    "search": (["iran", "a", "b"], ["--json", "--limit", "3"]),
    "export": (["a", "b"], ["--format", "json", "--no-cache"]),
    "entities": (["a", "b"], ["--type", "person", "--json"]),
    "timeline": (["a", "b"], ["--json", "--no-cache"]),
    "add": (["http://127.0.0.1/f"], ["--name", "F", "--full-text"]),
    "feeds": ([], ["--json"]),
    "remove": (["http://127.0.0.1/f"], []),
    "fetch": (["u1", "u2"], ["--force"]),
    "opml import": (["f.opml"], []),
    "opml export": ([], []),
    "marks export": (["a", "b"], ["--no-cache"]),
    "marks import": (["m.json", "a", "b"], ["--no-cache", "--problems", "p"]),
    "completion": (["bash"], []),
}


def test_every_command_has_a_command_line_for_the_option_order_test():
    lines = [" ".join(words) for words in command_lines(COMMANDS)]
    assert sorted(COMMAND_LINES) == sorted(set(lines) - {line.rsplit(" ", 1)[0] for line in lines if " " in line})


@pytest.mark.parametrize("command", sorted(COMMAND_LINES))
def test_options_go_anywhere_among_a_commands_positionals(command):
    # `search QUERY --json PATH` said "unrecognized arguments: PATH": an option after the first positional
    # ended the paths before they began.
    positionals, options = COMMAND_LINES[command]
    words, parser = command.split(), build_parser()
    first = vars(parser.parse_args([*words, *options, *positionals]))
    for cut in range(1, len(positionals) + 1):
        assert vars(parser.parse_args([*words, *positionals[:cut], *options, *positionals[cut:]])) == first
    if command == "read":  # the reader's command left out: `newsreader a --no-cache b`
        assert vars(parser.parse_args(_with_command(["a", *options, "b"]))) == first


def test_search_with_options_between_query_and_paths_and_a_query_after_dashes(capsys):
    code, out, _ = run(capsys, "search", "lavrov", "--json", str(seed_path("000")), "--limit", "1")
    assert code == 0 and len(json.loads(out)) == 1
    code, out, _ = run(capsys, "search", "--limit", "1", "--", "-lavrov", str(seed_path("000")))
    assert code == 0 and "Lavrov" in out


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as leaving:
        main(["show"])
    assert leaving.value.code == 2 and "the following arguments are required: ID" in capsys.readouterr().err


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_know_every_command_and_option(capsys, shell):
    code, out, _ = run(capsys, "completion", shell)
    assert code == 0
    for command in COMMANDS:
        assert command.name in out
    assert "print-format" in out and "unread" in out


def test_problems_file_keeps_every_skipped_file_and_line(capsys, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Headline\n\nBody.\n")
    for number in range(9):
        (corpus / f"bad{number}.json").write_text("{not json")
    (corpus / "mixed.jsonl").write_text('{"title": "Fine", "text": "Yes."}\n{broken\n[1]\n')
    kept = tmp_path / "problems.txt"
    code, out, err = run(capsys, "list", "--problems", str(kept), str(corpus))
    assert code == 0 and "Headline" in out and "Fine" in out
    lines = kept.read_text().splitlines()
    assert len(lines) == 11 and len(err.splitlines()) == 10  # stderr sums a file's bad lines up in one
    assert sorted(Path(line.split(": ")[0]).name for line in lines) == [
        *(f"bad{n}.json" for n in range(9)),
        "mixed.jsonl",
        "mixed.jsonl",
    ]
    assert f"{corpus / 'mixed.jsonl'}: line 2: invalid JSON" in lines
    assert f"{corpus / 'mixed.jsonl'}: line 3: not an object but list" in lines


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
def test_a_problems_file_that_cannot_be_written_to_is_said_once_and_the_load_goes_on(capsys, tmp_path):
    (tmp_path / "good.txt").write_text("Headline\n\nBody.\n")
    for number in range(3):
        (tmp_path / f"bad{number}.json").write_text("{not json")
    code, out, err = run(capsys, "list", "--problems", "/dev/full", str(tmp_path))
    assert code == 0 and "Headline" in out and "Traceback" not in err
    assert err.count("cannot write the problems to /dev/full") == 1 and err.count("invalid JSON") == 3


def test_list_columns_line_up_with_wide_characters(capsys, tmp_path):
    records = [
        {"title": "Wide", "text": "x", "source": "新华社国际新闻中心新华社国际新闻中心", "date": "2021-01-02"},
        {"title": "Narrow", "text": "y", "source": "Reuters", "date": "2021-01-01"},
    ]
    (tmp_path / "a.json").write_text(json.dumps(records, ensure_ascii=False))
    _, out, _ = run(capsys, "list", str(tmp_path))
    wide, narrow = out.splitlines()
    assert cell_len(wide[: wide.index("Wide")]) == cell_len(narrow[: narrow.index("Narrow")])


def test_fzf_options_decide_before_the_reader_opens(capsys):
    code, out, _ = run(capsys, "--filter", "azerbaijan")  # fzf's --filter: search's lines, no reader
    assert code == 0 and out.splitlines() == [
        "ca0af7b917  undated     Russia hopes that friction between Iran and Azerbaijan is temporary and will be "
        "settled soon"
    ]
    code, out, _ = run(capsys, "-f", "zzzzqqq", "--multi")
    assert (code, out) == (1, "")
    code, out, _ = run(capsys, "--query", "azerbaijan", "--select-1", "--print-format", "markdown")
    assert code == 0 and out.startswith("# Russia hopes that friction between Iran and Azerbaijan")
    code, out, _ = run(capsys, "-q", "zzzzqqq", "-0")
    assert (code, out) == (1, "")
