// What the seller reads as a return or a non-receipt report moves on without the seller: the buyer
// sent the return back (carrier and tracking), the receipt is overdue (the operator was told), the
// operator decided a case (the buyer refunded, or closed). In the language of the seller's profile,
// addressed to the store; the route that acts on it given as it is.

import type { Claim } from './claim.js';
import type { Email, Language } from './notices.js';
import { GREETING, type Addressee } from './seller-notices.js';

export type SellerClaimNotice = 'RETURN_SHIPPED' | 'RETURN_RECEIPT_OVERDUE' | 'OPERATOR_REFUNDED' | 'OPERATOR_CLOSED';

type About = Pick<Claim, 'claimId' | 'orderNo' | 'type' | 'fault' | 'return'>;

interface Words {
  order: string;
  claim: string;
  /** What the claim is, for the operator's decisions. */
  kind: (claim: About) => string;
  subject: Record<SellerClaimNotice, string>;
  body: Record<SellerClaimNotice, (claim: About, tracking: string) => string>;
}

const WORDS: Record<Language, Words> = {
  ja: {
    order: '注文',
    claim: 'クレーム',
    kind: (c) => (c.type === 'RETURN' ? '返品' : '未受取の申告'),
    subject: {
      RETURN_SHIPPED: '返品が発送されました',
      RETURN_RECEIPT_OVERDUE: '返品の受取確認が期限を過ぎています',
      OPERATOR_REFUNDED: '運営が返金を決定しました',
      OPERATOR_CLOSED: '運営がクレームを終了しました',
    },
    body: {
      RETURN_SHIPPED: (_c, tracking) =>
        `お客様が返品を発送しました（${tracking}）。届きましたら受取を確認してください。届かない場合や説明と` +
        '異なる場合は、その旨をご報告ください（運営が対応します）。',
      RETURN_RECEIPT_OVERDUE: (_c, tracking) =>
        `お客様が発送した返品（${tracking}）の受取確認が期限を過ぎたため、運営に通知しました。受取を確認して` +
        'ください。確認がないまま次の期限を過ぎると、運営が対応します。',
      OPERATOR_REFUNDED: (c) =>
        `運営が${WORDS.ja.kind(c)}について判断し、お客様へ返金します` +
        `${c.fault === 'SELLER' ? '（セラー様のご負担）' : ''}。`,
      OPERATOR_CLOSED: (c) => `運営が${WORDS.ja.kind(c)}について判断し、返金せずに終了しました。`,
    },
  },
  ko: {
    order: '주문',
    claim: '클레임',
    kind: (c) => (c.type === 'RETURN' ? '반품' : '미수취 신고'),
    subject: {
      RETURN_SHIPPED: '반품이 발송되었습니다',
      RETURN_RECEIPT_OVERDUE: '반품 수령 확인 기한이 지났습니다',
      OPERATOR_REFUNDED: '운영팀이 환불을 결정했습니다',
      OPERATOR_CLOSED: '운영팀이 클레임을 종료했습니다',
    },
    body: {
      RETURN_SHIPPED: (_c, tracking) =>
        `구매자가 반품을 발송했습니다(${tracking}). 도착하면 수령을 확인해 주세요. 도착하지 않거나 설명과 ` +
        '다르면 그렇게 신고해 주세요(운영팀이 처리합니다).',
      RETURN_RECEIPT_OVERDUE: (_c, tracking) =>
        `구매자가 발송한 반품(${tracking})의 수령 확인 기한이 지나 운영팀에 알렸습니다. 수령을 확인해 주세요. ` +
        '다음 기한까지 확인이 없으면 운영팀이 처리합니다.',
      OPERATOR_REFUNDED: (c) =>
        `운영팀이 ${WORDS.ko.kind(c)}에 대해 판단하여 구매자에게 환불합니다` +
        `${c.fault === 'SELLER' ? '(판매자 부담)' : ''}.`,
      OPERATOR_CLOSED: (c) => `운영팀이 ${WORDS.ko.kind(c)}에 대해 판단하여 환불 없이 종료했습니다.`,
    },
  },
  en: {
    order: 'Order',
    claim: 'Claim',
    kind: (c) => (c.type === 'RETURN' ? 'the return' : 'the non-receipt report'),
    subject: {
      RETURN_SHIPPED: 'A return is on its way back to you',
      RETURN_RECEIPT_OVERDUE: 'The receipt of a return is overdue',
      OPERATOR_REFUNDED: 'The operator decided to refund the buyer',
      OPERATOR_CLOSED: 'The operator closed a claim',
    },
    body: {
      RETURN_SHIPPED: (_c, tracking) =>
        `The buyer sent the return back (${tracking}). Confirm its receipt when it arrives; if it does not ` +
        'arrive, or is not as described, report that instead (the operator takes it over).',
      RETURN_RECEIPT_OVERDUE: (_c, tracking) =>
        `You have not confirmed receipt of the return the buyer sent back (${tracking}) in time: the operator ` +
        'has been told. Confirm its receipt; without it by the next deadline, the operator takes it over.',
      OPERATOR_REFUNDED: (c) =>
        `The operator decided ${WORDS.en.kind(c)}: the buyer is refunded` +
        `${c.fault === 'SELLER' ? ', charged to your store' : ''}.`,
      OPERATOR_CLOSED: (c) => `The operator decided ${WORDS.en.kind(c)}: it is closed, with no refund.`,
    },
  },
};

const RECEIPT_ROUTE: Partial<Record<SellerClaimNotice, (claimId: string) => string>> = {
  RETURN_SHIPPED: (claimId) => `POST /claims/${claimId}/return-receipt`,
  RETURN_RECEIPT_OVERDUE: (claimId) => `POST /claims/${claimId}/return-receipt`,
};

export function sellerClaimNotice(notice: SellerClaimNotice, claim: About, to: Addressee): Email {
  const words = WORDS[to.language];
  const shipment = claim.return?.shipment;
  const tracking = shipment ? `${shipment.carrier} ${shipment.trackingNo}` : '-';
  const route = RECEIPT_ROUTE[notice]?.(claim.claimId);
  return {
    subject: `[Qoo10 QSM] ${words.subject[notice]}: ${words.order} ${claim.orderNo}`,
    text: [
      GREETING[to.language](to.storeName),
      '',
      words.body[notice](claim, tracking),
      `${words.order}: ${claim.orderNo} / ${words.claim}: ${claim.claimId}`,
      ...(route ? ['', route] : []),
    ].join('\n'),
  };
}
