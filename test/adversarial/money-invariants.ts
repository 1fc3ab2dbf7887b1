// What the money property checks, after every command and at the end. Each violation is a sentence
// naming the order, refund, buyer or withdrawal, for the counterexample's report.
//  (a) money credited or returned to a buyer never exceeds what that buyer paid for that order;
//  (b) a fee is charged only where money was returned;
//  (c) every yen in a balance is in the ledger, and each refund credit is one completed refund;
//  and no refund is paid twice, none dropped, no order held by a closed claim.
import { CLOSED_CLAIM_STATUSES, type Claim } from '../../shared/domain/claim.js';
import type { Refund } from '../../shared/domain/refund.js';
import { transferKey } from '../../shared/app/balance/transfers.js';
import type { MoneyWorld } from './money-world.js';

const sum = (amounts: number[]) => amounts.reduce((total, amount) => total + amount, 0);
/** The refund a card cancellation was asked for, by its key's prefix (refund:<refundId>:…). */
const keyOf = (key: string, refundId: string) => key.startsWith(`refund:${refundId}:`);

function refundsByOrder(world: MoneyWorld): Map<string, Refund[]> {
  const byOrder = new Map<string, Refund[]>();
  for (const refund of world.store.refunds.values())
    byOrder.set(refund.orderNo, [...(byOrder.get(refund.orderNo) ?? []), refund]);
  return byOrder;
}

/** The invariants that hold after every command. */
export async function moneyViolations(world: MoneyWorld): Promise<string[]> {
  const { store, card } = world;
  const found: string[] = [];
  const byOrder = refundsByOrder(world);
  const refunds = [...store.refunds.values()];
  const credits = [...store.ledger.values()].filter((entry) => entry.kind === 'REFUND_CREDIT');
  for (const orderNo of world.orderNos) {
    const order = store.orders.get(orderNo)!;
    const paid = world.paid.get(orderNo) ?? 0;
    const mine = byOrder.get(orderNo) ?? [];
    const returning = sum(mine.filter((r) => r.status !== 'FAILED').map((r) => r.amount.amount));
    if (returning > paid) found.push(`(a) ${orderNo}: ${returning} JPY returned or being returned, ${paid} JPY paid`);
    const credited = sum(
      credits.filter((e) => mine.some((r) => r.refundId === e.refundId)).map((e) => e.amount.amount),
    );
    if (credited > paid) found.push(`(a) ${orderNo}: ${credited} JPY credited to the balance, ${paid} JPY paid`);
    const voided = card.voidedFor(orderNo);
    if (voided && voided.amount.amount > paid)
      found.push(`(a) ${orderNo}: the card side returned ${voided.amount.amount} JPY, ${paid} JPY paid`);
    if (mine.filter((r) => r.status === 'COMPLETED').length > 1)
      found.push(`twice: ${orderNo} has ${mine.length} completed refunds`);
    if (mine.filter((r) => r.status !== 'FAILED').length > 1)
      found.push(`twice: ${orderNo} has more than one refund under way`);
    if (mine.length > 0 && order.status !== 'CANCELLED' && order.status !== 'RETURNED') {
      found.push(`${orderNo} is ${order.status}, yet has refund ${mine[0]!.refundId} ${mine[0]!.status}`);
    }
    for (const refund of mine) {
      const returned = paid - sum((refund.deductions ?? []).map((d) => d.amount.amount));
      if (refund.fee && !(returned > 0 && refund.amount.amount === returned)) {
        found.push(
          `(b) ${refund.refundId}: a fee of ${refund.fee.amount} JPY, ` +
            `${paid} JPY paid and ${refund.amount.amount} JPY returned`,
        );
      }
      const asked = [...card.cancellations.values()].filter((c) => keyOf(c.key, refund.refundId));
      // One key per attempt: a provider that does not refuse a second void would pay out twice.
      if (asked.length > refund.attempts)
        found.push(
          `twice: ${refund.refundId} asked the card side under ${asked.length} keys in ${refund.attempts} attempts`,
        );
      const confirmed = asked.some((c) => c.state === 'CONFIRMED');
      if (refund.method === 'CARD_AUTHORIZATION_CANCEL' && refund.status === 'COMPLETED' && !confirmed) {
        found.push(`(a) ${refund.refundId}: COMPLETED, but the card side confirmed no cancellation of it`);
      }
    }
    const holder = order.openClaimId ? store.claims.get(order.openClaimId) : undefined;
    if (order.openClaimId && (!holder || CLOSED_CLAIM_STATUSES.includes(holder.status))) {
      found.push(`${orderNo} is held by claim ${order.openClaimId}, which is ${holder?.status ?? 'missing'}`);
    }
  }
  const buyers = new Set([...store.orders.values()].map((order) => order.buyer.id));
  for (const buyerId of buyers) found.push(...(await ledgerViolations(world, buyerId, refunds)));
  return found;
}

/** (c): the balance is its entries; each entry has its cause, once; each cause its entry, once. */
async function ledgerViolations(world: MoneyWorld, buyerId: string, refunds: Refund[]): Promise<string[]> {
  const found: string[] = [];
  const { balance, entries, withdrawals } = await world.store.buyerLedger(buyerId);
  const total = sum(entries.map((e) => e.amount.amount));
  if (balance.balance.amount !== total)
    found.push(`(c) ${buyerId}: balance ${balance.balance.amount} JPY, entries sum to ${total} JPY`);
  if (balance.balance.amount < 0) found.push(`(c) ${buyerId}: balance ${balance.balance.amount} JPY`);
  const credits = entries.filter((e) => e.kind === 'REFUND_CREDIT');
  for (const entry of credits) {
    const refund = refunds.find((r) => r.refundId === entry.refundId);
    if (
      refund?.method !== 'BALANCE_CREDIT' ||
      refund.status !== 'COMPLETED' ||
      refund.buyerId !== buyerId ||
      refund.amount.amount !== entry.amount.amount
    ) {
      found.push(
        `(c) ${buyerId}: credit ${entry.entryId} of ${entry.amount.amount} JPY matches no completed balance refund`,
      );
    }
    if (credits.filter((e) => e.refundId === entry.refundId).length > 1)
      found.push(`(c) ${buyerId}: refund ${entry.refundId} credited twice`);
  }
  for (const refund of refunds.filter(
    (r) => r.buyerId === buyerId && r.method === 'BALANCE_CREDIT' && r.status === 'COMPLETED',
  )) {
    if (!credits.some((e) => e.refundId === refund.refundId))
      found.push(`(c) ${refund.refundId}: COMPLETED to the balance, never credited`);
  }
  for (const w of withdrawals) {
    const debits = entries.filter((e) => e.kind === 'WITHDRAWAL' && e.withdrawalId === w.withdrawalId);
    const reversals = entries.filter((e) => e.kind === 'WITHDRAWAL_REVERSAL' && e.withdrawalId === w.withdrawalId);
    if (debits.length !== 1 || debits[0]!.amount.amount !== -w.amount.amount)
      found.push(`(c) ${w.withdrawalId}: ${debits.length} debits`);
    if (reversals.length !== (w.status === 'FAILED' ? 1 : 0))
      found.push(`(c) ${w.withdrawalId} ${w.status}: ${reversals.length} reversals`);
    const bank = world.bank.done.get(transferKey(w));
    if (w.status === 'FAILED' && bank === 'COMPLETED')
      found.push(`(c) ${w.withdrawalId}: reversed, yet the bank paid it out`);
    if (w.status === 'COMPLETED' && bank !== 'COMPLETED')
      found.push(`(c) ${w.withdrawalId}: COMPLETED, yet the bank did not pay it`);
  }
  return found;
}

/**
 * When nothing runs any more: every order cancelled or returned that was paid has exactly one
 * COMPLETED refund of what was paid, or (unless `strict`) an operator's claim that says why; one
 * cancelled unpaid says so and has none; the card side's returns are all known; every claim and
 * run has ended (`strict`: and no claim waits for an operator, no withdrawal for the bank).
 */
export function unsettled(world: MoneyWorld, strict: boolean): string[] {
  const { store } = world;
  const found: string[] = [];
  const byOrder = refundsByOrder(world);
  const waitsForOperator = (claimId: string | undefined) => {
    const claim: Claim | undefined = claimId ? store.claims.get(claimId) : undefined;
    return (
      !strict && claim?.status === 'NEEDS_OPERATOR' && claim.failure !== undefined && claim.operatorAlert !== undefined
    );
  };
  for (const orderNo of world.orderNos) {
    const order = store.orders.get(orderNo)!;
    if (order.status !== 'CANCELLED' && order.status !== 'RETURNED') continue;
    const paid = world.paid.get(orderNo) ?? 0;
    const mine = byOrder.get(orderNo) ?? [];
    const applying = mine[0]?.claimId ?? order.cancelledUnpaid?.claimId ?? order.claimIds.at(-1);
    if (paid === 0) {
      if (!order.cancelledUnpaid)
        found.push(`${orderNo}: ${order.status}, never paid, and does not say it was cancelled unpaid`);
      continue;
    }
    const completed = mine.filter((r) => r.status === 'COMPLETED');
    // A buyer-fault return's refund is what was paid less its deductions (the return shipping), said on the refund.
    const deducted = sum((completed[0]?.deductions ?? []).map((d) => d.amount.amount));
    if (completed.length === 1 && completed[0]!.amount.amount === paid - deducted) continue;
    if (waitsForOperator(applying)) continue;
    const what = mine.map((r) => `${r.refundId} ${r.status} ${r.amount.amount}`).join(', ') || 'no refund';
    found.push(
      `dropped: ${orderNo} ${order.status}, ${paid} JPY paid, ${what}; ` +
        `claim ${applying} ${store.claims.get(applying ?? '')?.status}`,
    );
  }
  for (const c of world.card.cancellations.values()) {
    if (c.state !== 'CONFIRMED') continue;
    const refund = [...store.refunds.values()].find((r) => keyOf(c.key, r.refundId));
    if (refund?.status !== 'COMPLETED' && !waitsForOperator(refund?.claimId)) {
      found.push(
        `dropped: the card side returned ${c.amount.amount} JPY under ${c.key}; the refund is ${refund?.status}`,
      );
    }
  }
  for (const claim of store.claims.values()) {
    if (!CLOSED_CLAIM_STATUSES.includes(claim.status) && !waitsForOperator(claim.claimId))
      found.push(`claim ${claim.claimId} left ${claim.status}`);
  }
  for (const run of world.workflows.live()) found.push(`run ${run.run.name} never ended: ${run.trail.join(' > ')}`);
  if (strict) {
    for (const w of store.withdrawals.values())
      if (w.status === 'PENDING') found.push(`withdrawal ${w.withdrawalId} left PENDING`);
  }
  return found;
}
