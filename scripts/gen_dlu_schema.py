"""Write schemas/dlu.schema.json, the JSON Schema of dmpcore.dlu.to_dict, from the models.

Usage: python scripts/gen_dlu_schema.py  (a test fails when the file is stale)
"""

from __future__ import annotations

import json
from pathlib import Path

from dmpcore.dlu._schema import json_schema

TARGET = Path(__file__).resolve().parents[1] / "schemas" / "dlu.schema.json"


def render() -> str:
    """The schema file's text."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
