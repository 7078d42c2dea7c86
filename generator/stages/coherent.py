"""What each field allows on its own, but the fields of a file — or of a case and its meetings —
cannot say together: a list naming one thing twice, a meeting's title that names another 回, a
reason for closing a meeting whose access is not given, a request dated after a meeting that
deliberated it. Each is an error at the line of the field that contradicts, every one reported
in one run (validate.py calls `check` after every file has its model).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..model.casefile import Council, parse_case_number
from ..model.diagnostics import Diagnostics
from ..model.japanese import ERA_PATTERN, ERA_YEAR_PATTERN, normalize_key, parse_fiscal_year, parse_number

# The rules below and those of the value types (values.py), as REFERENCE.md states them
# (`python -m generator schema` writes them there): one source for the code and the reference.
RULES = [
    "A text (a title, a name, a place, an opinion) holds no control character and no invisible format "
    "character — a bidi override or isolate (U+202A–202E, U+2066–2069), a zero-width space or joiner "
    "(U+200B–200D), a word joiner, a soft hyphen, a BOM, a tag character — nor U+FFFD (the mark of 文字化け); "
    "variation selectors (異体字) and private-use 外字 are kept. An opinion or an announcement may run over "
    "several lines, but is never blank. An address (`source`, `url`) is never empty.",
    "`request`, `notice` and `next_meeting` written as `{}` say nothing: leave them out (or write 不明).",
    "A list names each thing once: `department`, `bases` (the same article, category, procedure and note), "
    "`present` and `absent` (a person, spaces and widths aside), `secretariat`, `materials` (title and "
    "address), agenda items without a case (kind and title); in site_config.yml `ordinances`, "
    "`closure_reasons` and the councils' `name`. `secretariat: []` is an error, like `present: []`: leave "
    "it out when unknown.",
    "`observers` and `notice.seats` are 0–9999; the rules' `*_days` are whole numbers 0–365.",
    "An id (a file's name) is at most 80 characters and not a name Windows refuses (`con`, `nul`, `aux`, "
    "`prn`, `com1`…, `lpt1`…).",
    "A meeting: `access_reason` needs `access` (非公開 or 一部非公開); a 非公開 meeting has no observers; it "
    "cannot end at the time it starts; a `title` that says 第N期, 第N回 or a 年度 must say this meeting's "
    "`term`, `session` and 年度, and cannot name another council of the archive; a member listed absent is "
    "not a speaker.",
    "A case: a 報告 has no 諮問 number; a number written at the head of the title (`[諮問第481号] …`) is "
    "the case's `number`, and so is a number that is the first heading of its document "
    "(`# 令和2年度第26号議案`); an article (`bases[].article`) has no 第0条, 第0項 or 第0号 and names no other "
    "municipality of the archive; the request is not dated after a meeting whose agenda deals with the case; a "
    "令和2年度第26号議案 is not deliberated at a meeting of an earlier 年度, nor requested in a later one.",
    "A one-line text holds no TAB (it comes with a value pasted from a table). An address without a scheme is a "
    "path on this site (it holds a `/`, `.`, `#` or `?`): words are not an address. A number is written in "
    "digits, without a sign (`+1` is an error).",
    "Case numbers are compared as numbers: 諮問第0951号 is 諮問第951号, so two cases cannot hold them both.",
    "A meeting with a closed item (`agenda[].access: 非公開`) says its own `access` (一部非公開 or 非公開).",
]

if TYPE_CHECKING:
    from .validate import ValidCase, ValidContent, ValidMeeting

# 第十三期, 第13期, 第4回, 第四回 as a meeting's title writes them.
_NUMERAL = r"[0-9〇零一二三四五六七八九十百千]+"
_TERM = re.compile(rf"第({_NUMERAL})期")
_SESSION = re.compile(rf"第({_NUMERAL})回")
_FISCAL = re.compile(rf"({ERA_PATTERN}{ERA_YEAR_PATTERN}年度|(?<![0-9])[12][0-9]{{3}}年度)")
# A case number as a label at the head of a title: [諮問第481号] …, 【令和2年度第26号議案】 …
_LABEL = re.compile(r"^[\[［【〔(（<〈《]\s*(諮問第\s*[0-9]+\s*号|(?:" + ERA_PATTERN +
                    r")\s*(?:元|[0-9]+)\s*年度\s*第\s*[0-9]+\s*号(?:議案)?)\s*[\]］】〕)）>〉》]")
# The first heading of a case's document (# 令和2年度第26号議案), and a heading that is a number alone.
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.+?)[ \t#]*$", re.M)
_BARE = re.compile(r"(諮問第[0-9０-９]+号|" + ERA_PATTERN + r"(?:元|[0-9０-９]+)年度第[0-9０-９]+号(?:議案)?)")
# 第0条, 第〇項: no ordinance has an article, paragraph or item 0.
_ARTICLE_ZERO = re.compile(r"第[0〇零]+(?:条|項|号)")


def check(valid: ValidContent, councils: list[Council], diagnostics: Diagnostics) -> None:
    deliberating: dict[tuple[str, str], list[ValidMeeting]] = {}
    for m in valid.meetings:
        for item in m.model.agenda:
            if item.case:
                deliberating.setdefault((m.council.id, item.case), []).append(m)
    for c in valid.cases:
        # The meetings whose agenda deals with the case: what the record of the meeting says. A case's
        # own `meetings` list is linked as it is, even to a meeting its agenda does not name (disputed
        # in the sixth corpus), so it is not held against the request's date here.
        held = deliberating.get((c.council.id, c.id), [])
        _case(c, councils, [m for m in held if not m.model.draft], diagnostics)
    for m in valid.meetings:
        _meeting(m, councils, diagnostics)


def _error(v: ValidCase | ValidMeeting, path: str, message: str, diagnostics: Diagnostics) -> None:
    diagnostics.error(v.record.path, v.record.front.line(path), path, message)


def _twice(items: Iterable[Any], key: Callable[[Any], Any]) -> tuple[int, int] | None:
    """(index of the first item written again, index of its first writing), or None."""
    seen: dict[Any, int] = {}
    for i, item in enumerate(items):
        k = key(item)
        if k is None:
            continue
        if k in seen:
            return i, seen[k]
        seen[k] = i
    return None


def _others(own: Council, councils: list[Council], text: str, what: Callable[[Council], str]) -> str | None:
    """The name (by `what`) of another council that `text` names while not naming its own."""
    key = normalize_key(text)
    if normalize_key(what(own)) in key:
        return None
    return next((what(c) for c in councils if c.id != own.id and what(c) != what(own)
                 and normalize_key(what(c)) in key), None)


def _case(c: ValidCase, councils: list[Council], held: list[ValidMeeting], diagnostics: Diagnostics) -> None:
    model = c.model
    if isinstance(model.department, list) and (dup := _twice(model.department, normalize_key)):
        _error(c, f"department[{dup[0]}]", f"「{model.department[dup[0]]}」は{dup[1] + 1}件目にも書かれています。"
                                         "同じ課は1回だけ書いてください", diagnostics)
    if dup := _twice(model.bases, lambda b: (normalize_key(b.article or ""), b.category, b.procedure,
                                             normalize_key(b.note or ""))):
        _error(c, f"bases[{dup[0]}]", f"根拠条文の{dup[1] + 1}件目と同じ内容です。同じ根拠は1回だけ書いてください",
               diagnostics)
    for i, basis in enumerate(model.bases):
        if basis.article and (zero := _ARTICLE_ZERO.search(basis.article)):
            _error(c, f"bases[{i}].article", f"「{zero.group()}」はありません（条・項・号は第1から数えます）。"
                                              "原資料の条文を確かめて直してください", diagnostics)
        if basis.article and (other := _others(c.council, councils, basis.article, lambda x: x.municipality)):
            _error(c, f"bases[{i}].article", f"{other}の条例・規則を挙げていますが、この案件は{c.council.name}の"
                                              "案件です。条文か、ファイルを置く審議会のフォルダを直してください", diagnostics)
    number = normalize_key(model.number) if model.number else None
    if number and model.kind == "報告" and number.startswith("諮問"):
        _error(c, "number", f"番号「{model.number}」は諮問の番号ですが、種別（kind）は報告です。"
                            "種別か番号を直してください", diagnostics)
    if number and (label := _LABEL.match(model.title)) and normalize_key(label.group(1)) != number:
        _error(c, "title", f"件名の頭の「{label.group(1)}」が番号（number）の「{model.number}」と違います。"
                           "原資料を確かめて、どちらかを直してください", diagnostics)
    if number and (heading := _HEADING.search(c.record.body)):
        said = _LABEL.match(heading["text"]) or _BARE.fullmatch(re.sub(r"\s", "", heading["text"]))
        if said and normalize_key(said.group(1)) != number:
            line = c.record.body_line + c.record.body[: heading.start()].count("\n")
            diagnostics.error(c.record.path, line, "body", f"本文の最初の見出しは「{said.group(1)}」ですが、番号（number）は"
                                                           f"「{model.number}」です。原資料を確かめて、どちらかを直してください")
    request = model.request.date if model.request else None
    decided_at = model.decision.meeting if model.decision else None
    for m in sorted(held, key=lambda m: m.model.date.earliest() if m.model.date else m.model.session):
        on = m.model.date
        if request and on and on.surely_before(request) and m.id != decided_at:
            _error(c, "request.date", f"依頼の日付（{request.iso()}）が、この案件を審議した会議 {m.id}"
                                      f"（{on.iso()}）より後です。諮問は依頼されてから審議されます。日付を直してください",
                   diagnostics)
            break
    parts = None
    if model.number:
        try:
            parts = parse_case_number(model.number, c.council.numbering)
        except ValueError:
            parts = None  # reported by validate
    requested_in = request.fiscal_year() if request else None
    if parts and parts.fiscal_year and requested_in is not None and requested_in > parts.fiscal_year:
        _error(c, "number", f"番号「{model.number}」は{parts.fiscal_year}年度の議案ですが、依頼の日付"
                            f"（{request.iso() if request else ''}）は{requested_in}年度です。議案の番号はその年度に"
                            "付けられます。番号か依頼の日付を直してください", diagnostics)
    if parts and parts.fiscal_year:
        for m in held:
            fy = m.model.fiscal_year or (m.model.date.fiscal_year() if m.model.date else None)
            if fy is not None and fy < parts.fiscal_year:
                _error(c, "number", f"番号「{model.number}」は{parts.fiscal_year}年度の議案ですが、審議した会議 "
                                    f"{m.id} はそれより前の{fy}年度です。議案はその年度になってから審議されます。"
                                    "番号か会議を直してください", diagnostics)
                break


def _meeting(m: ValidMeeting, councils: list[Council], diagnostics: Diagnostics) -> None:
    model = m.model
    for field in ("present", "absent"):
        members = getattr(model, field) or []
        if dup := _twice(members, lambda x: _person(x.name)):
            _error(m, f"{field}[{dup[0]}].name", f"「{members[dup[0]].name}」は{dup[1] + 1}人目にも書かれています。"
                                                 "同じ人は1回だけ書いてください", diagnostics)
    absent = {_person(x.name) for x in model.absent or []}
    for label, speaker in model.speakers.items():
        if _person(speaker.name) in absent:
            _error(m, f"speakers.{label}.name", f"「{speaker.name}」は欠席者（absent）に書かれていますが、発言者"
                                               f"「{label}」にもなっています。出席か欠席か、原資料を確かめて直してください",
                   diagnostics)
    if model.secretariat == []:
        _error(m, "secretariat", "空のリストは「事務局なし」の意味になります。記録に事務局が書かれていなければ、"
                                 "項目ごと消してください", diagnostics)
    elif model.secretariat and (dup := _twice(model.secretariat, normalize_key)):
        _error(m, f"secretariat[{dup[0]}]", f"「{model.secretariat[dup[0]]}」は{dup[1] + 1}件目にも書かれています。"
                                           "1回だけ書いてください", diagnostics)
    if dup := _twice(model.materials, lambda x: (normalize_key(x.title), x.url)):
        _error(m, f"materials[{dup[0]}].title", f"配付資料の{dup[1] + 1}件目と同じ資料です。1回だけ書いてください",
               diagnostics)
    if dup := _twice(model.agenda, lambda x: None if x.case else (x.kind, normalize_key(x.title or ""))):
        _error(m, f"agenda[{dup[0]}].title", f"議事の{dup[1] + 1}件目と同じ種別・件名です。同じ議事は1回だけ"
                                             "書いてください", diagnostics)
    if model.access is None and model.access_reason:
        _error(m, "access_reason", "非公開の理由が書かれていますが、公開・非公開の別（access）がありません。"
                                   "access: 非公開 か 一部非公開 を書くか、理由を消してください", diagnostics)
    if model.access is None and not model.draft:  # a draft is being written: its access may come later
        for i, item in enumerate(model.agenda):
            if item.access == "非公開":
                _error(m, f"agenda[{i}].access", "この議事は非公開ですが、会議の公開・非公開の別（access）が"
                                                 "書かれていません。非公開の議事がある会議は一部非公開か非公開です。"
                                                 "会議の access を書いてください", diagnostics)
                break
    if model.start and model.end and model.end == model.start:
        _error(m, "end", f"終了時刻が開始時刻と同じ {model.end} です。原資料の終了時刻を確かめて直してください",
               diagnostics)
    if model.access == "非公開" and model.observers:
        _error(m, "observers", f"非公開の会議に傍聴者が{model.observers}人います。非公開の会議は傍聴できません。"
                               "傍聴者数か公開・非公開の別（access）を直してください", diagnostics)
    if model.title:
        _meeting_title(m, councils, diagnostics)


def _meeting_title(m: ValidMeeting, councils: list[Council], diagnostics: Diagnostics) -> None:
    model, title = m.model, m.model.title or ""
    said: list[str] = []
    for pattern, value, name in ((_TERM, model.term, "期"), (_SESSION, model.session, "回")):
        found = [_number(x) for x in pattern.findall(title)]
        if value is not None and found and value not in found:
            said.append(f"第{found[0]}{name}（{'term' if name == '期' else 'session'}: {value}）")
    fy = model.fiscal_year or (model.date.fiscal_year() if model.date else None)
    years = [_fiscal(x) for x in _FISCAL.findall(title)]
    if fy is not None and years and None not in years and fy not in years:
        said.append(f"{years[0]}年度（この会議の年度は{fy}年度）")
    if said:
        _error(m, "title", f"会議名が{'、'.join(said)}と食い違っています。原資料を確かめて、会議名か期・回・日付を"
                           "直してください", diagnostics)
    if other := _others(m.council, councils, title, lambda c: c.name):
        _error(m, "title", f"会議名が別の審議会「{other}」を名乗っています。この会議は{m.council.name}の"
                           "フォルダにあります。会議名かファイルの置き場所を直してください", diagnostics)


def _person(name: str) -> str:
    """A name as compared: 川合 敏樹, 川合　敏樹 and 川合敏樹 are one person."""
    return re.sub(r"\s", "", normalize_key(name))


def _number(text: str) -> int | None:
    try:
        return parse_number(text)
    except ValueError:
        return None


def _fiscal(text: str) -> int | None:
    try:
        return parse_fiscal_year(text)
    except ValueError:
        return None
