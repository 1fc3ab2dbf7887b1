// A bulk job's lines as sellers write them: a BOM, a header row in any language, tabs, reasons in
// words; a reason the job does not take is kept aside with its line, never sent.
import { describe, expect, it } from 'vitest';
import { bulkLines, lineErrorTexts } from '../../console/src/pages/bulk-lines.js';
import { wordsFor } from '../../console/src/i18n.js';

describe('bulk lines', () => {
  it(
    'takes a BOM, a Japanese header, tabs and reasons in Japanese and Korean; sets aside a reason it does not ' +
      'take',
    () => {
      const parsed = bulkLines(
        '\uFEFF注文番号,理由\r\nD-1,品切れ\r\nD-2\t발송 지연\r\n\r\nD-3,なし\r\n"D-4",OUT_OF_STOCK',
      );
      expect(parsed.orders).toEqual([
        { orderNo: 'D-1', reason: 'OUT_OF_STOCK' },
        { orderNo: 'D-2', reason: 'SHIPPING_DELAY' },
        { orderNo: 'D-4', reason: 'OUT_OF_STOCK' },
      ]);
      expect(parsed.lineOf).toEqual([2, 3, 6]);
      expect(parsed.unknownReasons).toEqual([{ line: 5, orderNo: 'D-3', given: 'なし' }]);
    },
  );

  it('names the API’s error about orders[i] by the line the seller wrote', () => {
    const parsed = bulkLines('orderNo,reason\nD-1\nD/2');
    const texts = lineErrorTexts(wordsFor('ko'), parsed, {
      errors: [{ path: 'body.orders.1.orderNo', message: 'x', code: 'invalid_format' }],
    });
    expect(texts).toEqual(['3행 (D/2): 주문번호: 형식이 다릅니다']);
  });
});
