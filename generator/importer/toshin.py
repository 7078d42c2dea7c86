"""A 答申: the council's answer to a 諮問, above all on an appeal (審査請求 / 異議申立て).

Recognised by its structure: numbered sections (「第1 審査会の結論」「第2 審査請求の趣旨」
「第3 …経過」, or 「1 審査会の結論」「2 …」), the first of them the conclusion, and the word 答申
above it. What it states becomes the case file:

    title             a labelled 事件名 / 事案名 / 件名, or a line naming the 事案 / 事件 /
                      「…についての諮問」 above the conclusion
    number            the 諮問's number, when written in a form the archive reads (諮問第75号)
    request.date      諮問日, 「…付け…による下記の諮問」, or the proceedings' 「…日 諮問を受けた」
    request.document_number, request.by
                      the 諮問書's number in that sentence; 諮問庁 / 諮問実施機関
    decision.number   the 答申's own number as the document gives it above the conclusion
                      (答申第516号, 大公審答申第152号, 平成28年度(行情)答申第647号)
    decision.date     答申日, a line of the date and the 答申's number, or the 答申 letter's date
    decision.opinion  the conclusion as written
    decision.result   承認 / 了承 / 条件付き… / 不承認 only where the conclusion says so; an
                      appeal's conclusion (妥当である, 開示すべきである) is none of them: その他

What the case-file format has no field for — the council's name, the 実施機関, prior 答申 cited
by number — is listed in the report's notes, never forced into a field it does not mean. Two
different values for one field leave it unknown.
"""

from __future__ import annotations

import re

from ..model.japanese import squeeze
from . import fields
from .bundle import paragraphs
from .document import clean_body
from .draft import Draft, Unknown

_NUM = r"(?:\d+|[一二三四五六七八九十]+)"
# A section heading, on the flat line: 「第1審査会の結論」「1審査会の結論」「第一審査会の結論」.
_SECTION = re.compile(rf"^(?:(第)({_NUM})[.．、]?|(\d+)[.．、]?(?=[^\d号条項年月日]))(.{{2,60}})$")
_ASIDE = re.compile(r"[(（]以下[^()（）]*?という。?[)）]")
_KANJI = {c: i for i, c in enumerate("〇一二三四五六七八九", start=0)}


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI.get(tens, 1) if tens else 1) * 10 + (_KANJI.get(ones, 0) if ones else 0)
    return _KANJI.get(text, 0)


_KANJI_SECTION = re.compile(r"^[ \u3000]*([一二三四五六七八九十]+)[ \u3000、.．]+(\S.*)$")


def _heading(line: str) -> tuple[bool, int, str] | None:
    """(written with 第, number, words) of a section heading line, or None. A kanji numeral
    without 第 (「一 審査会の結論」) counts with 第: no sub-item is numbered so."""
    s = _ASIDE.sub("", fields.flat(line))
    if k := _KANJI_SECTION.match(squeeze(line)):
        s = "第" + k[1] + fields.flat(k[2])
    m = _SECTION.match(s)
    if not m or "。" in m[4] or len(m[4]) > 40:
        return None
    return bool(m[1]), _number(m[2] or m[3]), m[4]


def _sections(lines: list[str]) -> list[tuple[int, str]] | None:
    """(line index, words) of the numbered sections, the first being the conclusion (結論);
    None when the document has no such outline."""
    start = None
    for i, line in enumerate(lines[:400]):
        h = _heading(line)
        if h and h[1] == 1 and h[2].endswith("結論"):
            start = i, h
            break
    if start is None:
        return None
    i0, (dai, _, words) = start
    out = [(i0, words)]
    for i in range(i0 + 1, len(lines)):
        h = _heading(lines[i])
        if h and h[0] == dai and h[1] == len(out) + 1:
            out.append((i, h[2]))
    return out if len(out) >= 2 else None


def is_toshin(text: str) -> bool:
    """Numbered sections, the first the conclusion, and 答申 above them — or, with no title
    above, a council's conclusion (審査会の結論) followed by an appeal's sections."""
    lines = text.replace("\r\n", "\n").split("\n")
    found = _sections(lines)
    if found is None:
        return False
    if "答申" in fields.flat("".join(lines[:found[0][0]])):
        return True
    return bool(re.search(r"(?:審査会|審議会)の結論$", found[0][1])) and any(
        re.search(r"審査請求|異議申立|不服申立", words) for _, words in found[1:])


# --- Reading the words as written ------------------------------------------------------------

def _spaced(line: str) -> bool:
    tokens = line.split()
    return len(tokens) >= 4 and sum(len(t) == 1 for t in tokens) >= 0.7 * len(tokens)


def _clean(line: str) -> str:
    """A line as written, with PDF extraction's spaces (「特 定 法 人」) taken out."""
    return fields.flat(line) if _spaced(line) else squeeze(line).strip()


def _join(lines: list[str]) -> str:
    """Lines of one passage: a line that ends a sentence ends a line; others run on."""
    out = ""
    for line in (_clean(ln) for ln in lines if ln.strip()):
        if out and not out.endswith("\n"):
            out += " " if out[-1].isascii() and line[:1].isascii() else ""
        out += line + ("\n" if line.endswith(("。", "．")) else "")
    return out.strip("\n")


# --- Fields ---------------------------------------------------------------------------------

_ERA = fields.ERA
_DATE = rf"{_ERA}(?:\d+|元)年\d+月\d+日"
_LABELS = {
    "答申日": "decided", "答申年月日": "decided", "諮問日": "asked", "諮問年月日": "asked",
    "事件名": "title", "事案名": "title", "件名": "title", "案件名": "title", "諮問事案名": "title",
    "諮問庁": "by", "諮問実施機関": "by",
}
_LABEL = re.compile(r"^[(（【]?(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")[:：]?(.*?)[)）】]?$")
_TITLE_END = re.compile(r"(?:事案|事件|に関する件|の件|についての諮問|に係る諮問|について)$")
_TITLE_LINE = re.compile(r"^.{6,120}(?:審査請求事案|異議申立て?事案|不服申立て?事案|諮問事案|に関する件|"
                         r"についての諮問|に係る諮問)$")
_SUBJECT = re.compile(r"^(.{6,120}?について)[(（]答申[)）]$")
_GENERIC = re.compile(r"規定(?:に基づく|による)諮問について$|^諮問について$")
_DATED_NUMBER = re.compile(rf"^({_DATE})[(（]?[^()（）]{{0,6}}答申第\d+号[)）]?(?:[(（][^()（）]*[)）])?$")
_NUMBER_DATED = re.compile(rf"^[^()（）]{{0,6}}答申第\d+号[(（]?({_DATE})[)）]?$")
_TOSHIN_NUMBER = re.compile(r"(?:(?<=[(（【\[])[一-龥]{1,4}|(?:令和|平成|昭和)(?:\d+|元)年度?(?:[(（][^()（）]{1,6}[)）])?)?"
                            r"答申第\d+号")
_SHIMON_NUMBER = re.compile(r"(?:(?:令和|平成|昭和)(?:\d+|元)年度?(?:[(（][^()（）]{1,6}[)）])?)?諮問第\d+号")
_ASKED = re.compile(rf"({_DATE})付け(?:で)?[、,]?((?:\d{{1,4}})?[一-龥ぁ-んァ-ヶ]{{1,10}}第\d+号)?"
                    rf"(?:による|により|で|にて|をもって)?[、,]?(?:(?:当|本)?審(?:査|議)会に|(?:下記|標記|次)の)?諮問")
_PROCEEDING = re.compile(rf"^({_DATE})(?:実施機関から)?(諮問(?:を受けた|を受理|書の受理|書を受理|の受理|受理|\(受理\))?)。?$")
_RECEIVED = re.compile(rf"({_DATE})(?:に|、|,)(?:[^。、,]{{0,12}}?から)?(?:本件(?:審査請求|異議申立て?)について)?諮問を受け")
_BY = re.compile(r"諮問(?:実施機関|庁)[(（]([^()（）、。]{2,20})[)）]")
_IMPLEMENTING = re.compile(r"([^、。,「」()（）\s]{2,25}?)[(（]以下「実施(?:機関|法人)」という。?[)）]")
_COUNCIL = re.compile(r"([一-龥ヶ]{1,6}?(?:都|道|府|県|市|区|町|村)(?:[一-龥ヶ・]|及び|並びに){0,30}?(?:審査会|審議会))")


def _unquoted(text: str) -> str:
    """The text without what it quotes in 「」 (innermost first)."""
    while (out := re.sub(r"「[^「」]*」", "", text)) != text:
        text = out
    return text


def request_date(sentence: str) -> tuple[str, str | None] | None:
    """(date, 諮問書's number) of 「…付け…による下記の諮問」 / 「…付けで当審査会に諮問した」; a date
    that carries a 開示請求 or a 決定, not the 諮問, is none."""
    s = fields.flat(sentence)
    if m := _ASKED.search(s):
        return m[1], m[2]
    if m := _RECEIVED.search(s):
        return m[1], None
    return None


def _one(values: list[str], key=lambda v: v) -> tuple[str | None, bool]:
    """The value when all agree; (None, True) when they differ."""
    distinct = list(dict.fromkeys(values))
    if len({key(v) for v in distinct}) > 1:
        return None, True
    return (distinct[0] if distinct else None), False


def _iso(value: str) -> str:
    part = fields.partial(value)
    return part.iso() if part else value


def _labels(head: list[str]) -> dict[str, list[str]]:
    """Labelled header fields; a title's value runs on over the lines under it until complete."""
    out: dict[str, list[str]] = {}
    i = 0
    while i < len(head):
        m = _LABEL.match(fields.flat(head[i]))
        i += 1
        if not m or not m[2]:
            continue
        name, value = _LABELS[m[1]], m[2]
        while name == "title" and not _TITLE_END.search(value) and i < len(head):
            nxt = fields.flat(head[i])
            if not nxt:
                i += 1
                continue
            if _LABEL.match(nxt) or re.fullmatch(r"答申書?", nxt) or _heading(head[i]):
                break
            value += nxt
            i += 1
        out.setdefault(name, []).append(value)
    return out


def _letter_dates(head: list[str]) -> list[str]:
    """The date of the letter that sends the 答申 (its subject 「…(答申)」 or 「次のとおり答申」)."""
    paras = paragraphs(head, 1)
    out = []
    for letter in fields.letters(paras):
        after = [fields.flat(p) for n, p in paras if n > letter.line][:5]
        if letter.date and any(p.endswith("(答申)") or "次のとおり答申" in p for p in after):
            out.append(letter.date)
    return out[:1]


def _result(conclusion: str) -> str:
    s = fields.flat(conclusion)
    if "不承認" in s:
        return "不承認"
    for kind in ("承認", "了承"):
        if re.search(rf"条件(?:付き|付)(?:で|の上で?)?{kind}", s):
            return f"条件付き{kind}"
    for kind in ("承認", "了承"):
        if re.search(rf"{kind}(?:する|とする|することが(?:適当|妥当))", s):
            return kind
    return "その他"


def read_toshin(text: str, name: str) -> list[Draft]:
    lines = text.replace("\r\n", "\n").split("\n")
    sections = _sections(lines)
    assert sections is not None, "read_toshin needs a 答申 (is_toshin)"
    case = Draft("case", name, {})
    head = lines[:sections[0][0]]
    flat_head = [fields.flat(ln) for ln in head]
    labels = _labels(head)

    # Title: labelled, else one line naming the 事案 or the 諮問.
    titles = labels.get("title") or [_clean(ln) for ln, f in zip(head, flat_head, strict=True)
                                      if _TITLE_LINE.match(f) and "答申" not in f and not _LABEL.match(f)]
    if not titles:
        # The letter's subject 「…について(答申)」, unless it only says which article asked.
        titles = [m[1] for f in flat_head if (m := _SUBJECT.match(f)) and not _GENERIC.search(m[1])]
    title, clash = _one([fields.unquote(t) for t in titles], key=fields.flat)
    if title is None:
        case.miss("title", "two different titles above the conclusion" if clash
                  else "no 事件名 / 件名, nor a line naming the 事案 or the 諮問, above the conclusion")

    # Numbers: the 諮問's is the case's, the 答申's the decision's. Only a number the document gives
    # itself: in a heading-like paragraph (no sentence) or the sentence that says what is answered
    # (「…の件(諮問第198号)について、次のとおり答申します。」), not inside a quotation (a subject
    # that names another 答申, 「答申第74号(諮問第69号)…」).
    answering = [f for _, p in paragraphs(head, 1) if "次のとおり答申" in (f := re.sub(r"\s+", "", fields.flat(p)))]
    own_lines = [_unquoted(f) for f in [f for f in flat_head if "。" not in f and len(f) <= 80] + answering]
    shimon = [m[0] for f in own_lines for m in _SHIMON_NUMBER.finditer(f)]
    toshin_numbers = list(dict.fromkeys(m[0] for f in own_lines for m in _TOSHIN_NUMBER.finditer(f)
                                        if not re.match(r"[~〜～]", f[m.end():])))
    number, clash = _one(shimon)
    if number is not None and fields.case_number(number) is None:
        case.notes.append(_note("number", f"the 諮問's number {number} is not a form the archive reads "
                                          "(諮問第480号, 令和2年度第26号議案): left out, kept in the body"))
        number = None
    # 答申第152号 and 大公審答申第152号 are one number: the fullest form the document gives.
    toshin_number, toshin_clash = _one(toshin_numbers, key=lambda n: re.sub(r"^.*?(答申第)", r"\1", n))
    if toshin_number is not None:
        toshin_number = max(toshin_numbers, key=len)
    if number is None:
        case.miss("number", "two different 諮問 numbers above the conclusion" if clash
                  else "the document gives no 諮問 number the archive reads")
    case.number = number

    # The request: 諮問日, the sentence that cites the 諮問, the proceedings' 「…日 諮問を受けた」.
    asked = list(labels.get("asked", []))
    doc_numbers = []
    for f in (fields.flat(ln) for ln in lines):
        if found := request_date(f):
            asked.append(found[0])
            doc_numbers += [found[1]] if found[1] else []
        if m := _PROCEEDING.match(re.sub(r"[|・●○◯]", "", f)):
            asked.append(m[1])
    asked_date, clash = _one([a for a in asked if fields.partial(a)], key=_iso)
    by, _ = _one(labels.get("by", []) + [m[1] for m in _BY.finditer(fields.flat(text))])
    doc_number, _ = _one(doc_numbers)
    request = _present({"date": asked_date, "document_number": doc_number, "by": by})
    if asked_date is None:
        case.miss("request.date", "two different dates for the 諮問" if clash
                  else "the document does not date the 諮問 (諮問日, 「…付け…諮問」, 「…日 諮問を受けた」)")

    # The decision: the conclusion as written; its date from the header.
    conclusion = _join(lines[sections[0][0] + 1:sections[1][0]])
    decided = list(labels.get("decided", []))
    decided += [m[1] for f in flat_head if (m := _DATED_NUMBER.match(f) or _NUMBER_DATED.match(f))]
    decided += _letter_dates(head)
    decided_date, clash = _one([d for d in decided if fields.partial(d)], key=_iso)
    if decided_date is None:
        case.miss("decision.date", "two different dates for the 答申" if clash
                  else "the document does not date the 答申 (答申日, a date beside its number, its letter)")
    decision = None
    if conclusion or decided_date:
        result = _result(conclusion)
        decision = _present({"result": result, "number": toshin_number, "date": decided_date,
                             "opinion": conclusion or None})
        if toshin_number is None:
            case.miss("decision.number", "two different 答申 numbers above the conclusion" if toshin_clash
                      else "the document gives no 答申 number (答申第N号) above the conclusion")
        if result == "その他":
            case.notes.append(_note("decision.result", "その他: the conclusion states none of 承認 / 了承 / "
                                                       "条件付き… / 不承認; its words are decision.opinion"))
    elif toshin_number is not None:
        case.notes.append(_note("decision.number", f"the 答申's number {toshin_number}: no conclusion nor date "
                                                   "read, so no decision to hold it; kept in the body"))
    _notes(case, text, head, shimon, toshin_numbers)
    case.miss("department", "a 答申 names the 実施機関, not the 主管課 / 担当課")
    case.miss("bases", "a 答申 does not list the 諮問's legal bases")
    case.miss("meetings", "a 答申 names no meeting")
    case.front = {"kind": "諮問", "number": number, "title": title, "request": request, "decision": decision}
    case.body = clean_body(text)
    return [case]


def _present(mapping: dict[str, str | None]) -> dict[str, str] | None:
    """The fields read, in order; None when none was."""
    return {k: v for k, v in mapping.items() if v is not None} or None


def _note(field_name: str, why: str) -> Unknown:
    return Unknown(field_name, why)


def _notes(case: Draft, text: str, head: list[str], own_shimon: list[str], own: list[str]) -> None:
    """What the document states and the case-file format has no field for."""
    flat_text = fields.flat(text)
    named = [m[1] for ln in head if (m := _COUNCIL.search(fields.flat(ln)))]
    if named:
        case.notes.append(_note("council", f"the document names {named[0]}: check that --council is it"))
    bodies = list(dict.fromkeys(m[1] for m in _IMPLEMENTING.finditer(flat_text)))
    if bodies:
        case.notes.append(_note("implementing_body", f"実施機関: {'、'.join(bodies)} (the case-file format has "
                                                     "no field for it; not a 主管課)"))
    own_keys = {re.sub(r"^.*?(答申第)", r"\1", n) for n in own}
    cited = [n for n in dict.fromkeys(m[0] for m in re.finditer(r"答申第\d+号(?![~〜～])", flat_text))
             if n not in own_keys]
    cited += [n for n in dict.fromkeys(m[0] for m in re.finditer(r"諮問第\d+号", flat_text))
              if not any(o.endswith(n) for o in own_shimon)]
    if cited:
        case.notes.append(_note("citations", f"{'、'.join(cited)} cited: the archive links 諮問 numbers "
                                             "only with a citing verb; add citations[] if they are prior 答申"))
