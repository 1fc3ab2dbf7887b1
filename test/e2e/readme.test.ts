// The README's API examples, as a newcomer meets them: `npm start -- --fresh` in a child process
// (its own ports and data directory), then every ```sh block of "Calling the API" pasted into bash
// in order. Each request prints its status (`→ 202`); each must be the status the README writes
// under it (`# → 202`), in the same order.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The shell blocks of the README's "Calling the API" section, in order. */
function readmeExamples(readme: string): string[] {
  const section = readme.slice(readme.indexOf('## Calling the API'), readme.indexOf('## Deploying'));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

let child: ChildProcess | undefined;
let dataDir: string;
let api: string;
let ses: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'order-claims-readme-'));
  // Port 0: the stack takes free ports as it starts and prints them. Ports picked here would be
  // free now but could be taken by another test file in the half minute npm start needs.
  child = spawn('npm', ['start', '--', '--fresh'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      MAIL_PORT: '0',
      SES_PORT: '0',
      DYNAMODB_PORT: '',
      STEPFUNCTIONS_PORT: '',
      PAYMENTS_PORT: '',
      LOCAL_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up in time:\n${output}`)), 150_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ctrl-C stops everything.')) {
        clearTimeout(timer);
        api = /^ {2}API +(http:\/\/127\.0\.0\.1:\d+)/m.exec(output)![1]!;
        ses = /^ {2}SES +(http:\/\/127\.0\.0\.1:\d+)/m.exec(output)![1]!;
        resolve();
      }
    };
    child!.stdout!.on('data', read);
    child!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child!.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}, 180_000);

afterAll(async () => {
  // The whole process group (npm, tsx, the stack, DynamoDB Local): Ctrl-C, as the README says.
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child!.pid!, name);
    } catch {
      // already gone
    }
  };
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    signal('SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    signal('SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

it('every example of "Calling the API" runs as pasted, each answering the status the README gives', () => {
  const blocks = readmeExamples(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  const script = blocks
    .join('\n')
    .replace('API=http://127.0.0.1:3000', `API=${api}`)
    .replaceAll('http://127.0.0.1:8006', ses);
  const expected = [...script.matchAll(/^# → (\d{3})/gm)].map((m) => Number(m[1]));
  expect(expected.length).toBeGreaterThan(30);
  const run = spawnSync('bash', ['-c', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, TMPDIR: dataDir },
  });
  const statuses = [...run.stdout.matchAll(/^→ (\d{3})$/gm)].map((m) => Number(m[1]));
  expect(run.stderr, run.stdout).toBe('');
  expect(statuses, run.stdout).toEqual(expected);
  expect(run.stdout).not.toMatch(/undefined|null\//);
}, 300_000);
