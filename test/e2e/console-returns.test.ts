// Returns (반품) in the console, in Chromium, each step by the person who takes it and checked
// through the API after the click: a Japanese buyer asks (the fault said as the reason is picked),
// a Korean seller approves with the return address, the buyer enters the parcel, the seller
// confirms receipt and the buyer is refunded less the return shipping; a refusal read by the buyer
// and taken to the operator, who refunds it after a confirm step. At a desktop's and a phone's
// width, axe finding nothing serious, every word in the reader's language.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import {
  aShippedOrder,
  claimIdIn,
  claimNow,
  open,
  slow,
  stackWithRealClocks,
  statusOn,
} from '../support/after-delivery.js';
import { launchChromium, readableAtBothWidths, signedIn } from '../support/browser.js';
import { call } from '../support/http.js';

let browser: Browser;
let stack: LocalStack;
beforeAll(async () => {
  stack = await stackWithRealClocks();
  browser = await launchChromium();
}, 120_000);
// Its returns and reports wait for days, as in AWS: stopped where they wait, not waited for.
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
}, 60_000);

describe('a return in the console', () => {
  it('asked by a Japanese buyer for a buyer’s reason, approved by a Korean seller, sent back, received: refunded ' +
    'less the return shipping', async () => {
    const { order, sellerId, sellerToken, buyerId, buyerToken } = await aShippedOrder('DELIVERED', 'ko');
    const buyer = await signedIn(browser, 'buyer', buyerId, 'ja', `#/orders/${order.orderNo}`);
    await buyer.getByRole('button', { name: '返品を申請する' }).click(slow);
    const ask = buyer.getByRole('dialog', { name: '返品の申請（ショップが承認すると返送先が届きます）' });
    expect(await ask.getByTestId('return-fault').textContent()).toBe('負担: ショップ都合（返送料はショップ負担）');
    await ask.getByLabel('理由').selectOption('CHANGED_MIND');
    expect(await ask.getByTestId('return-fault').textContent()).toBe(
      '負担: お客様都合（返送料を返金から差し引きます）',
    );
    await ask.getByLabel('セラーへのメッセージ').fill('サイズが合いませんでした');
    expect(await readableAtBothWidths(buyer)).toEqual([]);
    expect((await call('GET', `/orders/${order.orderNo}`, { token: buyerToken })).body.claims).toEqual([]);
    await ask.getByRole('button', { name: '申請する' }).click();
    await expect.poll(() => statusOn(buyer), slow).toBe('承認待ち');
    const claimId = claimIdIn(buyer);
    expect(await claimNow(claimId, buyerToken)).toMatchObject({
      type: 'RETURN',
      status: 'AWAITING_APPROVAL',
      reason: 'CHANGED_MIND',
      fault: 'BUYER',
      buyerMessage: 'サイズが合いませんでした',
    });
    expect(await buyer.getByTestId('claim-fault').textContent()).toBe('お客様都合');
    expect(await readableAtBothWidths(buyer)).toEqual([]);

    // The seller, from the order's page to the claim, approves with where to send it.
    const seller = await signedIn(browser, 'seller', sellerId, 'ko', `#/orders/${order.orderNo}`);
    expect(await seller.getByTestId('request-reason').textContent({ timeout: 20_000 })).toBe('단순 변심');
    await seller.getByRole('link', { name: '클레임을 열어 처리하기' }).click();
    await seller.getByRole('button', { name: '반품 승인하기' }).first().click(slow);
    const approve = seller.getByRole('dialog', { name: '반품 승인 (반품 주소를 구매자에게 알립니다)' });
    await approve.getByLabel('반품 주소').fill('東京都港区1-2-3 返品センター');
    await approve.getByLabel('반품 방법').fill('元の箱に入れてお送りください');
    expect(await readableAtBothWidths(seller)).toEqual([]);
    await approve.getByRole('button', { name: '반품 승인하기' }).click();
    await expect.poll(() => statusOn(seller), slow).toBe('반품 발송 대기');
    expect((await claimNow(claimId, sellerToken)).return.approval).toMatchObject({
      returnAddress: '東京都港区1-2-3 返品センター',
      instructions: '元の箱に入れてお送りください',
    });

    // The buyer reads the address and enters the parcel.
    await open(buyer, `#/claims/${claimId}`);
    expect(await buyer.getByTestId('return-address').textContent()).toBe('東京都港区1-2-3 返品センター');
    await buyer.getByLabel('配送会社').fill('ヤマト運輸');
    await buyer.getByLabel('送り状番号').fill('1234-5678-9012');
    expect(await readableAtBothWidths(buyer)).toEqual([]);
    await buyer.getByRole('button', { name: '返送を登録する' }).click();
    await expect.poll(() => statusOn(buyer), slow).toBe('返送中');
    expect((await claimNow(claimId, buyerToken)).return.shipment).toMatchObject({
      carrier: 'ヤマト運輸',
      trackingNo: '1234-5678-9012',
    });

    // The seller confirms receipt, after a confirm step: the refund runs.
    await open(seller, `#/claims/${claimId}`);
    expect(await seller.getByTestId('return-tracking').textContent()).toBe('1234-5678-9012');
    await seller.getByRole('button', { name: '수령 확인하기' }).first().click();
    const receipt = seller.getByRole('dialog', { name: '수령 확인하기' });
    await receipt.getByLabel('결과').selectOption('RECEIVED');
    expect(await readableAtBothWidths(seller)).toEqual([]);
    expect((await claimNow(claimId, sellerToken)).status).toBe('RETURN_IN_TRANSIT');
    await receipt.getByRole('button', { name: '수령 확인하기' }).click();
    await expect.poll(() => statusOn(seller), slow).toBe('완료');
    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyerToken });
    expect(read.body.status).toBe('RETURNED');
    expect(read.body.refunds).toEqual([
      expect.objectContaining({
        status: 'COMPLETED',
        amount: { amount: 2400, currency: 'JPY' },
        deductions: [{ kind: 'RETURN_SHIPPING', amount: { amount: 800, currency: 'JPY' } }],
      }),
    ]);
    expect(await seller.getByRole('table', { name: '환불' }).textContent()).toContain('반품 배송비');
    expect(await readableAtBothWidths(seller)).toEqual([]);
    await buyer.close();
    await seller.close();
  }, 180_000);

  it('refused by a Japanese seller, the reason read by a Korean buyer who takes it to the operator; the operator ' +
    'refunds it, charged to the seller, after a confirm step', async () => {
    const { order, sellerId, sellerToken, buyerId, buyerToken, operatorToken } = await aShippedOrder('DELIVERED');
    const asked = await call('POST', `/orders/${order.orderNo}/returns`, {
      token: buyerToken,
      body: { reason: 'DEFECTIVE', message: '電源が入りません' },
    });
    expect(asked.status).toBe(202);
    const claimId = asked.body.claimId as string;

    const seller = await signedIn(browser, 'seller', sellerId, 'ja', `#/claims/${claimId}`);
    await seller.getByRole('button', { name: '返品を断る' }).first().click(slow);
    const refuse = seller.getByRole('dialog', { name: '返品の拒否（理由はお客様に届きます）' });
    await refuse.getByLabel('拒否の理由').fill('使用済みのため返品をお受けできません');
    expect(await readableAtBothWidths(seller)).toEqual([]);
    await refuse.getByRole('button', { name: '返品を断る' }).click();
    await expect.poll(() => statusOn(seller), slow).toBe('却下');
    expect((await claimNow(claimId, sellerToken)).return.refusal.reason).toBe('使用済みのため返品をお受けできません');

    const buyer = await signedIn(browser, 'buyer', buyerId, 'ko', `#/claims/${claimId}`);
    await expect
      .poll(() => buyer.getByTestId('refusal-reason').textContent(), slow)
      .toBe('使用済みのため返品をお受けできません');
    expect(await readableAtBothWidths(buyer)).toEqual([]);
    await buyer.getByRole('button', { name: '운영팀에 확인 요청하기' }).click();
    await expect.poll(() => statusOn(buyer), slow).toBe('운영팀 처리 대기');
    expect((await claimNow(claimId, buyerToken)).status).toBe('NEEDS_OPERATOR');

    // The operator, from the queue: nothing is sent until the decision is confirmed.
    const operator = await signedIn(browser, 'operator', 'OP-1', 'ja', '#/queue');
    await operator.getByRole('link', { name: claimId }).click(slow);
    await operator.getByRole('button', { name: '返金または終了を決める' }).first().click(slow);
    const decide = operator.getByRole('dialog', { name: '運営の判断（返金はショップ負担）' });
    expect(await decide.getByTestId('decision-preview').textContent()).toBe(
      'お客様への返金: ￥3,200 (お支払い額の全額)',
    );
    await decide.getByLabel('判断').selectOption('COMPLETE');
    await decide.getByLabel('理由（記録に残ります）').fill('不良品の写真を確認しました');
    expect(await readableAtBothWidths(operator)).toEqual([]);
    await decide.getByRole('button', { name: '判断を送る' }).click();
    expect(
      await decide
        .getByLabel('返金額と負担、または返金しないことを確認しました')
        .evaluate((input) => (input as unknown as { validationMessage: string }).validationMessage),
    ).toBe('この項目を入力してください。');
    expect((await claimNow(claimId, operatorToken)).status).toBe('NEEDS_OPERATOR');
    await decide.getByLabel('返金額と負担、または返金しないことを確認しました').check();
    await decide.getByRole('button', { name: '判断を送る' }).click();
    await expect.poll(() => statusOn(operator), slow).toBe('完了');
    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyerToken });
    expect(read.body.status).toBe('RETURNED');
    expect(read.body.refunds).toEqual([
      expect.objectContaining({ status: 'COMPLETED', amount: { amount: 3200, currency: 'JPY' } }),
    ]);
    expect((await call('GET', '/claims/summary', { token: sellerToken })).body.standing.sellerFaultOrders).toBe(1);
    expect(await readableAtBothWidths(operator)).toEqual([]);
    await Promise.all([seller.close(), buyer.close(), operator.close()]);
  }, 180_000);
});
