// The money property's claims after delivery, as their parties take them: the buyer asks a return
// or reports a non-receipt, mostly of an order that is shipped (any order now and then, for the
// refusals); a return walked through its next steps (approve, ship back, confirm receipt as
// RECEIVED, MISSING or NOT_AS_DESCRIBED, take a refusal further, the operator's decision) or given a
// step out of turn; a report answered (proof, re-shipment, refund) and the answer accepted or
// escalated. Targets are indices into the claims of the kind still waiting for that party, so most
// commands move one on.
import type { Principal } from '../../shared/app/common/access.js';
import { escalateClaim } from '../../shared/app/claims/escalate-claim.js';
import { resolveClaim } from '../../shared/app/claims/resolve-claim.js';
import { acceptNonReceiptAnswer, answerNonReceipt } from '../../shared/app/non-receipt/answer-non-receipt.js';
import { reportNonReceipt } from '../../shared/app/non-receipt/report-non-receipt.js';
import { deliverOrder } from '../../shared/app/orders/deliver-order.js';
import { shipOrder } from '../../shared/app/orders/ship-order.js';
import { escalateReturn } from '../../shared/app/returns/escalate-return.js';
import {
  confirmReturnReceipt,
  decideReturn,
  enterReturnShipment,
  requestReturn,
} from '../../shared/app/returns/return-claims.js';
import type { Claim } from '../../shared/domain/claim.js';
import { OPERATOR, SELLER } from '../support/principals.js';
import type { Single } from './money-commands.js';
import type { MoneyWorld } from './money-world.js';

export type AfterDelivery = Extract<
  Single,
  { kind: 'askReturn' | 'returnStep' | 'reportNonReceipt' | 'answerNonReceipt' | 'buyerOnAnswer' }
>;

const pick = <T>(items: T[], index: number): T | undefined =>
  items.length === 0 ? undefined : items[index % items.length];

/** Among `preferred` when there are any and the command does not aim anywhere; else among all. */
const aim = <T>(preferred: T[], all: T[], index: number, anywhere: boolean) =>
  pick(!anywhere && preferred.length > 0 ? preferred : all, index);

const claimsOf = (world: MoneyWorld, type: Claim['type'], statuses?: Claim['status'][]) =>
  [...world.store.claims.values()].filter((c) => c.type === type && (!statuses || statuses.includes(c.status)));

/**
 * The order a buyer claims after delivery: mostly one shipped and free (the seller ships a paid one
 * first when there is none), any order when the command aims anywhere.
 */
async function claimable(world: MoneyWorld, index: number, anywhere: boolean): Promise<string> {
  const shipped = shippedOrders(world);
  if (anywhere || shipped.length > 0) return aim(shipped, world.orderNos, index, anywhere)!;
  const orderNo = pick(world.orderNos, index)!;
  // Refused when the order cannot ship (a claim holds it, it is not paid or is closed): the request then says why.
  await shipOrder(world.store, SELLER, orderNo, world.now()).catch(() => undefined);
  return orderNo;
}

/** Orders a buyer can claim after delivery: shipped, and held by no claim. */
const shippedOrders = (world: MoneyWorld) =>
  world.orderNos.filter((no) => {
    const order = world.store.orders.get(no)!;
    return (order.status === 'IN_TRANSIT' || order.status === 'DELIVERED') && order.openClaimId === undefined;
  });

const buyerOf = (claim: Pick<Claim, 'buyerId'>): Principal => ({ role: 'buyer', id: claim.buyerId });

/** Where a return waits, and whose step comes next. */
const RETURN_WAITS: Claim['status'][] = [
  'AWAITING_APPROVAL',
  'AWAITING_RETURN',
  'RETURN_IN_TRANSIT',
  'REFUSED',
  'NEEDS_OPERATOR',
];

export async function afterDelivery(world: MoneyWorld, command: AfterDelivery): Promise<string> {
  const { store, claimDeps, now } = world;
  switch (command.kind) {
    case 'askReturn': {
      const orderNo = await claimable(world, command.order, command.anywhere);
      const order = store.orders.get(orderNo)!;
      // The buyer asks as soon as the parcel arrives.
      if (order.status === 'IN_TRANSIT') await deliverOrder(store, OPERATOR, orderNo, now());
      const deps = { ...claimDeps, profiles: world.profiles };
      return (
        await requestReturn(deps, buyerOf({ buyerId: order.buyer.id }), orderNo, { reason: command.reason }, now())
      ).status;
    }
    case 'returnStep': {
      const waiting = command.step === 'NEXT' ? claimsOf(world, 'RETURN', RETURN_WAITS) : [];
      const ret = aim(waiting, claimsOf(world, 'RETURN'), command.claim, false);
      if (!ret) return 'nothing';
      const statuses: string[] = [];
      for (let i = 0; i < (command.step === 'NEXT' ? command.times : 1); i++)
        statuses.push(await returnStep(world, store.claims.get(ret.claimId)!, command));
      return statuses.join('>');
    }
    case 'reportNonReceipt': {
      const orderNo = await claimable(world, command.order, command.anywhere);
      const buyer = buyerOf({ buyerId: store.orders.get(orderNo)!.buyer.id });
      const input = command.byOperator ? { onBehalfReason: 'The buyer called.' } : {};
      return (await reportNonReceipt(claimDeps, command.byOperator ? OPERATOR : buyer, orderNo, input, now())).status;
    }
    case 'answerNonReceipt': {
      const waiting = claimsOf(world, 'NON_RECEIPT', ['AWAITING_SELLER']);
      const report = aim(waiting, claimsOf(world, 'NON_RECEIPT'), command.claim, command.anywhere);
      if (!report) return 'nothing';
      const tracking = command.answer === 'RESHIPPED' ? { carrier: 'Yamato', trackingNo: '1234' } : {};
      const input = { answer: command.answer, ...tracking };
      return (await answerNonReceipt(claimDeps, SELLER, report.claimId, input, now())).status;
    }
    case 'buyerOnAnswer': {
      const answered = claimsOf(world, 'NON_RECEIPT', ['ANSWERED']);
      const report = aim(answered, claimsOf(world, 'NON_RECEIPT'), command.claim, command.anywhere);
      if (!report) return 'nothing';
      const taken = command.accept
        ? await acceptNonReceiptAnswer(claimDeps, buyerOf(report), report.claimId, now())
        : await escalateClaim(claimDeps, buyerOf(report), report.claimId, now());
      return taken.status;
    }
  }
}

/** A step of a return, by whoever takes it: the seller decides and confirms, the buyer ships back and escalates. */
async function returnStep(world: MoneyWorld, claim: Claim, command: Extract<AfterDelivery, { kind: 'returnStep' }>) {
  const { claimDeps, now } = world;
  const { claimId } = claim;
  const next = {
    AWAITING_APPROVAL: 'APPROVE',
    AWAITING_RETURN: 'SHIP_BACK',
    RETURN_IN_TRANSIT: command.outcome,
    REFUSED: 'ESCALATE',
    NEEDS_OPERATOR: 'DECIDE',
  } as const;
  const taken = command.step === 'NEXT' ? (next[claim.status as keyof typeof next] ?? command.outcome) : command.step;
  switch (taken) {
    case 'APPROVE': {
      const approval = { decision: 'APPROVE' as const, returnAddress: '東京都港区1-2-3' };
      return (await decideReturn(claimDeps, SELLER, claimId, approval, now())).status;
    }
    case 'REFUSE':
      return (await decideReturn(claimDeps, SELLER, claimId, { decision: 'REFUSE', reason: '使用済み' }, now())).status;
    case 'SHIP_BACK': {
      const shipment = { carrier: 'ヤマト運輸', trackingNo: '1234' };
      const deps = { ...claimDeps, profiles: world.profiles };
      return (await enterReturnShipment(deps, buyerOf(claim), claimId, shipment, now())).status;
    }
    case 'ESCALATE':
      return (await escalateReturn(claimDeps, buyerOf(claim), claimId, now())).status;
    case 'DECIDE': {
      const resolution = { action: command.complete ? 'COMPLETE' : 'CLOSE', reason: 'Checked with both.' } as const;
      const deps = { ...claimDeps, sellerMail: { mailer: world.mailer, profiles: world.profiles } };
      return (await resolveClaim(deps, OPERATOR, claimId, resolution, now())).status;
    }
    default:
      return (await confirmReturnReceipt(claimDeps, SELLER, claimId, { outcome: taken }, now())).status;
  }
}
