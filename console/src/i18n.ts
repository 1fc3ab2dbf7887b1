// The console's words in Japanese, Korean and English (the guide's sellers are Korean, selling in
// Japan), and money and dates formatted for the reader's locale.

export type Language = 'ja' | 'ko' | 'en';
export const LANGUAGES: Language[] = ['ja', 'ko', 'en'];
const LOCALE: Record<Language, string> = { ja: 'ja-JP', ko: 'ko-KR', en: 'en-US' };

const WORDS = {
  title: { ja: '注文キャンセル・返金', ko: '주문 취소·환불', en: 'Order cancellations and refunds' },
  signIn: { ja: 'サインイン', ko: '로그인', en: 'Sign in' },
  signInAs: { ja: 'デモ用の身元を選んでください', ko: '데모 계정을 선택하세요', en: 'Pick a demo identity' },
  signOut: { ja: 'サインアウト', ko: '로그아웃', en: 'Sign out' },
  language: { ja: '言語', ko: '언어', en: 'Language' },
  orders: { ja: '注文', ko: '주문', en: 'Orders' },
  order: { ja: '注文', ko: '주문', en: 'Order' },
  claim: { ja: 'クレーム', ko: '클레임', en: 'Claim' },
  status: { ja: 'ステータス', ko: '상태', en: 'Status' },
  total: { ja: '金額', ko: '금액', en: 'Total' },
  orderedAt: { ja: '注文日時', ko: '주문 일시', en: 'Ordered' },
  item: { ja: '商品', ko: '상품', en: 'Item' },
  claims: { ja: 'クレーム', ko: '클레임', en: 'Claims' },
  refunds: { ja: '返金', ko: '환불', en: 'Refunds' },
  timeline: { ja: '履歴', ko: '이력', en: 'Timeline' },
  when: { ja: '日時', ko: '일시', en: 'When' },
  event: { ja: '出来事', ko: '이벤트', en: 'Event' },
  noOrders: { ja: '注文はありません', ko: '주문이 없습니다', en: 'No orders' },
  cancel: { ja: 'キャンセルする', ko: '취소하기', en: 'Cancel the order' },
  cancelTitle: { ja: '注文のキャンセル（お客様へのお知らせを先に送ります）', ko: '주문 취소 (구매자 안내를 먼저 보냅니다)', en: 'Cancel the order (the notice to the buyer goes first)' },
  reason: { ja: '理由', ko: '사유', en: 'Reason' },
  memo: { ja: 'お客様へのメモ', ko: '구매자 메모', en: 'Memo to the buyer' },
  noticeTitle: { ja: 'お知らせの件名', ko: '안내 제목', en: 'Notice title' },
  noticeBody: { ja: 'お知らせの本文', ko: '안내 본문', en: 'Notice text' },
  personalData: {
    ja: 'お客様の氏名・住所・電話番号・メールアドレスは書かないでください（商品ページから漏れるおそれがあります）。',
    ko: '구매자의 이름·주소·전화번호·이메일은 쓰지 마세요 (상품 페이지로 노출될 수 있습니다).',
    en: 'Do not write the buyer’s name, address, phone or e-mail: it can leak through the product page.',
  },
  reasonRule: { ja: '出荷前のセラー都合のキャンセルです。お客様都合の理由はお客様の申請が必要です。', ko: '발송 전 판매자 사유 취소입니다. 구매자 사유는 구매자의 요청이 필요합니다.', en: 'A seller-fault cancellation before shipping; a buyer’s reason needs the buyer’s own request.' },
  send: { ja: '送信してキャンセル', ko: '안내 후 취소', en: 'Send the notice and cancel' },
  close: { ja: '閉じる', ko: '닫기', en: 'Close' },
  refused: { ja: '実行できませんでした', ko: '실행할 수 없습니다', en: 'Not done' },
  canInstead: { ja: '代わりにできること', ko: '대신 할 수 있는 것', en: 'What you can do instead' },
  back: { ja: '注文一覧へ', ko: '주문 목록으로', en: 'Back to the orders' },
  method: { ja: '方法', ko: '방법', en: 'Method' },
  amount: { ja: '返金額', ko: '환불 금액', en: 'Amount' },
  loading: { ja: '読み込み中…', ko: '불러오는 중…', en: 'Loading…' },
  openOrder: { ja: '注文番号で開く', ko: '주문번호로 열기', en: 'Open an order by its number' },
  open: { ja: '開く', ko: '열기', en: 'Open' },
  askToCancel: { ja: 'キャンセルを申請する', ko: '취소 요청하기', en: 'Ask to cancel' },
  askTitle: { ja: 'キャンセル申請（発送準備中の注文はセラーの承認を待ちます）', ko: '취소 요청 (발송 준비 중인 주문은 판매자 승인을 기다립니다)', en: 'Ask to cancel (an order being prepared waits for the seller’s approval)' },
  message: { ja: 'セラーへのメッセージ', ko: '판매자에게 보낼 메시지', en: 'Message to the seller' },
  ask: { ja: '申請する', ko: '요청하기', en: 'Send the request' },
  approve: { ja: 'キャンセル申請を承認する', ko: '취소 요청 승인하기', en: 'Approve the cancel request' },
  queue: { ja: '運営対応待ちのクレーム', ko: '운영팀 처리 대기 클레임', en: 'Claims that need the operator' },
  nothingWaits: { ja: '対応待ちはありません', ko: '대기 중인 건이 없습니다', en: 'Nothing waits' },
  resolve: { ja: 'このクレームを処理する', ko: '이 클레임 처리하기', en: 'Resolve this claim' },
  resolution: { ja: '処理', ko: '처리', en: 'Resolution' },
  resolveReason: { ja: '理由（記録に残ります）', ko: '사유 (기록에 남습니다)', en: 'Reason (kept on record)' },
  submit: { ja: '実行する', ko: '실행하기', en: 'Do it' },
} satisfies Record<string, Record<Language, string>>;

export type WordKey = keyof typeof WORDS;

const CODES: Record<string, Record<Language, string>> = {
  PROCESSING: { ja: '入金待ち', ko: '입금 대기', en: 'Awaiting payment' },
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
};

export interface Words {
  language: Language;
  t(key: WordKey): string;
  /** A status, reason or method as the reader says it; the code itself if there is no word for it. */
  code(code: string): string;
  money(money: { amount: number; currency: string }): string;
  time(iso: string): string;
}

export function wordsFor(language: Language): Words {
  const locale = LOCALE[language];
  const moneyFormat = (currency: string) => new Intl.NumberFormat(locale, { style: 'currency', currency });
  const timeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' });
  return {
    language,
    t: (key) => WORDS[key][language],
    code: (code) => CODES[code]?.[language] ?? code,
    money: (money) => moneyFormat(money.currency).format(money.amount),
    time: (iso) => timeFormat.format(new Date(iso)),
  };
}
