// Talking to the operator from the console, in Chromium, as each would: a Korean seller files an
// inquiry about an order, the operator (in English) finds it in the queue and answers, the seller
// replies and closes it; a Japanese seller asks a question that names no order. And the operator's
// way out of a card refund the provider settled outside the protocol, with its confirm step.
// Each page at a desktop's and a phone's width: axe finds nothing serious, a ko or ja page shows no
// English sentence and no raw code.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, readableAtBothWidths, signedIn } from '../support/browser.js';
import { aCancellation, aSeller, call, claimWhenSettled, paymentsFail, registered, token } from '../support/http.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => browser?.close());

// The stack is shared with other files (and the machine with other work): an answer may take seconds.
const slow = { timeout: 20_000 };
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const thread = (page: Page) => page.locator('ol.thread').textContent();

describe('inquiries to the operator, from the console', () => {
  it('a Korean seller files one about an order; the operator answers it from the queue; the seller replies and ' +
    'closes it', async () => {
    const { sellerId } = await aSeller({ language: 'ko' });
    const order = await registered({ sellerId, payment: { method: 'CARD' } });
    const seller = await signedIn(browser, 'seller', sellerId, 'ko', `#/orders/${order.orderNo}`);
    await seller.getByRole('link', { name: '이 주문에 대해 운영팀에 문의하기' }).click();
    await expect.poll(() => heading(seller), slow).toBe('문의');
    // The order comes with the seller: the form names it, and says which categories need one.
    expect(await seller.getByLabel('대상 주문번호 (20건까지)').inputValue()).toBe(order.orderNo);
    expect(await readableAtBothWidths(seller)).toEqual([]);
    await seller.getByLabel('문의 유형').selectOption('ORDER_NOT_CANCELLABLE');
    await seller.getByLabel('제목').fill('쿠폰 주문 취소 부탁드립니다');
    await seller.getByLabel('내용').fill('구매자가 품절로 취소를 원합니다.\n쿠폰 때문에 취소할 수 없습니다.');
    await seller.getByRole('button', { name: '문의 보내기' }).click();
    await expect.poll(() => seller.getByTestId('inquiry-status').textContent(), slow).toBe('운영팀 답변 대기');
    const inquiryId = decodeURIComponent(new URL(seller.url()).hash.split('/')[2]!);
    expect(await thread(seller)).toContain('쿠폰 때문에 취소할 수 없습니다.');
    expect(await seller.getByRole('table', { name: '주문' }).textContent()).toContain(order.orderNo);
    expect(await readableAtBothWidths(seller)).toEqual([]);

    // The operator's queue lists it; the answer goes from its page.
    const operator = await signedIn(browser, 'operator', 'OP-1', 'en', '#/queue');
    const waiting = operator.getByRole('table', { name: 'Inquiries waiting for an answer' });
    await waiting.getByRole('link', { name: inquiryId }).click();
    await expect
      .poll(() => operator.getByTestId('inquiry-status').textContent(), slow)
      .toBe('Waiting for the operator');
    expect(await operator.getByText(sellerId).count()).toBeGreaterThan(0);
    expect(await readableAtBothWidths(operator)).toEqual([]);
    await operator.getByLabel('Answer', { exact: true }).fill('쿠폰 주문은 운영팀이 취소하겠습니다.');
    await operator.getByRole('button', { name: 'Send the answer' }).click();
    await expect.poll(() => operator.getByTestId('inquiry-status').textContent(), slow).toBe('Answered');
    await operator.goto(operator.url().replace(/#.*/, '#/queue'));
    await operator.getByRole('heading', { name: 'Inquiries waiting for an answer' }).waitFor();
    expect(await operator.getByRole('link', { name: inquiryId }).count()).toBe(0);
    await operator.close();

    // The seller reads the answer in its list and thread, replies, and ends it.
    await seller.getByRole('navigation').getByRole('link', { name: '문의' }).click();
    const row = seller.getByRole('table', { name: '문의' }).locator('tr', { hasText: inquiryId });
    await expect.poll(() => row.textContent(), slow).toContain('답변 완료');
    await row.getByRole('link', { name: inquiryId }).click();
    await expect.poll(() => thread(seller), slow).toContain('쿠폰 주문은 운영팀이 취소하겠습니다.');
    expect(await thread(seller)).toContain('운영팀 답변 · 운영팀 OP-1');
    await seller.getByLabel('답장', { exact: true }).fill('감사합니다.');
    await seller.getByLabel('이것으로 종료 (문의를 닫습니다)').check();
    await seller.getByRole('button', { name: '답장 보내기' }).click();
    await expect.poll(() => seller.getByTestId('inquiry-status').textContent(), slow).toBe('종료');
    // Closed: no form, and the page says a new question is a new inquiry.
    expect(await seller.getByRole('button', { name: '답장 보내기' }).count()).toBe(0);
    expect(await seller.getByText('이 문의는 종료되었습니다.').count()).toBe(1);
    expect(await readableAtBothWidths(seller)).toEqual([]);
    await seller.close();
  }, 120_000);

  it('a Japanese seller asks a question about no order; an order-bound category without orders is not ' +
    'sent', async () => {
    const { sellerId } = await aSeller();
    const page = await signedIn(browser, 'seller', sellerId, 'ja', '#/inquiries');
    await expect.poll(() => page.getByText('お問い合わせはありません').count(), slow).toBe(1);
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.getByLabel('内容').selectOption('REFUND_NOT_RECEIVED');
    await page.getByLabel('件名').fill('返金について');
    await page.getByLabel('本文', { exact: true }).fill('お客様から返金が届かないと連絡がありました。');
    await page.getByRole('button', { name: '問い合わせを送る' }).click();
    // The browser's own check, in Japanese: the orders are needed for this category.
    expect(
      await page
        .getByLabel('対象の注文番号（20件まで）')
        .evaluate((e) => (e as unknown as { validationMessage: string }).validationMessage),
    ).toBe('この項目を入力してください。');
    await page.getByLabel('内容').selectOption('OTHER');
    await page.getByRole('button', { name: '問い合わせを送る' }).click();
    await expect.poll(() => page.getByTestId('inquiry-status').textContent(), slow).toBe('運営の回答待ち');
    expect(await page.getByRole('table', { name: '注文' }).count()).toBe(0);
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.getByRole('navigation').getByRole('link', { name: 'お問い合わせ' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'お問い合わせ' }).locator('tbody tr').count(), slow)
      .toBe(1);
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.close();
  }, 90_000);
});

describe('a card refund settled outside the protocol, from the console', () => {
  it('the operator records it under the provider’s reference after confirming, and the claim completes', async () => {
    const order = await registered({ payment: { method: 'CARD' } });
    await paymentsFail(order.orderNo, 'garbled');
    const sellerToken = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: sellerToken,
      body: aCancellation(),
    });
    const claimId = accepted.body.claimId as string;
    expect((await claimWhenSettled(claimId, sellerToken)).body.status).toBe('NEEDS_OPERATOR');

    const operator = await signedIn(browser, 'operator', 'OP-1', 'en', `#/claims/${claimId}`);
    await expect.poll(() => operator.getByTestId('claim-status').textContent(), slow).toBe('Needs the operator');
    expect(await readableAtBothWidths(operator)).toEqual([]);
    await operator.getByRole('button', { name: 'Record the card refund as settled at the provider' }).click();
    const dialog = operator.getByRole('dialog');
    // What is recorded is said before it is: the card refund, and that nothing goes to the provider.
    expect(await dialog.getByRole('table', { name: 'Card refunds it records' }).textContent()).toContain('¥3,200');
    expect(await dialog.textContent()).toContain('nothing is sent to the provider');
    await dialog.getByLabel('The provider’s reference').fill('AC-CONSOLE-1');
    await dialog.getByLabel('Reason (kept on record)').fill('Found in the provider’s console.');
    // The confirm step: without it nothing is sent.
    await dialog.getByRole('button', { name: 'Record it as settled' }).click();
    expect(
      await dialog
        .getByLabel('I checked at the provider that this refund was made')
        .evaluate((e) => (e as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing),
    ).toBe(true);
    expect(await operator.getByTestId('claim-status').textContent()).toBe('Needs the operator');
    await dialog.getByLabel('I checked at the provider that this refund was made').check();
    await dialog.getByRole('button', { name: 'Record it as settled' }).click();
    await expect.poll(() => operator.getByTestId('claim-status').textContent(), { timeout: 30_000 }).toBe('Completed');
    const timeline = await operator.getByRole('table', { name: 'Timeline' }).textContent();
    expect(timeline).toContain('Settled at the provider (recorded by the operator)');
    expect(await readableAtBothWidths(operator)).toEqual([]);
    await operator.close();

    // The seller, in Korean, reads what the operator did in its own words.
    const seller = await signedIn(browser, 'seller', 'S-1', 'ko', `#/claims/${claimId}`);
    await expect.poll(() => seller.getByTestId('claim-status').textContent(), slow).toBe('완료');
    expect(await seller.getByRole('table', { name: '이력' }).textContent()).toContain('운영팀이 결제사 환불을 기록');
    expect(await readableAtBothWidths(seller)).toEqual([]);
    await seller.close();
  }, 120_000);
});
