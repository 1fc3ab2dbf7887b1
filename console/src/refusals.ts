// The API's refusals in the reader's language. The API's `detail` is English, for logs and the
// operator; a Japanese or Korean reader gets the console's own sentence, built from the refusal's
// codes and values (its type, `rule`, `currentStatus`, `values`, and each field error's `code`).

import type { Language, Words } from './i18n.js';

type Said = Record<Language, string>;

export interface Problem {
  /** Already in the reader's language: the console's own words (a sign-in that failed, no answer). */
  said?: string;
  /** What is wrong, item by item, already in the reader's words (a bulk job's lines): shown instead of `errors`. */
  lines?: string[];
  type?: string;
  status?: number;
  detail?: string;
  rule?: string;
  currentStatus?: string;
  allowedActions?: string[];
  claimId?: string;
  values?: Record<string, unknown>;
  errors?: { path: string; message: string; code?: string }[];
}

/** By the problem's type (after /problems/). */
const TYPES: Record<string, Said> = {
  'invalid-request': {
    ja: '入力内容に誤りがあります。',
    ko: '입력 내용에 오류가 있습니다.',
    en: 'Some of what was entered is not valid.',
  },
  unauthorized: { ja: 'サインインが必要です。', ko: '로그인이 필요합니다.', en: 'Please sign in.' },
  forbidden: { ja: 'この操作の権限がありません。', ko: '이 작업을 할 권한이 없습니다.', en: 'You may not do this.' },
  'not-found': {
    ja: '見つかりません。番号をご確認ください。',
    ko: '찾을 수 없습니다. 번호를 확인하세요.',
    en: 'Not found: check the number.',
  },
  'concurrent-change': {
    ja: '同時に別の操作で変更されました。もう一度お試しください。',
    ko: '다른 작업이 동시에 변경했습니다. 다시 시도하세요.',
    en: 'Changed by another request at the same time: try again.',
  },
  'idempotency-in-flight': {
    ja: '前の送信を処理中です。少し待ってからもう一度送ってください。',
    ko: '이전 요청을 처리 중입니다. 잠시 후 다시 보내세요.',
    en: 'The first send is still running: wait, then send again.',
  },
  unavailable: {
    ja: '一時的に利用できません。少し待ってからもう一度お試しください。',
    ko: '일시적으로 사용할 수 없습니다. 잠시 후 다시 시도하세요.',
    en: 'Not available just now: try again shortly.',
  },
  internal: {
    ja: 'システムの問題が発生しました（記録済み）。入力内容に問題はありません。',
    ko: '시스템 문제가 발생했습니다 (기록됨). 입력 내용에는 문제가 없습니다.',
    en: 'Something went wrong on our side (logged); nothing you sent caused it.',
  },
};

/** By the 422's rule. {balance} and the like are the refusal's values. */
const RULES: Record<string, Said> = {
  BUYER_REQUEST_REQUIRED: {
    ja: 'お客様都合の理由にはお客様のキャンセル申請が必要です。',
    ko: '구매자 사유는 구매자의 취소 요청이 필요합니다.',
    en: 'A buyer’s reason needs the buyer’s own request.',
  },
  REFUND_REASON_NOT_ALLOWED: {
    ja: '出荷後の返金の理由は「発送遅延」のみです。',
    ko: '발송 후 환불 사유는 "발송 지연"만 가능합니다.',
    en: 'After shipping, the only reason for a refund is a shipping delay.',
  },
  RETURNS_PROCESS: {
    ja: '出荷後のお客様都合は返品手続きになります。',
    ko: '발송 후 구매자 사유는 반품 절차입니다.',
    en: 'After shipping, a buyer’s reason goes through returns.',
  },
  SHIP_DATE_IN_PAST: {
    ja: '発送予定日が過去の日付です。',
    ko: '발송 예정일이 지난 날짜입니다.',
    en: 'The ship date is in the past.',
  },
  PERSONAL_DATA: {
    ja: 'お客様の個人情報（氏名・住所・電話番号・メールアドレスなど）が含まれています。削除してください。',
    ko: '구매자 개인정보 (이름·주소·전화번호·이메일 등)가 포함되어 있습니다. 삭제하세요.',
    en: 'It contains personal data (a name, address, phone number, e-mail…): take it out.',
  },
  NOTICE_NOT_USABLE: {
    ja: '指定のお知らせはこの注文には使えません。',
    ko: '지정한 안내는 이 주문에 쓸 수 없습니다.',
    en: 'That notice cannot be used for this order.',
  },
  SELLER_CANNOT_CANCEL: {
    ja: 'この注文はセラーではキャンセルできないため、運営に引き継ぎました。',
    ko: '이 주문은 판매자가 취소할 수 없어 운영팀에 이관했습니다.',
    en: 'The seller cannot cancel this order: it went to the operator.',
  },
  INSUFFICIENT_BALANCE: {
    ja: '残高（{balance}）を超える金額は出金できません。',
    ko: '잔액 ({balance})을 넘는 금액은 출금할 수 없습니다.',
    en: 'More than the balance ({balance}) cannot be withdrawn.',
  },
  CLAIM_TOO_LARGE: {
    ja: '一度にキャンセルできる注文数を超えています。',
    ko: '한 번에 취소할 수 있는 주문 수를 넘었습니다.',
    en: 'Too many orders for one cancellation.',
  },
  NOTHING_TO_RETRY: {
    ja: 'やり直す行がありません。',
    ko: '다시 할 행이 없습니다.',
    en: 'There are no lines to try again.',
  },
  NOTHING_TO_RESEND: {
    ja: '再送するメールはありません。',
    ko: '다시 보낼 이메일이 없습니다.',
    en: 'There is no e-mail to send again.',
  },
  WITHDRAWAL_SETTLED: {
    ja: 'この出金はすでに確定しています。',
    ko: '이 출금은 이미 확정되었습니다.',
    en: 'This withdrawal is already settled.',
  },
  WITHDRAWAL_DECLINED: {
    ja: '銀行が振込を断りました。金額は残高に戻っています。',
    ko: '은행이 이체를 거절했습니다. 금액은 잔액으로 돌아왔습니다.',
    en: 'The bank declined the transfer; the amount is back in the balance.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    ja: '同じ送信を別の内容で繰り返しました。画面を開き直してください。',
    ko: '같은 요청을 다른 내용으로 보냈습니다. 화면을 다시 여세요.',
    en: 'The same send with other content: open the page again.',
  },
  NOT_IN_INQUIRY: {
    ja: 'この問い合わせの対象ではありません。',
    ko: '이 문의의 대상이 아닙니다.',
    en: 'Not part of this inquiry.',
  },
  SELLER_PROFILE_MISSING: {
    ja: 'セラー情報が未登録です。運営にお問い合わせください。',
    ko: '판매자 정보가 없습니다. 운영팀에 문의하세요.',
    en: 'The seller has no profile: ask the operator.',
  },
  CART_OF_ANOTHER_BUYER: {
    ja: 'このカートは別のお客様のものです。',
    ko: '이 장바구니는 다른 구매자의 것입니다.',
    en: 'The cart belongs to another buyer.',
  },
  RETURN_WINDOW_CLOSED: {
    ja: '返品の申請期限を過ぎています。ショップか運営にお問い合わせください。',
    ko: '반품 요청 기한이 지났습니다. 판매자나 운영팀에 문의하세요.',
    en: 'The return window has closed: ask the seller or the operator.',
  },
  RETURN_REFUSED_BEFORE: {
    ja: 'この注文の返品は一度断られています。そのクレームから運営に確認を依頼できます。',
    ko: '이 주문의 반품은 한 번 거절되었습니다. 그 클레임에서 운영팀에 확인을 요청할 수 있습니다.',
    en: 'A return of this order was refused: take that claim to the operator.',
  },
  NON_RECEIPT_REPORTED_BEFORE: {
    ja: 'この注文の未受取はすでに報告されています。そのクレームをご確認ください。',
    ko: '이 주문의 미수취는 이미 신고되었습니다. 그 클레임을 확인하세요.',
    en: 'This order was already reported not received: follow that claim.',
  },
  TRACKING_REQUIRED: {
    ja: '再発送には配送会社と送り状番号が必要です。',
    ko: '재발송에는 택배사와 송장 번호가 필요합니다.',
    en: 'A re-shipment needs the carrier and tracking number.',
  },
  PAYMENT_NOT_DEFERRED: {
    ja: 'この決済方法は入金待ちになりません。',
    ko: '이 결제 방법은 입금 대기가 없습니다.',
    en: 'This payment method does not await payment.',
  },
};

const CONFLICT: Said = {
  ja: '現在の状態（{status}）ではこの操作はできません。',
  ko: '현재 상태 ({status})에서는 이 작업을 할 수 없습니다.',
  en: 'Its status now ({status}) does not allow this.',
};
const OTHER_RULE: Said = {
  ja: '業務ルールにより実行できません。',
  ko: '업무 규칙상 실행할 수 없습니다.',
  en: 'A business rule does not allow this.',
};

/** What is wrong with one field, by zod's issue code. */
const FIELD: Record<string, Said> = {
  invalid_value: { ja: '使えない値です', ko: '쓸 수 없는 값입니다', en: 'not a value it takes' },
  too_big: { ja: '長すぎるか大きすぎます', ko: '너무 길거나 큽니다', en: 'too long or too large' },
  too_small: { ja: '短すぎるか小さすぎます', ko: '너무 짧거나 작습니다', en: 'too short or too small' },
  invalid_type: { ja: '入力がありません', ko: '입력이 없습니다', en: 'missing' },
  invalid_format: { ja: '形式が違います', ko: '형식이 다릅니다', en: 'not in the right form' },
};
const FIELD_OTHER: Said = { ja: '正しくありません', ko: '올바르지 않습니다', en: 'not valid' };

/** A field's path as the reader knows the field: body.notice.title → お知らせの件名. */
const FIELD_NAMES: Record<string, Said> = {
  reason: { ja: '理由', ko: '사유', en: 'reason' },
  sellerMemo: { ja: 'お客様へのメモ', ko: '구매자에게 보낼 메모', en: 'memo' },
  title: { ja: '件名', ko: '제목', en: 'title' },
  body: { ja: '本文', ko: '본문', en: 'text' },
  orders: { ja: '注文', ko: '주문', en: 'orders' },
  orderNo: { ja: '注文番号', ko: '주문번호', en: 'order number' },
  amount: { ja: '金額', ko: '금액', en: 'amount' },
  accountNumber: { ja: '口座番号', ko: '계좌번호', en: 'account number' },
  message: { ja: 'メッセージ', ko: '메시지', en: 'message' },
  returnAddress: { ja: '返送先住所', ko: '반품 주소', en: 'return address' },
  instructions: { ja: '返送の方法', ko: '반품 방법', en: 'instructions' },
  carrier: { ja: '配送会社', ko: '택배사', en: 'carrier' },
  trackingNo: { ja: '送り状番号', ko: '송장 번호', en: 'tracking number' },
  note: { ja: 'メモ', ko: '메모', en: 'note' },
};

const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

/** A field error as the reader says it: "件名: 長すぎるか大きすぎます". */
export function fieldErrorText(words: Words, error: { path: string; code?: string }): string {
  const name = error.path
    .split('.')
    .reverse()
    .find((part) => !/^\d+$/.test(part) && FIELD_NAMES[part]);
  const what = (FIELD[error.code ?? ''] ?? FIELD_OTHER)[words.language];
  return name ? `${FIELD_NAMES[name]![words.language]}: ${what}` : what;
}

/** The refusal as one sentence in the reader's language; English readers get the API's own, more precise, detail. */
export function refusalText(words: Words, problem: Problem | undefined): string {
  if (!problem) return '';
  if (problem.said) return problem.said;
  const language = words.language;
  if (language === 'en' && problem.detail) return problem.detail;
  const slug = problem.type?.replace(/^.*\/problems\//, '') ?? '';
  if (problem.currentStatus) return fill(CONFLICT[language], { status: words.code(problem.currentStatus) });
  if (problem.rule || slug.startsWith('rule/')) {
    const balance = problem.values?.balance as { amount: number; currency: string } | undefined;
    return fill((RULES[problem.rule ?? ''] ?? OTHER_RULE)[language], { balance: balance ? words.money(balance) : '' });
  }
  return (TYPES[slug] ?? TYPES.internal!)[language];
}

/** A warning the API gave with a done request (MEMO_LANGUAGE…), in the reader's language. */
export const WARNINGS: Record<string, Said> = {
  MEMO_LANGUAGE: {
    ja: 'メモがお客様の国の言語ではないようです（そのまま保存されました）。',
    ko: '메모가 구매자 국가의 언어가 아닌 것 같습니다 (그대로 저장되었습니다).',
    en: 'The memo does not look written in the buyer’s language (kept as written).',
  },
};
