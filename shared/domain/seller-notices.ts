// The words the seller reads, in the language of the seller's profile (ja, ko or en), addressed
// to the store by name. The routes that act on a notice are given as they are, in every language.

import type { BulkCancellation, BulkStatus } from './bulk.js';
import type { Claim } from './claim.js';
import type { Inquiry, InquiryEntry } from './inquiry.js';
import type { Email, Language } from './notices.js';
import type { SellerProfile } from './seller-profile.js';

export type Addressee = Pick<SellerProfile, 'storeName' | 'language'>;

export const GREETING: Record<Language, (storeName: string) => string> = {
  ja: (storeName) => `${storeName} 様`,
  ko: (storeName) => `${storeName} 판매자님`,
  en: (storeName) => `Dear ${storeName},`,
};

const REQUEST_TEXT: Record<
  Language,
  {
    head: (reminder: boolean) => string;
    order: string;
    claim: string;
    reason: string;
    buyerMessage: string;
    todo: string;
    next: (reminder: boolean) => string;
  }
> = {
  ja: {
    head: (reminder) =>
      reminder
        ? '【リマインド】4日以上対応されていないキャンセル申請があります'
        : 'お客様からキャンセル申請がありました',
    order: '注文',
    claim: 'クレーム',
    reason: '理由',
    buyerMessage: 'お客様のメッセージ',
    todo: 'この注文は発送できません。キャンセルを承認するか、お客様に申請の取り下げをお願いしてください。',
    next: (reminder) =>
      reminder
        ? '対応がないまま期限を過ぎると、運営が対応します。'
        : '4日以内に完了しない場合、遅延として表示されます。',
  },
  ko: {
    head: (reminder) =>
      reminder ? '[리마인드] 4일 이상 처리되지 않은 취소 요청이 있습니다' : '구매자의 취소 요청이 접수되었습니다',
    order: '주문',
    claim: '클레임',
    reason: '사유',
    buyerMessage: '구매자 메시지',
    todo: '이 주문은 발송할 수 없습니다. 취소를 승인하거나 구매자에게 요청 철회를 부탁해 주세요.',
    next: (reminder) =>
      reminder ? '기한까지 처리되지 않으면 운영팀이 처리합니다.' : '4일 이내에 완료되지 않으면 지연으로 표시됩니다.',
  },
  en: {
    head: (reminder) =>
      reminder ? 'Reminder: a cancel request has waited over 4 days' : 'A buyer asked to cancel an order',
    order: 'Order',
    claim: 'Claim',
    reason: 'Reason',
    buyerMessage: 'The buyer’s message',
    todo: 'This order cannot ship. Approve the cancellation, or ask the buyer to withdraw the request.',
    next: (reminder) =>
      reminder
        ? 'If nothing is done by the deadline, the operator takes it over.'
        : 'If it is not done within 4 days, it shows as delayed.',
  },
};

/** A return request's words where they differ from a cancel request's (the order, the claim, the reason alike). */
const RETURN_TEXT: Record<Language, { head: (reminder: boolean) => string; todo: string }> = {
  ja: {
    head: (reminder) =>
      reminder ? '【リマインド】4日以上対応されていない返品申請があります' : 'お客様から返品申請がありました',
    todo: '返品を承認して返送先をお知らせいただくか、理由を添えてお断りください。',
  },
  ko: {
    head: (reminder) =>
      reminder ? '[리마인드] 4일 이상 처리되지 않은 반품 신청이 있습니다' : '구매자의 반품 신청이 접수되었습니다',
    todo: '반품을 승인하고 반송 주소를 알려 주시거나, 사유와 함께 거절해 주세요.',
  },
  en: {
    head: (reminder) =>
      reminder ? 'Reminder: a return request has waited over 4 days' : 'A buyer asked to return an order',
    todo: 'Approve the return with the address to send it to, or refuse it with a reason.',
  },
};

/**
 * A buyer asked to cancel a PREPARING order: the seller approves, or asks the buyer to withdraw.
 * Or a buyer asked to return a delivered order: the seller approves or refuses.
 */
export function sellerRequestNotice(
  claim: Pick<Claim, 'claimId' | 'orderNo' | 'reason' | 'buyerMessage'> & Partial<Pick<Claim, 'type'>>,
  reminder: boolean,
  to: Addressee,
): Email {
  const returning = claim.type === 'RETURN';
  const text = returning ? { ...REQUEST_TEXT[to.language], ...RETURN_TEXT[to.language] } : REQUEST_TEXT[to.language];
  const head = text.head(reminder);
  return {
    subject: `[Qoo10 QSM] ${head}: ${text.order} ${claim.orderNo}`,
    text: [
      GREETING[to.language](to.storeName),
      '',
      head,
      `${text.order}: ${claim.orderNo} / ${text.claim}: ${claim.claimId}`,
      `${text.reason}: ${claim.reason}${claim.buyerMessage ? ` / ${text.buyerMessage}: ${claim.buyerMessage}` : ''}`,
      text.todo,
      text.next(reminder),
      '',
      `POST /claims/${claim.claimId}/${returning ? 'return-decision' : 'approval'}`,
    ].join('\n'),
  };
}

const WITHDRAWN_TEXT: Record<
  Language,
  { subject: (orderNo: string) => string; body: (orderNo: string, claimId: string) => string }
> = {
  ja: {
    subject: (orderNo) => `[Qoo10 QSM] キャンセル申請が取り下げられました: 注文 ${orderNo}`,
    body: (orderNo, claimId) =>
      `注文 ${orderNo} のキャンセル申請（${claimId}）は取り下げられました。発送準備中に戻り、発送できます。`,
  },
  ko: {
    subject: (orderNo) => `[Qoo10 QSM] 취소 요청이 철회되었습니다: 주문 ${orderNo}`,
    body: (orderNo, claimId) =>
      `주문 ${orderNo}의 취소 요청(${claimId})이 철회되었습니다. 발송 준비 중으로 돌아갔으며 발송할 수 있습니다.`,
  },
  en: {
    subject: (orderNo) => `[Qoo10 QSM] A cancel request was withdrawn: order ${orderNo}`,
    body: (orderNo, claimId) =>
      `The cancel request ${claimId} was withdrawn: order ${orderNo} is back to PREPARING and can ship.`,
  },
};

export function sellerWithdrawalNotice(claim: Pick<Claim, 'claimId' | 'orderNo'>, to: Addressee): Email {
  const text = WITHDRAWN_TEXT[to.language];
  return {
    subject: text.subject(claim.orderNo),
    text: `${GREETING[to.language](to.storeName)}\n\n${text.body(claim.orderNo, claim.claimId)}`,
  };
}

const BULK_OUTCOME: Record<Language, Record<BulkStatus, string>> = {
  ja: {
    VALIDATING: '検証中',
    AWAITING_APPROVAL: '承認待ち',
    RUNNING: '処理中',
    COMPLETED: 'すべてキャンセルしました',
    COMPLETED_WITH_FAILURES: '一部の注文をキャンセルできませんでした',
    FAILED: 'キャンセルできませんでした',
    REFUSED: '運営により承認されませんでした',
    CANCELLED: '取り消されました',
  },
  ko: {
    VALIDATING: '검증 중',
    AWAITING_APPROVAL: '승인 대기',
    RUNNING: '처리 중',
    COMPLETED: '모두 취소했습니다',
    COMPLETED_WITH_FAILURES: '일부 주문을 취소하지 못했습니다',
    FAILED: '취소하지 못했습니다',
    REFUSED: '운영팀이 승인하지 않았습니다',
    CANCELLED: '요청이 취소되었습니다',
  },
  en: {
    VALIDATING: 'validating',
    AWAITING_APPROVAL: 'awaiting approval',
    RUNNING: 'running',
    COMPLETED: 'every order cancelled',
    COMPLETED_WITH_FAILURES: 'some orders could not be cancelled',
    FAILED: 'no order could be cancelled',
    REFUSED: 'not approved by the operator',
    CANCELLED: 'called off',
  },
};

const BULK_TEXT: Record<
  Language,
  {
    name: string;
    counts: (total: number, done: number, failed: number) => string;
    why: string;
    lines: string;
    retry: string;
  }
> = {
  ja: {
    name: '一括キャンセル',
    counts: (total, done, failed) => `対象 ${total} 件 / キャンセル ${done} 件 / できなかった注文 ${failed} 件`,
    why: '理由',
    lines: '各行と理由',
    retry: 'できなかった注文の再実行',
  },
  ko: {
    name: '일괄 취소',
    counts: (total, done, failed) => `대상 ${total}건 / 취소 ${done}건 / 취소하지 못한 주문 ${failed}건`,
    why: '사유',
    lines: '각 행과 사유',
    retry: '취소하지 못한 주문 다시 실행',
  },
  en: {
    name: 'Bulk cancellation',
    counts: (total, done, failed) => `${total} orders: ${done} cancelled, ${failed} not`,
    why: 'Why',
    lines: 'Each line and its reason',
    retry: 'Try the failed lines again',
  },
};

/** One summary to the seller when a bulk cancellation ends, not one per order. */
export function bulkSummary(
  job: Pick<BulkCancellation, 'bulkId' | 'status' | 'total' | 'done' | 'failed' | 'decision' | 'failure'>,
  to: Addressee,
): Email {
  const text = BULK_TEXT[to.language];
  const outcome = BULK_OUTCOME[to.language][job.status];
  const why = job.decision?.reason ?? job.failure?.detail;
  return {
    subject: `[Qoo10 QSM] ${text.name} ${job.bulkId}: ${outcome}`,
    text: [
      GREETING[to.language](to.storeName),
      '',
      `${text.name} ${job.bulkId}: ${outcome}`,
      text.counts(job.total, job.done, job.failed),
      ...(why ? [`${text.why}: ${why}`] : []),
      '',
      `${text.lines}: GET /bulk-cancellations/${job.bulkId}`,
      `${text.retry}: POST /bulk-cancellations {"retryOf":"${job.bulkId}", …}`,
    ].join('\n'),
  };
}

const ANSWER_TEXT: Record<Language, { subject: (subject: string, closed: boolean) => string; read: string }> = {
  ja: {
    subject: (subject, closed) => `[Qoo10 QSM] お問い合わせへの回答${closed ? '（完了）' : ''}: ${subject}`,
    read: 'お問い合わせの履歴',
  },
  ko: {
    subject: (subject, closed) => `[Qoo10 QSM] 문의 답변${closed ? ' (완료)' : ''}: ${subject}`,
    read: '문의 내역',
  },
  en: {
    subject: (subject, closed) => `[Qoo10 QSM] The answer to your inquiry${closed ? ' (closed)' : ''}: ${subject}`,
    read: 'The inquiry and its history',
  },
};

/** The operator answered (or closed) the seller's inquiry: the answer, in the seller's language frame. */
export function inquiryAnswerNotice(
  inquiry: Pick<Inquiry, 'inquiryId' | 'subject'>,
  entry: Pick<InquiryEntry, 'kind' | 'text'>,
  to: Addressee,
): Email {
  const text = ANSWER_TEXT[to.language];
  return {
    subject: text.subject(inquiry.subject, entry.kind === 'CLOSED'),
    text: [
      GREETING[to.language](to.storeName),
      '',
      entry.text ?? '',
      '',
      `${text.read}: GET /inquiries/${inquiry.inquiryId}`,
    ].join('\n'),
  };
}
