// The normalisation of generator/outputs/search/normalize.py, in JavaScript (same steps, same table;
// tests/test_search.py checks that both agree on every character). Used by the search client
// in the browser and by scripts/search.mjs in Node.

export const VARIANTS = {"齊": "斉", "齋": "斎", "亝": "斉", "髙": "高", "﨑": "崎", "嵜": "崎", "碕": "崎", "邊": "辺", "邉": "辺", "濵": "浜", "濱": "浜", "澤": "沢", "廣": "広", "國": "国", "櫻": "桜", "德": "徳", "惠": "恵", "眞": "真", "冨": "富", "槇": "槙", "曾": "曽", "藏": "蔵", "龍": "竜", "瀨": "瀬", "栁": "柳", "﨟": "臈", "淸": "清", "驒": "騨", "桒": "桑", "舘": "館", "條": "条", "峯": "峰", "嶋": "島", "嶌": "島"};

export const HARD_BREAK = "\n";
const SPACES = " \t\r\f\v\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
const MARK = /^[\p{M}\uff9e\uff9f]$/u;
const WORD = /^[A-Za-z0-9]$/;

// The normalised text and, for each of its characters (UTF-16 code units of the result), the
// index (UTF-16) in `text` it came from.
export function normalizeMap(text) {
  const out = [];
  const src = [];
  let pending = -1;
  const chars = Array.from(text);
  const starts = [];
  let pos = 0;
  for (const c of chars) { starts.push(pos); pos += c.length; }
  let i = 0;
  const n = chars.length;
  const last = () => out[out.length - 1];
  while (i < n) {
    let j = i + 1;
    while (j < n && MARK.test(chars[j])) j++;
    const cluster = chars.slice(i, j).join("");
    const at = starts[i];
    if (cluster.length === 1 && SPACES.includes(cluster)) {
      if (out.length && last() !== HARD_BREAK && pending < 0) pending = at;
      i = j;
      continue;
    }
    const piece = Array.from(cluster.normalize("NFKC").toLowerCase()).map((c) => VARIANTS[c] || c);
    for (const ch of piece) {
      if (SPACES.includes(ch)) {
        if (out.length && last() !== HARD_BREAK && pending < 0) pending = at;
        continue;
      }
      if (ch === HARD_BREAK) {
        pending = -1;
        if (out.length && last() !== HARD_BREAK) { out.push(ch); src.push(at); }
        continue;
      }
      if (pending >= 0) {
        if (WORD.test(last()) && WORD.test(ch)) { out.push(" "); src.push(pending); }
        pending = -1;
      }
      out.push(ch);
      for (let k = 0; k < ch.length; k++) src.push(at);
    }
    i = j;
  }
  while (out.length && last() === HARD_BREAK) { out.pop(); src.pop(); }
  return [out.join(""), src];
}

export function normalize(text) {
  return normalizeMap(text)[0];
}
