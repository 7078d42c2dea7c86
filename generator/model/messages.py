"""What the secretariat reads: every field in Japanese terms, every message in Japanese.

Two tables, one source each:

- `FIELDS`: the Japanese name of each field of a meeting, a case, a hand-written page and the
  settings, so that `agenda[0].case` is printed 「議事の1件目の案件（case）」 — items counted
  from 1, as people count, and the key as the file writes it, so it can be found at the line.
- `CATALOG`: the messages of the stages that still word them in English (link, resolve,
  withhold, obligations, the models' validators, the date parser) → Japanese with what to do.
  `Diagnostics` passes every message through `japanese_message`; a test runs every kind of
  broken file (tests/fixtures/mistakes/, the adversarial corpora) and fails on a message with
  no Japanese in it, so a new English message is caught, not printed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

# --- Field names ------------------------------------------------------------------------------

# A field: its Japanese name, the table of its children, and how its list items are counted.
Field = tuple[str, "dict[str, Field] | None", str]

_MEMBER: dict[str, Field] = {"name": ("氏名", None, ""), "role": ("役職", None, "")}
_AGENDA: dict[str, Field] = {
    "kind": ("種別", None, ""), "case": ("案件", None, ""), "title": ("件名", None, ""),
    "outcome": ("結果", None, ""), "access": ("公開・非公開の別", None, ""),
    "access_reason": ("非公開の理由", None, ""), "minutes_section": ("審議経過の見出し", None, ""),
}
_MATERIAL: dict[str, Field] = {"title": ("資料名", None, ""), "url": ("掲載アドレス", None, ""),
                               "published": ("公表日", None, "")}
_NOTICE: dict[str, Field] = {"published": ("公表日", None, ""), "seats": ("傍聴席数", None, ""),
                             "how_to_attend": ("傍聴の手続", None, ""), "url": ("掲載アドレス", None, "")}
_NEXT: dict[str, Field] = {"date": ("開催日", None, ""), "start": ("開始時刻", None, ""),
                           "as_written": ("原文の表記", None, "")}
MEETING: dict[str, Field] = {
    "term": ("期", None, ""), "session": ("回", None, ""), "fiscal_year": ("年度", None, ""),
    "title": ("会議名", None, ""), "date": ("開催日", None, ""), "start": ("開始時刻", None, ""),
    "end": ("終了時刻", None, ""), "place": ("開催場所", None, ""), "source": ("原本のアドレス", None, ""),
    "access": ("公開・非公開の別", None, ""), "access_reason": ("非公開の理由", None, ""),
    "present": ("出席者", _MEMBER, "人目"), "absent": ("欠席者", _MEMBER, "人目"),
    "secretariat": ("事務局", None, "件目"), "observers": ("傍聴者数", None, ""),
    "record": ("記録の種類", None, ""), "record_state": ("会議録の状態", None, ""),
    "record_approved_at": ("会議録を承認した会議", None, ""),
    "record_published": ("会議録の公表日", None, ""), "notice": ("事前公表", _NOTICE, ""),
    "agenda": ("議事", _AGENDA, "件目"), "materials": ("配付資料", _MATERIAL, "件目"),
    "speakers": ("発言者", _MEMBER, ""), "next_meeting": ("次回開催", _NEXT, ""),
    "draft": ("下書き", None, ""),
}
_BASIS: dict[str, Field] = {"article": ("条文", None, ""), "category": ("分類", None, ""),
                            "procedure": ("手続", None, ""), "note": ("条文の見出し", None, "")}
_REQUEST: dict[str, Field] = {"date": ("日付", None, ""), "document_number": ("文書番号", None, ""),
                              "by": ("依頼者", None, "")}
_DECISION: dict[str, Field] = {"result": ("結果", None, ""), "number": ("答申番号", None, ""),
                               "date": ("日付", None, ""),
                               "meeting": ("会議", None, ""), "opinion": ("意見", None, ""),
                               "published": ("公表日", None, "")}
_CITATION: dict[str, Field] = {"cites": ("本文の引用", None, ""), "target": ("引用先の案件", None, ""),
                               "note": ("注記", None, "")}
CASE: dict[str, Field] = {
    "kind": ("種別", None, ""), "number": ("番号", None, ""), "title": ("件名", None, ""),
    "source": ("原本のアドレス", None, ""), "department": ("主管課・担当課", None, "件目"), "bases": ("根拠条文", _BASIS, "件目"),
    "request": ("諮問の依頼", _REQUEST, ""), "fiscal_year": ("年度", None, ""),
    "meetings": ("審議した会議", None, "件目"), "decision": ("答申", _DECISION, ""),
    "citations": ("引用の訂正・追加", _CITATION, "件目"), "draft": ("下書き", None, ""),
}
PAGE: dict[str, Field] = {"title": ("タイトル", None, ""), "description": ("説明", None, ""),
                          "draft": ("下書き", None, ""), "template": ("テンプレート", None, "")}
_RULES: dict[str, Field] = {
    "source": ("定めの名称", None, ""), "notice_days": ("事前公表の日数", None, ""),
    "notice_source": ("事前公表の根拠", None, ""), "closure_reasons": ("非公開の理由の一覧", None, "件目"),
    "closure_source": ("非公開の根拠", None, ""), "materials_days": ("資料公表の日数", None, ""),
    "materials_source": ("資料公表の根拠", None, ""), "record_mode": ("会議録の期限の起算", None, ""),
    "record_days": ("会議録公表の日数", None, ""), "record_source": ("会議録公表の根拠", None, ""),
    "decision_days": ("答申公表の日数", None, ""), "decision_source": ("答申公表の根拠", None, ""),
    "annual_report_source": ("年次報告の根拠", None, ""),
}
_COUNCIL: dict[str, Field] = {
    "id": ("ID", None, ""), "name": ("正式名称", None, ""), "short_name": ("略称", None, ""),
    "municipality": ("自治体名", None, ""), "municipality_code": ("全国地方公共団体コード", None, ""),
    "kind": ("種別", None, ""), "ordinances": ("根拠条例", None, "件目"),
    "disclosure": ("会議の公開の定め", _RULES, ""), "numbering": ("番号の付け方", None, ""),
    "contact": ("問い合わせ先", None, ""), "website": ("公式ページ", None, ""),
    "documents_url": ("原資料の掲載先", None, ""),
}
SETTINGS: dict[str, Field] = {"content_dir": ("内容のフォルダ", None, ""),
                              "councils": ("審議会", _COUNCIL, "件目"),
                              "plugins": ("プラグイン", None, "件目")}

# Whole-file "fields": the file itself, its name, its block of fields at the top. `file` and
# `folder` stay as they are: tools and tests read `path: file: …` as "the whole file is refused"
# (a file too large, a link, a folder where a file belongs), and the message says it in Japanese.
WHOLE_FILE = {"file": "file", "folder": "folder", "file name": "ファイル名",
              "front matter": "冒頭の項目欄", "body": "本文"}

TABLES = {"meeting": MEETING, "case": CASE, "page": PAGE, "settings": SETTINGS}


def file_kind(file: str) -> str:
    """meeting, case, page or settings, from where the file lies."""
    parts = file.split("/")
    if len(parts) >= 2 and parts[-2] in ("meetings", "cases"):
        return "meeting" if parts[-2] == "meetings" else "case"
    if file.endswith((".yml", ".yaml")):
        return "settings"
    return "page"


_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def field_label(path: str, kind: str) -> str:
    """`agenda[0].case` → 「議事の1件目の案件」; a key the table lacks is quoted as written."""
    if not path:
        return ""
    if path in WHOLE_FILE:
        return WHOLE_FILE[path]
    table: dict[str, Field] | None = TABLES.get(kind, {})
    parts: list[str] = []
    counter = ""
    if kind == "meeting" and (m := re.match(r"speakers\.(.+?)(?:\.(name|role))?$", path)):
        # A speaker label may hold dots or spaces: it is everything between speakers. and the field.
        out = f"発言者「{m[1]}」"
        return out + (f"の{_MEMBER[m[2]][0]}" if m[2] else "")
    for m in _PART.finditer(path):
        if m[1] is not None:
            parts.append(f"{int(m[1]) + 1}{counter or '件目'}")
            continue
        name = m[2]
        entry = table.get(name) if table is not None else None
        if entry is None:
            parts.append(f"「{name}」")
            table, counter = None, ""
        else:
            parts.append(entry[0])
            table, counter = entry[1], entry[2]
    return "の".join(parts)


def field_heading(path: str, kind: str) -> str:
    """What a message line names: 「議事の1件目の案件（case）」, or the key alone when it is
    not a field (a misspelt one)."""
    label = field_label(path, kind)
    if path in WHOLE_FILE or not label:
        return label
    key = re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1]
    if label.endswith(f"「{key}」"):
        return label
    return f"{label}（{key}）"


def known_fields(kind: str, parent: str) -> dict[str, str]:
    """The fields allowed under `parent` (a path like `agenda[0]`), each with its Japanese name."""
    table: dict[str, Field] | None = TABLES.get(kind)
    for m in _PART.finditer(parent):
        if m[1] is not None or table is None:
            continue
        entry = table.get(m[2])
        table = entry[1] if entry else None
    return {k: v[0] for k, v in (table or {}).items()}


# --- Messages of the other stages, in Japanese ------------------------------------------------

_V = r"'?(?P<v>.*?)'?"  # a value as the English messages quote it ('x' or a repr)
# A template is a format string of the pattern's groups, or a function of the match and the
# archive's folder (for what needs a look at the files: the id meant by a misspelt one).
_Template: TypeAlias = str | Callable[[re.Match[str], Path | None], str]
_Rule: TypeAlias = tuple[re.Pattern[str], _Template]
_KIND = {"case": "案件", "meeting": "会議"}


def _r(pattern: str, template: _Template) -> _Rule:
    return re.compile(f"^{pattern}$", re.S), template


_DATE_FORMS = "令和3年3月5日、2021-03-05、日が分からなければ 2021-03 のように書いてください"

CATALOG: list[_Rule] = [
    # Dates, times, numbers (japanese.py, models.py)
    _r(rf"{_V} is not a date \(expected 令和3年3月5日, 2021-03-05 or 2021-03\)",
       f"「{{v}}」は日付として読めません。{_DATE_FORMS}"),
    _r(rf"{_V} is outside the years the archive can show \(昭和 to 2100\)",
       "「{v}」は扱える年（昭和から2100年まで）の外です。年の書き間違いを直してください"),
    _r(rf"{_V} is not a date \(month (?P<m>\d+)\)",
       "「{v}」は日付になっていません（{m}月はありません）。月を直してください"),
    _r(rf"{_V} is not a date \((?P<m>\d+)月(?P<d>\d+)日 does not exist\)",
       "「{v}」は日付になっていません（{m}月{d}日はありません）。日を直してください"),
    _r(rf"{_V} is not a date \((?P<e>\D+?)(?P<y>-?\d+)年\)",
       "「{v}」は日付になっていません（{e}{y}年はありません）。1年は「元年」と書きます"),
    _r(rf"{_V} is before 昭和 \(1926-12-25\)",
       "「{v}」は昭和より前の日付で、扱えません。年を直してください"),
    _r(rf"{_V} cannot exist: (?P<e>\S+) began on (?P<d>[\d-]+)",
       "「{v}」はありえない日付です（{e}は{d}に始まりました）。元号か年を直してください"),
    _r(rf"{_V} cannot exist: (?P<e>\S+) ended on (?P<d>[\d-]+) \(did you mean (?P<r>.+)\?\)",
       "「{v}」はありえない日付です（{e}は{d}に終わりました）。{r}のことではありませんか。"
       "元号か年を直してください"),
    _r(rf"{_V} cannot exist: (?P<e>\S+) ended on (?P<d>[\d-]+)",
       "「{v}」はありえない年度です（{e}は{d}に終わりました）。元号か年を直してください"),
    _r(rf"{_V} is written in the wrong era: (?P<e>\S+) ended on (?P<d>[\d-]+), so this is (?P<r>.+)",
       "「{v}」は改元後の日付を旧元号で書いています（{e}は{d}に終わりました）。{r}として扱います。"
       "原資料がこう書いていればこのままで構いません"),
    _r(rf"{_V} is not a fiscal year \(expected 令和2年度 or 2020\)",
       "「{v}」は年度として読めません。令和2年度 または 2020 のように書いてください"),
    _r(rf"{_V} is not a fiscal year the archive can hold \(1926–2100\)",
       "「{v}」は扱える年度（1926年度から2100年度まで）の外です。年度を直してください"),
    _r(rf"{_V} is not a time \(expected 10:00 or 午前10時00分\)",
       "「{v}」は時刻として読めません。\"10:00\" または 午前10時00分 のように書いてください"),
    _r(rf"{_V} is not a time \((?P<a>午前|午後) goes up to 12時\)",
       "「{v}」はありえない時刻です（{a}は12時までです）。午後3時 か 15:00 のように書いてください"),
    _r(rf"{_V} is ambiguous \((?P<a>午前|午後)12時 is read as noon by some and as midnight by others: write "
       r"12:30 or 0:30\)",
       "「{v}」は{a}12時を正午と読む人と真夜中と読む人がいて、どちらか決まりません。"
       "原資料で確かめて、正午なら 12:30、真夜中なら 0:30 のように24時間で書いてください"),
    _r(rf"{_V}: a weekday is written, but no day \(a weekday belongs to a date; write the day\)",
       "「{v}」は日がないのに曜日が書かれています（曜日は日付にしかありません）。原資料で日を確かめて書いてください"
       "（日が分からなければ曜日を消してください）"),
    _r(rf"{_V} is not a time", "「{v}」はありえない時刻です（時は0〜23、分は0〜59）。時刻を直してください"),
    _r(rf"{_V} is not a number \(expected e\.g\. 4 for 第4回\)",
       "「{v}」は数ではありません。第4回なら 4 のように数字で書いてください"),
    _r(rf"{_V} is not a number", "「{v}」は数として読めません。4 や 十三 のように書いてください"),
    _r(rf"{_V} is not a 期 or 回 \(expected a number from 1 to 999\)",
       "「{v}」は期・回の数としてありえません。1から999までの数を書いてください"),
    _r(rf"{_V} is not a whole number \(write it as digits only, e\.g\. 3\)",
       "「{v}」は整数ではありません。3 のように数字だけで書いてください"),
    _r(rf"{_V} is not a whole number \(expected e\.g\. 4 for 第4回\)",
       "「{v}」は整数ではありません。第4回なら 4 のように数字だけで書いてください"),
    _r(r"(?:end: )?(?P<e>\S+) is before the start \((?P<s>\S+)\): a meeting ends after it starts",
       "終了時刻 {e} が開始時刻 {s} より前です。どちらかの時刻を直してください（午後は 午後1時 か 13:00）"),
    _r(r"(?:speakers: )?'(?P<a>.*)' and '(?P<b>.*)' are the same label once written in one form "
       r"\(full/half width, combined marks\): list each speaker once",
       "発言者「{a}」と「{b}」は、全角・半角などの違いを除くと同じラベルです。1つにまとめてください"),
    _r(rf"{_V}: (?P<d>[\d-]+) was a (?P<a>.)曜日, not a (?P<w>.)曜日 \(check the day\)",
       "「{v}」の曜日が合いません（{d}は{a}曜日です。{w}曜日ではありません）。日付か曜日を直してください"),
    _r(r"(?:next_meeting: )?(?P<n>[\d-]+) is before this meeting \((?P<d>[\d-]+)\): the next meeting comes after it",
       "次回開催（{n}）がこの会議（{d}）より前です。次回の日付を直してください"),
    _r(r"(?P<r>[\d-]+) is after the meeting that gave the 答申 \((?P<h>[\d-]+)\): a request comes before its 答申",
       "諮問の依頼の日付（{r}）が、答申した会議（{h}）より後です。依頼の日付を直してください"),
    _r(rf"{_V} is number 0: case numbers start at 1 \(check the number\)",
       "「{v}」は第0号です。番号は1から始まります。原資料の番号を確かめてください"),
    _r(r"(?P<d>[\d-]+) is before the meeting that gave the 答申 \((?P<h>[\d-]+)\): check the date or decision\.meeting",
       "答申の日付（{d}）が、答申した会議（{h}）より前です。日付か decision.meeting を直してください"),
    _r(r"(?:next_meeting: )?(?P<n>[\d-]+) (?P<t>\S+) is before this meeting ends: the next meeting comes after it "
       r"\(check the date\)",
       "次回開催（{n} {t}）がこの会議の終わるより前です。次回の日付か時刻を直してください"),
    _r(r"(?:record_state: )?案 \(a draft record\), yet record_approved_at says '(?P<r>.*)' approved it: "
       r"an approved record is 確定",
       "会議録の状態が「案」ですが、会議「{r}」で承認済みになっています（record_approved_at）。承認された会議録は 確定 にしてください"),
    _r(r"(?:present: )?an empty list says nobody attended; leave the field out when the record does not say who "
       r"attended",
       "空のリストは「出席者なし」の意味になります。記録に出席者が書かれていなければ、項目ごと消してください"),
    _r(r"(?:speakers: )?'(?P<l>.*)' cannot be a speaker label: a label is what follows ○ up to the first space in "
       r"the minutes \(no ○, no space, no invisible character\)",
       "「{l}」は発言者のラベルになりません。ラベルは審議経過の ○ の後、最初の空白までの文字です"
       "（○・空白・見えない文字と、末尾の「：」は含めません）"),
    # Text, ids, addresses (models.py)
    _r(r"must be one line \(write it without line breaks\)", "改行が入っています。1行で書いてください"),
    _r(r"holds a control character \((?P<u>U\+[0-9A-F]+)\), which no text needs: delete it",
       "制御文字（{u}）が入っています。文章には使わない文字なので消してください"),
    _r(r"holds only spaces or invisible characters",
       "空白か見えない文字しかありません。値を書くか、分からなければ項目ごと消してください"),
    _r(r"'index' cannot be an id \(the page would take its folder's place\)",
       "「index」はIDに使えません（一覧ページのアドレスと重なります）。別のIDにしてください"),
    _r(r"(?P<v>.*) contains a space or an invisible character \((?P<u>U\+[0-9A-F]+)\); write the address "
       r"without it \(a space inside an address is written %20\)",
       "アドレス {v} に空白か見えない文字（{u}）が入っています。取り除いてください"
       "（アドレスの中の空白は %20 と書きます）"),
    _r(rf"{_V} leads to another site without saying so: write it in full \(https://…\), or as a path on this "
       r"site \(a backslash is never part of one\)",
       "「{v}」は、知らないうちに別のサイトへ移るアドレスです。https:// から書くか、このサイトのパスにしてください"
       "（\\ はパスに使えません）"),
    _r(rf"{_V} is a web address without https://: write it in full \(otherwise it is read as a page of this site\)",
       "「{v}」に https:// がありません。https:// から書いてください（このままではこのサイトのページと読まれます）"),
    _r(rf"{_V} names no site after (?P<s>\w+)://: write the whole address",
       "「{v}」は {s}:// の後にサイト名がありません。アドレス全体を書いてください"),
    _r(rf"{_V} has a full-width ： or ／: write the address in half-width characters",
       "「{v}」に全角の「：」か「／」があります。アドレスは半角で書いてください"),
    _r(rf"{_V} is not a web address \(expected https://…, mailto: or a path\)",
       "「{v}」はWebのアドレスではありません。https:// で始まるアドレス、mailto: またはサイト内のパスを書いてください"),
    _r(rf"{_V} has a wrong check digit \(expected (?P<x>\d+)\)",
       "「{v}」は最後の桁（検査数字）が合いません。{x} ではありませんか。総務省の一覧で確かめてください"),
    _r(r"duplicate id (?P<x>.+)", "ID「{x}」が2つの審議会に使われています。IDを別々にしてください"),
    _r(r"a citation needs `cites` or `target`",
       "cites（本文の引用の表記）か target（引用先の案件のID）の少なくとも一方を書いてください"),
    _r(rf"{_V} is not a number of the form (?P<f>\S+)",
       "「{v}」は {f} の形の番号ではありません。原資料の番号をこの形で書いてください"),
    _r(rf"{_V} holds a number of 7 or more digits \(expected e\.g\. 諮問第480号\)",
       "「{v}」に7桁以上の数があります。諮問第480号 のような番号を書いてください"),
    _r(r"lists (?P<x>.+) more than once", "{x} が2回以上書かれています。1回にしてください"),
    _r(rf"{_V} is corrected or added more than once: keep one entry",
       "「{v}」の訂正・追加が2つ以上あります。1つにまとめてください"),
    _r(r"an agenda item needs a case or a title",
       "議事には案件（case：案件ファイルのID）か件名（title）が必要です。どちらかを書いてください"),
    _r(r"(?:access: )?(?P<a>非公開|一部非公開) needs access_reason \(why it was closed\)",
       "{a}の理由（access_reason）がありません。審議会の定める非公開の理由を書いてください"),
    # Links between files (link.py)
    _r(r"unknown (?P<k>case|meeting) '(?P<r>.*)' \(expected a file (?P<p>.+)\)",
       lambda m, root: _unknown_file(m, root)),
    _r(r"(?P<k>case|meeting) '(?P<r>.*)' is a draft: not linked",
       lambda m, _root: f"{_KIND[m['k']]}「{m['r']}」は下書き（draft: true）なので、リンクしません。"
                 "公開するときに draft: false にしてください"),
    _r(r"(?P<d>[\d-]+) is before the request \((?P<r>[\d-]+)\): a 答申 answers a request made earlier",
       "答申の日付（{d}）が諮問の依頼の日付（{r}）より前です。どちらかの日付を直してください"),
    _r(r"(?P<n>.+) is also the 答申 number of (?P<p>\S+)",
       "答申番号 {n} は {p} の答申にも付いています。どちらかの答申番号を直してください（同じ答申ならファイルを1つにします）"),
    _r(r"(?P<n>.+) is also the number of (?P<p>\S+)",
       "番号 {n} は {p} にも付いています。どちらかの番号を直してください（同じ案件ならファイルを1つにします）"),
    _r(r"(?P<l>.+) is also the meeting of (?P<p>\S+)",
       "{l}は {p} にもあります。期・回（term・session）を直すか、同じ会議ならファイルを1つにしてください"),
    _r(r"a record is approved at a later meeting, not at its own",
       "会議録は後の会議で承認されます。会議録を承認した会議のIDを書いてください（この会議自身ではありません）"),
    _r(r"'(?P<r>.*)' was held before this meeting: it cannot approve its record",
       "「{r}」はこの会議より前の会議で、この会議録を承認できません。承認した会議のIDを直してください"),
    _r(r"(?P<p>[\d-]+) is before the meeting \((?P<m>[\d-]+)\): a record is published after the meeting",
       "会議録の公表日（{p}）が開催日（{m}）より前です。どちらかの日付を直してください"),
    _r(r"(?P<k>\S+), but (?P<p>\S+) is a (?P<c>\S+)",
       "議事の種別は{k}ですが、{p} は{c}の案件です。どちらかの種別を直してください"),
    _r(r"(?P<f>\S+) contradicts the number (?P<n>\S+) \((?P<g>\S+)\)",
       "年度 {f} が番号 {n} の年度（{g}）と合いません。年度を消すか直してください"),
    _r(r"(?P<f>\S+) does not match the date (?P<d>\S+) \((?P<g>\S+)\)",
       "年度 {f} が開催日 {d} の年度（{g}）と合いません。年度は開催日から決まるので、消すか直してください"),
    _r(r"一部非公開 needs the closed items marked \(agenda\[\]\.access: 非公開\)",
       "一部非公開の会議です。非公開にした議事に access: 非公開 と理由（access_reason）を書いてください"),
    _r(r"the meeting is 公開: a reason for closing it contradicts that",
       "公開の会議に非公開の理由が書かれています。理由を消すか、公開・非公開の別（access）を直してください"),
    _r(r"the item is open \(公開\): a reason for closing it contradicts that",
       "公開の議事に非公開の理由が書かれています。理由を消すか、access: 非公開 にしてください"),
    _r(r"a reason for closing the item, but its access is not 非公開 \(mark it access: 非公開, or remove the reason\)",
       "非公開の理由が書かれていますが、この議事は非公開（access: 非公開）になっていません。access: 非公開 と"
       "書くか、理由を消してください"),
    _r(r"a closed item in a meeting marked 公開: mark the meeting 一部非公開",
       "公開の会議に非公開の議事があります。会議を access: 一部非公開 にし、理由を書いてください"),
    _r(r"an open item in a meeting marked 非公開: mark the meeting 一部非公開",
       "非公開の会議に公開の議事があります。会議を access: 一部非公開 にしてください"),
    _r(r"speaker '(?P<l>.*)' is not in the speakers list",
       "発言者「{l}」が発言者の一覧（speakers）にありません。speakers に "
       "「{l}: {{name: 氏名, role: 役職}}」を加えてください"),
    _r(r"no single heading '(?P<h>.*)' in the minutes",
       "審議経過に見出し「{h}」が見つからないか、2つ以上あります。審議経過の見出しをそのまま写してください"),
    _r(r"a closed item's minutes section must be named exactly \(set minutes_section to its heading\); "
       r"headings that match: (?P<l>.*)",
       lambda m, _root: "非公開の議事の審議経過がどの見出しか決められません。minutes_section にその見出しを"
                 f"そのまま書いてください（候補：{'なし' if m['l'] == 'none' else m['l']}）"),
    # Closed parts (withhold.py), closure reasons (obligations.py)
    _r(r"a closed item's section heading is inside a quote, a list or a footnote; make it a heading "
       r"of the minutes themselves",
       "非公開の議事の見出しが引用・箇条書き・脚注の中にあります。審議経過の見出し（## …）にしてください"),
    _r(r"the closed section goes on past this heading \(underlined with --- or inside raw HTML\), to "
       r"line (?P<n>\d+); if open minutes start here, write it as a # heading",
       "非公開の部分がこの見出しを越えて{n}行目まで続きます。ここから公開の審議経過なら、"
       "この見出しを # で始まる見出しにしてください"),
    _r(r"'(?P<r>.*)' is not one of (?P<c>.+)'s reasons for closing a meeting \(expected one of: (?P<l>.*)\)",
       "「{r}」は{c}の定める非公開の理由ではありません。次のどれかを書いてください：{l}"),
    # Citations (resolve.py)
    _r(r"「(?P<l>.*)」: cited 答申 not in the archive \(アーカイブ未収録\)",
       "本文が引用する「{l}」の答申はアーカイブにありません（ページには「アーカイブ未収録」と出ます）。"
       "その案件を収録すると自動でリンクされます"),
    _r(r"'(?P<t>.*)' is this case itself: a case cannot cite its own 答申",
       "「{t}」はこの案件自身です。引用先には別の案件のIDを書いてください"),
    _r(r"'(?P<t>.*)' is neither a year and month \(平成28年1月\) nor a case number "
       r"\(諮問第151号, 令和2年度第26号議案\)",
       "「{t}」は年月（平成28年1月）でも案件番号（諮問第151号、令和2年度第26号議案）でもありません。"
       "本文の引用の表記をそのまま書いてください"),
    _r(r"the text cites no (?P<c>.+) \(it cites: (?P<f>.*)\): correct `cites`, or leave it out and give "
       r"`target` alone to add a citation the text does not make",
       lambda m, _root: f"本文は「{m['c']}」を引用していません（本文の引用：{'なし' if m['f'] == 'none' else m['f']}）。"
                        "cites を本文の表記どおりに直すか、本文にない引用を加えるなら cites を消して target だけを"
                        "書いてください"),
    _r(r"'(?P<t>.*)' needs a month \(e\.g\. 平成28年1月\)", "「{t}」に月がありません。平成28年1月 のように書いてください"),
    # Settings and the pages folder (pipeline.py)
    _r(r"broken YAML: (?P<x>.*)", "YAMLの書き方に誤りがあります。字下げ、「:」の後の空白、括弧や引用符の閉じ忘れを確かめてください"),
    _r(r"is not a MkDocs configuration", "MkDocs の設定ファイルになっていません。site_config.yml を元に戻してください"),
    _r(r"the '(?P<p>.*)' plugin and its councils are missing",
       "plugins に「{p}」とその審議会（councils）がありません。site_config.yml を元に戻してください"),
    _r(r"folder '(?P<f>.*)' does not exist", "内容のフォルダ「{f}」がありません。content_dir を直してください"),
    _r(r"would take the address /(?P<u>.*) of a page the archive makes: rename it",
       "アーカイブが作るページと同じアドレス /{u} になります。ファイル名を変えてください"),
    _r(r"does not exist: it is the folder of hand-written pages \(docs_dir in site_config\.yml\); create it "
       r"\(it may be empty\) or correct docs_dir",
       "このフォルダがありません。手書きのページのフォルダ（site_config.yml の docs_dir）です。"
       "空のフォルダを作るか、docs_dir を直してください"),
    _r(r"would replace /(?P<r>.*), a file of the site's theme: rename or remove it",
       "サイトのテーマのファイル /{r} と重なります。名前を変えるか削除してください"),
    _r(r"would replace /(?P<r>.*), which the archive makes: rename or remove it",
       "アーカイブが作るファイル /{r} と重なります。名前を変えるか削除してください"),
]


def _unknown_file(m: re.Match[str], root: Path | None) -> str:
    kind, ref, expected = _KIND[m["k"]], m["r"], m["p"]
    if root is not None and (root / expected).is_file():
        # The file is there but has errors of its own (reported at its lines): it is not linked.
        return (f"{kind}「{ref}」のファイル（{expected}）に誤りがあるため、つなげられません。"
                "先にそのファイルの誤りを直してください")
    return (f"「{ref}」という{kind}のファイル（{expected}）がありません。{_similar_file(root, expected, ref)}"
            "IDの書き間違いを直すか、そのファイルを作ってください")


def _similar_file(root: Path | None, expected: str, ref: str) -> str:
    """「shimon-480 ではありませんか。」 when a file of that folder has a name close to `ref`."""
    if root is None:
        return ""
    folder = root / Path(expected).parent
    try:
        names = sorted(p.stem for p in folder.glob("*.md"))
    except OSError:
        return ""
    close = difflib.get_close_matches(ref, [n for n in names if n != ref], n=1, cutoff=0.75)
    return f"{close[0]} ではありませんか。" if close else ""


def japanese_message(message: str, root: Path | None = None) -> str:
    """The message in Japanese: a message already in Japanese is kept, an English one of the
    catalog is translated; an unknown English one is kept as it is (a test fails on it).
    `root`: the archive's folder, to suggest the file meant by a misspelt id."""
    for pattern, template in CATALOG:
        if m := pattern.match(message):
            if callable(template):
                return template(m, root)
            return template.format(**{k: v if v is not None else "" for k, v in m.groupdict().items()})
    return message


def has_japanese(text: str) -> bool:
    return re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text) is not None


# PyYAML's problems, as a secretariat would put them right. The first that matches is said.
_YAML_PROBLEMS = (
    ("found character '\\t'", "タブ文字があります。字下げは半角スペースで書いてください"),
    ("mapping values are not allowed", "「: 」の位置が正しくありません。値に「: 」を含めるときは値全体を "
                                       "\"…\" で囲みます。前の行の字下げも確かめてください"),
    ("could not find expected ':'", "「項目名: 値」の「:」（半角コロンと空白）が見つかりません。"
                                    "この行か前の行の「:」を確かめてください"),
    ("expected ',' or ']'", "[ に対応する ] がありません。[ ] を閉じてください"),
    ("expected ',' or '}'", "{ に対応する } がありません。{ } を閉じてください"),
    ("while scanning a quoted scalar", "引用符（\" か '）が閉じていません。値の終わりにも同じ引用符を書いてください"),
    ("found unknown escape character", "\"…\" の中の \\ が読めません。' ' で囲むか、\\ を消してください"),
    ("found undefined alias", "*で始まる値（別名）の元がありません。値をそのまま書くか \"…\" で囲んでください"),
    ("expected <block end>", "字下げ（行頭の空白）が揃っていません。同じ階層の項目は同じ数の空白で始めてください"),
    ("did not find expected key", "字下げ（行頭の空白）が揃っていません。同じ階層の項目は同じ数の空白で始めてください"),
    ("did not find expected '-' indicator", "リストの行（「- 」で始まる行）の字下げが揃っていません"),
    ("that cannot start any token", "この行の値はそのままでは読めない文字で始まっています。値全体を \"…\" で囲んでください"),
    ("special characters are not allowed", "使えない制御文字が入っています。その文字を消してください"),
)


def yaml_problem(problem: str, context: str | None = None) -> str:
    """A PyYAML error in Japanese, with what to do."""
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", problem):
        return problem  # ours (a tag refused), already in Japanese
    text = f"{problem} {context or ''}"
    for needle, said in _YAML_PROBLEMS:
        if needle in text:
            return f"YAMLとして読めません。{said}"
    return ("YAMLとして読めません。この行と前の行の字下げ、「項目名: 値」の「:」と空白、括弧 [ ] { } と"
            "引用符 \" ' の閉じ忘れを確かめてください")
