"""A timed walkthrough of the cancer form page by keyboard only: how many keys and server round trips a
typical breast-cancer form takes, and how long the walk lasts — for this tree and for another (the page
before issue 12), side by side in one run.

    .venv/bin/python -m benchmarks.keyboard_walkthrough [--before /tmp/page12-before] [--runs 3]

Each tree's app (``python -m engine.cli serve --demo``, plain Python) is started from that tree in a
subprocess; Debian's Chromium (Playwright, locale da-DK, 1280×900) walks the form as a keyboard user
does: from the top, »Spring til skemaets felter« where the page has it (Tab to it, Enter), then Tab until
the next field has focus (every Tab counted), type the value, Enter or Space where a
code or a box is chosen, arrow keys in radio groups and selects, then on to »Valider« and the verdict
"Valideret uden fejl". Keys are counted as pressed (a typed character is one key); round trips are the
page's requests to ``/api/…`` (judgements, code and register look-ups). This is a benchmark, not a test:
it asserts only that the form ends valid, so that both trees are measured doing the same work.

To make the "before" tree: ``git archive d66b8ff | tar -x -C /tmp/page12-before``.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"

# The form, as a hospital secretary types it (a valid breast-cancer report; `indberet validate` agrees).
CPR = "120355-1009"
SOR = "276231000016004"


@dataclass
class Walk:
    keys: int = 0
    tabs: int = 0
    round_trips: int = 0
    seconds: float = 0.0


@contextmanager
def serving(tree: Path) -> Iterator[str]:
    """The app of ``tree`` with the demo registers, on a free port, until the block ends."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(tree), "INDBERET_PURE_PYTHON": "1"}
    with tempfile.TemporaryDirectory() as data:
        command = [
            sys.executable,
            "-m",
            "engine.cli",
            "serve",
            "--demo",
            "--port",
            str(port),
            "--data-dir",
            data,
        ]
        server = subprocess.Popen(
            command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    urllib.request.urlopen(f"{url}/api/ping", timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.05)
            yield url
        finally:
            server.terminate()
            server.wait(10)


class Keyboard:
    """Keys pressed on ``page``, counted; waits for the page's requests after each settled step."""

    def __init__(self, page: Page, walk: Walk) -> None:
        self.page = page
        self.walk = walk

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.walk.keys += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.walk.keys += len(text)

    def idle(self) -> None:
        self.page.wait_for_function("() => !document.body.dataset.busy")

    def tab_to(self, control_id: str) -> None:
        for count in range(200):
            self.press("Tab")
            self.walk.tabs += 1
            self.idle()  # a person is slower than a judgement: a field the last value opens is open
            if self.page.evaluate("() => document.activeElement.id") == control_id:
                if os.environ.get("WALK_DEBUG"):
                    print(control_id, count + 1, file=sys.stderr)
                return
        raise AssertionError(f"Tab never reached #{control_id}")

    def field(self, control_id: str, text: str, leave: str = "Tab") -> None:
        """Tab to a text field, type, and settle it (Tab on; Enter for a code), then wait for the page."""
        self.tab_to(control_id)
        self.type(text)
        if leave == "Enter":
            self.press("Enter")
        self.idle()

    def arrows(self, control_id: str, value: str) -> None:
        """A select: ArrowDown to the option (as many as its place among the options takes)."""
        self.tab_to(control_id)
        index = self.page.evaluate(
            "([id, value]) => [...document.getElementById(id).options].findIndex((o) => o.value === value)",
            [control_id, value],
        )
        for _ in range(index):
            self.press("ArrowDown")
        self.idle()

    def box(self, control_id: str) -> None:
        self.tab_to(control_id)
        self.press("Space")
        self.idle()


def walk(url: str, browser: Browser) -> Walk:
    result = Walk()
    context = browser.new_context(base_url=url, locale="da-DK", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    login = context.request.post("/login", form={"username": "laege", "password": "demo"}, max_redirects=0)
    assert login.status in (303, 404, 405), login.status  # 404/405: a tree from before the accounts
    page = context.new_page()
    page.on(
        "request",
        lambda request: setattr(result, "round_trips", result.round_trips + ("/api/" in request.url)),
    )
    page.goto("/skema/ny")
    page.wait_for_load_state("networkidle")
    result.round_trips = 0
    k = Keyboard(page, result)
    started = time.perf_counter()
    if page.locator("#skip-to-fields").count():  # as a keyboard user of the page does: past the header
        k.tab_to("skip-to-fields")
        k.press("Enter")
    k.field("f-cpr", CPR)
    k.press("Tab")  # »Opslag«, right after the field
    result.tabs += 1
    k.press("Enter")
    expect(page.locator("#f-cpr-lookup")).to_contain_text("Jens Erik Fiktivsen")
    k.idle()
    k.field("f-sor_kode", SOR)
    k.field("f-dato_foerste_kontakt", "04-03-2024")
    k.field("f-diagnose", "dc509", leave="Enter")
    k.tab_to("f-lateralitet-TUL1")
    k.press("ArrowDown")  # TUL1 → TUL2 (venstresidig), checked as the arrow moves
    k.idle()
    k.arrows("f-t_stadie", "AZCD13")
    k.arrows("f-n_stadie", "AZCD30")
    k.arrows("f-m_stadie", "AZCD40")
    k.box("f-makroskopisk_grundlag-AZCK0")
    k.box("f-mikroskopisk_grundlag-AZCL0")
    k.field("f-histologi", "M81403", leave="Enter")
    k.field("f-operationsdato", "10-03-2024")
    k.field("f-operationskode", "KHAB40", leave="Enter")
    k.box("f-behandlinger-BWHA")
    k.field("f-behandlinger-BWHA-startdato", "01-04-2024")
    k.tab_to("validate-button")
    k.press("Enter")
    k.idle()
    expect(page.locator("#validation-ok")).to_have_text("Valideret uden fejl")
    result.seconds = time.perf_counter() - started
    context.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another tree to walk beside this one (the page before)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    trees = ([("before", args.before)] if args.before else []) + [("after", ROOT)]
    walks: dict[str, list[Walk]] = {name: [] for name, _ in trees}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        servers = {name: serving(tree) for name, tree in trees}
        urls = {name: server.__enter__() for name, server in servers.items()}
        try:
            for _ in range(args.runs):  # interleaved, so that a slow moment of the VM hits both
                for name, _tree in trees:
                    walks[name].append(walk(urls[name], browser))
        finally:
            for server in servers.values():
                server.__exit__(None, None, None)
            browser.close()
    print("| tree | keys | of them Tab | round trips | seconds (median of runs) |")
    print("|---|---|---|---|---|")
    for name, runs in walks.items():
        first = runs[0]
        assert all((w.keys, w.tabs) == (first.keys, first.tabs) for w in runs), (
            "the walk is not deterministic"
        )
        trips = sorted({w.round_trips for w in runs})
        seconds = statistics.median(w.seconds for w in runs)
        print(f"| {name} | {first.keys} | {first.tabs} | {'–'.join(map(str, trips))} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
