// The buyer's notices at each step of a return (DOMAIN.md, "After delivery"), in the order
// country's language (notices.ts, languageFor). The refund's own notice, with its amount, follows
// from the settlement as every refund's does (notices.ts, refundCompletedNotice).

import type { Claim } from './claim.js';
import type { Language } from './notices.js';

/** Which notice: one per step the buyer is told of, at most once per claim. */
export const RETURN_NOTICES = ['REQUESTED', 'APPROVED', 'REFUSED', 'RECEIVED', 'HANDED_OVER'] as const;
export type ReturnNotice = (typeof RETURN_NOTICES)[number];

type NoticeClaim = Pick<Claim, 'claimId' | 'orderNo' | 'fault' | 'return'>;

interface NoticeWords {
  subject: Record<ReturnNotice, (orderNo: string) => string>;
  requested: string;
  approved: string;
  address: string;
  instructions: string;
  shipBack: (claimId: string) => string;
  refused: string;
  reason: string;
  escalate: (claimId: string) => string;
  received: string;
  deducted: string;
  handedOver: string;
}

const WORDS: Record<Language, NoticeWords> = {
  ja: {
    subject: {
      REQUESTED: (o) => `【Qoo10】ご注文 ${o} の返品申請を受け付けました`,
      APPROVED: (o) => `【Qoo10】ご注文 ${o} の返品が承認されました`,
      REFUSED: (o) => `【Qoo10】ご注文 ${o} の返品申請はお受けできませんでした`,
      RECEIVED: (o) => `【Qoo10】ご注文 ${o} の返品が到着しました`,
      HANDED_OVER: (o) => `【Qoo10】ご注文 ${o} の返品は運営が対応します`,
    },
    requested: 'ショップが4日以内に返品を承認するか、理由を添えてお断りします。',
    approved: 'ショップが返品を承認しました。次の住所へ商品をお送りください。',
    address: '返送先',
    instructions: 'ショップからの案内',
    shipBack: (c) => `発送後、配送会社と追跡番号をご入力ください（返品 ${c}）。`,
    refused: 'ショップは返品をお受けできないとのことです。',
    reason: '理由',
    escalate: (c) => `ご納得いただけない場合は、運営に申し立てることができます（返品 ${c}）。`,
    received: 'ショップが返品の到着を確認しました。お支払い方法に応じて返金いたします。',
    deducted: 'お客様都合の返品のため、返送料を差し引いて返金いたします。',
    handedOver: 'この返品は運営が確認し、対応いたします。結果は改めてお知らせします。',
  },
  ko: {
    subject: {
      REQUESTED: (o) => `[Qoo10] 주문 ${o} 반품 신청이 접수되었습니다`,
      APPROVED: (o) => `[Qoo10] 주문 ${o} 반품이 승인되었습니다`,
      REFUSED: (o) => `[Qoo10] 주문 ${o} 반품 신청이 거절되었습니다`,
      RECEIVED: (o) => `[Qoo10] 주문 ${o} 반품 상품이 도착했습니다`,
      HANDED_OVER: (o) => `[Qoo10] 주문 ${o} 반품은 운영팀이 처리합니다`,
    },
    requested: '판매자가 4일 이내에 반품을 승인하거나 사유와 함께 거절합니다.',
    approved: '판매자가 반품을 승인했습니다. 아래 주소로 상품을 보내 주세요.',
    address: '반송 주소',
    instructions: '판매자 안내',
    shipBack: (c) => `발송 후 택배사와 운송장 번호를 입력해 주세요 (반품 ${c}).`,
    refused: '판매자가 반품을 거절했습니다.',
    reason: '사유',
    escalate: (c) => `동의하지 않으시면 운영팀에 이의를 제기할 수 있습니다 (반품 ${c}).`,
    received: '판매자가 반품 상품의 도착을 확인했습니다. 결제 수단으로 환불해 드립니다.',
    deducted: '구매자 사유의 반품이므로 반품 배송비를 제외하고 환불합니다.',
    handedOver: '이 반품은 운영팀이 확인하고 처리합니다. 결과는 다시 안내해 드립니다.',
  },
  en: {
    subject: {
      REQUESTED: (o) => `[Qoo10] Your return request for order ${o} is received`,
      APPROVED: (o) => `[Qoo10] Your return of order ${o} is approved`,
      REFUSED: (o) => `[Qoo10] Your return request for order ${o} was refused`,
      RECEIVED: (o) => `[Qoo10] Your return of order ${o} has arrived`,
      HANDED_OVER: (o) => `[Qoo10] The marketplace takes over your return of order ${o}`,
    },
    requested: 'The shop approves the return within 4 days, or refuses it with a reason.',
    approved: 'The shop approved your return. Please send the item to the address below.',
    address: 'Return address',
    instructions: 'The shop’s instructions',
    shipBack: (c) => `Once it is sent, enter the carrier and the tracking number (return ${c}).`,
    refused: 'The shop refused your return.',
    reason: 'Reason',
    escalate: (c) => `If you disagree, you can take it to the marketplace (return ${c}).`,
    received: 'The shop confirmed your return arrived. You are refunded by the way you paid.',
    deducted: 'As the return is at your choice, the return shipping is deducted from the refund.',
    handedOver: 'The marketplace looks into this return and takes it from here. We will tell you the outcome.',
  },
};

/** The buyer's notice of this step of the return, as a title and a body (the e-mail's subject and text). */
export function returnNotice(
  notice: ReturnNotice,
  claim: NoticeClaim,
  language: Language,
): { title: string; body: string } {
  const words = WORDS[language];
  const steps = claim.return;
  const lines: Record<ReturnNotice, string[]> = {
    REQUESTED: [words.requested],
    APPROVED: [
      words.approved,
      `${words.address}: ${steps?.approval?.returnAddress ?? ''}`,
      ...(steps?.approval?.instructions ? [`${words.instructions}: ${steps.approval.instructions}`] : []),
      words.shipBack(claim.claimId),
    ],
    REFUSED: [words.refused, `${words.reason}: ${steps?.refusal?.reason ?? ''}`, words.escalate(claim.claimId)],
    RECEIVED: [words.received, ...(claim.fault === 'BUYER' ? [words.deducted] : [])],
    HANDED_OVER: [words.handedOver],
  };
  return { title: words.subject[notice](claim.orderNo), body: lines[notice].join('\n') };
}
