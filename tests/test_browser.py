"""The HTML report in a real browser: Debian's chromium, headless (``make browser`` installs it).

Checks the DOM after the page's own script ran (sorting/filter controls revealed, ``data-js="ready"``),
that an article's script/markup payloads stayed inert text, and that a screenshot is not blank.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import mtqe
from mtqe.render import html as html_render

pytestmark = pytest.mark.slow

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio")

# Each payload would leave a trace if it ever ran as markup or script.
PAYLOAD_REF = (
    "The council met on Monday to discuss the budget. "
    "Its website briefly showed <script>document.title='PWNED';document.documentElement.setAttribute('data-pwned','script')</script> to visitors. "
    "A second page held <img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\"> and more. "
    "Officials said \"it's fixed\" & moved on."
)
PAYLOAD_CAND = (
    "The council met on Monday to discuss its budget. "
    "Its website briefly showed <script>document.title='PWNED';document.documentElement.setAttribute('data-pwned','script')</script> to visitors. "
    "A second page held <img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\"> and more. "
    "Officials said \"it is fixed\" & moved on. "
    "<svg onload=\"document.documentElement.setAttribute('data-pwned','svg')\"></svg> Read more."
)


def _chromium() -> str:
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("chromium not found (install it with `make browser`, i.e. apt-get install chromium)")


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    cmd = [_chromium(), *FLAGS, f"--user-data-dir={profile}", *args]
    env = {**os.environ, "HOME": str(tmp_path)}
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium timed out: {' '.join(cmd)}")
    return r


def _dump_dom(tmp_path: Path, page: Path) -> str:
    r = _run(tmp_path, "--virtual-time-budget=3000", "--dump-dom", page.as_uri())
    assert r.returncode == 0 and "<html" in r.stdout, r.stderr[-2000:]
    return r.stdout


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory, seed_report) -> Path:
    path = tmp_path_factory.mktemp("html") / "seed-report.html"
    path.write_text(html_render.render(seed_report), encoding="utf-8")
    return path


def test_seed_report_dom_after_scripts(tmp_path, seed_page, seed_report):
    dom = _dump_dom(tmp_path, seed_page)
    assert re.search(r'<body[^>]*data-js="ready"', dom), "the page's own script did not run"
    assert re.search(r'<div class="controls" id="controls">', dom), "controls were not revealed"
    assert len(re.findall(r'<tr class="seg">', dom)) == len(seed_report.segments)
    assert "of %d segments" % len(seed_report.segments) in dom
    badges = re.findall(r'<li id="seg-\d+-f\d+" class="badge-item cat-name sev-\w+">(.*?)</li>', dom, re.S)
    assert any("Kwan" in b for b in badges) and any("Napannock" in b for b in badges)
    assert re.search(r'<mark class="flag [^"]*cat-name[^"]*"[^>]*>(<ins>)?Kwan', dom)
    assert re.search(r'<mark class="flag [^"]*cat-merge[^"]*"[^>]*>(<ins>)?EcuadorChinese', dom)
    assert "Add thelocalreport.in As A Trusted Source" in dom
    assert "<del>" in dom and "<ins>" in dom


def test_sort_and_filter_controls(tmp_path, seed_page, seed_report):
    """The controls' state can be given in the URL (#sort=risk&cat=name): check the script applies it."""
    r = _run(tmp_path, "--virtual-time-budget=3000", "--dump-dom", seed_page.as_uri() + "#sort=risk&cat=name")
    assert r.returncode == 0, r.stderr[-2000:]
    bodies = re.findall(r'<tbody class="segment[^"]*" id="seg-(\d+)"[^>]*data-cats="([^"]*)"([^>]*)>', r.stdout)
    order = [int(i) for i, _, _ in bodies]
    assert order == [s.index for s in seed_report.ranked("risk")]  # most degraded first
    for _, cats, rest in bodies:
        assert ("hidden" in rest) != ("name" in cats.split())
    shown = sum("name" in {f.category for f in s.flags} for s in seed_report.segments)
    assert f"{shown} of {len(seed_report.segments)} segments, most degraded first, category name" in r.stdout


def test_article_payloads_do_not_run(tmp_path):
    report = mtqe.compare(PAYLOAD_REF, PAYLOAD_CAND)
    page = tmp_path / "xss.html"
    page.write_text(html_render.render(report), encoding="utf-8")
    dom = _dump_dom(tmp_path, page)
    assert re.search(r'<body[^>]*data-js="ready"', dom), "the page's own script did not run"
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert "PWNED" not in title
    assert "data-pwned=" not in dom  # only the escaped text "setAttribute('data-pwned', ...)" may appear
    assert not re.search(r"<img\b", dom) and not re.search(r"<svg onload", dom)
    assert len(re.findall(r"<script\b", dom)) == 1
    assert "&lt;script&gt;document.title=" in dom  # the payload is still shown, as text


def _png_info(data: bytes, rows: int = 400) -> tuple[int, int, int, int]:
    """(width, height, distinct colours in the first ``rows`` rows, distinct byte values overall): a tiny PNG decoder."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        (length,), ctype = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        chunk = data[pos + 8:pos + 8 + length]
        if ctype == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            bpp = 3 if colour == 2 else 4
        elif ctype == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    assert len(raw) == height * (stride + 1)
    colours, prev = set(), bytearray(stride)
    for y in range(min(rows, height)):
        ftype, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        prev = line
    return width, height, len(colours), len(set(raw))


def test_screenshot_is_not_blank(tmp_path, seed_page):
    shot = tmp_path / "seed-report.png"
    r = _run(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", "--virtual-time-budget=3000",
             seed_page.as_uri())
    assert r.returncode == 0 and shot.is_file(), r.stderr[-2000:]
    data = shot.read_bytes()
    width, height, colours, byte_values = _png_info(data)
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000
    assert colours > 100, f"only {colours} colours in the top of the screenshot: blank page?"
    assert byte_values > 100
    keep = os.environ.get("MTQE_SCREENSHOT")
    if keep:
        shutil.copyfile(shot, keep)
