// Generated from generator/model/japanese.py (ERAS) by `python -m generator schema`;
// do not edit: a test checks that this file is what the generator writes.
export const ERAS = [
  { name: "令和", letter: "R", start: "2019-05-01", end: null },
  { name: "平成", letter: "H", start: "1989-01-08", end: "2019-04-30" },
  { name: "昭和", letter: "S", start: "1926-12-25", end: "1989-01-07" },
];
