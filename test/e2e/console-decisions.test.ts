// What a seller needs before writing to a buyer or deciding (issue 28, points 2, 6 and 7): the
// buyer's country and language where the notice and memo are written, and a warning before a memo
// in another language is sent; a buyer's request approved from its reason and message with the
// refund said and a confirm step; an order only the operator may cancel shows its coupon and path
// first, and sending it is an outcome, not an error. At a desktop's and a phone's width.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readableAtBothWidths, launchChromium, signedIn } from '../support/browser.js';
import { aSeller, call, registered, token } from '../support/http.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => browser?.close());

const soon = { timeout: 20_000 };

describe('the seller’s decisions in the console', () => {
  it('a Korean seller writing to a Japanese buyer sees the country and language, and is warned of a Korean memo ' +
    'before sending', async () => {
    const { sellerId } = await aSeller({ language: 'ko' });
    const order = await registered({ sellerId });
    const page = await signedIn(browser, 'seller', sellerId, 'ko', `#/orders/${order.orderNo}`);
    await expect.poll(() => page.getByTestId('buyer-country').textContent(), soon).toBe('일본 (일본어)');
    await page.getByRole('button', { name: '취소하기' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByTestId('buyer-language').textContent()).toBe(
      '구매자 국가: 일본 (일본어). 안내와 메모는 이 언어로 쓰세요.',
    );
    expect(await dialog.getByTestId('language-warning').textContent()).toBe('');
    await dialog.getByLabel('판매자 메모').fill('죄송합니다.');
    expect(await dialog.getByTestId('language-warning').textContent()).toBe(
      '주의: 구매자의 언어로 쓰이지 않은 것 같습니다 (일본 (일본어))',
    );
    expect(await readableAtBothWidths(page)).toEqual([]);
    await dialog.getByLabel('판매자 메모').fill('申し訳ございません。');
    expect(await dialog.getByTestId('language-warning').textContent()).toBe('');
    await page.close();
  }, 60_000);

  it('a Japanese seller approves a request from the buyer’s reason and message, the refund said, after a confirm ' +
    'step', async () => {
    const { sellerId, sellerToken } = await aSeller();
    const order = await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2099-01-31' });
    const asked = await call('POST', `/orders/${order.orderNo}/cancel-requests`, {
      token: await token('buyer', order.buyer.id),
      body: { reason: 'OPTION_CHANGE', message: '色を間違えました。' },
    });
    const page = await signedIn(browser, 'seller', sellerId, 'ja', `#/orders/${order.orderNo}`);
    await expect.poll(() => page.getByTestId('request-reason').textContent(), soon).toBe('オプション変更');
    expect(await page.getByTestId('request-message').textContent()).toBe('色を間違えました。');
    await page.getByRole('button', { name: 'キャンセル申請を承認する' }).click();
    const dialog = page.getByRole('dialog', { name: 'キャンセル申請の承認（返金されます）' });
    expect(await dialog.locator('.preview').textContent()).toBe(
      'お客様への返金: ￥3,200 (カード承認取消; お支払い額の全額)',
    );
    expect(await readableAtBothWidths(page)).toEqual([]);
    // Opening the dialog decided nothing.
    expect((await call('GET', `/claims/${asked.body.claimId}`, { token: sellerToken })).body.status).toBe(
      'AWAITING_APPROVAL',
    );
    await dialog.getByRole('button', { name: '承認して返金する' }).click();
    // The claim's page, or (if refused) what the dialog says.
    const outcome = async () =>
      (await page.getByTestId('claim-status').count())
        ? page.getByTestId('claim-status').textContent()
        : page.locator('main').textContent();
    await expect.poll(outcome, { timeout: 30_000 }).toBe('完了');
    await page.close();
  }, 90_000);

  it('an order with a coupon only the operator may cancel: the coupon and path before the form, the hand-over an ' +
    'outcome (Korean)', async () => {
    const { sellerId } = await aSeller({ language: 'ko' });
    const order = await registered({ sellerId, coupon: { code: 'CPN-OP-10', sellerCancellable: false } });
    const page = await signedIn(browser, 'seller', sellerId, 'ko', `#/orders/${order.orderNo}`);
    await expect.poll(() => page.getByText('CPN-OP-10 (판매자 취소 불가·운영팀 처리)').count(), soon).toBe(1);
    await page.getByRole('button', { name: '취소하기' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByTestId('operator-path').textContent()).toContain(
      '쿠폰 CPN-OP-10: 이 쿠폰 조건상 취소는 운영팀이 합니다.',
    );
    expect(await readableAtBothWidths(page)).toEqual([]);
    await dialog.getByLabel('사유').selectOption('OUT_OF_STOCK');
    await dialog.getByLabel('안내 제목').fill('在庫切れのお詫び');
    await dialog.getByLabel('안내 본문').fill('在庫切れのため、キャンセルの手続きをいたします。');
    await dialog.getByLabel('판매자 메모').fill('申し訳ございません。');
    await dialog.getByRole('button', { name: '안내 후 취소' }).click();
    await expect
      .poll(() => page.getByTestId('claim-status').textContent(), { timeout: 30_000 })
      .toBe('운영팀 처리 대기');
    expect(await page.getByTestId('claim-outcome').textContent()).toBe(
      '이 클레임은 운영팀이 처리합니다. 판매자는 할 일이 없습니다.',
    );
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.close();
  }, 90_000);
});

describe('talking to the buyer', () => {
  it('a Japanese seller messages the buyer of an order, in the buyer’s language, and sees it sent', async () => {
    const { sellerId } = await aSeller();
    const order = await registered({ sellerId });
    const page = await signedIn(browser, 'seller', sellerId, 'ja', `#/orders/${order.orderNo}`);
    await page.getByRole('button', { name: 'お客様にメッセージを送る' }).click({ timeout: 20_000 });
    const dialog = page.getByRole('dialog', { name: 'お客様にメッセージを送る' });
    expect(await dialog.getByTestId('buyer-language').textContent()).toContain('日本（日本語）');
    await dialog.getByLabel('メッセージの件名').fill('発送のご案内');
    await dialog.getByLabel('メッセージの本文').fill('明日発送いたします。');
    expect(await readableAtBothWidths(page)).toEqual([]);
    await dialog.getByRole('button', { name: '送信する' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'お客様へのメッセージ' }).textContent(), soon)
      .toContain('発送のご案内');
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.close();
  }, 60_000);
});
