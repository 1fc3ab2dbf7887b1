// What the money property's scenarios that passed add up to, for docs/ADVERSARIAL.md: the outcome
// of each command, the claims' end states, the refunds by method and by the kind of claim that paid
// them, and how far each return and non-receipt report went (the stages it reached, not only its
// last status), so a generator that never walks a return to its receipt shows as such.
import type { Claim } from '../../shared/domain/claim.js';
import type { Command } from './money-commands.js';
import type { MoneyWorld } from './money-world.js';

export const tally = {
  cases: 0,
  commands: 0,
  together: 0,
  faults: 0,
  fiveHundreds: 0,
  closedWakes: 0,
  outcomes: {} as Record<string, number>,
  claims: {} as Record<string, number>,
  refunds: {} as Record<string, number>,
  /** Refunds by the type of the claim that made them, and their status. */
  refundsByKind: {} as Record<string, number>,
  /** Returns by each stage they reached (one return counts in every stage it passed). */
  returns: {} as Record<string, number>,
  /** Non-receipt reports by each stage they reached. */
  nonReceipts: {} as Record<string, number>,
  withdrawals: {} as Record<string, number>,
};

const count = (into: Record<string, number>, key: string, by = 1) => {
  into[key] = (into[key] ?? 0) + by;
};

const decided = (claim: Claim) => (claim.resolutions ?? []).map((r) => `operator ${r.action}`);

/** The stages a return reached. */
function returnStages(claim: Claim): string[] {
  const r = claim.return;
  return [
    'requested',
    ...(r?.approval ? ['approved'] : []),
    ...(r?.refusal ? ['refused'] : []),
    ...(r?.escalatedAt ? ['refusal escalated'] : []),
    ...(r?.shipment ? ['shipped back'] : []),
    ...(r?.receiptOverdueAt ? ['receipt overdue'] : []),
    ...(r?.receipt ? [`receipt ${r.receipt.outcome}`] : []),
    ...decided(claim),
    `ended ${claim.status}`,
  ];
}

/** The stages a non-receipt report reached. */
function nonReceiptStages(claim: Claim): string[] {
  const n = claim.nonReceipt;
  return [
    'reported',
    ...(n?.answer ? [`answer ${n.answer.answer}`] : []),
    ...(n?.acceptedAt ? [n.acceptedByDefault ? 'accepted by default' : 'accepted'] : []),
    ...(n?.escalatedAt ? ['escalated'] : []),
    ...(n?.unansweredAt ? ['unanswered, handed over'] : []),
    ...(n?.refundedByDefaultAt ? ['refunded by default'] : []),
    ...decided(claim),
    `ended ${claim.status}`,
  ];
}

export function tallyCase(world: MoneyWorld, commands: Command[], outcomes: string[]): void {
  tally.cases++;
  tally.commands += commands.length;
  tally.together += commands.filter((c) => c.kind === 'together').length;
  for (const outcome of outcomes) count(tally.outcomes, outcome);
  tally.faults += outcomes.filter((o) => o.startsWith('fault:')).length;
  tally.fiveHundreds += outcomes.filter((o) => o.includes(':5xx')).length;
  tally.closedWakes += world.workflows.wakes.closed;
  for (const claim of world.store.claims.values()) {
    count(tally.claims, `${claim.status} ${claim.failure?.error ?? ''}`.trim());
    if (claim.type === 'RETURN') for (const stage of returnStages(claim)) count(tally.returns, stage);
    if (claim.type === 'NON_RECEIPT') for (const stage of nonReceiptStages(claim)) count(tally.nonReceipts, stage);
  }
  for (const r of world.store.refunds.values()) {
    count(tally.refunds, `${r.method} ${r.status}${r.latePayment ? ' late payment' : ''}`);
    count(tally.refundsByKind, `${world.store.claims.get(r.claimId)?.type ?? 'none'} ${r.status}`);
  }
  for (const w of world.store.withdrawals.values()) count(tally.withdrawals, w.status);
}
