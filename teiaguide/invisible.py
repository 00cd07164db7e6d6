"""Characters that no source text needs and that make text read differently from what it is."""
from __future__ import annotations

import re

# C0/C1 control characters except tab and line breaks, bidirectional controls, zero-width characters and
# a byte-order mark inside the text. (A BOM at the very start of a file is removed when it is read.)
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def invisible_message(char: str) -> tuple[str, str]:
    code = f"U+{ord(char):04X}"
    return (f"invisible control, text-direction or zero-width character {code} is not allowed "
            "(it can make text read differently from what it is); delete it",
            f"невидимый управляющий символ, символ направления текста или символ нулевой ширины {code} "
            "запрещён (он искажает чтение текста); удалите его")
