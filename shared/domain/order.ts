// Orders and their statuses, as the seller guide names them (docs/DOMAIN.md, "Orders and their statuses").

export const PAYMENT_METHODS = ['CARD', 'CONVENIENCE_STORE', 'BANK_TRANSFER', 'BALANCE'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * The ways of paying after checkout: only their orders can await payment (PROCESSING). A card or
 * the balance is paid at checkout.
 */
export const DEFERRED_PAYMENT_METHODS: readonly PaymentMethod[] = ['CONVENIENCE_STORE', 'BANK_TRANSFER'];

/** Not yet shipped: the guide groups these as "shipping requested" (배송요청). */
export const UNSHIPPED_STATUSES = ['PROCESSING', 'NEW', 'PREPARING', 'DELAYED'] as const;
export const SHIPPED_STATUSES = ['IN_TRANSIT', 'DELIVERED'] as const;
export const CLAIM_STATUSES_OF_ORDER = ['CANCEL_REQUESTED', 'CANCELLED', 'RETURNED'] as const;
export const ORDER_STATUSES = [...UNSHIPPED_STATUSES, ...SHIPPED_STATUSES, ...CLAIM_STATUSES_OF_ORDER] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type UnshippedStatus = (typeof UNSHIPPED_STATUSES)[number];

export const FINAL_STATUSES: readonly OrderStatus[] = ['CANCELLED', 'RETURNED'];

export interface Money {
  amount: number; // integer minor units
  currency: 'JPY';
}

export interface Buyer {
  id: string;
  email: string;
  country: string; // ISO 3166-1 alpha-2; decides the notice language
}

export interface Item {
  code: string;
  name: string;
  options?: string;
  quantity: number;
}

/** Who receives the parcel, and where: the seller's claim view shows it (docs/DOMAIN.md, flow 3). */
export interface Recipient {
  name: string;
  phone?: string;
  postalCode?: string;
  address: string;
}

export interface Order {
  orderNo: string;
  cartNo: string;
  sellerId: string;
  buyer: Buyer;
  item: Item;
  recipient?: Recipient;
  total: Money;
  payment: { method: PaymentMethod };
  /** A coupon whose terms may forbid a cancellation by the seller (the guide's FAQ: it goes to the operator). */
  coupon?: { code: string; sellerCancellable: boolean };
  /** As stored; read it through {@link effectiveStatus}. */
  status: OrderStatus;
  expectedShipDate?: string; // YYYY-MM-DD, the seller's 발송예정일
  /** The claim that holds the order while it runs: no other action may start meanwhile. */
  openClaimId?: string;
  claimIds: string[];
  orderedAt: string;
  shippedAt?: string;
  /** Entered at ship processing. */
  shipment?: { carrier?: string; trackingNumber?: string };
  deliveredAt?: string;
  /**
   * When the payment of an order that awaited it arrived: confirmed (PROCESSING → NEW), or after
   * the order was cancelled unpaid (and then returned to the buyer).
   */
  paidAt?: string;
  /** Cancelled while awaiting payment, by this claim: nothing was paid, so nothing was refunded. */
  cancelledUnpaid?: { claimId: string; at: string };
  updatedAt: string;
  version: number;
}

/** The marketplace's calendar day: ship dates are Japanese dates. */
export function marketplaceDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
}

/** The start of a marketplace day (YYYY-MM-DD, Japan time) as an ISO instant. */
export function marketplaceDayStart(day: string): string {
  return new Date(`${day}T00:00:00+09:00`).toISOString();
}

/** The last millisecond of a marketplace day, as an ISO instant. */
export function marketplaceDayEnd(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+09:00`) + DAY_MS - 1).toISOString();
}

/** The marketplace day `days` before (negative: after) `day`. */
export function marketplaceDaysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The guide's "last two weeks": today and the 13 marketplace days before it, from the first of
 * those days' midnight in Japan.
 */
export const lastTwoWeeksSince = (now: Date) => marketplaceDayStart(marketplaceDaysBefore(marketplaceDate(now), 13));

/** The buyer has not paid yet (a convenience-store or bank-transfer order): a cancellation returns nothing. */
export const awaitsPayment = (order: Pick<Order, 'status'>) => order.status === 'PROCESSING';

export function isUnshipped(status: OrderStatus): status is UnshippedStatus {
  return (UNSHIPPED_STATUSES as readonly string[]).includes(status);
}

/**
 * An order whose expected ship date has passed without shipment is DELAYED for every rule and
 * every read, whatever was stored (order registration).
 */
export function effectiveStatus(order: Pick<Order, 'status' | 'expectedShipDate'>, now: Date): OrderStatus {
  if (
    isUnshipped(order.status) &&
    order.expectedShipDate !== undefined &&
    order.expectedShipDate < marketplaceDate(now)
  ) {
    return 'DELAYED';
  }
  return order.status;
}

/** The orders DELAYED now, as a claim opened on them records them (nothing if none). */
export function delayedAmong(orders: Order[], now: Date): { delayedOrders?: string[] } {
  const delayed = orders.filter((order) => effectiveStatus(order, now) === 'DELAYED').map((order) => order.orderNo);
  return delayed.length > 0 ? { delayedOrders: delayed } : {};
}

/**
 * The seller dashboard's order counts (QSM main page): awaiting payment, new, preparing (배송준비),
 * shipping requested, delayed. From the counts by stored status, and the unshipped orders whose ship date has passed
 * (they are DELAYED, whatever is stored).
 */
export function orderCounts(stored: Partial<Record<OrderStatus, number>>, overdue: Pick<Order, 'status'>[]) {
  const count = (status: OrderStatus) => stored[status] ?? 0;
  const overdueIn = (status: OrderStatus) => overdue.filter((order) => order.status === status).length;
  return {
    awaitingPayment: count('PROCESSING') - overdueIn('PROCESSING'),
    new: count('NEW') - overdueIn('NEW'),
    preparing: count('PREPARING') - overdueIn('PREPARING'),
    shippingRequested: UNSHIPPED_STATUSES.reduce((sum, status) => sum + count(status), 0),
    delayed: count('DELAYED') + overdue.filter((order) => order.status !== 'DELAYED').length,
    cancelRequested: count('CANCEL_REQUESTED'),
  };
}
