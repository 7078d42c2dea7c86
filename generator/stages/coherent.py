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
from ..model.japanese import (
    ERA_PATTERN,
    ERA_YEAR_PATTERN,
    normalize_key,
    parse_date,
    parse_fiscal_year,
    parse_number,
    parse_time,
    squeeze,
)
from ..model.values import text_fields
from . import people

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
    "A case: a number at the head of the title with no bracket (`諮問第481号 …`) and a first heading in kanji "
    "digits (`# 諮問第四八一号`) are its `number` too; `decision.number` is the 答申's number, not a 諮問 number; "
    "`request.document_number` is not a date; `request.by` and `department` name no other municipality of the "
    "archive, and `request.by` is not the council itself; a `department` text names one department (two joined "
    "by 、 are a list); one article (`bases[].article`) has one category within a case; the meetings the case "
    "lists (`meetings`) are not dated before its request.",
    "A meeting: a member's name (`present`, `absent`, `speakers`) is one person — no 、 joining two, no group "
    "(委員全員, 傍聴者, 関係者, 事務局); a speaker label that names a listed member's surname is that member's, "
    "and a label's council role (…会長, …委員) is the speaker's `role`; a speaker with a council role is among "
    "those `present` when they are listed; a person `present` as a member is not also a speaker for the "
    "secretariat; one council holds 第N回 once a day (also when `term` is left out).",
    "An agenda item: a case is dealt with in an item of its kind (諮問 or 報告, never 確認事項 or その他); an "
    "outcome 継続審議 contradicts a case decided at this meeting; a number at the head of an item's title is "
    "its case's number; an item cannot confirm the record of this meeting or a later one; the meeting named by "
    "`record_approved_at` confirms this 回's record when its agenda confirms records.",
    "The announcement of the next meeting (`next_meeting.as_written`) and its reading agree: the month and day, "
    "the time and a weekday written in it are `next_meeting.date`'s and `start`'s.",
    "The minutes: a heading that says 非公開 belongs to a closed item (not to an open one, nor in a 公開 "
    "meeting); a link to a turn (`#t12`) names a turn the minutes have.",
    "A text holds no 文字化け without its mark: UTF-8 read as Windows-1252 (`äºˆç´„`) or Shift_JIS read so "
    "(`“c’†`), which can be turned back into Japanese, is an error. A comment glued to a value "
    "(`place: 中央館 #801会議室`: YAML drops ` #801会議室`) is an error: quote the value.",
    "A 報告's `decision.result` is not 承認, 条件付き承認 or 不承認 (those answer a 諮問).",
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
    cases = {(c.council.id, c.id): c for c in valid.cases}
    meetings = {(m.council.id, m.id): m for m in valid.meetings}
    for c in valid.cases:
        # The meetings whose agenda deals with the case: what the record of the meeting says. A case's
        # own `meetings` list is linked as it is, even to a meeting its agenda does not name (disputed
        # in the sixth corpus); it is held against the request's date on its own (_listed_before).
        held = deliberating.get((c.council.id, c.id), [])
        _case(c, councils, [m for m in held if not m.model.draft], diagnostics)
        _case_more(c, councils, cases, meetings, diagnostics)
    for m in valid.meetings:
        _meeting(m, councils, diagnostics)
        people.check(m, diagnostics)
        _agenda(m, cases, meetings, diagnostics)
        _next_meeting(m, diagnostics)
        _minutes(m, cases, diagnostics)
    _same_session_same_day(valid.meetings, diagnostics)
    entries: list[ValidCase | ValidMeeting] = [*valid.cases, *valid.meetings]
    for v in entries:
        _mojibake(v, diagnostics)
        _glued_comments(v, diagnostics)


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


# --- Cases: the fields of a case against each other, and against the council ------------------

_KANJI_NUMERAL = re.compile(r"[〇零一二三四五六七八九十百千]+")
# A number at the head of a title without brackets: 諮問第481号 区民窓口… (a space after it).
_HEAD_NUMBER = re.compile(r"^(諮問第[0-9]+号|" + ERA_PATTERN + r"(?:元|[0-9]+)年度(?:諮問)?第[0-9]+号(?:議案)?)\s")
_JOINED_DEPARTMENTS = re.compile(r"[、，､]")


def case_number_key(text: str, council: Council) -> tuple[int | None, int] | None:
    """A case number as its council's numbering compares it — 諮問第九六一号 is 諮問第961号,
    令和2年度第26号 is 令和2年度第26号議案; None when it is not one (also used by plausible.py)."""
    s = re.sub(r"\s", "", squeeze(text))
    s = re.sub(r"(?<=第)[〇零一二三四五六七八九十百千]+(?=号)", lambda m: str(parse_number(m.group())), s)
    try:
        parts = parse_case_number(s, council.numbering)
    except ValueError:
        return None
    return parts.fiscal_year, parts.seq


def _case_more(c: ValidCase, councils: list[Council], cases: dict[tuple[str, str], ValidCase],
               meetings: dict[tuple[str, str], ValidMeeting], diagnostics: Diagnostics) -> None:
    model, council = c.model, c.council
    own = case_number_key(model.number, council) if model.number else None
    title = re.sub(r"[ \u3000]+", " ", squeeze(model.title))
    if own and (head := _HEAD_NUMBER.match(title)) and case_number_key(head.group(1), council) != own:
        _error(c, "title", f"件名の頭の「{head.group(1)}」が番号（number）の「{model.number}」と違います。"
                           "原資料を確かめて、どちらかを直してください", diagnostics)
    if own and (heading := _HEADING.search(c.record.body)):
        text = re.sub(r"\s", "", squeeze(heading["text"]))
        if _KANJI_NUMERAL.search(text) and (said := case_number_key(text, council)) and said != own:
            line = c.record.body_line + c.record.body[: heading.start()].count("\n")
            diagnostics.error(c.record.path, line, "body", f"本文の最初の見出しは「{heading['text']}」ですが、番号"
                                                           f"（number）は「{model.number}」です。原資料を確かめて、"
                                                           "どちらかを直してください")
    decision = model.decision
    if decision and model.kind == "報告" and decision.result in ("承認", "条件付き承認", "不承認"):
        _error(c, "decision.result", f"報告の案件に「{decision.result}」の結果が書かれています。承認・不承認は諮問に"
                                     "答えるもので、報告は了承（または その他）です。種別（kind）か結果を直してください",
               diagnostics)
    if decision and decision.number and normalize_key(decision.number).startswith("諮問"):
        _error(c, "decision.number", f"「{decision.number}」は諮問の番号です。答申番号（decision.number）には答申の"
                                     "番号（答申第516号 など）を書きます。分からなければ項目ごと消してください", diagnostics)
    request = model.request
    if request and request.document_number and _is_date(request.document_number):
        _error(c, "request.document_number", f"「{request.document_number}」は日付です。文書番号（20経情送第342号 "
                                             "など）を書き、日付は request.date に書いてください", diagnostics)
    if request and request.by:
        if other := _others(council, councils, request.by, lambda x: x.municipality):
            _error(c, "request.by", f"依頼者が{other}になっていますが、この案件は{council.name}の案件です。"
                                    "依頼者か、ファイルを置く審議会のフォルダを直してください", diagnostics)
        elif normalize_key(council.name) in normalize_key(request.by):
            _error(c, "request.by", f"依頼者が審議会自身（{council.name}）になっています。諮問は区長などの"
                                    "実施機関が審議会に依頼します。原資料の依頼者を書いてください", diagnostics)
    departments = model.department if isinstance(model.department, list) else \
        [model.department] if model.department else []
    for i, dept in enumerate(departments):
        path = f"department[{i}]" if isinstance(model.department, list) else "department"
        if other := _others(council, councils, dept, lambda x: x.municipality):
            _error(c, path, f"主管課が{other}の課になっていますが、この案件は{council.name}の案件です。"
                            "主管課か、ファイルを置く審議会のフォルダを直してください", diagnostics)
        elif _JOINED_DEPARTMENTS.search(dept):
            _error(c, path, f"「{dept}」には二つ以上の課が入っています。課ごとに分けてリストで書いてください"
                            "（department: [一つ目の課, 二つ目の課]）", diagnostics)
    categories: dict[str, tuple[int, str]] = {}
    for i, basis in enumerate(model.bases):
        if not basis.article:
            continue
        first = categories.setdefault(normalize_key(basis.article), (i, basis.category))
        if first[1] != basis.category:
            _error(c, f"bases[{i}].category", f"同じ条文「{basis.article}」が{first[0] + 1}件目では{first[1]}、"
                                              f"ここでは{basis.category}です。分類は条文で決まります。"
                                              "原資料を確かめて、条文か分類を直してください", diagnostics)
    if request and request.date:
        decided_at = model.decision.meeting if model.decision else None
        for i, ref in enumerate(model.meetings):
            held = meetings.get((council.id, ref))
            on = held.model.date if held and not held.model.draft else None
            # A meeting whose agenda deals with the case, or that gave its 答申, is reported by
            # _case at request.date: one contradiction, one error.
            if held is None or ref == decided_at or any(item.case == c.id for item in held.model.agenda):
                continue
            if on and on.surely_before(request.date):
                _error(c, f"meetings[{i}]", f"審議した会議 {ref}（{on.iso()}）が依頼の日付（{request.date.iso()}）"
                                            "より前です。諮問は依頼されてから審議されます。会議か依頼の日付を"
                                            "直してください", diagnostics)
                break


def _is_date(text: str) -> bool:
    try:
        parse_date(text)
    except ValueError:
        return False
    return True


# --- Agenda items against their cases and the meetings they name -----------------------------

_RECORD = re.compile(r"(会議録|要録|議事録|会議概要)")


def _named_sessions(title: str) -> list[tuple[int | None, int]]:
    """(期, 回) of each record an item's title names: 第十四期・第3回…要録(案) → [(14, 3)];
    第20期第1回・第2回会議録 → [(20, 1), (20, 2)]; 第1回～第3回 → the three."""
    if not _RECORD.search(title):
        return []
    term = _TERM.search(title)
    t = _number(term.group(1)) if term else None
    found: list[tuple[int | None, int]] = []
    for span in re.finditer(rf"第({_NUMERAL})回(?:\s*[～〜~\-－]\s*第?({_NUMERAL})回)?", title):
        a = _number(span.group(1))
        b = _number(span.group(2)) if span.group(2) else a
        if a is not None and b is not None and 0 < b - a < 50:
            found += [(t, n) for n in range(a, b + 1)]
        elif a is not None:
            found.append((t, a))
    return found


def _agenda(m: ValidMeeting, cases: dict[tuple[str, str], ValidCase],
            meetings: dict[tuple[str, str], ValidMeeting], diagnostics: Diagnostics) -> None:
    model = m.model
    for i, item in enumerate(model.agenda):
        case = cases.get((m.council.id, item.case or ""))
        if item.case and item.kind in ("確認事項", "その他") and case is not None:
            _error(m, f"agenda[{i}].kind", f"種別が{item.kind}ですが、案件 {item.case} は{case.model.kind}です。"
                                          f"案件を扱う議事の種別は案件と同じ（{case.model.kind}）にしてください", diagnostics)
        decided_here = case is not None and case.model.decision is not None and case.model.decision.meeting == m.id
        if decided_here and item.outcome and "継続" in item.outcome:
            _error(m, f"agenda[{i}].outcome", f"結果が「{item.outcome}」ですが、案件 {item.case} の答申"
                                              f"（decision.meeting: {m.id}）はこの会議でのものです。どちらかを直して"
                                              "ください", diagnostics)
        if case is not None and case.model.number and item.title:
            own = case_number_key(case.model.number, m.council)
            title = re.sub(r"[ \u3000]+", " ", squeeze(item.title))
            said = _LABEL.match(title) or _HEAD_NUMBER.match(title)
            if own and said and case_number_key(said.group(1), m.council) != own:
                _error(m, f"agenda[{i}].title", f"件名の頭の「{said.group(1)}」が案件 {item.case} の番号"
                                                f"「{case.model.number}」と違います。件名か案件を直してください", diagnostics)
        named = next((n for n in _named_sessions(item.title or "")
                      if (n[0] is None or n[0] == model.term) and n[1] >= model.session), None)
        if named:
            what = "この会議自身" if named[1] == model.session else "後の会議"
            _error(m, f"agenda[{i}].title", f"第{named[1]}回の記録の確認ですが、それは{what}（第{model.session}回"
                                            "がこの会議）です。記録はその後の会議で確認します。回を直してください",
                   diagnostics)
    approver = meetings.get((m.council.id, model.record_approved_at or ""))
    if approver is not None and approver.id != m.id:
        confirms = [n for item in approver.model.agenda for n in _named_sessions(item.title or "")]
        if confirms and not any(n[1] == model.session and (n[0] is None or model.term is None or n[0] == model.term)
                                for n in confirms):
            _error(m, "record_approved_at", f"会議 {approver.id} の議事が確認する記録は"
                                            f"{'、'.join(f'第{n[1]}回' for n in confirms)}のもので、この会議"
                                            f"（第{model.session}回）のものではありません。承認した会議か、その議事を"
                                            "直してください", diagnostics)


# --- The next meeting's announcement against its reading --------------------------------------

_ANNOUNCED_DAY = re.compile(rf"(?:(?P<era>{ERA_PATTERN})(?P<year>元|[0-9]+)年)?(?P<month>[0-9]{{1,2}})月"
                            r"(?P<day>[0-9]{1,2})日(?:[(（](?P<weekday>[月火水木金土日])(?:曜日?)?[)）])?")
_ANNOUNCED_TIME = re.compile(r"(?:午前|午後)?[0-9]{1,2}時(?:[0-9]{1,2}分|半)?|(?<![0-9])[0-9]{1,2}:[0-9]{2}")


def _next_meeting(m: ValidMeeting, diagnostics: Diagnostics) -> None:
    nxt = m.model.next_meeting
    if nxt is None or isinstance(nxt, str) or not nxt.as_written:
        return
    text = re.sub(r"\s", "", squeeze(nxt.as_written))
    days = list(_ANNOUNCED_DAY.finditer(text))
    if len(days) == 1:
        said = days[0]
        month, day = int(said["month"]), int(said["day"])
        reading = nxt.date
        if reading is not None and reading.day is not None and (reading.month, reading.day) != (month, day):
            _error(m, "next_meeting.date", f"次回の日付が{reading.month}月{reading.day}日ですが、原文（as_written）は"
                                           f"「{said.group()}」です。原文を確かめて、どちらかを直してください", diagnostics)
        elif said["weekday"]:
            year = reading.year if reading is not None and reading.day is not None else _year_after(m, month, day)
            try:
                on = parse_date(f"{year}-{month:02d}-{day:02d}") if year else None
            except ValueError:
                on = None
            actual = "月火水木金土日"[on.earliest().weekday()] if on else None
            if actual and actual != said["weekday"]:
                _error(m, "next_meeting.as_written", f"原文の「{said.group()}」の曜日が合いません（{year}年{month}月"
                                                     f"{day}日は{actual}曜日です）。原資料を確かめて直してください",
                       diagnostics)
    times = _ANNOUNCED_TIME.findall(text)
    if nxt.start and len(times) >= 1:
        try:
            start = parse_time(times[0])
        except ValueError:
            start = None
        if start and start != nxt.start:
            _error(m, "next_meeting.start", f"次回の開始時刻が{nxt.start}ですが、原文（as_written）は「{times[0]}」"
                                            "です。原文を確かめて、どちらかを直してください", diagnostics)


def _year_after(m: ValidMeeting, month: int, day: int) -> int | None:
    """The year of 9月9日 announced at a meeting: this meeting's year, or the next one's."""
    on = m.model.date
    if on is None or on.month is None:
        return None
    return on.year + (1 if (month, day) < (on.month, on.day or 1) else 0)


# --- The minutes against the agenda -------------------------------------------------------------

_TURN_LINK = re.compile(r"\]\(#t([0-9]+)\)")
_TURN = re.compile(r"^[ \t]*[○◯〇]", re.M)


def _minutes(m: ValidMeeting, cases: dict[tuple[str, str], ValidCase], diagnostics: Diagnostics) -> None:
    model, rec = m.model, m.record
    body = rec.body
    open_numbers = {normalize_key(case.model.number): item for item in model.agenda
                    if item.access != "非公開" and (case := cases.get((m.council.id, item.case or "")))
                    and case.model.number}
    for heading in _HEADING.finditer(body):
        text = heading["text"]
        if not re.search(r"[（(]\s*非公開\s*[）)]|非公開\s*$", text):
            continue
        key = normalize_key(text)
        if model.access == "公開" or any(n in key for n in open_numbers):
            line = rec.body_line + body[: heading.start()].count("\n")
            diagnostics.error(rec.path, line, "body", f"見出し「{text}」は非公開と書いていますが、この議事は公開"
                                                      f"（会議の access: {model.access}）として公開されます。非公開なら"
                                                      "議事に access: 非公開 と minutes_section を書いてください。"
                                                      "公開なら見出しを直してください")
    turns = len(_TURN.findall(body))
    for link in _TURN_LINK.finditer(body):
        if int(link.group(1)) > turns or int(link.group(1)) == 0:
            line = rec.body_line + body[: link.start()].count("\n")
            diagnostics.error(rec.path, line, "body", f"発言 #t{link.group(1)} へのリンクですが、この審議経過の発言は"
                                                      f"{turns}件です。リンク先を直してください")


def _same_session_same_day(meetings: list[ValidMeeting], diagnostics: Diagnostics) -> None:
    """One council holds its 第N回 once: two files of one 回 on one day are one meeting twice,
    also when one leaves `term` out (link.py compares 期 and 回 when both are written)."""
    seen: dict[tuple[str, int, str], ValidMeeting] = {}
    for m in meetings:
        d = m.model.date
        if m.model.draft or d is None or d.day is None:
            continue
        key = (m.council.id, m.model.session, d.iso())
        if (first := seen.setdefault(key, m)) is not m and (first.model.term is None or m.model.term is None
                                                            or first.model.term == m.model.term):
            for a, b in ((m, first), (first, m)):
                _error(a, "session", f"同じ日（{d.iso()}）の第{m.model.session}回が {diagnostics.rel(b.record.path)} "
                                     "にもあります。同じ会議なら1つのファイルにまとめ、別の会議なら回か日付を直して"
                                     "ください", diagnostics)


# --- 文字化け without its mark, comments glued to values ---------------------------------------

# A run of the characters Windows-1252 gives bytes 0x80–0xFF (with the ASCII between them).
_CP1252_RUN = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                         "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2,}")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff]")


def mojibake(text: str) -> str | None:
    """The Japanese a run of Windows-1252 characters was, read as UTF-8 or Shift_JIS, or None."""
    for run in _CP1252_RUN.finditer(text):
        try:
            raw = run.group().encode("cp1252")
        except UnicodeEncodeError:
            continue
        for encoding in ("utf-8", "cp932"):
            try:
                back = raw.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _CJK.search(back):
                return back
    return None


def _mojibake(v: ValidCase | ValidMeeting, diagnostics: Diagnostics) -> None:
    for path, text in text_fields(v.record.front.data, ""):
        if found := mojibake(text):
            _error(v, path, f"文字化けしています（「{found}」が別の文字コードで読まれた形です）。原資料から"
                            "写し直してください", diagnostics)


def _glued_comments(v: ValidCase | ValidMeeting, diagnostics: Diagnostics) -> None:
    """`place: 中央館 #801会議室`: YAML reads ` #801…` as a comment and drops it. A comment after a
    value is written `# …` with a space; one glued to its words is part of the value."""
    for path, text in text_fields(v.record.front.data, ""):
        line_no = v.record.front.line(path)
        lines = v.record.front_text.splitlines()
        line = lines[line_no - 2] if 0 < line_no - 1 <= len(lines) else ""
        at = line.find(text) if text else -1
        rest = line[at + len(text):] if at >= 0 else ""
        if re.match(r"[ \t]+#[^\s#!]", rest) and not re.match(r"\s*[\"']", line[line.find(":") + 1:]):
            _error(v, path, f"値の後の「{rest.strip()}」はYAMLでは注記（コメント）として読み捨てられ、"
                            f"「{text}」だけが公開されます。値の一部なら全体を \"…\" で囲んでください", diagnostics)

