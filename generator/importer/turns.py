"""Speaker turns, however a record marks them, as the archive writes them: 「○ラベル 発言」.

    ○川合会長 …                 the archive's own form (and turns run into one line: split)
    （山川会長） … / （委 員 A）   a label in round or angle brackets, alone on its line or before the speech
    勝村委員長)ただ今から…       a label closed by a bracket that never opened
    <会長> / ＜事務局＞           a label in angle brackets on its own line
    森会長 / 事務局               a label alone on a line, the speech in the next paragraph
    • 堀部会長                   a bulleted label

A bracketed or lone label counts only when it names a speaker by role or post (会長, 委員,
事務局, …課長 …): 「<審議会意見>」 and headings are not turns. The words are kept; only the mark
changes (to ○) so that the site can anchor each turn.
"""

from __future__ import annotations

import re

from . import fields

_POSTS = (r"(?:会長|副会長|会長代理|会長職務代理(?:者)?|委員長|副委員長|委員|臨時委員|事務局|事務局長|"
          r"[一-龥ァ-ヶ]{0,12}(?:課長|部長|係長|室長|所長|館長|局長|次長|参事|主幹|主査|主任|補佐|担当|理事|"
          r"区長|市長|町長|村長|センター長|所長)|説明員|説明者|実施機関|職員)")
_LABEL = rf"(?:[一-龥ぁ-んァ-ヶ々]{{0,6}}{_POSTS}(?:[A-ZＡ-Ｚ0-9０-９]|[一二三四五六七八九十])?)"
_OWN = re.compile(r"^[○◯〇]\s*([^\s○◯〇]{1,30}?)[ \u3000]+(\S.*)$", re.S)
_BRACKETED = re.compile(r"^[(（<＜〈]\s*([^()（）<>＜＞〈〉【】。、]{1,20}?)\s*[)）>＞〉][ \u3000]*(.*)$", re.S)
# 「勝村委員長)ただ今から…」: a label closed by a bracket that never opened, at the line's start.
_HALF_BRACKETED = re.compile(r"^([^()（）<>＜＞〈〉【】。、\s]{1,20}?)[)）][ \u3000]*(\S.*)$", re.S)
_BULLET = re.compile(r"^[•・\-*][ \u3000]+")


def _label(raw: str) -> str | None:
    label = fields.flat(raw)
    return label if re.fullmatch(_LABEL, label) else None


def turn_start(line: str) -> tuple[str, str] | None:
    """(label, speech on the same line) when the line starts a turn."""
    s = _BULLET.sub("", line.strip())
    if m := _OWN.match(s):
        return m[1], m[2]
    if m := _BRACKETED.match(s):
        if (label := _label(m[1])) is not None:
            return label, m[2].strip()
        return None
    if (m := _HALF_BRACKETED.match(s)) and (label := _label(m[1])) is not None:
        return label, m[2].strip()
    if len(s) <= 20 and (label := _label(s)) is not None and "。" not in s:
        return label, ""
    return None


def is_turn(line: str) -> bool:
    return turn_start(line) is not None


_RUN_IN = re.compile(r"(?<=[。」）)？！?!])[ \u3000]*(?=[○◯〇][^\s○◯〇]{1,30}[ \u3000])")


def normalise(lines: list[str]) -> list[str]:
    """The minutes' lines with every turn written 「○ラベル 発言」 as a paragraph of its own."""
    out: list[str] = []
    waiting: str | None = None  # a label alone, whose speech is the next paragraph
    for line in lines:
        for piece in (_RUN_IN.split(line) if "○" in line or "◯" in line or "〇" in line else [line]):
            start = turn_start(piece) if piece.strip() else None
            if start is not None:
                label, speech = start
                if waiting is not None:
                    out.append(f"○{waiting} ")  # a label with no speech: kept, not lost
                if out and out[-1].strip():
                    out.append("")
                if speech:
                    out.append(f"○{label} {speech}")
                    waiting = None
                else:
                    waiting = label
                continue
            if waiting is not None and piece.strip():
                out.append(f"○{waiting} {piece.strip()}")
                waiting = None
                continue
            if waiting is not None:
                continue  # the blank line between a lone label and its speech
            out.append(piece)
    if waiting is not None:
        out.append(f"○{waiting} ")
    return out
