#!/usr/bin/env python3
"""Check the report as a person sees it: render it in headless Chromium and fail on a blank page,
a console error, a failed resource or a broken image; check every SVG is well-formed XML.

    python scripts/check_report.py out/study [--screenshots target/screenshots]

Needs Debian's `chromium` and the Python packages `websocket-client` and `Pillow` (the test
command installs them). Talks to Chromium over the DevTools protocol on a loopback port.
"""
from __future__ import annotations

import argparse
import base64
import io
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import websocket  # websocket-client
from PIL import Image


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Browser:
    def __init__(self) -> None:
        exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if exe is None:
            raise SystemExit("chromium is not installed (apt-get install chromium)")
        # A headless Chromium sometimes fails to open its DevTools port on a loaded machine (or
        # loses a race for the free port): start it again, up to three times, before giving up.
        page = None
        for _ in range(3):
            self.port = free_port()
            self.profile = tempfile.mkdtemp(prefix="lomonitor-chromium-")
            self.proc = subprocess.Popen(
                [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 f"--remote-debugging-port={self.port}", "--remote-debugging-address=127.0.0.1",
                 f"--user-data-dir={self.profile}", "--window-size=1280,1600", "about:blank"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.time() + 45
            while page is None and time.time() < deadline and self.proc.poll() is None:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json", timeout=5) as r:
                        targets = json.load(r)
                    page = next(t for t in targets if t["type"] == "page")
                except Exception:
                    time.sleep(0.2)
            if page is not None:
                break
            self.close()
        if page is None:
            raise SystemExit("chromium did not start its DevTools endpoint (3 attempts)")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        self.events: list[dict] = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params: object) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_load(self, timeout: float = 60) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if any(e.get("method") == "Page.loadEventFired" for e in self.events):
                return
            self.events.append(json.loads(self.ws.recv()))
        raise RuntimeError("the page did not finish loading")

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:
            pass
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def check_page(browser: Browser, path: Path, shot: Path) -> list[str]:
    problems: list[str] = []
    browser.call("Emulation.clearDeviceMetricsOverride")
    browser.events.clear()
    browser.call("Page.navigate", url=path.resolve().as_uri())
    browser.wait_load()
    time.sleep(0.5)
    for e in browser.events:
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            problems.append(f"console error: {p.get('args')}")
        elif m == "Runtime.exceptionThrown":
            problems.append(f"exception: {p.get('exceptionDetails', {}).get('text')}")
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            problems.append(f"log error: {p['entry'].get('text')} {p['entry'].get('url', '')}")
        elif m == "Network.loadingFailed":
            problems.append(f"failed resource: {p.get('errorText')}")
    probe = browser.call("Runtime.evaluate", returnByValue=True, expression="""({
        text: document.body ? document.body.innerText.trim().length : 0,
        brokenImages: Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src),
        svgs: document.querySelectorAll('svg').length,
        height: document.documentElement.scrollHeight,
        width: document.documentElement.scrollWidth
    })""")["result"]["value"]
    if probe["text"] < 50:
        problems.append(f"the page shows almost no text ({probe['text']} characters)")
    if probe["brokenImages"]:
        problems.append(f"broken images: {probe['brokenImages']}")
    if probe["svgs"] == 0:
        problems.append("no charts (svg) on the page")
    height = min(int(probe["height"]), 16000)
    browser.call("Emulation.setDeviceMetricsOverride", width=1280, height=height, deviceScaleFactor=1, mobile=False)
    data = browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
    png = base64.b64decode(data)
    shot.write_bytes(png)
    img = Image.open(io.BytesIO(png)).convert("L")
    small = img.resize((64, max(1, 64 * img.height // img.width)))
    px = list(small.tobytes())
    non_white = sum(1 for v in px if v < 240) / len(px)
    if non_white < 0.02:
        problems.append(f"the screenshot is blank ({non_white:.1%} non-white)")
    print(f"  {path.name}: {probe['svgs']} charts, {probe['text']} characters of text, "
          f"{non_white:.0%} ink, screenshot {shot}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("report_dir", type=Path)
    ap.add_argument("--screenshots", type=Path, default=Path("target/screenshots"))
    args = ap.parse_args()
    args.screenshots.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    svgs = sorted(args.report_dir.rglob("*.svg"))
    if not svgs:
        failures.append(f"no SVG files in {args.report_dir}")
    for svg in svgs:
        try:
            root = ET.parse(svg).getroot()
            if not root.tag.endswith("svg"):
                failures.append(f"{svg}: root element is {root.tag}, not svg")
            if "NaN" in svg.read_text(encoding="utf-8"):
                failures.append(f"{svg}: contains NaN")
        except ET.ParseError as e:
            failures.append(f"{svg}: not well-formed XML: {e}")
    print(f"{len(svgs)} SVG files checked")
    pages = [p for p in (args.report_dir / "rapport.html", args.report_dir / "report.html", args.report_dir / "infographic.html") if p.exists()]
    if len(pages) < 2:
        failures.append(f"expected the report and the infographic in {args.report_dir}, found {[p.name for p in pages]}")
    browser = Browser()
    try:
        for page in pages:
            for problem in check_page(browser, page, args.screenshots / (page.stem + ".png")):
                failures.append(f"{page.name}: {problem}")
    finally:
        browser.close()
    for f in failures:
        print(f"FAIL {f}")
    checks = len(svgs) + len(pages)
    print(f"{checks - min(len(failures), checks)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
