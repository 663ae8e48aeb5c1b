// Generates from the npm package chinese-days (MIT; the State Council's annual holiday notices,
// 国务院办公厅关于部分节假日安排的通知, as iCalendar and JSON):
//   data/calendar/cn-YYYY.ics  one file per year the package knows: every statutory holiday (休)
//                              and make-up workday (调休上班, 班) of that year as an all-day VEVENT.
// What the package ships is read, not trusted: dist/years/YYYY.ics is parsed line by line
// (RFC 5545 unfolding and text escapes), every event must say 休 or 班 the same way in SUMMARY
// "名称(休|班)", DESCRIPTION and X-APPLE-SPECIAL-DAY, must lie inside its year and must not overlap
// another event, and the days it covers must equal, day for day and name for name, the
// `holidays` / `workdays` maps of the package's own dist/years/YYYY.json. Any disagreement stops
// the script. The output is normalised so that a regeneration diffs cleanly: events sorted by
// date, UIDs derived from date and kind, only the properties lianzhang reads (plus
// X-APPLE-SPECIAL-DAY and TRANSP for calendar clients), CRLF, lines folded at 75 octets between
// UTF-8 characters. lianzhang embeds these files and reads them with src/io/ics.cc.
// Run from scripts/data: npm ci && node gen-calendar.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('chinese-days/package.json'));
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const yearsDir = path.join(pkgDir, 'dist', 'years');
const outDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../data/calendar');

function fail(where, message) {
  console.error(`gen-calendar: ${where}: ${message}`);
  process.exit(1);
}

// RFC 5545 §3.1: content lines end in CRLF; a line starting with a space or tab continues the
// previous one. Returns [{line, name, params, value}] with the physical line each one starts on.
function contentLines(text, file) {
  const physical = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const out = [];
  physical.forEach((l, i) => {
    if (l.startsWith(' ') || l.startsWith('\t')) {
      if (out.length === 0) fail(`${file}:${i + 1}`, 'continuation line before any content line');
      out[out.length - 1].raw += l.slice(1);
    } else if (l !== '') {
      out.push({ line: i + 1, raw: l });
    }
  });
  return out.map(({ line, raw }) => {
    // name *(";" param) ":" value — a colon inside a quoted parameter value does not end the name.
    let i = 0;
    let quoted = false;
    for (; i < raw.length; i++) {
      if (raw[i] === '"') quoted = !quoted;
      else if (raw[i] === ':' && !quoted) break;
    }
    if (i === raw.length) fail(`${file}:${line}`, `no ':' in "${raw}"`);
    const [name, ...params] = raw.slice(0, i).split(';');
    return { line, name: name.toUpperCase(), params: params.map((p) => p.toUpperCase()), value: raw.slice(i + 1) };
  });
}

// RFC 5545 §3.3.11 TEXT: \\ \; \, \n \N.
function unescapeText(value, where) {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '\\') {
      out += value[i];
      continue;
    }
    const next = value[++i];
    if (next === 'n' || next === 'N') out += '\n';
    else if (next === '\\' || next === ';' || next === ',') out += next;
    else fail(where, `bad escape \\${next ?? ''}`);
  }
  return out;
}

function escapeText(s) {
  let out = '';
  for (const ch of s) out += ch === '\\' || ch === ';' || ch === ',' ? '\\' + ch : ch === '\n' ? '\\n' : ch;
  return out;
}

// YYYYMMDD → day number (days since 1970-01-01) after checking it is a real date.
function dayOf(value, where) {
  if (value.length !== 8 || [...value].some((c) => c < '0' || c > '9')) fail(where, `not a DATE: "${value}"`);
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(4, 6));
  const d = Number(value.slice(6, 8));
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
    fail(where, `no such date: "${value}"`);
  }
  return t / 86400000;
}
const isoOf = (day) => new Date(day * 86400000).toISOString().slice(0, 10);
const compactOf = (day) => isoOf(day).replaceAll('-', '');

const KIND = {
  休: { apple: 'WORK-HOLIDAY', uid: 'holiday', json: 'holidays' },
  班: { apple: 'ALTERNATE-WORKDAY', uid: 'workday', json: 'workdays' },
};

function readYear(year) {
  const file = `dist/years/${year}.ics`;
  const lines = contentLines(fs.readFileSync(path.join(yearsDir, `${year}.ics`), 'utf8'), file);
  const events = [];
  let current = null;
  for (const l of lines) {
    const where = `${file}:${l.line}`;
    if (l.name === 'BEGIN' && l.value.toUpperCase() === 'VEVENT') {
      if (current) fail(where, 'VEVENT inside VEVENT');
      current = { line: l.line, props: {} };
    } else if (l.name === 'END' && l.value.toUpperCase() === 'VEVENT') {
      if (!current) fail(where, 'END:VEVENT without BEGIN');
      events.push(current);
      current = null;
    } else if (current) {
      if (['RRULE', 'RDATE', 'EXDATE', 'DURATION'].includes(l.name)) fail(where, `${l.name} is not expected here`);
      if (current.props[l.name] && l.name !== 'X-MICROSOFT-CDO-ALLDAYEVENT' && l.name !== 'X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT') {
        fail(where, `${l.name} twice in one event`);
      }
      current.props[l.name] = l;
    }
  }
  if (current) fail(file, 'VEVENT not closed');

  return events.map((e) => {
    const where = `${file}:${e.line}`;
    const p = (name) => {
      if (!e.props[name]) fail(where, `event without ${name}`);
      return e.props[name];
    };
    for (const name of ['DTSTART', 'DTEND']) {
      if (!p(name).params.includes('VALUE=DATE')) fail(where, `${name} is not a DATE value`);
    }
    const start = dayOf(p('DTSTART').value, where);
    const end = dayOf(p('DTEND').value, where);
    if (end <= start) fail(where, 'DTEND is not after DTSTART');
    const summary = unescapeText(p('SUMMARY').value, where);
    const open = summary.lastIndexOf('(');
    if (open <= 0 || !summary.endsWith(')')) fail(where, `SUMMARY "${summary}" is not "名称(休)" or "名称(班)"`);
    const name = summary.slice(0, open).trim();
    const kind = summary.slice(open + 1, -1);
    if (!KIND[kind]) fail(where, `SUMMARY "${summary}" says neither 休 nor 班`);
    if (unescapeText(p('DESCRIPTION').value, where) !== kind) fail(where, `DESCRIPTION disagrees with SUMMARY "${summary}"`);
    if (p('X-APPLE-SPECIAL-DAY').value !== KIND[kind].apple) fail(where, `X-APPLE-SPECIAL-DAY disagrees with SUMMARY "${summary}"`);
    if (isoOf(start).slice(0, 4) !== String(year) || isoOf(end - 1).slice(0, 4) !== String(year)) {
      fail(where, `${summary} ${isoOf(start)}..${isoOf(end - 1)} lies outside ${year}`);
    }
    const categories = e.props.CATEGORIES ? unescapeText(e.props.CATEGORIES.value, where) : '';
    return { where, start, end, name, kind, categories, dtstamp: e.props.DTSTAMP?.value };
  });
}

// The days the events cover must be exactly those of the package's JSON for the year.
function crossCheck(year, events) {
  const json = JSON.parse(fs.readFileSync(path.join(yearsDir, `${year}.json`), 'utf8'));
  for (const kind of Object.keys(KIND)) {
    const fromIcs = new Map();
    for (const e of events.filter((x) => x.kind === kind)) {
      for (let d = e.start; d < e.end; d++) {
        const iso = isoOf(d);
        if (fromIcs.has(iso)) fail(e.where, `${iso} is covered by two ${kind} events`);
        fromIcs.set(iso, e.name);
      }
    }
    const fromJson = new Map(Object.entries(json[KIND[kind].json] ?? {}).map(([d, v]) => [d, v.split(',')[1]]));
    for (const [d, name] of fromIcs) {
      if (!fromJson.has(d)) fail(`${year}`, `${d} ${name}(${kind}) is in the .ics but not in ${year}.json`);
      if (fromJson.get(d) !== name && !name.startsWith(fromJson.get(d))) {
        fail(`${year}`, `${d} is "${name}" in the .ics but "${fromJson.get(d)}" in ${year}.json`);
      }
    }
    for (const d of fromJson.keys()) if (!fromIcs.has(d)) fail(`${year}`, `${d} (${kind}) is in ${year}.json but not in the .ics`);
  }
  const holidays = new Set(events.filter((e) => e.kind === '休').flatMap((e) => range(e.start, e.end)));
  for (const e of events.filter((x) => x.kind === '班')) {
    for (let d = e.start; d < e.end; d++) {
      if (holidays.has(d)) fail(e.where, `${isoOf(d)} is both a holiday and a make-up workday`);
      const weekday = new Date(d * 86400000).getUTCDay();
      if (weekday !== 0 && weekday !== 6) fail(e.where, `make-up workday ${isoOf(d)} is not a Saturday or Sunday`);
    }
  }
}
const range = (a, b) => Array.from({ length: b - a }, (_, i) => a + i);

// RFC 5545 §3.1: lines of at most 75 octets; a fold never splits a UTF-8 character.
function fold(line) {
  const out = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with one space
    if (octets + n > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

function render(year, events) {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//lianzhang//gen-calendar.mjs from chinese-days ${pkg.version}//ZH`,
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(`中国法定节假日与调休 ${year}`)}`,
    `X-WR-CALDESC:${escapeText(
      `${year} 年国务院办公厅部分节假日安排：休 = 法定节假日放假，班 = 调休上班。` +
        `Generated by scripts/data/gen-calendar.mjs from the npm package chinese-days ${pkg.version} (MIT), dist/years/${year}.ics.`,
    )}`,
    'X-WR-TIMEZONE:Asia/Shanghai',
  ];
  const sorted = [...events].sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));
  for (const e of sorted) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:cn-${compactOf(e.start)}-${KIND[e.kind].uid}@lianzhang`,
      ...(e.dtstamp ? [`DTSTAMP:${e.dtstamp}`] : []),
      `DTSTART;VALUE=DATE:${compactOf(e.start)}`,
      `DTEND;VALUE=DATE:${compactOf(e.end)}`,
      `SUMMARY:${escapeText(`${e.name}(${e.kind})`)}`,
      `DESCRIPTION:${e.kind}`,
      `CATEGORIES:${escapeText(e.categories || '节假日')}`,
      `X-APPLE-SPECIAL-DAY:${KIND[e.kind].apple}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

const years = fs
  .readdirSync(yearsDir)
  .filter((f) => f.length === 8 && f.endsWith('.ics') && /^\d{4}$/.test(f.slice(0, 4)))
  .map((f) => Number(f.slice(0, 4)))
  .sort((a, b) => a - b);
if (years.length === 0) fail(yearsDir, 'no per-year .ics files');
for (let i = 1; i < years.length; i++) if (years[i] !== years[i - 1] + 1) fail(yearsDir, `years not contiguous at ${years[i]}`);

fs.mkdirSync(outDir, { recursive: true });
for (const f of fs.readdirSync(outDir)) if (f.startsWith('cn-') && f.endsWith('.ics')) fs.rmSync(path.join(outDir, f));
let total = 0;
for (const year of years) {
  const events = readYear(year);
  crossCheck(year, events);
  const target = path.join(outDir, `cn-${year}.ics`);
  fs.writeFileSync(target, render(year, events));
  const count = (k) => events.filter((e) => e.kind === k).reduce((n, e) => n + e.end - e.start, 0);
  console.log(`wrote ${path.relative(process.cwd(), target)}: ${events.length} events, ${count('休')} holiday days, ${count('班')} make-up workdays`);
  total += events.length;
}
console.log(`chinese-days ${pkg.version}: years ${years[0]}–${years[years.length - 1]}, ${total} events`);
