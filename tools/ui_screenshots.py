"""Screenshots of the Dagster UI for the manual check, with Debian's headless Chromium.

    python -m tools.ui_screenshots http://127.0.0.1:3127 /tmp/shots asset-groups \
        "assets/marts/fct_line_item?view=checks" runs/<run id>

Starts ``chromium --headless`` with a throw-away profile and drives it over the DevTools protocol
(``websockets``, installed with Dagster): each path is opened, the first-visit "Join the Dagster
community" dialog is dismissed (``Skip``), and the page is saved as ``<dir>/<n>_<path>.png`` once it has
had ``--wait`` seconds to load. Nothing is sent anywhere but to the local UI.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import re
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import websockets

_DISMISS = "for (const b of document.querySelectorAll('button')) { if (b.innerText.trim() === 'Skip') b.click(); }"


class _Page:
    def __init__(self, socket) -> None:
        self.socket, self.next_id = socket, 0

    async def call(self, method: str, **params):
        self.next_id += 1
        await self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(await self.socket.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})


async def _shoot(debugger: str, base: str, paths: list[str], folder: Path, wait: float, size: tuple[int, int]):
    async with websockets.connect(debugger, max_size=64 * 2**20) as socket:
        page = _Page(socket)
        await page.call(
            "Emulation.setDeviceMetricsOverride", width=size[0], height=size[1], deviceScaleFactor=1, mobile=False
        )
        for number, path in enumerate(paths, start=1):
            await page.call("Page.navigate", url=f"{base.rstrip('/')}/{path.lstrip('/')}")
            await asyncio.sleep(wait)
            await page.call("Runtime.evaluate", expression=_DISMISS)
            await asyncio.sleep(2)
            shot = await page.call("Page.captureScreenshot", format="png")
            name = re.sub(r"[^0-9A-Za-z]+", "_", path).strip("_")[:60] or "home"
            target = folder / f"{number}_{name}.png"
            target.write_bytes(base64.b64decode(shot["data"]))
            print(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("folder", type=Path)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--wait", type=float, default=12.0)
    parser.add_argument("--port", type=int, default=9333)
    arguments = parser.parse_args()
    arguments.folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        browser = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--remote-debugging-port={arguments.port}", f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            targets = []
            for _ in range(50):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{arguments.port}/json") as response:
                        targets = [t for t in json.load(response) if t.get("type") == "page"]
                    if targets:
                        break
                except OSError:
                    pass
                time.sleep(0.2)
            debugger = targets[0]["webSocketDebuggerUrl"]
            asyncio.run(
                _shoot(debugger, arguments.base, arguments.paths, arguments.folder, arguments.wait, (1600, 1000))
            )
        finally:
            browser.terminate()
            browser.wait(timeout=10)


if __name__ == "__main__":
    main()
