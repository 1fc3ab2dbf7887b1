// The console's words in Japanese, Korean and English (the guide's sellers are Korean, selling in
// Japan), and money and dates formatted for the reader's locale.

import { WORDS, type WordKey } from './words.js';

export type { WordKey };
export type Language = 'ja' | 'ko' | 'en';
export const LANGUAGES: Language[] = ['ja', 'ko', 'en'];
const LOCALE: Record<Language, string> = { ja: 'ja-JP', ko: 'ko-KR', en: 'en-US' };


const CODES: Record<string, Record<Language, string>> = {
  PROCESSING: { ja: '入金待ち', ko: '입금 대기', en: 'Awaiting payment' },
  LATE_PAYMENT_RETURNED: { ja: 'キャンセル後の入金を返金', ko: '취소 후 입금 환불', en: 'Late payment returned' },
  PAYMENT_CONFIRMED: { ja: '入金確認', ko: '입금 확인', en: 'Payment confirmed' },
  NEW: { ja: '新規注文', ko: '신규 주문', en: 'New' },
  PREPARING: { ja: '発送準備中', ko: '발송 준비 중', en: 'Preparing' },
  DELAYED: { ja: '発送遅延', ko: '발송 지연', en: 'Delayed' },
  IN_TRANSIT: { ja: '配送中', ko: '배송 중', en: 'In transit' },
  DELIVERED: { ja: '配送完了', ko: '배송 완료', en: 'Delivered' },
  CANCEL_REQUESTED: { ja: 'キャンセル申請中', ko: '취소 요청 중', en: 'Cancel requested' },
  CANCELLED: { ja: 'キャンセル済み', ko: '취소 완료', en: 'Cancelled' },
  RETURNED: { ja: '返品', ko: '반품', en: 'Returned' },
  REQUESTED: { ja: 'キャンセル申請', ko: '취소 요청', en: 'Requested' },
  AWAITING_APPROVAL: { ja: '承認待ち', ko: '승인 대기', en: 'Awaiting approval' },
  IN_PROGRESS: { ja: 'キャンセル中', ko: '취소 중', en: 'In progress' },
  COMPLETED: { ja: '完了', ko: '완료', en: 'Completed' },
  WITHDRAWN: { ja: '取り下げ', ko: '철회', en: 'Withdrawn' },
  NEEDS_OPERATOR: { ja: '運営対応待ち', ko: '운영팀 처리 대기', en: 'Needs the operator' },
  FAILED: { ja: '失敗', ko: '실패', en: 'Failed' },
  PENDING: { ja: '処理中', ko: '처리 중', en: 'Pending' },
  OUT_OF_STOCK: { ja: '在庫切れ', ko: '품절', en: 'Out of stock' },
  SHIPPING_DELAY: { ja: '発送遅延', ko: '발송 지연', en: 'Shipping delay' },
  UNDELIVERABLE_AREA: { ja: '配送不可地域', ko: '배송 불가 지역', en: 'Undeliverable area' },
  CARD_AUTHORIZATION_CANCEL: { ja: 'カード承認取消', ko: '카드 승인 취소', en: 'Card authorization cancelled' },
  BALANCE_CREDIT: { ja: 'Qoo10 精算金', ko: 'Qoo10 정산금', en: 'Qoo10 balance' },
  SELLER_CANCEL: { ja: 'セラーキャンセル', ko: '판매자 취소', en: 'Seller cancellation' },
  SELLER_REFUND: { ja: 'セラー返金', ko: '판매자 환불', en: 'Seller refund' },
  SELLER_REFUND_AFTER_SHIPPING: { ja: '出荷後の返金', ko: '발송 후 환불', en: 'Refund after shipping' },
  BUYER_CANCEL: { ja: 'お客様キャンセル', ko: '구매자 취소', en: 'Buyer cancellation' },
  BUYER_CHANGED_MIND: { ja: 'お客様の都合', ko: '구매자 변심', en: 'Changed my mind' },
  OPTION_CHANGE: { ja: 'オプション変更', ko: '옵션 변경', en: 'Change of option' },
  COMPLETE: { ja: '完了させる（返金を含めて再実行）', ko: '완료 (환불 포함 재실행)', en: 'Complete it (run again, refunds included)' },
  CLOSE: { ja: '終了する（注文を解放）', ko: '종료 (주문 해제)', en: 'Close it (let the orders go)' },
  APPROVE: { ja: '承認する', ko: '승인', en: 'Approve' },
  REFUSE: { ja: '却下する', ko: '거절', en: 'Refuse' },
  VALIDATING: { ja: '確認中', ko: '확인 중', en: 'Checking' },
  RUNNING: { ja: '実行中', ko: '실행 중', en: 'Running' },
  COMPLETED_WITH_FAILURES: { ja: '一部失敗で完了', ko: '일부 실패로 완료', en: 'Done, some lines failed' },
  REFUSED: { ja: '却下', ko: '거절됨', en: 'Refused' },
  CARD: { ja: 'クレジットカード', ko: '신용카드', en: 'Card' },
  CONVENIENCE_STORE: { ja: 'コンビニ決済', ko: '편의점 결제', en: 'Convenience store' },
  BANK_TRANSFER: { ja: '銀行振込', ko: '계좌 이체', en: 'Bank transfer' },
  BALANCE: { ja: 'Qoo10 残高', ko: 'Qoo10 잔액', en: 'Balance' },
  REFUND_CREDIT: { ja: '返金の入金', ko: '환불 입금', en: 'Refund credited' },
  WITHDRAWAL: { ja: '出金', ko: '출금', en: 'Withdrawal' },
  WITHDRAWAL_REVERSAL: { ja: '出金の取消', ko: '출금 취소', en: 'Withdrawal reversed' },
  ORDER_REGISTERED: { ja: '注文登録', ko: '주문 등록', en: 'Order registered' },
  SHIP_DATE_SET: { ja: '発送予定日の設定', ko: '발송 예정일 설정', en: 'Ship date set' },
  SHIPPED: { ja: '発送', ko: '발송', en: 'Shipped' },
  CLAIM_OPENED: { ja: 'クレーム開始', ko: '클레임 접수', en: 'Claim opened' },
  CLAIM_COMPLETED: { ja: 'クレーム完了', ko: '클레임 완료', en: 'Claim completed' },
  CLAIM_DELAYED: { ja: 'クレーム遅延', ko: '클레임 지연', en: 'Claim delayed' },
  CLAIM_FAILED: { ja: 'クレーム失敗', ko: '클레임 실패', en: 'Claim failed' },
  CLAIM_NEEDS_OPERATOR: { ja: '運営へ引き継ぎ', ko: '운영팀 이관', en: 'Handed to the operator' },
  CANCEL_REQUEST_APPROVED: { ja: 'キャンセル申請の承認', ko: '취소 요청 승인', en: 'Cancel request approved' },
  CANCEL_REQUEST_WITHDRAWN: { ja: 'キャンセル申請の取り下げ', ko: '취소 요청 철회', en: 'Cancel request withdrawn' },
  MESSAGE_SENT: { ja: 'メッセージ送信', ko: '메시지 발송', en: 'Message sent' },
  EMAIL_SENT: { ja: 'メール送信', ko: '이메일 발송', en: 'E-mail sent' },
  EMAIL_FAILED: { ja: 'メール送信失敗', ko: '이메일 발송 실패', en: 'E-mail failed' },
  REFUND_COMPLETED: { ja: '返金完了', ko: '환불 완료', en: 'Refund completed' },
  REFUND_FAILED: { ja: '返金失敗', ko: '환불 실패', en: 'Refund failed' },
};

export interface Words {
  language: Language;
  t(key: WordKey): string;
  /** A status, reason or method as the reader says it; the code itself if there is no word for it. */
  code(code: string): string;
  money(money: { amount: number; currency: string }): string;
  time(iso: string): string;
  /** A calendar day (YYYY-MM-DD), as the reader writes it. */
  date(isoDate: string): string;
  /** The marketplace's calendar day (Japan) of an instant, YYYY-MM-DD: what the API's day filters take. */
  marketDay(iso: string): string;
}

export function wordsFor(language: Language): Words {
  const locale = LOCALE[language];
  const moneyFormat = (currency: string) => new Intl.NumberFormat(locale, { style: 'currency', currency });
  const timeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const marketDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' });
  return {
    language,
    t: (key) => WORDS[key][language],
    code: (code) => CODES[code]?.[language] ?? code,
    money: (money) => moneyFormat(money.currency).format(money.amount),
    time: (iso) => timeFormat.format(new Date(iso)),
    date: (isoDate) => dateFormat.format(new Date(`${isoDate}T00:00:00Z`)),
    marketDay: (iso) => marketDayFormat.format(new Date(iso)),
  };
}
