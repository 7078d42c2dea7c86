// Widening a query term (an explicit search option, off by default): the words of this domain
// that mean the same thing, and a year written in 和暦 or in 西暦. `widen(norm)` takes one
// normalised term (normalize() of normalize.js) and returns the normalised strings to look for
// instead, the term itself first; a page matches if it contains any of them (the engine ORs
// them). Each alternative replaces the whole term, so `個人番号カード` gives `マイナンバーカード`
// and `令和3年度第8回` gives `2021年度第8回`.

import { ERAS, eraNumber } from "./dates.js";
import { normalize } from "./normalize.js";

// Words that mean the same here, one set a row. A row's word found anywhere inside the term is
// replaced by each other word of the row. Written as in the documents; normalised at load
// (`Eメール` → `eメール`, `LGWAN` → `lgwan`). A word that is part of another (`メール` in
// `電子メール`) is left out: searching it already finds the longer ones, and as an alternative it
// would widen `電子メール` to every `メール`.
//
//   漏洩 / 漏えい                                洩 is not a 常用漢字: official texts write 漏えい
//   個人番号 / マイナンバー                        the law's word and the common one (…カード too)
//   電子メール / Eメール / E-mail
//   外部委託 / 業務委託                            the ordinance's category and the contracts' word
//   外部結合 / オンライン結合 / 電子計算組織の結合 / 通信回線による結合
//                                                 the category, as each ordinance words it
//   住基ネット / 住民基本台帳ネットワーク
//   LGWAN / 総合行政ネットワーク
//   取扱 / 取り扱                                 okurigana (取扱い, 取り扱い, 取扱事務 …)
const TABLE = [
  ["漏洩", "漏えい"],
  ["個人番号", "マイナンバー"],
  ["電子メール", "Eメール", "E-mail"],
  ["外部委託", "業務委託"],
  ["外部結合", "オンライン結合", "電子計算組織の結合", "通信回線による結合"],
  ["住基ネット", "住民基本台帳ネットワーク"],
  ["LGWAN", "総合行政ネットワーク"],
  ["取扱", "取り扱"],
];

export const SYNONYMS = TABLE.map((row) => [...new Set(row.map(normalize))]);

// At most this many alternatives, the term included. Combinations are taken fewest changes
// first (every single replacement before any pair), so a cut drops the far-fetched ones:
// `2019年` has 3 spellings and `令和3年から令和4年` 2 × 2 alternatives, but three years of
// an era change in one term would give 27, and each alternative costs the engine a lookup.
export const MAX_ALTERNATIVES = 16;

// 和暦: the era table, in dates.js (one table for the client).
// 西暦 years outside this range are left alone (大正 and before are not in these archives).
const FIRST_YEAR = 1926, LAST_YEAR = 2117;   // 令和99年

// An era year (`令和3年`, `令和元年`, `令和三年` up to 九十九) or a 西暦 year of four digits,
// always with 年 (`年度`, `年3月` follow it). A bare `2021` is left alone: it may be a count, an
// amount or a 諮問 number. A 西暦 year may not follow a digit (`12021年` is not a year; checked
// in slots(), as Safari before 16.4 cannot parse a look-behind).
const YEAR = new RegExp(`(${ERAS.map((e) => e.name).join("|")})(元|\\d+|[一二三四五六七八九十]+)年|(\\d{4})年`, "g");
// The 西暦 year a match of YEAR stands for, or 0.
function yearOf(m) {
  if (m[3]) return Number(m[3]);
  const n = eraNumber(m[2]);
  return n >= 1 && n <= 99 ? ERAS.find((e) => e.name === m[1]).before + n : 0;
}

// Every way to write a 西暦 year: 西暦 first, then each era it fell in (year 1 as 元年).
function spellings(year) {
  const out = [`${year}年`];
  for (const e of ERAS) {
    if (year >= e.first && year <= e.last) {
      const n = year - e.before;
      out.push(`${e.name}${n === 1 ? "元" : n}年`);
    }
  }
  return out;
}

// The parts of the term that can be written otherwise: [{start, end, choices}], in order, not
// overlapping, each with its own text first. Years first, then synonyms (the longest word at
// the leftmost place).
function slots(norm) {
  const found = [];
  for (const m of norm.matchAll(YEAR)) {
    if (m[3] && /\d/.test(norm[m.index - 1] || "")) continue;
    const year = yearOf(m);
    if (year >= FIRST_YEAR && year <= LAST_YEAR) {
      found.push({ start: m.index, end: m.index + m[0].length, choices: [m[0], ...spellings(year)] });
    }
  }
  const taken = (i, j) => found.some((s) => i < s.end && s.start < j);
  for (let i = 0; i < norm.length; i++) {
    let best = null;
    for (const row of SYNONYMS) {
      for (const word of row) {
        if (norm.startsWith(word, i) && !taken(i, i + word.length) && (!best || word.length > best.word.length)) {
          best = { word, row };
        }
      }
    }
    if (best) {
      found.push({ start: i, end: i + best.word.length, choices: [best.word, ...best.row] });
      i += best.word.length - 1;
    }
  }
  for (const s of found) s.choices = [...new Set(s.choices)];
  return found.sort((a, b) => a.start - b.start);
}

// The choice vectors (one index per slot, 0 = as written) that change exactly `count` slots:
// the earlier slots first, and for each set of slots every combination of their choices.
function* changing(sizes, count, from = 0) {
  if (count === 0) {
    yield sizes.slice(from).map(() => 0);
    return;
  }
  for (let i = from; i + count <= sizes.length; i++) {
    for (const rest of changing(sizes, count - 1, i + 1)) {
      for (let k = 1; k < sizes[i]; k++) yield [...sizes.slice(from, i).map(() => 0), k, ...rest];
    }
  }
}

// widen(norm) → [norm, …alternatives]: normalised, without duplicates, at most MAX_ALTERNATIVES.
export function widen(norm) {
  const parts = slots(norm);
  const out = new Set([norm]);
  const sizes = parts.map((s) => s.choices.length);
  for (let count = 1; count <= parts.length && out.size < MAX_ALTERNATIVES; count++) {
    for (const pick of changing(sizes, count)) {
      let text = "", at = 0;
      parts.forEach((s, i) => {
        text += norm.slice(at, s.start) + s.choices[pick[i]];
        at = s.end;
      });
      out.add(normalize(text + norm.slice(at)));
      if (out.size >= MAX_ALTERNATIVES) break;
    }
  }
  return [...out];
}
