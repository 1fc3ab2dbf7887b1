// A bulk cancellation's lines as a seller writes them: a CSV file (with or without a byte-order
// mark, a header row in any of the three languages) or lines pasted from a spreadsheet (commas or
// tabs), each `orderNo[,reason]`, the reason as a code or in the seller's words (品切れ, 품절).
// A line the API refuses is named by its line in what the seller wrote, with why.

import { CODES } from '../codes.js';
import type { Words } from '../i18n.js';
import { fieldErrorText, type Problem } from '../refusals.js';

export const SELLER_REASONS = ['OUT_OF_STOCK', 'SHIPPING_DELAY', 'UNDELIVERABLE_AREA'] as const;
export type Reason = (typeof SELLER_REASONS)[number];

/** Words sellers use that are not the console's own (those are taken too, in every language). */
const MORE_REASON_WORDS: Record<Reason, string[]> = {
  OUT_OF_STOCK: ['品切れ', '欠品', '在庫なし', '재고없음', '재고부족', 'soldout'],
  SHIPPING_DELAY: ['配送遅延', '출고지연', '배송지연', 'delay'],
  UNDELIVERABLE_AREA: ['配送不可', '배송불가'],
};
const squeeze = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();
const REASON_OF = new Map<string, Reason>(
  SELLER_REASONS.flatMap((reason) =>
    [reason, ...Object.values(CODES[reason]!), ...MORE_REASON_WORDS[reason]].map((word): [string, Reason] => [
      squeeze(word),
      reason,
    ]),
  ),
);
/** The first cell of a header row: what sellers name the order number's column. */
const HEADER = /^(order\s*_?no|order\s*number|注文番号|주문\s*번호)$/i;

export interface BulkLine {
  orderNo: string;
  reason?: Reason;
}
export interface ParsedLines {
  orders: BulkLine[];
  /** For each of `orders`, its line in the text (1-based), to name it as the seller sees it. */
  lineOf: number[];
  /** Lines whose reason is not one a bulk cancellation takes: not sent, said before sending. */
  unknownReasons: { line: number; orderNo: string; given: string }[];
}

const cells = (line: string): string[] =>
  line.split(/[,\t]/).map((cell) =>
    cell
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );

export function bulkLines(text: string): ParsedLines {
  const parsed: ParsedLines = { orders: [], lineOf: [], unknownReasons: [] };
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, i) => {
      const [orderNo, given] = cells(line);
      if (!orderNo || HEADER.test(orderNo)) return;
      const reason = given ? REASON_OF.get(squeeze(given)) : undefined;
      if (given && !reason) {
        parsed.unknownReasons.push({ line: i + 1, orderNo, given });
        return;
      }
      parsed.orders.push({ orderNo, ...(reason ? { reason } : {}) });
      parsed.lineOf.push(i + 1);
    });
  return parsed;
}

/** The reasons a bulk cancellation takes, as the reader says them. */
export const reasonsTaken = (words: Words): string => SELLER_REASONS.map((reason) => words.code(reason)).join('、');

const LINE: Record<Words['language'], (line: number, orderNo: string) => string> = {
  ja: (line, orderNo) => `${line}行目（${orderNo}）`,
  ko: (line, orderNo) => `${line}행 (${orderNo})`,
  en: (line, orderNo) => `Line ${line} (${orderNo})`,
};
const NOT_TAKEN: Record<Words['language'], (given: string, taken: string) => string> = {
  ja: (given, taken) => `理由「${given}」は使えません。使える理由: ${taken}`,
  ko: (given, taken) => `사유 "${given}"는 쓸 수 없습니다. 쓸 수 있는 사유: ${taken}`,
  en: (given, taken) => `the reason "${given}" is not one it takes: ${taken}`,
};

/** Before sending: each line whose reason is not taken, by its line. */
export function unknownReasonTexts(words: Words, parsed: ParsedLines): string[] {
  return parsed.unknownReasons.map(
    ({ line, orderNo, given }) =>
      `${LINE[words.language](line, orderNo)}: ${NOT_TAKEN[words.language](given, reasonsTaken(words))}`,
  );
}

/** After sending: the API's errors about `orders[i]` (or body.orders.i), by the line the seller wrote. */
export function lineErrorTexts(words: Words, parsed: ParsedLines, problem: Problem | undefined): string[] {
  return (problem?.errors ?? []).flatMap((error) => {
    const index = /orders(?:\.|\[)(\d+)/.exec(error.path)?.[1];
    if (index === undefined) return [];
    const order = parsed.orders[Number(index)];
    const where = order ? LINE[words.language](parsed.lineOf[Number(index)]!, order.orderNo) : '';
    return [`${where}: ${fieldErrorText(words, error)}`];
  });
}
