"""The fast limits pass over a workbook's XML: C-speed work only, no Python call per element.

``scan(handle, ...)`` streams one zip member: expat without element handlers checks that it is well-formed
XML and refuses a DOCTYPE (entity declarations); the stream is cut into parts that end before a ``<``, so
every tag in a part is whole; per part numpy finds the nesting depth (``<x`` +1, ``</x`` -1, ``<x/>``,
``<!``, ``<?`` 0; the running maximum) and the longest text between two tags, and ``on_part`` gets the part
for the sheet checks (regular expressions over the bytes: cell references, row numbers, number and date
values, repeats). A comment or CDATA section holding ``<`` can only make the depth look larger.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import IO
from xml.parsers import expat

import numpy as np

from matchdesk.transfer.limits import MAX_CELL_CHARS, MAX_DEPTH, Budget, LimitExceeded, cell_chars_message

_CHUNK = 1 << 16
_LT, _GT, _SLASH, _BANG, _QUESTION = 60, 62, 47, 33, 63
_CARRY_MAX = 4 * MAX_CELL_CHARS + 4096  # a part this long without a "<" holds a text over the limit


def scan(handle: IO[bytes], name: str, budget: Budget, on_part: Callable[[bytes], None] | None = None) -> None:
    def doctype(*_args: object) -> None:
        raise LimitExceeded(f"{name} bevat een DOCTYPE met entiteiten; dat schrijft geen rekenblad")

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    carry = b""
    depth = 0
    while True:
        chunk = handle.read(_CHUNK)
        budget.take(len(chunk))
        parser.Parse(chunk, not chunk)
        buffer = carry + chunk if carry else chunk
        if chunk:
            cut = buffer.rfind(b"<")
            if cut <= 0:
                carry = buffer
                if len(carry) > _CARRY_MAX:
                    raise LimitExceeded(cell_chars_message())
                continue
            part, carry = buffer[:cut], buffer[cut:]
        else:
            part, carry = buffer, b""
        depth = _depth_and_texts(part, depth, name)
        if on_part is not None:
            on_part(part)
        if not chunk:
            break


def _depth_and_texts(part: bytes, depth: int, name: str) -> int:
    data = np.frombuffer(part, dtype=np.uint8)
    lt = np.flatnonzero(data == _LT)
    gaps = np.diff(np.concatenate(([-1], lt, [data.size])))
    if gaps.size and int(gaps.max()) > MAX_CELL_CHARS:
        starts = np.concatenate(([0], lt + 1))
        for index in np.flatnonzero(gaps > MAX_CELL_CHARS):
            start = int(starts[index])
            segment = part[start:start + int(gaps[index]) - 1]
            text = segment.partition(b">")[2] if segment.find(b">") >= 0 else segment
            if len(text.decode("utf-8", "ignore")) > MAX_CELL_CHARS:
                raise LimitExceeded(cell_chars_message())
    if lt.size == 0:
        return depth
    gt = np.flatnonzero(data == _GT)
    if gt.size == 0:
        return depth
    following = data[np.minimum(lt + 1, data.size - 1)]
    ends = gt[np.minimum(np.searchsorted(gt, lt), gt.size - 1)]
    before_end = data[np.maximum(ends - 1, 0)]
    neutral = (following == _BANG) | (following == _QUESTION) | (before_end == _SLASH)
    delta = np.where(following == _SLASH, -1, np.where(neutral, 0, 1))
    levels = depth + np.cumsum(delta)
    if int(levels.max()) > MAX_DEPTH:
        raise LimitExceeded(f"de XML in {name} is dieper genest dan {MAX_DEPTH} niveaus")
    return int(levels[-1])


# --- patterns for "a number above N", in digits or in column letters --------------------------------

def above(limit: str, alphabet: str) -> bytes:
    """A regular expression for the strings of ``alphabet`` (in order) that stand for a number above ``limit``
    written in it without leading zeros: longer, or as long and larger at the first difference."""
    first, last = alphabet[0], alphabet[-1]
    lowest_lead = alphabet[1] if alphabet[0] == "0" else first
    options = [f"[{lowest_lead}-{last}][{first}-{last}]{{{len(limit)},}}"]
    for position, char in enumerate(limit):
        index = alphabet.index(char)
        if index + 1 < len(alphabet):
            rest = len(limit) - position - 1
            options.append(re.escape(limit[:position]) + f"[{alphabet[index + 1]}-{last}]"
                           + (f"[{first}-{last}]{{{rest}}}" if rest else ""))
    return ("(?:" + "|".join(options) + ")").encode()


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (ord(char) - 64)
    return number
