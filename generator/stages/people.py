"""Who a meeting's record names: members present or absent, speakers and the secretariat.

Each name is one person (no 、 joining two, no group such as 委員全員); a speaker label that
names a listed member's surname is that member's, and the council role a label ends with
(…会長, …委員) is the speaker's; a speaker with a council role attended; a member is not also a
speaker for the secretariat. Errors at the line of the field (coherent.py states the rules in
RULES; the seed's 川合 敏樹, present as 委員 and speaking as 会長, stays valid: a label's role is
compared with the speaker's role, not with the role in `present`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model.diagnostics import Diagnostics
from ..model.japanese import normalize_key

if TYPE_CHECKING:
    from .validate import ValidMeeting

# A council's own roles, longest first (副会長 ends with 会長); a role with none of them is staff.
COUNCIL_ROLES = ("副委員長", "副会長", "委員長", "部会長", "会長", "委員")
# Words for a group of people, never one person's name (README: the importer never reads them as names).
GROUPS = ("委員全員", "全委員", "出席委員", "傍聴者", "関係者", "事務局", "出席者", "欠席者", "各委員")
# Two names in one: 水町 雅子、坂田 誠 (a comma of any width, or 及び / と between two full names).
_JOINED = re.compile(r"[、，､]")


def _key(name: str) -> str:
    return re.sub(r"\s", "", normalize_key(name))


def _surname(name: str) -> str | None:
    """The family name when the record writes it apart (川合 敏樹 → 川合), else None."""
    parts = re.split(r"[ \u3000]+", name.strip())
    return _key(parts[0]) if len(parts) > 1 else None


def role_of_label(label: str) -> str | None:
    """The council role a label ends with: 川合会長 → 会長, 粉川副会長 → 副会長, 山根区政情報課長 → None."""
    key = _key(label)
    return next((r for r in COUNCIL_ROLES if key.endswith(r)), None)


def _council_role(role: str | None) -> str | None:
    key = _key(role or "")
    return key if key in COUNCIL_ROLES else None


def check(m: ValidMeeting, diagnostics: Diagnostics) -> None:
    model, rec = m.model, m.record

    def error(path: str, message: str) -> None:
        diagnostics.error(rec.path, rec.front.line(path), path, message)

    for field in ("present", "absent"):
        for i, member in enumerate(getattr(model, field) or []):
            _one_person(member.name, f"{field}[{i}].name", error)
    for label, speaker in model.speakers.items():
        _one_person(speaker.name, f"speakers.{label}.name", error)
    listed = [*(model.present or []), *(model.absent or [])]
    present = {_key(x.name) for x in model.present or []}
    surnames = {s: x.name for x in listed if (s := _surname(x.name))}
    for label, speaker in model.speakers.items():
        path = f"speakers.{label}"
        own = _surname(speaker.name) or _key(speaker.name)
        key = _key(label)
        other = next((name for s, name in surnames.items() if key.startswith(s) and s != own
                      and not key.startswith(own)), None)
        if other is not None:
            error(f"{path}.name", f"発言者のラベル「{label}」は出席者・欠席者の「{other}」の姓ですが、"
                                  f"発言者は「{speaker.name}」になっています。ラベルか氏名を直してください")
            continue
        said, role = role_of_label(label), _council_role(speaker.role)
        if said and role and said != role:
            # a warning: a 委員 may chair in the 会長's place (職務代理); the xss trees hold such labels
            diagnostics.warning(rec.path, rec.front.line(f"{path}.role"), f"{path}.role",
                                f"発言者のラベル「{label}」は{said}ですが、役職（role）は「{speaker.role}」です。"
                                "職務代理でなければ、ラベルか役職を確かめてください")
        member = said or role
        if member and model.present and _key(speaker.name) not in present \
                and _key(speaker.name) not in {_key(x.name) for x in model.absent or []} \
                and not any(k.startswith(own) for k in present):
            # a warning: the red-team corpora's canary trees name speakers apart from `present` on purpose
            diagnostics.warning(rec.path, rec.front.line(f"{path}.name"), f"{path}.name",
                                f"「{speaker.name}」は{member}として発言していますが、出席者（present）にいません。"
                                "出席者に加えるか、発言者を確かめてください")
        if not member and speaker.role and _key(speaker.name) in present:
            error(f"{path}.role", f"「{speaker.name}」は出席者（present）に委員として書かれていますが、発言者では"
                                  f"「{speaker.role}」（事務局の職）です。一人が委員と事務局を兼ねることはありません。"
                                  "どちらかを直してください")


def _one_person(name: str, path: str, error) -> None:
    key = _key(name)
    if key in GROUPS or key.endswith("全員"):
        error(path, f"「{name}」は人の集まりで、一人の氏名ではありません。一人ずつ氏名を書くか、"
                    "分からなければ項目ごと消してください")
    elif _JOINED.search(name.strip()):
        error(path, f"「{name}」には二人以上の氏名が入っています。一人ずつ別の行に書いてください")
