"""Who attended: the 出席者 / 欠席者 fields of a record, in the forms records use.

    【会長】山川 太郎        山川 太郎【副会長】      会長　山川 太郎      山川 太郎（会長）
    山川会長、谷口副会長、森田委員及び石原委員         (surnames with roles)
    委員 (金子・河上・小松各委員)3名                     (names, then a head count)
    審議会委員：山川会長、谷口委員                        (a group label first)
    (部会)山川部会長、谷口部会長代理、森田、石原の各専門委員   (a bracketed group, the role distributed)
    (政府)…長官、…次官                                  (officials of another group: not members)
    (1) 委員 … (2) 事務局 …                              (sub-lists: members, secretariat)
    委員5名                                              (only a head count: no names)

A token that is not clearly a name (a sentence, a number) is not a member: it is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.japanese import nfkc, parse_number
from . import clean

ROLES = ("会長職務代理者", "会長職務代理", "会長代理", "委員長職務代理者", "委員長代理", "委員長代行", "副委員長",
         "委員長", "副会長", "会長", "座長代理", "副座長", "座長", "臨時委員", "専門委員", "委員",
         "部会長職務代理者", "部会長職務代理", "部会長代理", "副部会長", "部会長",
         "分科会長代理", "副分科会長", "分科会長", "小委員長代理", "小委員長")
# Longest first: 「塩野部会長代理」 is 塩野, 部会長代理 — never 塩野部, 会長代理.
_ROLE = "|".join(sorted(ROLES, key=len, reverse=True))
_NAME_CHARS = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff々〆ヶ]"
_NAME = rf"{_NAME_CHARS}(?:[ \u3000]*{_NAME_CHARS}){{0,11}}"
_GROUPS = {"委員": "members", "審議会委員": "members", "審査会委員": "members", "委員会委員": "members",
           "出席委員": "members", "専門委員": "members", "担当委員": "members",
           "事務局": "secretariat", "説明者": "other", "実施機関": "other",
           "出席職員": "other", "関係職員": "other", "説明員": "other"}
_GROUP_RE = "|".join(sorted(_GROUPS, key=len, reverse=True))
_SUBLIST = re.compile(rf"^(?:[(（]?[0-9０-９]+[)）.．]?|[ア-ン][.．]?|[・◇■])?\s*[【\[〔]?(?P<group>{_GROUP_RE})[】\]〕]?"
                      r"\s*(?:[:：]\s*|(?=[(（].*[)）])|$)(?P<rest>.*)$")
_EACH = re.compile(r"([^()（）、\s]+?)各\s*委員")
# 「委員 (…)7名 事務局(…)4名」 on one line: each group starts a piece of its own.
_INLINE_GROUP = re.compile(rf"(?:(?<=[)）名人\d])|(?<=\s))\s*(?=(?:{_GROUP_RE})\s*[(（:：])")
_COUNT = re.compile(r"[(（]?\s*(?:計|合計)?\s*(\d+|[一二三四五六七八九十]+)\s*[名人]\s*[)）]?")
# pdftotext -layout: 「会 長  草 川   健(弁護士)   副会長  井 上   寛(弁護士)」 on one line — a role,
# two spaces, a name whose parts are three spaces apart. Each role starts a piece.
_SPACED_ROLE = r"(?:副\s?会\s?長|会\s?長|委\s?員\s?長|委\s?員|事\s?務\s?局)"
_LAYOUT_SPLIT = re.compile(rf"(?<=\S)[ \u3000]{{2,}}(?={_SPACED_ROLE}[ \u3000]{{2}})")
_LAYOUT_PERSON = re.compile(rf"^(?P<role>{_SPACED_ROLE})[ \u3000]{{2,}}(?P<name>[^\s()（）]+(?: {{1,3}}[^\s()（）]+)*?)"
                            r"(?:[(（][^()（）]{1,12}[)）])?$")


_LAYOUT_NAMES = re.compile(rf"^(?P<role>{_SPACED_ROLE})[ \u3000]{{2,}}(?P<names>\S+(?: {{1,2}}\S+)*(?:[ \u3000]{{3,}}\S+(?: {{1,2}}\S+)*)+)$")


# Words of posts and bodies, never of a person's name: 「情報公開審査会会長」「情報公開・法制係長」.
_NOT_A_NAME = re.compile(r"審査会|審議会|委員会|部会|・|[課係室局]長?$|課長|係長|部長|主事|主査|主幹|参事|次長|"
                         r"事務局|職員|出席|欠席|音順|省略|敬称|予定|理由|担当|一般|市民|県民|区民")
# Words that are never part of a name, before a role word too (「委員全員」「傍聴者」「関係者」), and
# officials' posts (「八木総務事務次官」 is a post: not a member of the council).
_NOT_A_PERSON = re.compile(r"傍聴|全員|関係者|司会|記者|報道|事務局|長官|次官|大臣|審議官|参事官|調査員|知事|"
                           r"[市区町村]長$|議長")
# A group label alone on its line: 「情報公開審査会」「【消費者委員会事務局】」「(事務局)」.
_GROUP_LINE = re.compile(r"^(?:[【\[〔(（](?P<bracketed>[^【】\[\]〔〕()（）\s、]{1,24})[】\]〕)）]"
                         r"|(?P<label>[^【】\[\]〔〕()（）\s、]{0,20}(?:審査会|審議会|委員会|調査会)))$")
_NOTE = re.compile(r"[(（](?:敬称略|敬省略|五十音順|50音順|順不同)[^()（）]*[)）]")
# A group label in brackets before its names: 「(委員会)A委員長、B」「(部 会)…」「(政 府)…」「(事務局)…」.
_GROUP_PREFIX = re.compile(r"^[(（〔](?P<label>[^()（）〔〕、。\d]{1,8})[)）〕][ \u3000]*(?P<rest>\S.*)$")
_OBSERVERS = re.compile(r"[、，,]?[ \u3000]*傍聴(?:者|人)(?:数)?[ \u3000]*[:：]?[ \u3000]*(\d+)[ \u3000]*[名人]")
# A bracketed role before one name further in a list: 「…、(副会長)B、C」.
_ROLE_BEFORE_NAME = re.compile(rf"(?:[、，,]|及び)[ \u3000]*[【\[〔(（](?:{_ROLE})[】\]〕)）]")
_KANJI_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff々ヶ \u3000]{2,12}")


def _group_of(label: str, default: str) -> str:
    """The group a label heads: the secretariat, the council's members, or others (officials,
    explainers) whose names are not members'; `default` when the label does not say."""
    label = re.sub(r"\s", "", label)
    if "事務局" in label:
        return "secretariat"
    if re.search(r"説明|職員|関係|政府|省|庁|執行部|理事者|幹事|オブザーバー", label):
        return "other"
    if re.search(r"委員|審査会|審議会|委員会|部会|分科会|調査会", label):
        return "members"
    return default


def _each_list(text: str) -> str | None:
    """The names before 「の各委員」: 「A、B及びC」 as it is, 「AとB」 (kanji names only: と is then
    no part of a name) as 「A、B」; None when the text is not a list of names."""
    pieces = []
    for piece in re.split(r"([、，,]|及び|および|並びに)", text):
        parts = piece.split("と")
        if len(parts) > 1 and all(_KANJI_NAME.fullmatch(x) and person(x) for x in parts):
            piece = "、".join(parts)
        pieces.append(piece)
    joined = "".join(pieces)
    return joined if re.search(r"[、，,]|及び|および|並びに", joined) else None


_ABSENT = re.compile(r"^(?P<who>.+?)(?:は|が)?(?:所用|都合|公務)?(?:により|のため)?欠席$")


@dataclass
class People:
    members: list[dict] = field(default_factory=list)
    absent: list[dict] = field(default_factory=list)   # 「西谷委員は所用により欠席」 within 出席者
    secretariat: list[str] = field(default_factory=list)
    count: int | None = None            # a head count, when the record gives one
    observers: int | None = None        # 「…、事務局、傍聴者1名」: observers counted among those present
    unread: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    """NFKC except the full-width space, which separates family and given name."""
    return "".join(ch if ch == "\u3000" else nfkc(ch) for ch in text)


def person(token: str) -> dict | None:
    """One attendee: {name, role?}; None when the token is not clearly a name."""
    s = _norm(token).strip(" 　・,、")
    s = _COUNT.sub("", s).strip()
    s = re.sub(r"(?<=\S)(?:君|様|氏)$", "", s)  # 「佐藤 裕彦君」: the honorific is not the name
    if re.fullmatch(r"なし|無し|いない|おらず|[0０]名?", s):
        return None
    if re.search(r"(?:^|\s)\S(?: \S){2,}(?:\s|$)", s):  # 「会 長 安 達 和 志」: spaced out
        s = clean.squeeze_spaced(s)
        if len(re.sub(rf"^(?:{_ROLE})|\s", "", s)) > 6:
            return None  # 「木 原 大 輔 重 信 元 子」: two names spaced out in a row — which two, the text cannot say
    if not s:
        return None
    for pattern in (rf"^[【\[〔(（](?P<role>{_ROLE})[】\]〕)）]\s*(?P<name>{_NAME})$",
                    rf"^(?P<name>{_NAME})\s*[【\[〔(（](?P<role>{_ROLE})[】\]〕)）]$",
                    rf"^(?P<role>{_ROLE})\s+(?P<name>{_NAME})$",
                    rf"^(?P<name>{_NAME})\s+(?P<role>{_ROLE})$",
                    rf"^(?P<name>{_NAME_CHARS}{{1,7}}?)(?P<role>{_ROLE})$"):
        if m := re.match(pattern, s):
            if m["role"] and re.fullmatch(rf"(?:{_ROLE})+", m["name"].replace(" ", "")):
                return None
            name = m["name"]
            if (t := re.fullmatch(rf"(?P<name>{_NAME_CHARS}(?:[ \u3000]*{_NAME_CHARS})+?)[ \u3000]*(?:{_ROLE})", name)) \
                    and pattern.startswith("^[【"):
                # 「(副会長)小森一郎委員」: the bracketed role is the one the list gives this name; the
                # role word after it (委員, 会長) is no part of the name
                name = t["name"]
            if re.search(r"審査会|審議会|委員会|部会|調査会", m["name"]) or _NOT_A_PERSON.search(m["name"]):
                return None  # 「情報公開審査会会長」: a post, not a person
            if re.search(r"各$|の$", m["name"]):
                return None  # 「堀部政男の各専門委員」: the tail of a list, not a name
            return {"name": _name(name), "role": m["role"]}
    if re.fullmatch(_NAME, s) and not re.fullmatch(rf"(?:{_ROLE}|{_GROUP_RE})", s.replace(" ", "")) \
            and not _NOT_A_NAME.search(s) and not _NOT_A_PERSON.search(s) and len(s.replace(" ", "")) <= 8:
        return {"name": _name(s)}
    return None


def _name(raw: str) -> str:
    """A full-width space (or two spaces) separates family and given name; single spaces
    inside a part are PDF spacing (「佐 藤　花 子」 → 佐藤 花子)."""
    parts = re.split(r"\u3000| {2,}", raw.strip())
    if len(parts) == 1 and raw.count(" ") == 1:
        parts = raw.split(" ")
    return " ".join(p.replace(" ", "") for p in parts if p.strip())


def _tokens(text: str) -> list[str]:
    parts = re.split(r"[、，,]|及び|および|並びに|\n|[ \u3000]{3,}|\t|(?<=[】)）\]])[ \u3000]+|(?:^|[ \u3000]+)・", text)
    return [t for t in parts if t.strip()]


def read(text: str, default_role: str | None = None) -> People:
    """The attendees of a 出席者 field (members, secretariat, head count). A name without a role
    takes the role its list states: `default_role` (the field's label says 出席委員), a group
    heading 「委員」, or a bracketed role before the line's names (「【委員】A、B」). The label's
    role is given only to a list that marks no roles itself (with 「（会長）」 beside some names,
    a name without one is left without)."""
    out = People()
    group = "members"
    role = None
    if m := _OBSERVERS.search(_norm(text)):
        out.observers = int(m[1])
        text = _OBSERVERS.sub("", _norm(text))
    # A list broken over lines (「…、尾崎護、 / 後藤仁、…の各専門委員」) is one list.
    text = re.sub(r"(?:(?<=[、，,])|(?<=及び))[ \t\u3000]*\n[ \t\u3000]*", "", text)
    pieces = [p for line in text.split("\n") for p in _INLINE_GROUP.split(_norm(line).strip())]
    pieces = [q for p in pieces for q in (_LAYOUT_SPLIT.split(p) if _LAYOUT_SPLIT.search(p) else [p])]
    for line in pieces:
        if re.match(r"^事\s?務\s?局[ \u3000]{2,}", line.strip()):
            group = "secretariat"  # its names are not read (the archive keeps the 事務局 as text)
            continue
        if (m := _LAYOUT_NAMES.match(line.strip())) and not _LAYOUT_PERSON.match(line.strip()):
            # 「委 員  小山 宇一        前村 久美子        増田 径子   事務局   小泉 …」: one role,
            # its names eight spaces apart, until the next group
            found_role = re.sub(r"\s", "", m["role"])
            for token in re.split(r"[ \u3000]{3,}", m["names"]):
                if re.fullmatch(r"事\s?務\s?局", token.strip()):
                    group = "secretariat"
                    continue
                p = person(_NOTE.sub("", token))
                if group == "secretariat" or found_role == "事務局":
                    out.secretariat.append(re.sub(r"\s+", "", token))
                elif p is None or "role" in p:
                    out.unread.append(token)
                else:
                    out.members.append({"name": p["name"], "role": found_role})
            continue
        if m := _LAYOUT_PERSON.match(line.strip()):
            found_role = re.sub(r"\s", "", m["role"])
            if found_role == "事務局":
                group = "secretariat"
                continue
            if group == "members":
                out.members.append({"name": _name(m["name"]), "role": found_role})
                continue
        line = _NOTE.sub("", line).strip()
        if not line:
            continue
        if (g := _GROUP_LINE.match(line)) and not _SUBLIST.match(line):
            group = _group_of(g["bracketed"] or g["label"], group)
            continue
        if (g := _GROUP_PREFIX.match(line)) and not re.fullmatch(_ROLE, re.sub(r"\s", "", g["label"])) \
                and not _SUBLIST.match(line):
            group = _group_of(g["label"], "other")
            if group == "members":
                role = None  # the list's own roles and 「…の各専門委員」 say who is what
            line = g["rest"]
        line_role = None
        if (m := re.match(rf"^[【\[〔(（](?P<role>{_ROLE})[】\]〕)）]\s*(?P<rest>.+)$", line)) \
                and not _ROLE_BEFORE_NAME.search(m["rest"]):
            # 「【委員】A、B」: the role of the line's names. Not when more bracketed roles follow
            # (「(会長)A、(副会長)B、C」): each marks the one name after it, and C has none.
            line_role, line = m["role"], m["rest"]
        if m := _SUBLIST.match(line):
            group = _GROUPS[m["group"]]
            if group == "members" and "委員" in m["group"]:
                role = "委員"
            line = m["rest"].strip()
            # 「事務局(林部長、平尾課長)3名」: the group's list in brackets
            if line.startswith(("(", "（")) and re.search(r"[)）]", line):
                inner, _, tail = line[1:].partition(")" if ")" in line else "）")
                line = inner + (" " + tail if tail.strip() else "")
            if not line:
                continue
        if (m := re.match(rf"^(?P<list>.+?)の各(?P<role>{_ROLE})$", line)) and (names := _each_list(m["list"])):
            # 「…、伊東、吉岡の各委員」「AとBの各専門委員」: every name here without a role of its own
            # has the role the list ends with
            line, line_role = names, line_role or m["role"]
        for each in _EACH.finditer(line):
            for name in each[1].split("・"):
                if (p := person(name)) is not None and group == "members":
                    out.members.append({"name": p["name"], "role": "委員"})
        rest = _EACH.sub(" ", line)
        if (c := _COUNT.search(rest)) and group == "members":
            out.count = parse_number(c[1])
        rest = _COUNT.sub(" ", rest).replace("(50音順)", "").replace("(五十音順)", "")
        for token in _tokens(rest):
            token = token.strip()
            if not token or re.fullmatch(r"[(（]?[五0-9]+[0-9]*音順[)）]?|なし|無し", token) \
                    or re.fullmatch(rf"(?:{_ROLE}|{_GROUP_RE})", token.replace(" ", "")):
                continue
            if group == "secretariat":
                out.secretariat.append(re.sub(r"\s+", "", token))
                continue
            if group == "other":
                continue
            if (a := _ABSENT.match(token)) and group == "members" and (p := person(a["who"])) is not None:
                out.absent.append(p)
                continue
            p = person(token)
            if p is None:
                out.unread.append(token)
            else:
                if "role" not in p and (line_role or role):
                    p["role"] = line_role or role
                out.members.append(p)
    if default_role and not any(m.get("role") for m in out.members):
        out.members = [{**m, "role": default_role} for m in out.members]
    return out
