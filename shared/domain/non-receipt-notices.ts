// What the buyer reads at each step of a non-receipt report, in the order country's language
// (notices.ts: JP Japanese, KR Korean, else English). The refund's own notices are complete-claim's.

import type { NonReceiptCase } from './non-receipt.js';
import type { Language } from './notices.js';

export const NON_RECEIPT_NOTICE_STEPS = [
  'REPORTED',
  'ANSWERED',
  'ACCEPTED',
  'ESCALATED',
  'UNANSWERED',
  'CLOSED',
] as const;
export type NonReceiptNoticeStep = (typeof NON_RECEIPT_NOTICE_STEPS)[number];

type Answer = NonNullable<NonReceiptCase['answer']>;

interface Words {
  subject: Record<NonReceiptNoticeStep, (orderNo: string) => string>;
  reported: string;
  answer: Record<Answer['answer'], string>;
  tracking: (carrier: string, trackingNo: string) => string;
  note: string;
  whatNext: string;
  accepted: string;
  escalated: string;
  unanswered: string;
  closed: string;
}

const WORDS: Record<Language, Words> = {
  ja: {
    subject: {
      REPORTED: (o) => `【Qoo10】ご注文 ${o} の未受取のご報告を受け付けました`,
      ANSWERED: (o) => `【Qoo10】ご注文 ${o} の未受取についてショップから回答がありました`,
      ACCEPTED: (o) => `【Qoo10】ご注文 ${o} の未受取のご報告を完了しました`,
      ESCALATED: (o) => `【Qoo10】ご注文 ${o} の未受取を Qoo10 が確認します`,
      UNANSWERED: (o) => `【Qoo10】ご注文 ${o} の未受取: ショップから回答がないため Qoo10 が対応します`,
      CLOSED: (o) => `【Qoo10】ご注文 ${o} の未受取のご報告を終了しました`,
    },
    reported: 'ショップに連絡しました。ショップは配送の証明、再発送、または全額返金でお答えします。',
    answer: {
      PROOF: 'ショップは配送済みであることを示しました。',
      RESHIPPED: 'ショップは商品を再発送しました。',
      REFUND: 'ショップは全額を返金します。',
    },
    tracking: (c, t) => `配送業者: ${c} / 追跡番号: ${t}`,
    note: 'ショップからのメモ',
    whatNext: 'この回答でよろしければ承諾してください。納得できない場合は Qoo10 に確認を依頼できます。',
    accepted: 'ショップの回答を承諾されました。このご報告は完了です。',
    escalated: 'Qoo10 が内容を確認し、返金するかどうかを判断します。結果はあらためてお知らせします。',
    unanswered: 'ショップから期限内に回答がありませんでした。Qoo10 が確認し、特段の事情がなければ全額を返金します。',
    closed: 'ショップの回答から期限内にご連絡がなかったため、回答を承諾されたものとしてご報告を終了しました。',
  },
  ko: {
    subject: {
      REPORTED: (o) => `[Qoo10] 주문 ${o} 미수취 신고 접수 안내`,
      ANSWERED: (o) => `[Qoo10] 주문 ${o} 미수취 신고에 대한 판매자 답변 안내`,
      ACCEPTED: (o) => `[Qoo10] 주문 ${o} 미수취 신고 완료 안내`,
      ESCALATED: (o) => `[Qoo10] 주문 ${o} 미수취 신고 Qoo10 확인 안내`,
      UNANSWERED: (o) => `[Qoo10] 주문 ${o} 미수취 신고: 판매자 미답변으로 Qoo10이 처리합니다`,
      CLOSED: (o) => `[Qoo10] 주문 ${o} 미수취 신고 종료 안내`,
    },
    reported: '판매자에게 알렸습니다. 판매자는 배송 증빙, 재발송 또는 전액 환불로 답변합니다.',
    answer: {
      PROOF: '판매자가 배송 완료 증빙을 제시했습니다.',
      RESHIPPED: '판매자가 상품을 재발송했습니다.',
      REFUND: '판매자가 전액 환불합니다.',
    },
    tracking: (c, t) => `택배사: ${c} / 송장번호: ${t}`,
    note: '판매자 메모',
    whatNext: '답변에 동의하시면 수락해 주세요. 동의하지 않으시면 Qoo10에 확인을 요청할 수 있습니다.',
    accepted: '판매자의 답변을 수락하셨습니다. 이 신고는 완료되었습니다.',
    escalated: 'Qoo10이 내용을 확인하고 환불 여부를 결정합니다. 결과는 다시 안내해 드립니다.',
    unanswered: '판매자가 기한 내에 답변하지 않았습니다. Qoo10이 확인하며, 특별한 사정이 없으면 전액 환불합니다.',
    closed: '판매자 답변 후 기한 내에 회신이 없어 답변을 수락하신 것으로 보고 신고를 종료했습니다.',
  },
  en: {
    subject: {
      REPORTED: (o) => `[Qoo10] Your report that order ${o} did not arrive is received`,
      ANSWERED: (o) => `[Qoo10] The shop answered your report on order ${o}`,
      ACCEPTED: (o) => `[Qoo10] Your report on order ${o} is closed`,
      ESCALATED: (o) => `[Qoo10] Qoo10 is looking into order ${o}`,
      UNANSWERED: (o) => `[Qoo10] The shop did not answer about order ${o}: Qoo10 takes over`,
      CLOSED: (o) => `[Qoo10] Your report on order ${o} is closed`,
    },
    reported: 'We told the shop. It answers with proof of delivery, a re-shipment, or a full refund.',
    answer: {
      PROOF: 'The shop shows the parcel was delivered.',
      RESHIPPED: 'The shop has sent the item again.',
      REFUND: 'The shop refunds you in full.',
    },
    tracking: (c, t) => `Carrier: ${c}, tracking number: ${t}`,
    note: 'Note from the shop',
    whatNext: 'If the answer settles it, accept it. If not, you can ask Qoo10 to look into it.',
    accepted: 'You accepted the shop’s answer. Your report is closed.',
    escalated: 'Qoo10 looks into it and decides whether you are refunded. We will tell you the outcome.',
    unanswered:
      'The shop did not answer in time. Qoo10 looks into it and, unless something says otherwise, refunds you in full.',
    closed: 'You did not take the shop’s answer further in time, so it counts as accepted and your report is closed.',
  },
};

/** The buyer's notice of this step of a non-receipt report, in the buyer's language. */
export function nonReceiptNotice(
  step: NonReceiptNoticeStep,
  orderNo: string,
  nonReceipt: Pick<NonReceiptCase, 'answer'>,
  language: Language,
): { title: string; body: string } {
  const words = WORDS[language];
  const answer = nonReceipt.answer;
  const lines: Record<NonReceiptNoticeStep, string[]> = {
    REPORTED: [words.reported],
    ANSWERED: answer
      ? [
          words.answer[answer.answer],
          ...(answer.carrier && answer.trackingNo ? [words.tracking(answer.carrier, answer.trackingNo)] : []),
          ...(answer.note ? [`${words.note}: ${answer.note}`] : []),
          ...(answer.answer === 'REFUND' ? [] : ['', words.whatNext]),
        ]
      : [],
    ACCEPTED: [words.accepted],
    ESCALATED: [words.escalated],
    UNANSWERED: [words.unanswered],
    CLOSED: [words.closed],
  };
  return { title: words.subject[step](orderNo), body: lines[step].join('\n') };
}
