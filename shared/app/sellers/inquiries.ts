// Inquiries to the operator (the guide's "Qoo10에 문의하기"): a seller files one about its orders
// or a bulk job; the operator answers, and acts through the API's own routes with the inquiry's
// id, which adds each action to the inquiry's history. Both read the whole history.

import {
  MAX_INQUIRY_BYTES,
  MAX_INQUIRY_ENTRIES,
  statusAfter,
  type Inquiry,
  type InquiryCategory,
  type InquiryEntry,
  type InquiryStatus,
} from '../../domain/inquiry.js';
import { effectiveStatus } from '../../domain/order.js';
import { actor, notFound, type Principal } from '../common/access.js';
import { retryOnConflict } from '../common/conflicts.js';
import { ForbiddenError, NotFoundError, StatusConflictError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { inquiryForOperator } from '../../domain/notices.js';
import { inquiryAnswerNotice } from '../../domain/seller-notices.js';
import { telemetry } from '../common/telemetry.js';
import type { BulkStore } from '../ports/bulk-store.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { PageRequest } from '../ports/pages.js';
import type { Inquiries, SellerProfiles } from '../ports/seller-store.js';

/** Who is e-mailed when it is their turn: the operator at its address, the seller at its profile's. */
export interface InquiryMail {
  mailer: Mailer;
  operatorEmail: string;
  profiles: SellerProfiles;
}

/**
 * E-mails whoever speaks next. The queue (GET /inquiries?status=OPEN) and the seller's list are
 * the record; an e-mail that fails is logged and the inquiry stands.
 */
async function tellNext(mail: InquiryMail, inquiry: Inquiry, entry: InquiryEntry): Promise<void> {
  if (entry.kind === 'ACTION') return;
  try {
    if (entry.by.role === 'seller') {
      if (entry.kind !== 'CLOSED') await mail.mailer.send(mail.operatorEmail, inquiryForOperator(inquiry, entry));
      return;
    }
    const profile = await mail.profiles.getProfile(inquiry.sellerId);
    if (profile) await mail.mailer.send(profile.contactEmail, inquiryAnswerNotice(inquiry, entry, profile));
  } catch (error) {
    telemetry.warn('inquiry e-mail not sent', { inquiryId: inquiry.inquiryId, error: error as Error });
  }
}

export interface NewInquiry {
  category: InquiryCategory;
  subject: string;
  details: string;
  orderNos?: string[];
  bulkId?: string;
}

/** POST /inquiries: a seller's, about its own orders (or its own bulk job). */
export async function fileInquiry(
  deps: { inquiries: Inquiries; store: ClaimStore; bulks: BulkStore; mail: InquiryMail },
  principal: Principal,
  input: NewInquiry,
  now: Date,
): Promise<Inquiry> {
  if (principal.role !== 'seller') throw new ForbiddenError('Sellers file inquiries; the operator answers them.');
  const orderNos = [...new Set(input.orderNos ?? [])];
  // Another seller's order or job is answered as an unknown one: nobody can probe what exists.
  const found = (await deps.store.getOrders(orderNos)).filter((order) => order.sellerId === principal.id);
  const unknown = orderNos.filter((orderNo) => !found.some((order) => order.orderNo === orderNo));
  if (unknown.length > 0) throw new NotFoundError(`No order ${unknown.join(', ')}.`);
  if (input.bulkId) {
    const job = await deps.bulks.getBulk(input.bulkId);
    if (!job || job.sellerId !== principal.id) throw notFound('bulk cancellation', input.bulkId);
  }
  const at = now.toISOString();
  const inquiry: Inquiry = {
    inquiryId: newId('Q', now),
    sellerId: principal.id,
    category: input.category,
    subject: input.subject,
    orderNos,
    ...(input.bulkId ? { bulkId: input.bulkId } : {}),
    status: 'OPEN',
    history: [{ at, by: actor(principal), kind: 'FILED', text: input.details }],
    createdAt: at,
    updatedAt: at,
    version: 0,
  };
  await deps.inquiries.saveInquiry(inquiry);
  await tellNext(deps.mail, inquiry, inquiry.history[0]!);
  return { ...inquiry, version: 1 };
}

function readable(inquiry: Inquiry | undefined, principal: Principal, inquiryId: string): Inquiry {
  if (principal.role === 'buyer') throw new ForbiddenError('Inquiries are between sellers and the operator.');
  if (!inquiry || (principal.role === 'seller' && inquiry.sellerId !== principal.id))
    throw notFound('inquiry', inquiryId);
  return inquiry;
}

/** What each side may do with it now. */
export function inquiryActions(inquiry: Inquiry, role: Principal['role']): string[] {
  if (inquiry.status === 'CLOSED') return [];
  return role === 'operator' ? ['ANSWER', 'CLOSE', 'ACT'] : ['REPLY', 'CLOSE'];
}

export const inquiryView = ({ version: _version, ...visible }: Inquiry, role: Principal['role']) => ({
  ...visible,
  allowedActions: inquiryActions(visible as Inquiry, role),
});

/**
 * An inquiry in a list, or after an entry: without its history (a list of 100 would be megabytes), with how long it is
 * and when it last moved.
 */
export function inquirySummary(inquiry: Inquiry, role: Principal['role']) {
  const { version: _version, history, ...visible } = inquiry;
  return {
    ...visible,
    entries: history.length,
    lastEntryAt: history.at(-1)!.at,
    allowedActions: inquiryActions(inquiry, role),
  };
}

/** GET /inquiries/{inquiryId}: the seller's own, or any for the operator; with the orders as they stand now. */
export async function viewInquiry(
  deps: { inquiries: Inquiries; store: ClaimStore },
  principal: Principal,
  inquiryId: string,
  now: Date,
) {
  const inquiry = readable(await deps.inquiries.getInquiry(inquiryId), principal, inquiryId);
  const orders = await deps.store.getOrders(inquiry.orderNos);
  return {
    ...inquiryView(inquiry, principal.role),
    orders: inquiry.orderNos.map((orderNo) => {
      const order = orders.find((o) => o.orderNo === orderNo);
      return order
        ? { orderNo, status: effectiveStatus(order, now), claimInProgress: order.openClaimId ?? null }
        : { orderNo, status: null, claimInProgress: null };
    }),
  };
}

/**
 * GET /inquiries: a seller's own, or (operator) every seller's or one's; newest first. OPEN is the operator's queue.
 */
export async function listInquiries(
  inquiries: Inquiries,
  principal: Principal,
  query: { status?: InquiryStatus; sellerId?: string },
  page: PageRequest,
) {
  if (principal.role === 'buyer') throw new ForbiddenError('Inquiries are between sellers and the operator.');
  const sellerId = principal.role === 'seller' ? principal.id : query.sellerId;
  const found = await inquiries.listInquiries(
    { ...(sellerId ? { sellerId } : {}), ...(query.status ? { status: query.status } : {}) },
    page,
  );
  return { items: found.items.map((inquiry) => inquirySummary(inquiry, principal.role)), nextCursor: found.nextCursor };
}

/**
 * Adds an entry, checked against the version read. An action already taken is recorded whatever became of the inquiry
 * meanwhile: the history keeps what was done.
 */
export async function addEntry(
  inquiries: Inquiries,
  principal: Principal,
  inquiryId: string,
  entry: (inquiry: Inquiry) => InquiryEntry,
  now: Date,
): Promise<Inquiry> {
  return retryOnConflict(async () => {
    const inquiry = readable(await inquiries.getInquiry(inquiryId), principal, inquiryId);
    const added = entry(inquiry);
    if (added.kind === 'ACTION') return save(inquiries, inquiry, added, now);
    if (inquiry.status === 'CLOSED')
      throw new StatusConflictError(`Inquiry ${inquiryId} is closed: file a new one.`, 'CLOSED', []);
    // Full: answers and replies stop, but a close always goes through (it is what ends it).
    const full =
      inquiry.history.length >= MAX_INQUIRY_ENTRIES ||
      Buffer.byteLength(JSON.stringify([inquiry, added])) > MAX_INQUIRY_BYTES;
    if (full && added.kind !== 'CLOSED')
      throw new StatusConflictError(
        `Inquiry ${inquiryId} holds as much as one can: close it and file a new one.`,
        inquiry.status,
        ['CLOSE'],
      );
    return save(inquiries, inquiry, added, now);
  });
}

async function save(inquiries: Inquiries, inquiry: Inquiry, added: InquiryEntry, now: Date): Promise<Inquiry> {
  const next: Inquiry = {
    ...inquiry,
    status: statusAfter(added.kind, inquiry.status),
    history: [...inquiry.history, added],
    updatedAt: now.toISOString(),
  };
  await inquiries.saveInquiry(next);
  return { ...next, version: next.version + 1 };
}

/**
 * POST /inquiries/{inquiryId}/entries: the operator answers, the seller replies; either may close it with a last word.
 * The other side is e-mailed.
 */
export async function addInquiryEntry(
  deps: { inquiries: Inquiries; mail: InquiryMail },
  principal: Principal,
  inquiryId: string,
  input: { text: string; close: boolean },
  now: Date,
) {
  if (principal.role === 'buyer') throw new ForbiddenError('Inquiries are between sellers and the operator.');
  const kind = input.close ? 'CLOSED' : principal.role === 'operator' ? 'ANSWER' : 'REPLY';
  const inquiry = await addEntry(
    deps.inquiries,
    principal,
    inquiryId,
    () => ({ at: now.toISOString(), by: actor(principal), kind, text: input.text }),
    now,
  );
  await tellNext(deps.mail, inquiry, inquiry.history.at(-1)!);
  return inquiry;
}
