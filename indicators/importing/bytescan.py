"""Byte searches over an inflated part, at numpy's speed rather than one pass each.

partscan asks a dozen questions of every worksheet's bytes (is there a "<si",
a ":c>", a t="e", an odd cell tag ...).  bytes.find and `in` take about a
millisecond a megabyte for each question, and a regex over every cell tag
three: on a 12 MB sheet that was most of the guards.  Here each marker is found
by its first two bytes, compared as 16-bit words at even and at odd offsets (two
vectorised comparisons of half the bytes), and the few places found are checked
for the rest of the marker.

Every answer is exact.  plain_narrow_cells answers only "proved", else the
caller runs the regex it replaces, so an unusual sheet reads as it always did.
"""

from __future__ import annotations

import numpy as np

# Below this, bytes.count and a regex are quick enough, and numpy's set-up per call
# (tens of microseconds) would cost more than it saves on the small parts.
NUMPY_FROM = 64 * 1024
# The bytes after "<c" that end a tag name "c" (ODD_OR_FAR_CELL looks at each), as a
# table by byte value: one gather instead of np.isin's sort.
CELL_NAME_ENDS = np.zeros(256, dtype=bool)
CELL_NAME_ENDS[list(b' >\t\n\r/')] = True
CELL_REFERENCE_START = int.from_bytes(b' r="', "little")  # after "<c"
LETTER_A, DIGIT_0, QUOTE = np.uint64(ord("A")), np.uint64(ord("0")), np.uint64(ord('"'))
MAX_ROW_DIGITS = 5
# Bytes from "<c" that the reference check reads: "<c", ' r="', then eight bytes (a letter,
# up to five digits and the quote, and one more).
CELL_TAG_SPAN = 2 + 4 + 8


def positions(data: bytes, marker: bytes) -> np.ndarray:
    """Where each occurrence of marker (two bytes or more) starts, overlapping ones too."""
    if len(marker) < 2:
        raise ValueError("a marker of two bytes or more")
    if len(data) < len(marker):
        return np.empty(0, dtype=np.intp)
    key = int.from_bytes(marker[:2], "little")
    even = np.frombuffer(data, dtype="<u2", count=len(data) // 2)
    odd = np.frombuffer(data, dtype="<u2", offset=1, count=max(len(data) - 1, 0) // 2)
    found = np.concatenate((np.flatnonzero(even == key) * 2, np.flatnonzero(odd == key) * 2 + 1))
    if len(marker) == 2 or not found.size:
        return found
    found = found[found <= len(data) - len(marker)]
    whole = np.frombuffer(data, dtype=np.uint8)
    for offset, byte in enumerate(marker[2:], start=2):
        found = found[whole[found + offset] == byte]
    return found


def count(data: bytes, marker: bytes) -> int:
    """data.count(marker), for a marker that cannot overlap itself ("<si", ":si")."""
    if len(data) < NUMPY_FROM:
        return data.count(marker)
    return int(positions(data, marker).size)


def contains(data: bytes, marker: bytes) -> bool:
    """marker in data."""
    if len(data) < NUMPY_FROM:
        return marker in data
    return bool(positions(data, marker).size)


def plain_narrow_cells(data: bytes) -> bool:
    """True when it is proved that partscan.ODD_OR_FAR_CELL finds nothing: every "<c"
    followed by a space, ">", "/" or a line break is a tag <c r="B12" with a column in A..Z
    and a row of at most five digits.  False means "not proved": run the regex."""
    if len(data) < NUMPY_FROM:
        return False
    starts = positions(data, b"<c")
    if not starts.size:
        return True
    if int(starts.max()) + CELL_TAG_SPAN > len(data):
        return False  # a tag cut short by the end of the part: the regex decides
    whole = np.frombuffer(data, dtype=np.uint8)
    tags = starts[CELL_NAME_ENDS[whole[starts + 2]]]
    return bool(_is_short_reference(data, tags).all())


def _is_short_reference(data: bytes, tags: np.ndarray) -> np.ndarray:
    """For each "<c" at tags: is it followed by  r="[A-Z][0-9]{1,5}"  (as the regex reads it)?"""
    # Unaligned views whose elements start at every byte: four and eight bytes in one gather.
    words = np.ndarray(shape=(len(data) - 3,), dtype="<u4", buffer=data, strides=(1,))
    plain = words[tags + 2] == CELL_REFERENCE_START
    longs = np.ndarray(shape=(len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))
    after = longs[tags + 6]  # the column letter, then up to five digits and the quote
    plain &= ((after & 0xFF) - LETTER_A) < 26  # unsigned: below "A" wraps past 26
    leading = np.ones(tags.shape, dtype=bool)
    ends = np.zeros(tags.shape, dtype=bool)
    for length in range(1, MAX_ROW_DIGITS + 1):
        leading &= (((after >> (8 * length)) & 0xFF) - DIGIT_0) < 10
        ends |= leading & (((after >> (8 * (length + 1))) & 0xFF) == QUOTE)
    return plain & ends
