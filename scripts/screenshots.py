"""Regenerate screenshots/: each main view of the real app on the bundled seeds, as SVG.

Run: python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from newsreader.store import DocumentStore
from tui.app import NewsReader

OUT = Path(__file__).resolve().parent.parent / "screenshots"

# name: (terminal size, keys pressed (None: wait for the workers, as a person waits to see), theme)
VIEWS: dict[str, tuple[tuple[int, int], list[str | None], str]] = {
    "list-and-reader": ((130, 36), ["j", "j", "space", "enter"], "textual-dark"),
    "narrow": ((60, 24), ["j", "enter"], "textual-dark"),
    "light-theme": ((130, 36), ["G", "enter", "space"], "textual-light"),
    "help": ((110, 44), ["question_mark"], "textual-dark"),
    "entities": ((130, 36), ["e", "i", "r"], "textual-dark"),
    "entity-filter": ((130, 36), ["e", *"soleimani", "enter", "enter"], "textual-dark"),
    "timeline": ((130, 36), ["t", None, *"jjjjjjjjjjj"], "textual-dark"),
    "search": ((130, 36), ["slash", *"soleimany"], "textual-dark"),
}


async def capture(name: str, size: tuple[int, int], keys: list[str | None], theme: str) -> None:
    app = NewsReader(DocumentStore.load())
    app.theme = theme
    async with app.run_test(size=size) as pilot:
        while not app.store.indexed:  # the analysis starts after the first frame
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        for key in keys:
            if key is None:
                await app.workers.wait_for_complete()
                await pilot.pause()
            else:
                await pilot.press(key)
        await pilot.pause(0.3)  # past the search's debounce
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, (size, keys, theme) in VIEWS.items():
        await capture(name, size, keys, theme)
        print(OUT / f"{name}.svg")


if __name__ == "__main__":
    asyncio.run(main())
