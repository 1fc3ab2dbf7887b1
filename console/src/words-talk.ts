// The console's words for talking to the operator (inquiries), a card refund settled outside the
// protocol, days typed in the reader's way, and what a search did not find.

import type { Language } from './i18n.js';

export const TALK_WORDS = {
  inquiries: { ja: 'お問い合わせ', ko: '문의', en: 'Inquiries' },
  inquiry: { ja: 'お問い合わせ', ko: '문의', en: 'Inquiry' },
  newInquiry: { ja: '運営に問い合わせる', ko: '운영팀에 문의하기', en: 'Ask the operator' },
  inquiryCategory: { ja: '内容', ko: '문의 유형', en: 'What it is about' },
  subject: { ja: '件名', ko: '제목', en: 'Subject' },
  inquiryDetails: { ja: '本文', ko: '내용', en: 'Details' },
  inquiryOrders: {
    ja: '対象の注文番号（20件まで）',
    ko: '대상 주문번호 (20건까지)',
    en: 'Orders it is about (up to 20)',
  },
  inquiryOrdersHint: {
    ja: '改行・カンマ区切り。「一括キャンセルの事前連絡」と「その他」は省略できます。',
    ko: '줄바꿈이나 쉼표로 구분. "일괄 취소 사전 안내"와 "기타"는 생략할 수 있습니다.',
    en: 'One per line or comma-separated; a bulk cancellation notice and "Other" may name none.',
  },
  inquiryBulk: {
    ja: '一括キャンセル番号（登録済みなら）',
    ko: '일괄 취소 번호 (등록했다면)',
    en: 'Bulk job (if submitted)',
  },
  fileInquiry: { ja: '問い合わせを送る', ko: '문의 보내기', en: 'Send the inquiry' },
  noInquiries: { ja: 'お問い合わせはありません', ko: '문의가 없습니다', en: 'No inquiries' },
  thread: { ja: 'やりとり', ko: '주고받은 내용', en: 'Conversation' },
  answer: { ja: '回答', ko: '답변', en: 'Answer' },
  reply: { ja: '返信', ko: '답장', en: 'Reply' },
  sendAnswer: { ja: '回答を送る', ko: '답변 보내기', en: 'Send the answer' },
  sendReply: { ja: '返信を送る', ko: '답장 보내기', en: 'Send the reply' },
  closeWithIt: {
    ja: 'これで終了する（お問い合わせを閉じます）',
    ko: '이것으로 종료 (문의를 닫습니다)',
    en: 'This ends it (the inquiry closes)',
  },
  inquiryClosed: {
    ja: 'このお問い合わせは終了しています。新しいご質問は新しいお問い合わせでお送りください。',
    ko: '이 문의는 종료되었습니다. 새 질문은 새 문의로 보내세요.',
    en: 'This inquiry is closed: a new question is a new inquiry.',
  },
  lastEntryAt: { ja: '最終更新', ko: '최근 업데이트', en: 'Last entry' },
  inquiriesForOperator: { ja: '回答待ちのお問い合わせ', ko: '답변 대기 문의', en: 'Inquiries waiting for an answer' },
  askAboutOrder: {
    ja: 'この注文について運営に問い合わせる',
    ko: '이 주문에 대해 운영팀에 문의하기',
    en: 'Ask the operator about this order',
  },
  claimNow: { ja: '処理中のクレーム', ko: '진행 중인 클레임', en: 'Claim under way' },
  notADay: {
    ja: 'この日付は読み取れません。例の形で入力してください。',
    ko: '날짜를 읽을 수 없습니다. 예시 형식으로 입력하세요.',
    en: 'This is not a date: write it as in the example.',
  },
  dayExample: { ja: '例:', ko: '예:', en: 'e.g.' },
  toBeforeFrom: {
    ja: '終わりの日が始まりの日より前です。',
    ko: '종료일이 시작일보다 앞입니다.',
    en: 'The period ends before it begins.',
  },
  numbersNotFound: { ja: '該当する注文がない番号', ko: '해당 주문이 없는 번호', en: 'Numbers with no order here' },
  settleOutside: {
    ja: '決済会社で返金済みとして記録する',
    ko: '결제사에서 환불 완료로 기록하기',
    en: 'Record the card refund as settled at the provider',
  },
  settleOutsideHint: {
    ja: '決済会社の管理画面で確認した返金を記録します。決済会社には何も送られず、このクレームは完了します。ここで記録した返金は二度と行われません。',
    ko: '결제사 관리 화면에서 확인한 환불을 기록합니다. 결제사에는 아무것도 보내지 않으며 이 클레임은 완료됩니다. 여기서 기록한 환불은 다시 실행되지 않습니다.',
    en:
      'Records a refund you found at the provider: nothing is sent to the provider, and the claim completes. A ' +
      'refund recorded here is never made again.',
  },
  providerReference: { ja: '決済会社の参照番号', ko: '결제사 참조 번호', en: 'The provider’s reference' },
  refundsToSettle: { ja: '記録するカード返金', ko: '기록할 카드 환불', en: 'Card refunds it records' },
  confirmSettled: {
    ja: 'この返金が決済会社で行われたことを確認しました',
    ko: '이 환불이 결제사에서 이루어진 것을 확인했습니다',
    en: 'I checked at the provider that this refund was made',
  },
  recordSettled: { ja: '返金済みとして記録する', ko: '환불 완료로 기록하기', en: 'Record it as settled' },
} satisfies Record<string, Record<Language, string>>;
