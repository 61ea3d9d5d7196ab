"""Write benchmark figures into docs/performance.md, each benchmark in its own block."""

from __future__ import annotations

import os
import platform
import re
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["best_of", "machine", "write_section"]

PAGE = Path(__file__).resolve().parents[1] / "docs" / "performance.md"


def machine() -> str:
    """One line that names the machine the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            names = [line.split(":", 1)[1].strip() for line in info if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def best_of(repeat: int, function: Callable[[], object]) -> float:
    """The best wall time in seconds of *repeat* calls of *function*."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def write_section(name: str, markdown: str) -> None:
    """Replace (or append) the block *name* of docs/performance.md with *markdown*."""
    text = PAGE.read_text(encoding="utf-8") if PAGE.exists() else "# Performance\n"
    block = (
        f"<!-- bench: {name} -->\n"
        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}.\n\n{markdown.rstrip()}\n<!-- /bench -->"
    )
    pattern = re.compile(rf"<!-- bench: {re.escape(name)} -->\n.*?<!-- /bench -->", re.DOTALL)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    PAGE.write_text(text, encoding="utf-8")
