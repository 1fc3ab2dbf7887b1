// The words the buyer reads, in the order country's language (JP Japanese, KR Korean, else
// English), and what the operator is told, in English. The seller's are in seller-notices.ts.

import type { BulkCancellation } from './bulk.js';
import type { Claim } from './claim.js';
import type { Inquiry, InquiryEntry } from './inquiry.js';
import type { BuyerMessage } from './message.js';
import type { Money } from './order.js';
import type { Refund, RefundMethod } from './refund.js';

export type Language = 'ja' | 'ko' | 'en';

export function languageFor(country: string): Language {
  if (country === 'JP') return 'ja';
  if (country === 'KR') return 'ko';
  return 'en';
}

export interface Email {
  subject: string;
  text: string;
}

const LOCALE: Record<Language, string> = { ja: 'ja-JP', ko: 'ko-KR', en: 'en-US' };

function formatMoney(money: Money, language: Language): string {
  return new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency: money.currency }).format(money.amount);
}

const CATEGORY_LABEL: Record<Language, Record<BuyerMessage['category'], string>> = {
  ja: { CANCEL_REFUND: 'キャンセル/払い戻し', SHIPPING: '配送', PRODUCT: '商品', OTHER: 'その他' },
  ko: { CANCEL_REFUND: '취소/환불', SHIPPING: '배송', PRODUCT: '상품', OTHER: '기타' },
  en: { CANCEL_REFUND: 'Cancellation/refund', SHIPPING: 'Shipping', PRODUCT: 'Product', OTHER: 'Other' },
};

const SELLER_MESSAGE_FRAME: Record<
  Language,
  { subject: (orderNo: string, category: string, title: string) => string; footer: string }
> = {
  ja: {
    subject: (orderNo, category, title) => `【Qoo10】ご注文 ${orderNo} について（${category}）: ${title}`,
    footer: 'このメッセージはショップから送信されました。My Qoo10 でもご確認いただけます。',
  },
  ko: {
    subject: (orderNo, category, title) => `[Qoo10] 주문 ${orderNo} 안내 (${category}): ${title}`,
    footer: '이 메시지는 판매자가 보냈습니다. My Qoo10에서도 확인할 수 있습니다.',
  },
  en: {
    subject: (orderNo, category, title) => `[Qoo10] About your order ${orderNo} (${category}): ${title}`,
    footer: 'This message was sent by the shop. You can also read it in My Qoo10.',
  },
};

/** The seller's message as an e-mail: the seller's words, framed in the buyer's language. */
export function sellerMessageEmail(message: BuyerMessage, language: Language): Email {
  const frame = SELLER_MESSAGE_FRAME[language];
  return {
    subject: frame.subject(
      (message.aboutOrders ?? [message.orderNo]).join(language === 'ja' ? '、' : ', '),
      CATEGORY_LABEL[language][message.category],
      message.title,
    ),
    text: `${message.body}\n\n--\n${frame.footer}`,
  };
}

const REFUND_WAY: Record<Language, Record<RefundMethod, string>> = {
  ja: {
    CARD_AUTHORIZATION_CANCEL:
      'クレジットカードの承認を取り消します。カード会社での反映にお時間がかかる場合があります。',
    BALANCE_CREDIT: 'Qoo10 の精算金（My Qoo10）に返金します。銀行口座への出金も可能です。',
  },
  ko: {
    CARD_AUTHORIZATION_CANCEL: '신용카드 승인을 취소합니다. 카드사 반영까지 시간이 걸릴 수 있습니다.',
    BALANCE_CREDIT: 'Qoo10 정산금(My Qoo10)으로 환불합니다. 은행 계좌로 출금할 수 있습니다.',
  },
  en: {
    CARD_AUTHORIZATION_CANCEL:
      'We are cancelling the card authorization; your card company may take some time to show it.',
    BALANCE_CREDIT:
      'The amount is credited to your Qoo10 balance (My Qoo10), from where you can withdraw it to a bank account.',
  },
};

interface CompletedText {
  subject: (orderNos: string, returned: boolean) => string;
  intro: (orderNos: string, returned: boolean) => string;
  /** Orders cancelled while awaiting payment: nothing was taken, nothing comes back. */
  unpaid: (orderNos: string) => string;
  memo: string;
}

const COMPLETED_TEXT: Record<Language, CompletedText> = {
  ja: {
    subject: (orderNos, returned) =>
      `【Qoo10】ご注文 ${orderNos} の${returned ? '返品・返金' : 'キャンセル'}が完了しました`,
    intro: (orderNos, returned) =>
      `ご注文 ${orderNos} は${returned ? '返品として処理され、返金されました' : 'キャンセルされ、返金されました'}。返金の詳細は別途お知らせします。`,
    unpaid: (orderNos) =>
      `ご注文 ${orderNos} はお支払い前にキャンセルされました。代金は頂いておりませんので、返金はございません。`,
    memo: 'ショップからのメモ',
  },
  ko: {
    // No particle after an order number or a noun whose last sound varies: the phrasing avoids 이/가.
    subject: (orderNos, returned) => `[Qoo10] 주문 ${orderNos} ${returned ? '반품·환불' : '취소'} 완료 안내`,
    intro: (orderNos, returned) =>
      `주문 ${orderNos}의 ${returned ? '반품 처리 및 환불' : '취소 및 환불'}이 완료되었습니다. 환불 내역은 별도로 안내해 드립니다.`,
    unpaid: (orderNos) => `주문 ${orderNos}: 결제 전에 취소되어 대금을 받지 않았으므로 환불할 금액이 없습니다.`,
    memo: '판매자 메모',
  },
  en: {
    subject: (orderNos, returned) =>
      `[Qoo10] Your order ${orderNos} is ${returned ? 'returned and refunded' : 'cancelled'}`,
    intro: (orderNos, returned) =>
      `Your order ${orderNos} has been ` +
      `${returned ? 'processed as a return and refunded' : 'cancelled and refunded'}. A separate notice gives the ` +
      `refund's details.`,
    unpaid: (orderNos) =>
      `Your order ${orderNos} was cancelled before it was paid: nothing was charged, so there is nothing to refund.`,
    memo: 'Note from the shop',
  },
};

/** The notice that tells the buyer a claim is done; `unpaidOrderNos` were cancelled before they were paid. */
export function claimCompletedNotice(
  claim: Pick<Claim, 'orderNos' | 'sellerMemo' | 'type'>,
  unpaidOrderNos: readonly string[],
  language: Language,
): { title: string; body: string } {
  const text = COMPLETED_TEXT[language];
  const returned = claim.type === 'SELLER_REFUND' || claim.type === 'NON_RECEIPT';
  const paid = claim.orderNos.filter((orderNo) => !unpaidOrderNos.includes(orderNo));
  const lines = [
    ...(paid.length > 0 ? [text.intro(paid.join(', '), returned)] : []),
    ...(unpaidOrderNos.length > 0 ? [text.unpaid(unpaidOrderNos.join(', '))] : []),
  ];
  if (claim.sellerMemo) lines.push('', `${text.memo}: ${claim.sellerMemo}`);
  return { title: text.subject(claim.orderNos.join(', '), returned), body: lines.join('\n') };
}

const REFUND_TEXT: Record<Language, { subject: (orderNo: string) => string; amount: (amount: string) => string }> = {
  ja: { subject: (orderNo) => `【Qoo10】ご注文 ${orderNo} の返金について`, amount: (amount) => `返金額: ${amount}` },
  ko: { subject: (orderNo) => `[Qoo10] 주문 ${orderNo} 환불 안내`, amount: (amount) => `환불 금액: ${amount}` },
  en: { subject: (orderNo) => `[Qoo10] The refund of your order ${orderNo}`, amount: (amount) => `Refund: ${amount}` },
};

/** The refund is done: how much, and what happens next for the way the buyer paid. */
export function refundCompletedNotice(
  refund: Pick<Refund, 'orderNo' | 'amount' | 'method'>,
  language: Language,
): { title: string; body: string } {
  const text = REFUND_TEXT[language];
  return {
    title: text.subject(refund.orderNo),
    body: `${text.amount(formatMoney(refund.amount, language))}\n${REFUND_WAY[language][refund.method]}`,
  };
}

const LATE_PAYMENT_TEXT: Record<
  Language,
  { subject: (orderNo: string) => string; intro: (orderNo: string) => string }
> = {
  ja: {
    subject: (orderNo) => `【Qoo10】キャンセル済みのご注文 ${orderNo} のお支払いを返金しました`,
    intro: (orderNo) => `キャンセル済みのご注文 ${orderNo} のお支払いを受け付けましたので、全額を返金いたします。`,
  },
  ko: {
    subject: (orderNo) => `[Qoo10] 취소된 주문 ${orderNo} 결제 금액 환불 안내`,
    intro: (orderNo) => `취소된 주문 ${orderNo}에 대한 결제가 확인되어 전액 환불해 드립니다.`,
  },
  en: {
    subject: (orderNo) => `[Qoo10] Your payment for the cancelled order ${orderNo} is returned`,
    intro: (orderNo) => `Your payment for order ${orderNo} arrived after the order was cancelled. We return all of it.`,
  },
};

/** A payment that arrived after its order was cancelled unpaid is returned: how much, and how. */
export function latePaymentReturnedNotice(
  refund: Pick<Refund, 'orderNo' | 'amount' | 'method'>,
  language: Language,
): { title: string; body: string } {
  const text = LATE_PAYMENT_TEXT[language];
  const amount = REFUND_TEXT[language].amount(formatMoney(refund.amount, language));
  return {
    title: text.subject(refund.orderNo),
    body: `${text.intro(refund.orderNo)}\n${amount}\n${REFUND_WAY[language][refund.method]}`,
  };
}

/** The operator sees every payment returned because it came after its order was cancelled. */
export function latePaymentAlert(
  refund: Pick<Refund, 'orderNo' | 'refundId' | 'claimId' | 'buyerId' | 'amount' | 'method'>,
): Email {
  return {
    subject: `[order-claims] Late payment for cancelled order ${refund.orderNo} returned to the buyer`,
    text: [
      `The payment of order ${refund.orderNo} arrived after claim ${refund.claimId} had cancelled it unpaid.`,
      `It was returned to buyer ${refund.buyerId}: ${refund.amount.amount} ${refund.amount.currency} by ` +
        `${refund.method} (refund ${refund.refundId}).`,
      `Nothing to do; the order's page has it: GET /orders/${refund.orderNo}`,
    ].join('\n'),
  };
}

/** What the operator is told when a case needs them. Operators read English. */
export function operatorAlert(claim: Pick<Claim, 'claimId' | 'orderNos' | 'sellerId'>, why: string): Email {
  return {
    subject: `[order-claims] Claim ${claim.claimId} needs an operator`,
    text:
      `Claim ${claim.claimId} (orders ${claim.orderNos.join(', ')}, seller ${claim.sellerId}) needs an ` +
      `operator.\n\n${why}\n\nComplete or close it: POST /claims/${claim.claimId}/resolution`,
  };
}

/** The system's own notices are sent as written: their title is the whole subject. */
export function systemNoticeEmail(message: BuyerMessage): Email {
  return { subject: message.title, text: message.body };
}

const WITHDRAWN_TEXT: Record<Language, { subject: (orderNo: string) => string; body: (orderNo: string) => string }> = {
  ja: {
    subject: (orderNo) => `【Qoo10】ご注文 ${orderNo} のキャンセル申請を取り下げました`,
    body: (orderNo) => `ご注文 ${orderNo} のキャンセル申請は取り下げられました。ご注文はそのまま発送されます。`,
  },
  ko: {
    subject: (orderNo) => `[Qoo10] 주문 ${orderNo} 취소 요청이 철회되었습니다`,
    body: (orderNo) => `주문 ${orderNo}의 취소 요청이 철회되었습니다. 주문은 그대로 발송됩니다.`,
  },
  en: {
    subject: (orderNo) => `[Qoo10] Your cancel request for order ${orderNo} is withdrawn`,
    body: (orderNo) => `Your request to cancel order ${orderNo} was withdrawn. The order will ship as planned.`,
  },
};

export function buyerWithdrawalNotice(orderNo: string, language: Language): { title: string; body: string } {
  const text = WITHDRAWN_TEXT[language];
  return { title: text.subject(orderNo), body: text.body(orderNo) };
}

/** A bulk cancellation over the approval size waits for the operator. Operators read English. */
export function bulkApprovalRequest(job: Pick<BulkCancellation, 'bulkId' | 'sellerId' | 'total' | 'failed'>): Email {
  return {
    subject: `[order-claims] Bulk cancellation ${job.bulkId} of ${job.total} orders waits for your approval`,
    text: [
      `Seller ${job.sellerId} asks to cancel ${job.total} orders at once (${job.failed} of them cannot be cancelled ` +
        `as they stand and will be reported back).`,
      `Review it: GET /bulk-cancellations/${job.bulkId}`,
      `Approve or refuse with a reason: POST /bulk-cancellations/${job.bulkId}/approval {"decision":"APPROVE"} or ` +
        `{"decision":"REFUSE","reason":"…"}`,
    ].join('\n'),
  };
}

/** A seller filed an inquiry, or replied to an answer: the operator's turn. Operators read English. */
export function inquiryForOperator(
  inquiry: Pick<Inquiry, 'inquiryId' | 'sellerId' | 'category' | 'subject' | 'orderNos' | 'bulkId'>,
  entry: Pick<InquiryEntry, 'kind' | 'text'>,
): Email {
  const about = [
    ...inquiry.orderNos.map((orderNo) => `order ${orderNo}`),
    ...(inquiry.bulkId ? [`bulk cancellation ${inquiry.bulkId}`] : []),
  ].join(', ');
  return {
    subject:
      `[order-claims] Inquiry ${inquiry.inquiryId} (${inquiry.category}) from seller ` +
      `${inquiry.sellerId}${entry.kind === 'REPLY' ? ': the seller replied' : ''}`,
    text: [
      `${inquiry.subject}${about ? ` (${about})` : ''}`,
      '',
      entry.text ?? '',
      '',
      `Read it: GET /inquiries/${inquiry.inquiryId}`,
      `Answer: POST /inquiries/${inquiry.inquiryId}/entries {"text":"…"}; act with ` +
        `"inquiryId":"${inquiry.inquiryId}" on the route that does it.`,
    ].join('\n'),
  };
}
