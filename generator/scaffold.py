"""`python -m generator new meeting|case`: a new case file with every field, ready to fill in.

Each field carries a short Japanese comment for the secretariat; fields left empty (~) are
unknown, and `check` says which required ones are still missing. The templates list the same
fields as models.py; a test keeps them in step.
"""

from __future__ import annotations

from pathlib import Path

MEETING = """\
---
# 会議ファイル。空欄（~）は「不明」として表示されます。分かった項目から記入してください。
term: ~                 # 期（例：13 … 第十三期）。期のない審議会は ~ のまま
session: {session}              # 回（例：4 … 第4回）【必須】
fiscal_year: ~          # 年度（例：令和4年度）。開催日から自動で決まるので通常は ~ のまま
title: ~                # 会議名（通常と異なる場合のみ）
date: ~                 # 開催日（例：令和5年1月10日）。日が不明なら 2023-01 のように年月のみ
start: ~                # 開始時刻（例："10:00" または 午前10時00分）
end: ~                  # 終了時刻
place: ~                # 開催場所
source: ~               # 原本のURL（自治体が公開している会議録のPDFやページ。あれば）
access: ~               # 公開 / 非公開 / 一部非公開
access_reason: ~        # 非公開・一部非公開の理由（定められた理由から）
present: ~              # 出席者。例：
#  - {{name: 川合 敏樹, role: 会長}}
absent: ~               # 欠席者（出席者と同じ書き方）
secretariat: ~          # 事務局。例：[政策経営部区政情報課]
observers: ~            # 傍聴者数
record: ~               # 記録の種類：会議概要 / 会議録 / 要録
record_state: ~         # 会議録の状態：案 / 確定
record_approved_at: ~   # 会議録を承認した会議のID（承認後に公表する場合）
record_published: ~     # 会議録を公表した日。不明なら 不明。未公表なら ~ のまま
notice: ~               # 開催の事前公表。例：
#  published: 令和5年1月2日   # 公表した日（不明なら 不明）
#  seats: 10                   # 傍聴席数
#  how_to_attend: 当日先着順   # 傍聴の手続
agenda: []              # 会議次第。例：
#  - kind: 諮問                # 確認事項 / 諮問 / 報告 / その他
#    case: shimon-490          # 案件ファイルのID（content/{council}/cases/ のファイル名）
#    outcome: 了承             # 結果
#    access: 公開              # 非公開の場合は 非公開 と理由（access_reason）
materials: []           # 配付資料。例：
#  - title: 諮問資料
#    published: 令和5年1月20日 # 公表した日（不明なら 不明、未公表なら書かない）
speakers: {{}}            # 審議経過の発言者ラベル。例：川合会長: {{name: 川合 敏樹, role: 会長}}
next_meeting: ~         # 次回開催。例：{{date: 令和5年3月28日, start: "10:00"}}
draft: false            # true にすると公開しません（下書き）
---
## (1) 開会

○川合会長 （審議経過をここに記入します。発言は「○ラベル 本文」の形で段落ごとに書きます。）
"""

CASE = """\
---
# 諮問・報告ファイル。空欄（~）は「不明」として表示されます。本文には原資料の文言をそのまま記入します。
kind: 諮問              # 諮問 / 報告【必須】
number: ~               # 番号（原文の表記。例：諮問第490号、令和5年度第1号議案）
title: ""               # 件名【必須】
source: ~               # 原本のURL（自治体が公開しているPDFやページ。あれば）
department: ~           # 主管課・担当課（例：子ども家庭部保育課）
bases: []               # 根拠条文と分類。例：
#  - article: 足立区個人情報保護条例第16条   # 条文（原文の表記）
#    category: 外部委託                       # 外部委託 / 外部結合 / 外部提供 / 目的外利用 / 本人外収集 / 処理開発 / 特定個人情報保護評価 / 重要事項 / その他
request: ~              # 諮問の依頼。例：{{date: 令和5年1月5日, document_number: 4足区政第123号, by: 足立区長}}
fiscal_year: ~          # 年度（番号や会議から決まらない場合のみ）
meetings: []            # 審議した会議のID。例：[13-05]
decision: ~             # 答申。例：
#  result: 了承                 # 承認 / 了承 / 条件付き承認 / 条件付き了承 / 不承認 / その他
#  number: ~                    # 答申番号（原文の表記。例：答申第516号）
#  meeting: 13-05               # 答申した会議のID
#  date: ~                      # 答申日（分かる場合）
#  opinion: 本件は了承とする。  # 意見（原文のまま）
#  published: ~                 # 答申を公表した日（不明なら 不明）
citations: []           # 過去の答申の引用の訂正・追加（本文の引用は自動で見つかります）
draft: false            # true にすると公開しません（下書き）
---
（諮問書・諮問依頼書などの本文を、原資料の文言のまま記入します。）
"""


def scaffold(content_dir: Path, council: str, kind: str, file_id: str, session: int | None = None) -> Path:
    """Write the new file; never overwrite one (raises FileExistsError)."""
    folder = "meetings" if kind == "meeting" else "cases"
    path = content_dir / council / folder / f"{file_id}.md"
    if path.exists():
        raise FileExistsError(f"{path} already exists: nothing was written")
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "meeting":
        text = MEETING.format(session=session if session is not None else "~", council=council)
    else:
        text = CASE.format()
    path.write_text(text, encoding="utf-8")
    return path
