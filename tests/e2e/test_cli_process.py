"""The command as its own process: export without Textual, a closed pipe, articles from stdin."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsreader.cli import main
from tests.conftest import WIRE_RSS


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_from_elsewhere_does_not_load_textual(tmp_path):
    script = "import sys; from newsreader.cli import main; main(['export']); assert 'textual' not in sys.modules"
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 5


def test_closed_pipe_is_not_an_error(tmp_path):
    result = subprocess.run(
        f"{sys.executable} -m newsreader export | head -c 10", shell=True, capture_output=True, text=True, cwd=tmp_path
    )
    assert result.stderr == "" and len(result.stdout) == 10


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
@pytest.mark.parametrize("command", [["list"], ["export"], ["list", "--json"], ["search", "iran"]])
def test_an_output_that_cannot_be_written_is_one_line_on_stderr(tmp_path, command):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "newsreader", *command], stdout=full, stderr=subprocess.PIPE, text=True, cwd=tmp_path
        )
    assert result.returncode == 2
    assert result.stderr == "newsreader: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("feed", [False, True])
def test_stdin(tmp_path, feed):
    data = WIRE_RSS if feed else json.dumps({"title": "From a pipe", "text": "Piped body."}) + "\n"
    result = subprocess.run(
        [sys.executable, "-m", "newsreader", "export", "-"], input=data, capture_output=True, text=True, cwd=tmp_path
    )
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and result.stderr == ""
    assert {r["source_path"] for r in records} == {"<stdin>"}
    assert {r["title"] for r in records} == ({"Storm & floods", "Quiet day"} if feed else {"From a pipe"})


def test_a_script_without_a_main_guard_is_not_run_again_by_the_analysis_workers(tmp_path):
    corpus = tmp_path / "wire.jsonl"
    line = {"title": "Talks", "text": "Gordon Brown met Tony Blair in London on Monday."}
    corpus.write_text((json.dumps(line) + "\n") * 40, encoding="utf-8")
    script = tmp_path / "script.py"
    script.write_text(
        "from newsreader.analysis.entity_table import analyse_corpus\n"
        "from newsreader.store import DocumentStore\n"
        "print('started', flush=True)\n"
        f"table = analyse_corpus(DocumentStore.load([{str(corpus)!r}]).articles, processes=2)\n"
        "print(len(table.ids), table.counts('person')[0][0])\n"
    )
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert (result.returncode, result.stdout) == (0, "started\n1 Gordon Brown\n"), result.stderr


def spawned_workers(pid: int) -> list[int]:
    """The worker processes of the process `pid`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid and b"spawn_main" in command:
            found.append(int(stat.parent.name))
    return found


def hears_ctrl_c() -> None:
    """In a child before it runs: ctrl+c as a terminal's command has it, even when these tests run in the
    background (where the shell started them with ctrl+c ignored, which children inherit)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


CTRL_C_WHILE_THE_WORKERS_START = """
import os, signal
from newsreader import processes
try:
    with processes.ctrl_c_ignored():  # the workers are being started: they must not hear it, this process must
        os.kill(os.getpid(), signal.SIGINT)
    print("lost")
except KeyboardInterrupt:
    print("heard")
"""


def test_ctrl_c_while_the_workers_start_is_heard_once_they_have():
    heard = subprocess.run(
        [sys.executable, "-c", CTRL_C_WHILE_THE_WORKERS_START], capture_output=True, text=True, preexec_fn=hears_ctrl_c
    )
    assert heard.stdout == "heard\n", heard.stderr


# In a fresh interpreter: a ctrl+c as the first pool's workers start (multiprocessing starts its resource
# tracker then, which lets ctrl+c through while it is ignored) is heard, and ends the pool.
CTRL_C_AS_THE_FIRST_POOL_STARTS = """
import multiprocessing, os, signal
from multiprocessing.context import SpawnProcess
from newsreader.processes import Workers
start = SpawnProcess.start
def starting(self):
    start(self)
    os.kill(os.getpid(), signal.SIGINT)
SpawnProcess.start = starting
try:
    Workers(2, niceness=0)
    print("lost")
except KeyboardInterrupt:
    print("heard", len(multiprocessing.active_children()))
"""


def test_ctrl_c_as_the_first_pool_starts_is_heard_and_ends_it():
    heard = subprocess.run(
        [sys.executable, "-c", CTRL_C_AS_THE_FIRST_POOL_STARTS], capture_output=True, text=True, preexec_fn=hears_ctrl_c
    )
    assert heard.stdout == "heard 0\n", heard.stderr


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the workers in /proc")
@pytest.mark.parametrize(
    "articles",
    [
        pytest.param(3000, id="the analysis"),  # 11 MB: read in this process, then analysed by workers
        pytest.param(6000, id="the loading in parts"),  # 23 MB: read by workers (`newsreader.ingest.parts`)
    ],
)
def test_ctrl_c_ends_the_command_and_its_workers_at_once(tmp_path, articles):
    corpus = tmp_path / "wire.jsonl"
    text = "Gordon Brown met Tony Blair and officials of the European Commission in Brussels on Monday. " * 40
    corpus.write_text(
        "".join(json.dumps({"title": f"Talks {n}", "text": f"{text} Report {n}."}) + "\n" for n in range(articles)),
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "newsreader", "export", "--no-cache", str(corpus)]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, preexec_fn=hears_ctrl_c
    )
    try:
        while len(workers := spawned_workers(process.pid)) < 2 and process.poll() is None:
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGINT)  # as ctrl+c in a terminal: to every process of the command
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130 and workers
    assert "Traceback" not in err.decode()  # nor a worker's KeyboardInterrupt
    alive = workers
    for _ in range(200):  # the workers were ended with the command, not left to finish the corpus
        if not (alive := [worker for worker in alive if Path(f"/proc/{worker}").exists()]):
            break
        time.sleep(0.05)
    assert not alive


@pytest.mark.slow
def test_the_reader_analyses_in_worker_processes(tmp_path):
    """In a fresh process, as the reader starts (Textual holds stderr then: multiprocessing's first
    pool once failed there for want of its file descriptor, and the entities never came)."""
    script = (
        "import asyncio\n"
        "from newsreader.analysis import pool\n"
        "from newsreader.store import DocumentStore\n"
        "from tui.app import NewsReader\n"
        "pool.SMALL = 0  # the seeds too go to the workers\n"
        "started, workers = [], pool._workers\n"
        "pool._workers = lambda *shape: started.append(shape) or workers(*shape)\n"
        "async def main():\n"
        "    store = DocumentStore.load()\n"
        "    async with NewsReader(store).run_test() as pilot:\n"
        "        for _ in range(600):\n"
        "            if store.analysed:\n"
        "                break\n"
        "            await pilot.pause(0.1)\n"
        "        print(store.analysed, bool(started), pool._pool is None, len(store.entity_counts()) > 0)\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.stdout.split() == ["True", "True", "True", "True"], result.stderr  # and the workers ended
