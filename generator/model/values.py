"""The case files' value types: dates as written, 年度, times, whole numbers, one-line texts,
ids and links. Each is a pydantic type that checks what the secretariat wrote and says what was
expected; models.py builds the case-file format from them.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

from .japanese import (
    PartialDate,
    parse_date,
    parse_fiscal_year,
    parse_time,
    squeeze,
)

# --- Field types --------------------------------------------------------------------------


def _date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if not isinstance(value, str) and not hasattr(value, "year"):
        raise ValueError(f"{value!r} is not a date (expected 令和3年3月5日, 2021-03-05 or 2021-03)")
    return parse_date(value)


Date = Annotated[
    PartialDate,
    BeforeValidator(_date),
    PlainSerializer(lambda d: d.iso(), return_type=str),
    WithJsonSchema({"type": "string", "examples": ["令和3年3月5日", "2021-03-05", "2021-03"],
                    "description": "和暦 as written or ISO; a month alone when the day is unknown"}),
]

UNKNOWN = "不明"


def _date_or_unknown(value: Any) -> Any:
    if isinstance(value, str) and squeeze(value) == UNKNOWN:
        return UNKNOWN
    return _date(value)


DoneDate = Annotated[
    PartialDate | Literal["不明"],
    BeforeValidator(_date_or_unknown),
    PlainSerializer(lambda d: d if isinstance(d, str) else d.iso(), return_type=str),
    WithJsonSchema({"type": "string", "examples": ["令和5年1月20日", "2023-01-20", "不明"],
                    "description": "the date it was done; 不明 when the source does not say; "
                                   "leave out while not done"}),
]

def _fiscal_year(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"{value!r} is not a fiscal year (expected 令和2年度 or 2020)")
    year = parse_fiscal_year(value)
    if not 1926 <= year <= 2100:
        raise ValueError(f"{value!r} is not a fiscal year the archive can hold (1926–2100)")
    return year


FiscalYear = Annotated[
    int,
    BeforeValidator(_fiscal_year),
    WithJsonSchema({"type": ["string", "integer"], "examples": ["令和2年度", 2020],
                    "description": "年度, April to March: 令和2年度 or its first year 2020"}),
]

Time = Annotated[
    str,
    BeforeValidator(lambda v: parse_time(v) if isinstance(v, (str, int)) else v),
    WithJsonSchema({"type": "string", "examples": ["10:00", "午前10時00分", "午後0時19分"]}),
]


INVISIBLE = re.compile(r"[\s\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe00-\ufe0f"
                       r"\ufeff\u00ad]")


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")

# Characters no record is written with, anywhere in a value: the invisible format characters
# (Unicode Cf: bidi overrides and isolates, which make a text display otherwise than it reads,
# zero-width spaces and joiners, word joiners, the soft hyphen, a BOM inside, tag characters),
# noncharacters, and U+FFFD, the mark a broken conversion leaves (文字化け). Variation
# selectors (U+FE00–FE0F, U+E0100–E01EF: 異体字 of names) and private-use 外字 stay allowed.
HIDDEN = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e"
                     "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f"
                     "\ufdd0-\ufdef\ufffe\uffff\ufffd]")


def hidden_character(value: str) -> str | None:
    """What is wrong with a hidden character in `value` (in Japanese), or None."""
    if found := HIDDEN.search(value):
        code = f"U+{ord(found.group()):04X}"
        if found.group() == "\ufffd":
            return (f"文字化けの印「\ufffd」（{code}）が入っています。元の文字が失われています。"
                    "原資料から写し直してください")
        return (f"見えない書式文字（{code}：文字の向きを変える制御、幅のない空白など）が入っています。"
                "画面の見た目と中身が食い違うので、その文字を消してください")
    return None


def _whole(value: Any) -> Any:
    """A count or a number as YAML gives it: 9.0 or yes is not a whole number, whatever
    pydantic would make of it."""
    if isinstance(value, bool | float):
        raise ValueError(f"{value} is not a whole number (write it as digits only, e.g. 3)")
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole)]


def _text(value: Any) -> Any:
    """Metadata strings are stored NFKC-normalised and without PDF spacing (`平 田` → `平田`).
    They are one line (a title, a place): a line break would split a feed's or a calendar's
    line, so it is an error, as is a value of invisible characters only."""
    if not isinstance(value, str):
        return value
    if "\n" in value.strip() or "\r" in value.strip() or any(c in value for c in "\u2028\u2029\x85\x0b\x0c"):
        raise ValueError("must be one line (write it without line breaks)")
    if control := _CONTROL.search(value):
        raise ValueError(f"holds a control character (U+{ord(control.group()):04X}), which no text needs: delete it")
    if "\t" in value:
        raise ValueError("タブ文字があります（表から貼り付けると入ります。隣の欄の値が続いていないか確かめてください）。"
                         "タブを消すか、空白にしてください")
    if value and not INVISIBLE.sub("", value):
        raise ValueError("holds only spaces or invisible characters")
    if hidden := hidden_character(value):
        raise ValueError(hidden)
    return squeeze(value)


def _prose(value: Any) -> Any:
    """A text of several lines as written (an opinion, an announcement): line breaks are kept,
    but not a control character, a hidden character, or nothing but spaces."""
    if not isinstance(value, str):
        return value
    if control := re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", value):
        raise ValueError(f"holds a control character (U+{ord(control.group()):04X}), which no text needs: delete it")
    if not INVISIBLE.sub("", value):
        raise ValueError("holds only spaces or invisible characters")
    if hidden := hidden_character(value):
        raise ValueError(hidden)
    return value


Text = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
Prose = Annotated[str, BeforeValidator(_prose)]
# Names Windows cannot give a file or folder (the site is copied to, or served from, such servers).
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])")
MAX_ID = 80


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an id beyond its characters (in Japanese), or None."""
    if _RESERVED.fullmatch(value):
        return (f"「{value}」は Windows で使えない名前（con、nul、aux、com1 など）で、サイトを置くサーバーによっては"
                "ページを作れません。別のIDにしてください")
    if len(value) > MAX_ID:
        return (f"{len(value)}文字あります。IDはページのアドレスになるので、{MAX_ID}文字までにしてください"
                "（例：shimon-480）")
    return None


def _not_index(value: str) -> str:
    if value == "index":
        raise ValueError("'index' cannot be an id (the page would take its folder's place)")
    if problem := id_problem(value):
        raise ValueError(problem)
    return value


Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$",
                          description="lower-case letters, digits, - and _ (not `index`); used in URLs"),
               AfterValidator(_not_index)]


_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
LINK_SCHEMES = ("http", "https", "mailto")


def _link(value: Any) -> Any:
    """A link a reader can follow: http(s), mailto or a path on this site — never javascript:
    or data:. Read the way browsers read it (WHATWG URL): they drop spaces and control
    characters around it and tabs and newlines inside it (`java\tscript:` is `javascript:`),
    so any such character is refused rather than guessed at, then the scheme is checked."""
    if not isinstance(value, str):
        return value
    if not value:
        raise ValueError("空のアドレスです。アドレスを書くか、分からなければ項目ごと消してください")
    if bad := re.search(r"[\x00-\x20\x7f-\x9f\xad\s\u034f\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064"
                        r"\ufe00-\ufe0f\ufeff]", value):
        raise ValueError(f"{value!r} contains a space or an invisible character "
                         f"(U+{ord(bad.group()):04X}); write the address without it "
                         "(a space inside an address is written %20)")
    if re.match(r"(?i)^(?:www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:jp|com|org|net|go\.jp|lg\.jp)(?:/|$))", value):
        raise ValueError(f"'{value}' is a web address without https://: write it in full "
                         "(otherwise it is read as a page of this site)")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 -- raises ValueError for a port out of range
    except ValueError:
        raise ValueError(f"「{value}」はアドレスとして読めません（[ ] の中やポート番号 :0〜65535 が"
                         "正しくありません）。元の文書のアドレスをそのまま書き写してください") from None
    if dot := re.search(r"[\u3002\uff0e\uff61]", parts.netloc):
        raise ValueError(f"「{value}」のサイト名に「{dot.group()}」（全角の句点・ピリオド）があります。ブラウザは"
                         "「.」と読むので、見た目と違うサイトへ行きます。半角の「.」で書いてください")
    if parts.username is not None or parts.password is not None:
        raise ValueError(f"「{value}」には「…@」（利用者名やパスワード）が入っています。読む人を別の"
                         "サイトへ導く書き方なので使えません。@ より前を除いたアドレスにしてください")
    if re.match(r"(?i)^https?:", value) and not parts.hostname:
        raise ValueError(f"'{value}' names no site after {value.split(':')[0]}://: write the whole address")
    if value.startswith("//") or "\\" in value:
        # //host and /\host lead a browser to another site, whatever they look like
        raise ValueError(f"'{value}' leads to another site without saying so: write it in full "
                         "(https://…), or as a path on this site (a backslash is never part of one)")
    if "：" in value.split("/", 1)[0] or "／" in value:
        raise ValueError(f"'{value}' has a full-width ： or ／: write the address in half-width characters")
    m = _URL_SCHEME.match(value)
    if not m and not re.search(r"[/.#?]", value):
        raise ValueError(f"「{value}」はアドレスではありません。元の文書のアドレス（https://…）を書き写すか、"
                         "分からなければ項目ごと消してください")
    if m and m.group(1).lower() not in LINK_SCHEMES:
        raise ValueError(f"'{value}' is not a web address (expected https://…, mailto: or a path)")
    return value


Link = Annotated[str, BeforeValidator(_link)]


class Strict(BaseModel):
    """Unknown fields are errors: a misspelt field must not silently drop information."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class NotEmpty(Strict):
    """A group of fields that are each optional, but not all of them: `request: {}` says
    nothing, and would be shown as a request of which nothing is known."""

    @model_validator(mode="before")
    @classmethod
    def _says_something(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data:
            raise ValueError("空の { } です。中の項目を書くか、分からなければ項目ごと消してください")
        return data


def text_fields(data: Any, path: str = ""):
    """Every text of a YAML value with its field path (`agenda[0].title`)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from text_fields(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from text_fields(value, f"{path}[{i}]")
