// The console's words for the claims after delivery: a return (반품) asked for, decided, sent back and
// received; a non-receipt (미수취) reported, answered, accepted or taken to the operator; the
// operator's decision; and the dashboard's returns and non-receipt tiles.

import type { Language } from './i18n.js';

export const AFTER_WORDS = {
  askToReturn: { ja: '返品を申請する', ko: '반품 요청하기', en: 'Ask to return' },
  returnTitle: {
    ja: '返品の申請（ショップが承認すると返送先が届きます）',
    ko: '반품 요청 (판매자가 승인하면 반품 주소가 전달됩니다)',
    en: 'Ask to return (once the seller approves, you get the return address)',
  },
  sellerFaultReasons: {
    ja: 'ショップ都合（返送料はショップ負担）',
    ko: '판매자 사유 (반품 배송비 판매자 부담)',
    en: 'The seller’s fault (the seller pays the return shipping)',
  },
  buyerFaultReasons: {
    ja: 'お客様都合（返送料を返金から差し引きます）',
    ko: '구매자 사유 (반품 배송비를 환불에서 차감)',
    en: 'Your own reason (the return shipping is deducted from the refund)',
  },
  fault: { ja: '負担', ko: '귀책', en: 'At fault' },
  faultSELLER: { ja: 'ショップ都合', ko: '판매자 귀책', en: 'The seller' },
  faultBUYER: { ja: 'お客様都合', ko: '구매자 귀책', en: 'The buyer' },
  returnWindowEnds: { ja: '返品の申請期限', ko: '반품 요청 기한', en: 'Returns close' },
  returnAddress: { ja: '返送先住所', ko: '반품 주소', en: 'Return address' },
  instructions: { ja: '返送の方法', ko: '반품 방법', en: 'How to send it back' },
  refusalReason: { ja: '拒否の理由', ko: '거절 사유', en: 'Why it was refused' },
  receipt: { ja: '受取の確認', ko: '수령 확인', en: 'Receipt' },
  note: { ja: 'メモ', ko: '메모', en: 'Note' },
  approveReturn: { ja: '返品を承認する', ko: '반품 승인하기', en: 'Approve the return' },
  approveReturnTitle: {
    ja: '返品の承認（返送先をお客様に知らせます）',
    ko: '반품 승인 (반품 주소를 구매자에게 알립니다)',
    en: 'Approve the return (the buyer is sent the return address)',
  },
  refuseReturn: { ja: '返品を断る', ko: '반품 거절하기', en: 'Refuse the return' },
  refuseReturnTitle: {
    ja: '返品の拒否（理由はお客様に届きます）',
    ko: '반품 거절 (사유가 구매자에게 전달됩니다)',
    en: 'Refuse the return (the buyer reads the reason)',
  },
  shipBack: { ja: '返送を登録する', ko: '반품 발송 등록하기', en: 'Enter the parcel' },
  shipBackTitle: { ja: '返送の登録', ko: '반품 발송 등록', en: 'The parcel on its way back' },
  confirmReceipt: { ja: '受取を確認する', ko: '수령 확인하기', en: 'Confirm receipt' },
  receiptHint: {
    ja: '「受け取った」を送ると返金されます。届かない・説明と異なるときは運営が判断します。',
    ko: '"수령함"을 보내면 환불됩니다. 도착하지 않았거나 설명과 다르면 운영팀이 판단합니다.',
    en: 'Received refunds the buyer; missing or not as described goes to the operator.',
  },
  outcome: { ja: '結果', ko: '결과', en: 'Outcome' },
  escalate: { ja: '運営に確認を依頼する', ko: '운영팀에 확인 요청하기', en: 'Take it to the operator' },
  escalateHint: {
    ja: '運営が内容を確認し、返金するか終了するかを決めます。',
    ko: '운영팀이 내용을 확인하고 환불할지 종료할지 결정합니다.',
    en: 'The operator looks at it and decides: a refund, or closing it.',
  },
  reportNonReceipt: { ja: '商品が届かないと報告する', ko: '상품 미수령 신고하기', en: 'Report it not received' },
  nonReceiptTitle: {
    ja: '未受取の報告（ショップが回答します）',
    ko: '미수취 신고 (판매자가 답변합니다)',
    en: 'Report it not received (the seller answers)',
  },
  report: { ja: '報告する', ko: '신고하기', en: 'Send the report' },
  answerNonReceipt: { ja: '未受取に回答する', ko: '미수취에 답변하기', en: 'Answer the report' },
  answerKind: { ja: '回答', ko: '답변', en: 'Answer' },
  answerHint: {
    ja: '配送の証明と再発送はお客様の承諾を待ちます。全額返金はすぐに実行され、ショップ都合として記録されます。',
    ko: '배송 증빙과 재발송은 구매자의 수락을 기다립니다. 전액 환불은 바로 실행되며 판매자 사유로 기록됩니다.',
    en: 'Proof and a re-shipment wait for the buyer to accept; a full refund runs at once, on your record.',
  },
  trackingHint: {
    ja: '再発送のときは配送会社と送り状番号が必要です。',
    ko: '재발송일 때는 택배사와 송장 번호가 필요합니다.',
    en: 'A re-shipment needs the carrier and tracking number.',
  },
  sellerAnswer: { ja: 'ショップの回答', ko: '판매자 답변', en: 'The seller’s answer' },
  acceptAnswer: { ja: '回答を承諾する', ko: '답변 수락하기', en: 'Accept the answer' },
  acceptHint: {
    ja: '承諾するとこの報告は完了します（返金はありません）。',
    ko: '수락하면 이 신고는 완료됩니다 (환불 없음).',
    en: 'Accepting ends the report (nothing is refunded).',
  },
  escalatedAt: { ja: '運営への確認依頼', ko: '운영팀 확인 요청', en: 'Taken to the operator' },
  acceptedAt: { ja: '承諾日時', ko: '수락 일시', en: 'Accepted' },
  decideEscalated: { ja: '返金または終了を決める', ko: '환불 또는 종료 결정하기', en: 'Refund or close' },
  decideEscalatedTitle: {
    ja: '運営の判断（返金はショップ負担）',
    ko: '운영팀 결정 (환불은 판매자 부담)',
    en: 'The operator’s decision (a refund is charged to the seller)',
  },
  refundToSeller: {
    ja: '返金する（ショップ負担）',
    ko: '환불하기 (판매자 부담)',
    en: 'Refund (charged to the seller)',
  },
  closeNoRefund: { ja: '終了する（返金しない）', ko: '종료하기 (환불 없음)', en: 'Close it (no refund)' },
  confirmDecision: {
    ja: '返金額と負担、または返金しないことを確認しました',
    ko: '환불 금액과 부담, 또는 환불하지 않음을 확인했습니다',
    en: 'I checked what is refunded and who bears it, or that nothing is',
  },
  shippingDeducted: {
    ja: 'お客様都合の返品は返送料を差し引きます',
    ko: '구매자 사유 반품은 반품 배송비를 차감합니다',
    en: 'a return for the buyer’s own reason has the return shipping deducted',
  },
  returnRequest: { ja: 'お客様の返品申請', ko: '구매자의 반품 요청', en: 'The buyer’s return request' },
  nonReceiptReport: { ja: 'お客様の未受取の報告', ko: '구매자의 미수취 신고', en: 'The buyer’s non-receipt report' },
  openClaimToAct: { ja: 'クレームを開いて対応する', ko: '클레임을 열어 처리하기', en: 'Open the claim to act on it' },
  deducted: { ja: '差引', ko: '차감', en: 'deducted' },
  returnsTwoWeeks: { ja: '返品（直近2週間）', ko: '반품 (최근 2주)', en: 'Returns (last two weeks)' },
  returnApproved: { ja: '返送待ち', ko: '반품 발송 대기', en: 'Approved, awaiting the parcel' },
  returnInTransit: {
    ja: '返送中（受取の確認を）',
    ko: '반품 배송 중 (수령 확인 필요)',
    en: 'On the way back (confirm receipt)',
  },
  nonReceiptTwoWeeks: { ja: '未受取（直近2週間）', ko: '미수취 (최근 2주)', en: 'Not received (last two weeks)' },
  nonReceiptReported: { ja: '回答待ち', ko: '답변 대기', en: 'Waiting for your answer' },
  nonReceiptAnswered: { ja: 'お客様の確認待ち', ko: '구매자 확인 대기', en: 'Answered, waiting for the buyer' },
} satisfies Record<string, Record<Language, string>>;
