// Lines over 120 columns: none in any file but the ones listed in .ci/wide-lines.json, and never
// more there than it says. Biome keeps code within 120; what is left is text a formatter cannot
// break without changing it (e-mails, the console's sentences, the benchmarks' Markdown tables,
// all inside template literals). `node .ci/wide-lines.mjs --write` records the count after a fix.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const WIDTH = 120;
const BASELINE = new URL('./wide-lines.json', import.meta.url);
const SKIP = /^(docs\/openapi\.json|docs\/events\/|package-lock\.json|.*\.asl\.json|.*\.md|.*\.png)$/;

const files = execFileSync('git', ['ls-files'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && !SKIP.test(file));
const wide = {};
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // deleted in the working tree
  }
  const count = text.split('\n').filter((line) => [...line].length > WIDTH).length;
  if (count > 0) wide[file] = count;
}
if (process.argv.includes('--write')) {
  writeFileSync(BASELINE, `${JSON.stringify(wide, null, 2)}\n`);
  process.exit(0);
}
const allowed = JSON.parse(readFileSync(BASELINE, 'utf8'));
const over = Object.entries(wide).filter(([file, count]) => count > (allowed[file] ?? 0));
for (const [file, count] of over) {
  console.error(`${file}: ${count} lines over ${WIDTH} columns (allowed ${allowed[file] ?? 0})`);
}
process.exit(over.length > 0 ? 1 : 0);
