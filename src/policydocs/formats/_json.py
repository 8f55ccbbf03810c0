"""How the JSON files are written: two-space indents, UTF-8 as is, a final newline."""

from __future__ import annotations

import json
from typing import Any


def dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
