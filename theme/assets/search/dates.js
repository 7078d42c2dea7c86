// 和暦 for the search client: the era table (widen.js reads it too) and the dates a reader
// types into the date range — 和暦 or 西暦, at the precision they choose.
import { ERAS as TABLE } from "./eras.js";
import { normalize } from "./normalize.js";

// The eras of eras.js (generated from generator/model/japanese.py: one table) as years: the 西暦
// year before an era's year 1, its first and last 西暦 years. An era's years count on past its
// end when read (documents written before 2019-05 say 平成32年度 for 2020), but a 西暦 year is
// written only in the eras it fell in: 1989 is 昭和64年 and 平成元年, 2019 平成31年 and 令和元年.
export const ERAS = TABLE.map((e) => {
  const first = Number(e.start.slice(0, 4));
  return { name: e.name, letter: e.letter.toLowerCase(), start: e.start, before: first - 1, first,
           last: e.end ? Number(e.end.slice(0, 4)) : Infinity };
});

const KANJI_DIGITS = "一二三四五六七八九";
const KANJI_NUMBER = /^(?:([二三四五六七八九])?十)?([一二三四五六七八九])?$/;

// An era year as written (元, 3, 三, 十二 …) → its number, or 0.
export function eraNumber(s) {
  if (s === "元") return 1;
  if (/^\d+$/.test(s)) return Number(s);
  const m = KANJI_NUMBER.exec(s);
  if (!m || !s) return 0;
  const tens = s.includes("十") ? (m[1] ? KANJI_DIGITS.indexOf(m[1]) + 1 : 1) : 0;
  return tens * 10 + (m[2] ? KANJI_DIGITS.indexOf(m[2]) + 1 : 0);
}

const pad = (n) => String(n).padStart(2, "0");
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

// What a reader typed as a date → {start, end} (ISO days: the first and last day it can mean)
// or null. Accepted: 令和3年3月5日, 令和3年3月, 令和3年, 令和元年, R3.3.5, H28/1, 2021-03-05,
// 2021/3/5, 2021年3月, 2021.3, 2021 — digits full- or half-width, spaces anywhere.
export function parseDate(input) {
  const s = normalize(String(input || "")).replace(/\s+/g, "");
  if (!s) return null;
  let year, rest;
  let m = /^(令和|平成|昭和|[rhs])(元|\d{1,2}|[一二三四五六七八九十]+)(?:年|[./-])?(.*)$/.exec(s);
  if (m) {
    const era = ERAS.find((e) => e.name === m[1] || e.letter === m[1]);
    const n = eraNumber(m[2]);
    if (!n || n > 99) return null;
    year = era.before + n;
    rest = m[3];
  } else {
    m = /^(\d{4})(?:年|[./-])?(.*)$/.exec(s);
    if (!m) return null;
    year = Number(m[1]);
    rest = m[2];
  }
  if (year < 1926 || year > 2117) return null;
  if (!rest) return { start: `${year}-01-01`, end: `${year}-12-31` };
  m = /^(\d{1,2})(?:月|[./-])?(?:(\d{1,2})日?)?$/.exec(rest);
  if (!m) return null;
  const month = Number(m[1]);
  if (month < 1 || month > 12) return null;
  if (!m[2]) return { start: `${year}-${pad(month)}-01`, end: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
  const day = Number(m[2]);
  if (day < 1 || day > lastDay(year, month)) return null;
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return { start: iso, end: iso };
}

// An ISO day as the site writes dates: 令和3年（2021年）3月5日.
export function wareki(iso) {
  const [y, mo, d] = iso.split("-").map(Number);
  const era = ERAS.find((e) => iso >= e.start) || ERAS[ERAS.length - 1];
  const n = y - era.before;
  return `${era.name}${n === 1 ? "元" : n}年（${y}年）${mo}月${d}日`;
}
