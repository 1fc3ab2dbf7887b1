// An inquiry to the operator (the guide's "Qoo10에 문의하기", docs/DOMAIN.md): a seller asks the
// marketplace to do what a seller cannot, and the operator answers and acts on it. Both read its
// history, which is only ever added to.

export const INQUIRY_CATEGORIES = [
  /** An order the seller cannot cancel (a coupon, a payment method): the operator completes it. */
  'ORDER_NOT_CANCELLABLE',
  /** The buyer wants a cancel request withdrawn and cannot do it: the operator withdraws it. */
  'WITHDRAWAL_FOR_BUYER',
  /** The buyer asked the seller to cancel: the operator files the request on the buyer's behalf. */
  'REQUEST_FOR_BUYER',
  /** The buyer says no refund arrived: answered from the refund record. */
  'REFUND_NOT_RECEIVED',
  /** Advance notice of a bulk cancellation: the operator approves or refuses the job. */
  'BULK_NOTICE',
  /** Anything else (the guide's "other questions"): it may name no order. */
  'OTHER',
] as const;
export type InquiryCategory = (typeof INQUIRY_CATEGORIES)[number];

/** The categories that need not name an order: a bulk job's notice, and a general question. */
export const INQUIRIES_WITHOUT_ORDERS: readonly InquiryCategory[] = ['BULK_NOTICE', 'OTHER'];

/** OPEN: the operator's turn. ANSWERED: the seller's. CLOSED: done; a new question is a new inquiry. */
export const INQUIRY_STATUSES = ['OPEN', 'ANSWERED', 'CLOSED'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const MAX_INQUIRY_ORDERS = 20;
export const MAX_INQUIRY_ENTRIES = 100;
/**
 * Answers and replies stop here (UTF-8 bytes of the whole inquiry): 4,000 Korean characters are
 * 12 KB, so a long conversation reaches DynamoDB's 400 KB item limit before 100 entries. A close
 * or a recorded action is always let through: they are what ends a full inquiry.
 */
export const MAX_INQUIRY_BYTES = 300_000;

export interface InquiryEntry {
  at: string;
  by: { role: string; id: string };
  kind: 'FILED' | 'ANSWER' | 'REPLY' | 'ACTION' | 'CLOSED';
  text?: string;
  /** What the operator did through the API on the inquiry's behalf, and how it ended. */
  action?: { route: string; outcome: string };
}

export interface Inquiry {
  inquiryId: string;
  sellerId: string;
  category: InquiryCategory;
  subject: string;
  orderNos: string[];
  /** BULK_NOTICE: the job it announces, once submitted. */
  bulkId?: string;
  status: InquiryStatus;
  history: InquiryEntry[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Who speaks next after an entry: the operator after the seller, the seller after the operator. */
export function statusAfter(entry: InquiryEntry['kind'], status: InquiryStatus): InquiryStatus {
  if (entry === 'CLOSED') return 'CLOSED';
  if (entry === 'ANSWER') return 'ANSWERED';
  if (entry === 'REPLY') return 'OPEN';
  return status;
}
