// The console in its readers' languages (issue 28, points 3 and 1): a Korean seller and a Japanese
// buyer meet refusals, the timeline's events and the browser's own checks in their own words, never
// the API's English detail or a raw code; a bulk job's bad line is named by its line and why, in
// the seller's words, from a pasted list or a CSV with a byte-order mark and a Japanese header, and
// its failed lines go again as a new job. Each page is checked at a desktop's and a phone's width.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, readableAtBothWidths, signedIn } from '../support/browser.js';
import { aSeller, call, eventually, registered, token } from '../support/http.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => browser?.close());

describe('the console in its readers’ languages', () => {
  it('a Korean seller reads refusals, events and the browser’s checks in Korean', async () => {
    const { sellerId, sellerToken } = await aSeller({ language: 'ko' });
    const preparing = await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2099-01-31' });
    const asked = await call('POST', `/orders/${preparing.orderNo}/cancel-requests`, {
      token: await token('buyer', preparing.buyer.id),
      body: { reason: 'BUYER_CHANGED_MIND', message: 'サイズを間違えました。' },
    });
    expect(asked.status).toBe(202);
    // The seller is told of the request: the timeline's SELLER_NOTIFIED, worded.
    await eventually(
      () => call('GET', `/orders/${preparing.orderNo}`, { token: sellerToken }),
      (answer) => answer.body.timeline.some((event: { type: string }) => event.type.startsWith('SELLER_NOTI')),
    );
    const page = await signedIn(browser, 'seller', sellerId, 'ko', `#/orders/${preparing.orderNo}`);
    await expect.poll(() => page.getByTestId('order-status').textContent(), { timeout: 20_000 }).toBe('취소 요청 중');
    expect(await page.getByRole('table', { name: '이력' }).textContent()).toContain('판매자에게 알림');
    expect(await readableAtBothWidths(page)).toEqual([]);

    const order = await registered({ sellerId });
    await page.goto(page.url().replace(/#.*/, `#/orders/${order.orderNo}`));
    await page.getByRole('button', { name: '취소하기' }).click({ timeout: 20_000 });
    const dialog = page.getByRole('dialog', { name: /주문 취소/ });
    // The browser's own check, in Korean.
    await dialog.getByRole('button', { name: '안내 후 취소' }).click();
    expect(
      await dialog
        .getByLabel('안내 제목')
        .evaluate((input) => (input as unknown as { validationMessage: string }).validationMessage),
    ).toBe('이 항목을 입력하세요.');
    await dialog.getByLabel('안내 제목').fill('품절 안내');
    await dialog.getByLabel('안내 본문').fill('연락은 buyer@example.com 으로 부탁드립니다.');
    await dialog.getByLabel('판매자 메모').fill('죄송합니다.');
    await dialog.getByRole('button', { name: '안내 후 취소' }).click();
    // The API's PERSONAL_DATA refusal, in Korean, with the field it names.
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 }).toContain('개인정보');
    expect(await page.getByRole('alert').textContent()).not.toMatch(/personal data|must not/i);
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it('a Japanese buyer is told in Japanese that more than the balance cannot be withdrawn, with the ' +
    'balance', async () => {
    const buyerId = `B-LANG-${Date.now().toString(36).toUpperCase()}`;
    const page = await signedIn(browser, 'buyer', buyerId, 'ja', '#/balance');
    await page.getByLabel('出金額 (JPY)').fill('999999');
    await page.getByLabel('銀行名').fill('みずほ銀行');
    await page.getByLabel('支店名').fill('渋谷支店');
    await page.getByLabel('口座番号').fill('12');
    await page.getByLabel('口座名義').fill('ヤマダ タロウ');
    await page.getByRole('button', { name: '銀行口座へ出金' }).click();
    expect(
      await page
        .getByLabel('口座番号')
        .evaluate((input) => (input as unknown as { validationMessage: string }).validationMessage),
    ).toBe('入力の形式が違います。');
    await page.getByLabel('口座番号').fill('1234567');
    await page.getByRole('button', { name: '銀行口座へ出金' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 })
      .toBe('実行できませんでした: 残高（￥0）を超える金額は出金できません。');
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('a Korean seller’s bulk lines: a reason it does not take and a bad number named by line; a Japanese CSV with a ' +
    'BOM; the failed lines again', async () => {
    const { sellerId } = await aSeller({ language: 'ko' });
    const a = await registered({ sellerId });
    const b = await registered({ sellerId });
    const shipped = await registered({ sellerId, status: 'IN_TRANSIT' });
    const page = await signedIn(browser, 'seller', sellerId, 'ko', '#/bulk');
    // The form says which reasons it takes.
    await expect
      .poll(() => page.locator('#bulk-lines-hint').textContent())
      .toContain('품절、발송 지연、배송 불가 지역');
    await page.getByLabel('안내 제목').fill('주문 {orderNo} 안내');
    await page.getByLabel('안내 본문').fill('주문 {orderNo}은 품절로 취소됩니다.');
    await page.getByLabel('판매자 메모').fill('죄송합니다.');
    await page.getByLabel('또는 붙여넣기').fill(`주문번호,사유\n${a.orderNo},품절\n${b.orderNo},없는사유`);
    await page.getByRole('button', { name: '안내 후 일괄 취소' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 }).toContain('보내지 않았습니다');
    expect(await page.getByRole('alert').textContent()).toContain(
      `3행 (${b.orderNo}): 사유 "없는사유"는 쓸 수 없습니다`,
    );
    expect(await readableAtBothWidths(page)).toEqual([]);

    // The API's own answer about a line (an order number it cannot take) names the line too.
    await page.getByLabel('또는 붙여넣기').fill(`${a.orderNo}\tOUT_OF_STOCK\nD/4003,발송 지연`);
    await page.getByRole('button', { name: '안내 후 일괄 취소' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 })
      .toContain('2행 (D/4003): 주문번호: 형식이 다릅니다');

    // A Japanese seller's spreadsheet: a BOM, the header 注文番号,理由, reasons in Japanese.
    await page.getByLabel('또는 붙여넣기').fill('');
    const csv = `\uFEFF注文番号,理由\r\n${a.orderNo},品切れ\r\n${b.orderNo},在庫切れ\r\n${shipped.orderNo},発送遅延\r\n`;
    await page
      .locator('#bulk-file')
      .setInputFiles({ name: 'キャンセル.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    expect(await page.locator('#bulk-file-chosen').textContent()).toBe('キャンセル.csv');
    await page.getByRole('button', { name: '안내 후 일괄 취소' }).click();
    await expect
      .poll(() => page.getByTestId('bulk-status').textContent(), { timeout: 60_000 })
      .toBe('일부 실패로 완료');
    expect(await page.getByTestId('bulk-done').textContent()).toBe('2');
    const failures = await page.getByRole('table', { name: '취소되지 않은 주문' }).textContent();
    expect(failures).toContain(shipped.orderNo);
    expect(failures).toContain('주문 상태상 취소할 수 없습니다');
    expect(await readableAtBothWidths(page)).toEqual([]);

    // The failed line, as a new job.
    const first = page.url();
    await page.getByText('실패한 행으로 새 일괄 취소 만들기 (1)').first().click();
    await page.locator('#retry-notice-title').fill('주문 {orderNo} 안내');
    await page.locator('#retry-notice-body').fill('주문 {orderNo}은 취소됩니다.');
    await page.locator('#retry-memo').fill('죄송합니다.');
    await page.getByRole('button', { name: '실패한 행으로 새 일괄 취소 만들기' }).click();
    // The new job's page (or, if refused, what was said).
    const moved = async () =>
      page.url() !== first ? 'moved' : (await page.getByRole('alert').allTextContents()).join();
    await expect.poll(moved, { timeout: 20_000 }).toBe('moved');
    await expect.poll(() => page.getByTestId('bulk-status').textContent(), { timeout: 60_000 }).toBe('실패');
    expect(await page.getByRole('table', { name: '취소되지 않은 주문' }).textContent()).toContain(shipped.orderNo);
    await page.close();
  }, 150_000);
});
