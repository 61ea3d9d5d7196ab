"""The rule registry: complete as soon as ``dmpcore.validation`` is imported."""

from __future__ import annotations

import json
import subprocess
import sys

from dmpcore.validation import RULES, rules


def test_a_fresh_import_registers_every_rule() -> None:
    """``RULES`` lists every rule on import, not only after ``rules()`` or ``validate()`` has run."""
    script = "import json, dmpcore.validation as v; print(json.dumps(list(v.RULES)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    fresh = json.loads(done.stdout)
    assert fresh == [rule.id for rule in rules()]
    assert fresh == list(RULES)
    assert len(fresh) > 40
