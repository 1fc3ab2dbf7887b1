import { describe, expect, it } from 'vitest';
import { memoLanguageWarning, scriptLanguage } from '../../../shared/domain/memo-language.js';

describe('the seller memo’s language', () => {
  it.each([
    ['在庫切れのためキャンセルいたします。', 'ja'],
    ['在庫切', 'ja'],
    ['재고 부족으로 취소합니다.', 'ko'],
    ['Sold out, sorry.', 'en'],
    ['12345 !!', undefined],
  ] as const)('“%s” reads as %s', (text, language) => {
    expect(scriptLanguage(text)).toBe(language);
  });

  it('warns when the memo is not in the language of the order’s country, and only then', () => {
    expect(memoLanguageWarning('Sold out, sorry.', 'JP')).toMatchObject({
      code: 'MEMO_LANGUAGE',
      detail: expect.stringContaining('Japanese'),
    });
    expect(memoLanguageWarning('在庫切れのためキャンセルいたします。', 'KR')).toMatchObject({
      detail: expect.stringContaining('Korean'),
    });
    expect(memoLanguageWarning('在庫切れのためキャンセルいたします。', 'JP')).toBeUndefined();
    expect(memoLanguageWarning('재고 부족으로 취소합니다.', 'KR')).toBeUndefined();
    expect(memoLanguageWarning('Sold out, sorry.', 'US')).toBeUndefined();
    expect(memoLanguageWarning('在庫切れ', 'US')).toMatchObject({ detail: expect.stringContaining('English') });
    expect(memoLanguageWarning('D-1001', 'JP')).toMatchObject({ code: 'MEMO_LANGUAGE' }); // Latin only: not Japanese
    expect(memoLanguageWarning(undefined, 'JP')).toBeUndefined();
  });
});
