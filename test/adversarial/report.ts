// npm run adversarial writes its figures here: docs/ADVERSARIAL.md, from what each part recorded.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const parts = ['fuzz', 'races', 'bulk-races', 'authorization', 'secrets', 'crash', 'money'] as const;
const read = (part: string) => {
  const file = new URL(`../../.local/adversarial/${part}.json`, import.meta.url);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>) : undefined;
};
const [fuzz, races, bulkRaces, authorization, secrets, crash, money] = parts.map(read);
const when = (r?: Record<string, any>) => (r ? `${r.at}${r.full ? '' : ' (small size)'}` : 'not run');
const json = (value: unknown) => '`' + JSON.stringify(value) + '`';

function moneyRow(money?: Record<string, any>): string {
  if (!money) return '| money over every flow, on fakes | not run | | |';
  const figures = [
    `${money.cases} scenarios, ${money.commands} commands (${money.together} two at once, ${money.faults} faults)`,
    `then run to rest and finished by the operator; claims ${json(money.claims)}; refunds ${json(money.refunds)}`,
    `withdrawals ${json(money.withdrawals)}; ${money.closedWakes} wakes of a closed token`,
    `${money.fiveHundreds} API answers 500 after Step Functions refused a wake; ${Math.round(money.ms / 1000)} s`,
  ].join('; ');
  const found = money.counterexample ? ` (seed ${money.counterexample.seed}, path ${money.counterexample.path})` : '';
  return `| money over every flow, on fakes | ${when(money)} | ${figures} | ${money.violations} violations${found} |`;
}

const lines = [
  '# The adversarial suite: the last full run',
  '',
  '`npm run adversarial` runs `test/adversarial/` at full size against the local stack and writes this page; `npm test` runs the same',
  'files at small sizes. Each part is replayable: the seed below drives fast-check.',
  '',
  `Machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. ` +
    `Seed: ${fuzz?.seed ?? races?.seed ?? money?.seed ?? 'n/a'}.`,
  '',
  '| part | when | figures | pass |',
  '|---|---|---|---|',
  `| fuzz from /openapi.json | ${when(fuzz)} | ${fuzz ? `${fuzz.requests} requests over ${fuzz.routes} routes; statuses ${json(fuzz.statuses)}; slowest ${fuzz.slowestMs} ms` : ''} | ${fuzz ? `${fuzz.fiveHundreds} 5xx, ${fuzz.violations} violations, ${fuzz.hangs} hangs over 5 s, sentinels ${fuzz.sentinelsUnchanged ? 'unchanged' : 'CHANGED'}` : ''} |`,
  `| races, model-based | ${when(races)} | ${races ? `${races.scenarios} interleavings, ${races.requests} requests; statuses ${json(races.statuses)}` : ''} | ${races ? `${races.fiveHundreds} 5xx, ${races.violations} invariant violations` : ''} |`,
  `| bulk jobs racing single actions | ${when(bulkRaces)} | ${bulkRaces ? `${bulkRaces.scenarios} jobs of 3 orders, each order raced by a seller's cancellation, a buyer's request, a shipment or nothing` : ''} | ${bulkRaces ? `${bulkRaces.violations} invariant violations` : ''} |`,
  `| authorization matrix | ${when(authorization)} | ${authorization ? `${authorization.cells} cells (every route × 11 callers)` : ''} | ${authorization ? `${authorization.wrongGrants} wrong grants, ${authorization.wrongDenials} wrong denials` : ''} |`,
  `| secrets scan | ${when(secrets)} | ${secrets ? `${secrets.tokens} task tokens against ${json(secrets.scanned)}` : ''} | ${secrets ? `${secrets.leaks} leaks` : ''} |`,
  `| crash and restart | ${when(crash)} | ${crash ? `${crash.claimsLaunched} claims launched, ${crash.answered202BeforeTheKill} answered before SIGKILL, ${crash.claimsAfterRestart} found after the restart (${crash.openAtRestart} open), all defined after ${crash.recoveredInMs} ms; ${json(crash.statuses)}` : ''} | ${crash ? `${crash.undefinedAfterRecovery} claims left undefined, ${crash.moneyViolations} money violations` : ''} |`,
  moneyRow(money),
  '',
  'What each checks: `test/adversarial/*.test.ts` (the top comment of each file). Examples of any violation are in',
  '`.local/adversarial/<part>.json` after a run.',
  '',
  '## What the suite found, and what was done',
  '',
  '- The defects of the first black-box run (issue: hardening), each pinned by a test in `test/e2e/hardening.test.ts`',
  '  and the files named in its commit.',
  '- Its own first full run: 4 of 1,000 race interleavings left an order held by a `FAILED` claim. Each had a',
  '  step answer `TimeoutError` — middy\'s early timeout, which answers just before Lambda\'s own while the handler',
  '  goes on running (and writing) in the background; in Lambda that work resumes in the next invocation of the',
  '  frozen environment. The early timeout is off (`shared/middy.ts`), the local Lambda runs one invocation per',
  '  environment and stops an environment that times out, as Lambda does, and the workflows retry a',
  '  `Sandbox.Timedout` step. The next full run: 0 violations.',
  '- The money property (`test/adversarial/money.test.ts`), at 10,000 scenarios on seeds 20261129, 7 and 424242:',
  '  no money defect in `shared/app` or `shared/domain`. Outside money, it found that Step Functions refusing a',
  '  wake (`WorkflowUnavailable`) after a decision is written makes the API answer 500 (approval, withdrawal,',
  '  bulk decision, webhook); a request or a webhook is then finished by its wait running out and the reconciler,',
  '  but an approved bulk job is not: its wait runs out and finish-bulk ends it `FAILED` (`STOPPED`), nothing',
  '  cancelled. Reported, not fixed; the property counts these answers and goes on.',
  '- Bugs planted one at a time to show that the money property can fail, each found (the run that failed, of',
  '  seed 20261129): apply-claim refunding an unpaid order (run 8: (a), (b)); a balance credited twice (run 2:',
  '  (c)); a fee recorded on an unpaid cancellation (run 8: (b)); a late payment kept (run 14: dropped); a late',
  '  payment returned each time it is reported (run 161: (a), twice); a bank without an answer taken for a',
  '  refusal (run 8: (c), reversed yet paid); fail-claim leaving an applied claim merely `FAILED` (run 18:',
  '  dropped); an operator\'s retry under the old key (run 18: left to the operator); a declined webhook taken',
  '  for a confirmation (run 18: (a)); a new payment key on every call (run 54: dropped). Not found: complete-claim',
  '  completing with a card refund still pending, which the workflow cannot reach (its wait ends only once every',
  '  card refund is answered; the check in complete-claim is a second guard).',
  '',
];
writeFileSync(new URL('../../docs/ADVERSARIAL.md', import.meta.url), lines.join('\n'));
console.log(lines.join('\n'));
