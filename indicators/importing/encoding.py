"""CSV bytes to text: UTF-8, UTF-16 or GBK/GB18030, and nothing else guessed.

Almost any bytes decode as GB18030, so a file that is not UTF-8 is read as
GB18030 only when the result reads as simplified Chinese: its non-ASCII
characters are GB2312's punctuation and hanzi (GB2312 holds the 6,763 hanzi
in everyday use, and mainland software writes little outside it), and the
bytes do not read better as Korean or Russian, whose EUC-KR and KOI8-R/
Windows-1251 bytes decode as valid GB2312 hanzi.  Anything else (Big5,
Shift-JIS, EUC-KR, KOI8-R, Windows-1252 ...) is refused, naming what it looks
like, rather than stored as mojibake: saving the file as UTF-8 is the fix.

charset-normalizer is not asked: on the few non-ASCII bytes of an ASCII-header
file (a note or two) it called GBK notes Korean and KOI8-R Japanese.
"""

from __future__ import annotations

import codecs
import re

from indicators.importing.issues import FileRejected

# GB2312 rows (first byte) of punctuation and full-width forms, and of hanzi.  Rows
# 0xA4-0xA9 (kana, Greek, Cyrillic, pinyin, box drawing) are left out: Big5 and
# Shift-JIS bytes land there, Chinese notes hardly ever.
GB2312_ROWS = (*range(0xA1, 0xA4), *range(0xB0, 0xF8))
# More than this share of other non-ASCII characters: the text is not Chinese.
MAX_STRANGE_SHARE = 0.05
# Letters that make up a large part of any Russian text (lower case: 70 % of it);
# hanzi bytes misread as Cyrillic hit them a quarter of the time.
RUSSIAN_COMMON = frozenset("оеаинтсрвлкмдпу")
HANGUL = re.compile("[\uac00-\ud7a3]")
# Russian text is mostly lower case; hanzi bytes read as Cyrillic are half capitals.
CYRILLIC = re.compile("[\u0430-\u044f\u0451]")
KANA = re.compile("[\u3040-\u30ff]")
IDEOGRAPH = re.compile("[\u4e00-\u9fff]")
LONG_RUN = re.compile("[^\x00-\x7f]{3,}")
LATIN_LETTER = re.compile("[\u00c0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e]")
# Korean: at least this many syllables, and a text of SHORT_KOREAN or more is Korean only
# when this share of them has no final consonant (Korean about half, random KS X 1001 17 %).
KOREAN_LEAST = 2
SHORT_KOREAN = 8
KOREAN_OPEN_SHARE = 0.3
# Russian: at least this many (lower-case) letters, and this share of common ones.
RUSSIAN_LEAST = 8
RUSSIAN_COMMON_SHARE = 0.45
# Enough of a file to tell its language by; a file keeps one encoding throughout.
SAMPLE_BYTES = 1 << 20


def _chinese_pattern() -> re.Pattern[str]:
    """Any character that is neither ASCII nor one of GB2312's punctuation and hanzi."""
    allowed = sorted({bytes((row, cell)).decode("gb2312", errors="ignore")
                      for row in GB2312_ROWS for cell in range(0xA1, 0xFF)} - {""})
    ranges: list[tuple[int, int]] = [(0, 0x7F)]
    for point in map(ord, allowed):
        if point == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], point)
        elif point > ranges[-1][1]:
            ranges.append((point, point))
    body = "".join(re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
                   for low, high in ranges)
    return re.compile(f"[^{body}]")


NOT_CHINESE = _chinese_pattern()


def decode_text(content: bytes) -> str:
    """Decode CSV bytes strictly; raise FileRejected rather than guess badly."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export.
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            raise FileRejected("bad_encoding") from None
    if b"\x00" in content:
        raise FileRejected("not_csv", hint="binary")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _mostly_utf8(content[: exc.start]):
            # A UTF-8 file with one damaged byte would "decode" as GB18030 mojibake.
            raise FileRejected("bad_encoding") from None
    try:
        text = content.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    foreign = _korean_or_russian(content)
    if text is not None and foreign is None and _reads_as_chinese(text):
        return text
    hint = foreign or _looks_like(content)
    raise FileRejected("foreign_encoding", hint=hint) if hint else FileRejected("bad_encoding")


def _mostly_utf8(prefix: bytes) -> bool:
    """Several CJK characters already decoded as UTF-8: the file is UTF-8."""
    decoded = prefix.decode("utf-8", errors="ignore")
    return sum(1 for char in decoded if "\u4e00" <= char <= "\u9fff") >= 3


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))


def _reads_as_chinese(text: str) -> bool:
    strange = len(NOT_CHINESE.findall(text))
    return strange <= MAX_STRANGE_SHARE * _non_ascii(text)


def _korean_or_russian(content: bytes) -> str | None:
    """A hint code when the bytes read as Korean or Russian too (gbk_or_euc_kr: either).

    EUC-KR hangul are GB2312 hanzi byte for byte, so a file whose every non-ASCII
    character reads as hangul cannot be told from Chinese when it is short: it is
    refused (a GBK file with a Chinese header always has hanzi that are not hangul).
    """
    sample = content[:SAMPLE_BYTES]
    korean = sample.decode("cp949", errors="replace")
    syllables = HANGUL.findall(korean)
    if len(syllables) >= max(KOREAN_LEAST, 0.9 * _non_ascii(korean)):
        if len(syllables) < SHORT_KOREAN:
            return "gbk_or_euc_kr"
        if sum((ord(char) - 0xAC00) % 28 == 0 for char in syllables) >= KOREAN_OPEN_SHARE * len(syllables):
            return "euc_kr"
    for encoding in ("koi8_r", "cp1251"):
        russian = sample.decode(encoding, errors="replace")
        letters = CYRILLIC.findall(russian)
        if (len(letters) >= max(RUSSIAN_LEAST, 0.9 * _non_ascii(russian))
                and sum(char in RUSSIAN_COMMON for char in letters) >= RUSSIAN_COMMON_SHARE * len(letters)):
            return "cyrillic"
    return None


def _looks_like(content: bytes) -> str | None:
    """A hint code naming the encoding the bytes look like, for the refusal's message."""
    for hint, encoding, letters, share in (("shift_jis", "cp932", KANA, 0.3),
                                           ("western", "cp1252", LATIN_LETTER, 0.8),
                                           ("big5", "big5", IDEOGRAPH, 0.9)):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        found = len(letters.findall(text))
        # Accented letters stand one or two in a word; double-byte text in long runs.
        if found >= share * _non_ascii(text) and (hint != "western" or found >= len(LONG_RUN.findall(text)) * 4):
            return hint
    return None
