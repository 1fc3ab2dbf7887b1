// Non-receipt (미수취) in the console, in Chromium, each step by the person who takes it and checked
// through the API after the click: a Japanese buyer reports a parcel not received, a Korean seller
// answers with a re-shipment (its tracking asked for first), the buyer accepts it; a proof taken to
// the operator, who closes it; a full refund by the seller; no second report offered once one was
// made. The seller's returns and non-receipt tiles lead to as many rows as they count. At a
// desktop's and a phone's width, axe finding nothing serious, every word in the reader's language.
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
import { aSeller, call, registered, token } from '../support/http.js';

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

const report = (orderNo: string, buyerToken: string) =>
  call('POST', `/orders/${orderNo}/non-receipt`, { token: buyerToken, body: { message: '届いていません' } });
const answer = (claimId: string, sellerToken: string, body: Record<string, unknown>) =>
  call('POST', `/claims/${claimId}/non-receipt-answer`, { token: sellerToken, body });

describe('a non-receipt report in the console', () => {
  it('reported by a Japanese buyer, answered with a re-shipment by a Korean seller, accepted: nothing refunded; a ' +
    'second report not offered', async () => {
    const { order, sellerId, sellerToken, buyerId, buyerToken } = await aShippedOrder('IN_TRANSIT', 'ko');
    const buyer = await signedIn(browser, 'buyer', buyerId, 'ja', `#/orders/${order.orderNo}`);
    await buyer.getByRole('button', { name: '商品が届かないと報告する' }).click(slow);
    const form = buyer.getByRole('dialog', { name: '未受取の報告（ショップが回答します）' });
    await form.getByLabel('セラーへのメッセージ').fill('一週間たっても届いていません');
    expect(await readableAtBothWidths(buyer)).toEqual([]);
    await form.getByRole('button', { name: '報告する' }).click();
    await expect.poll(() => statusOn(buyer), slow).toBe('ショップの回答待ち');
    const claimId = claimIdIn(buyer);
    expect(await claimNow(claimId, buyerToken)).toMatchObject({
      type: 'NON_RECEIPT',
      status: 'AWAITING_SELLER',
      buyerMessage: '一週間たっても届いていません',
    });

    const seller = await signedIn(browser, 'seller', sellerId, 'ko', `#/claims/${claimId}`);
    await seller.getByRole('button', { name: '미수취에 답변하기' }).first().click(slow);
    const reply = seller.getByRole('dialog', { name: '미수취에 답변하기' });
    await reply.getByLabel('답변', { exact: true }).selectOption('RESHIPPED');
    await reply.getByRole('button', { name: '답변 보내기' }).click();
    // A re-shipment without its tracking is stopped by the form, in Korean, before anything is sent.
    expect(
      await reply
        .getByLabel('택배사')
        .evaluate((input) => (input as unknown as { validationMessage: string }).validationMessage),
    ).toBe('이 항목을 입력하세요.');
    expect((await claimNow(claimId, sellerToken)).status).toBe('AWAITING_SELLER');
    await reply.getByLabel('택배사').fill('佐川急便');
    await reply.getByLabel('송장 번호').fill('9999-0000-1111');
    await reply.getByLabel('메모').fill('本日再発送いたしました');
    expect(await readableAtBothWidths(seller)).toEqual([]);
    await reply.getByRole('button', { name: '답변 보내기' }).click();
    await expect.poll(() => statusOn(seller), slow).toBe('답변 완료');
    expect((await claimNow(claimId, sellerToken)).nonReceipt.answer).toMatchObject({
      answer: 'RESHIPPED',
      carrier: '佐川急便',
      trackingNo: '9999-0000-1111',
    });

    await open(buyer, `#/claims/${claimId}`);
    expect(await buyer.getByTestId('seller-answer').textContent()).toBe('再発送');
    expect(await buyer.getByTestId('answer-tracking').textContent()).toBe('9999-0000-1111');
    expect(await readableAtBothWidths(buyer)).toEqual([]);
    await buyer.getByRole('button', { name: '回答を承諾する' }).click();
    await expect.poll(() => statusOn(buyer), slow).toBe('完了');
    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyerToken });
    expect(read.body).toMatchObject({ status: 'IN_TRANSIT', refunds: [] });
    expect((await claimNow(claimId, buyerToken)).nonReceipt.acceptedAt).toEqual(expect.any(String));

    // Not offered again once reported (the API would refuse a second report), and nothing opened.
    await open(buyer, `#/orders/${order.orderNo}`);
    await expect.poll(() => buyer.getByRole('heading', { level: 1 }).count(), slow).toBe(1);
    expect(await buyer.getByRole('button', { name: '商品が届かないと報告する' }).count()).toBe(0);
    expect(await readableAtBothWidths(buyer)).toEqual([]);
    const again = await report(order.orderNo, buyerToken);
    expect(again.status).toBe(422);
    expect(again.body.rule).toBe('NON_RECEIPT_REPORTED_BEFORE');
    expect((await call('GET', `/orders/${order.orderNo}`, { token: buyerToken })).body.claims).toHaveLength(1);
    await Promise.all([buyer.close(), seller.close()]);
  }, 180_000);

  it('a proof the buyer does not accept goes to the operator, who closes it: the order free, nothing refunded; ' +
    'a seller’s full refund returns the order', async () => {
    const first = await aShippedOrder('DELIVERED');
    const claimId = (await report(first.order.orderNo, first.buyerToken)).body.claimId as string;
    expect(
      (await answer(claimId, first.sellerToken, { answer: 'PROOF', note: '配達完了の記録があります' })).status,
    ).toBe(202);
    const buyer = await signedIn(browser, 'buyer', first.buyerId, 'en', `#/claims/${claimId}`);
    await expect.poll(() => buyer.getByTestId('answer-note').textContent(), slow).toBe('配達完了の記録があります');
    await buyer.getByRole('button', { name: 'Take it to the operator' }).click();
    await expect.poll(() => statusOn(buyer), slow).toBe('Needs the operator');
    expect((await claimNow(claimId, first.buyerToken)).status).toBe('NEEDS_OPERATOR');

    const operator = await signedIn(browser, 'operator', 'OP-1', 'ko', `#/claims/${claimId}`);
    await operator.getByRole('button', { name: '환불 또는 종료 결정하기' }).first().click(slow);
    const decide = operator.getByRole('dialog', { name: '운영팀 결정 (환불은 판매자 부담)' });
    await decide.getByLabel('결정').selectOption('CLOSE');
    await decide.getByLabel('사유 (기록에 남습니다)').fill('配達済みを確認しました');
    await decide.getByLabel('환불 금액과 부담, 또는 환불하지 않음을 확인했습니다').check();
    expect(await readableAtBothWidths(operator)).toEqual([]);
    await decide.getByRole('button', { name: '결정 보내기' }).click();
    await expect.poll(() => statusOn(operator), slow).toBe('실패');
    expect((await call('GET', `/orders/${first.order.orderNo}`, { token: first.buyerToken })).body).toMatchObject({
      status: 'DELIVERED',
      refunds: [],
      claimInProgress: null,
    });

    const second = await aShippedOrder('IN_TRANSIT');
    const refundId = (await report(second.order.orderNo, second.buyerToken)).body.claimId as string;
    const seller = await signedIn(browser, 'seller', second.sellerId, 'ja', `#/claims/${refundId}`);
    await seller.getByRole('button', { name: '未受取に回答する' }).first().click(slow);
    const reply = seller.getByRole('dialog', { name: '未受取に回答する' });
    await reply.getByLabel('回答', { exact: true }).selectOption('REFUND');
    await reply.getByRole('button', { name: '回答を送る' }).click();
    await expect.poll(() => statusOn(seller), slow).toBe('完了');
    const read = await call('GET', `/orders/${second.order.orderNo}`, { token: second.buyerToken });
    expect(read.body.status).toBe('RETURNED');
    expect(read.body.refunds).toEqual([expect.objectContaining({ status: 'COMPLETED', amount: second.order.total })]);
    await Promise.all([buyer.close(), operator.close(), seller.close()]);
  }, 180_000);

  it('a Korean seller’s returns, cancel requests and non-receipt tiles are links, each to as many rows as ' +
    'it counts', async () => {
    const { sellerId, sellerToken } = await aSeller({ language: 'ko' });
    const delivered = async () => {
      const order = await registered({ sellerId, status: 'IN_TRANSIT' });
      await call('POST', `/orders/${order.orderNo}/delivery`, { token: await token('operator', 'OP-1') });
      const buyerToken = await token('buyer', order.buyer.id);
      return { order, buyerToken };
    };
    const ask = async () => {
      const { order, buyerToken } = await delivered();
      const asked = await call('POST', `/orders/${order.orderNo}/returns`, {
        token: buyerToken,
        body: { reason: 'DAMAGED' },
      });
      return { claimId: asked.body.claimId as string, buyerToken };
    };
    const approved = async () => {
      const { claimId, buyerToken } = await ask();
      const body = { decision: 'APPROVE', returnAddress: '東京都港区1-2-3' };
      expect((await call('POST', `/claims/${claimId}/return-decision`, { token: sellerToken, body })).status).toBe(202);
      return { claimId, buyerToken };
    };
    const awaiting = await ask();
    // A cancel request waits AWAITING_APPROVAL as a return request does: each has its own tile and list.
    const preparing = await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2099-01-01' });
    const cancelRequest = await call('POST', `/orders/${preparing.orderNo}/cancel-requests`, {
      token: await token('buyer', preparing.buyer.id),
      body: {},
    });
    const waitingForParcel = await approved();
    const sentBack = await approved();
    const shipment = { carrier: 'ヤマト運輸', trackingNo: '1111-2222' };
    await call('POST', `/claims/${sentBack.claimId}/return-shipment`, { token: sentBack.buyerToken, body: shipment });
    const reported = await delivered();
    const toAnswer = (await report(reported.order.orderNo, reported.buyerToken)).body.claimId as string;
    const answeredOne = await delivered();
    const answered = (await report(answeredOne.order.orderNo, answeredOne.buyerToken)).body.claimId as string;
    await answer(answered, sellerToken, { answer: 'PROOF' });

    const page = await signedIn(browser, 'seller', sellerId, 'ko', '#/home');
    await page.locator('li.tile').first().waitFor(slow);
    expect(await readableAtBothWidths(page)).toEqual([]);
    const expected: [string, string][] = [
      ['반품 요청', awaiting.claimId],
      ['취소 요청 (최근 2주)', cancelRequest.body.claimId],
      ['반품 발송 대기', waitingForParcel.claimId],
      ['반품 배송 중 (수령 확인 필요)', sentBack.claimId],
      ['답변 대기', toAnswer],
      ['구매자 확인 대기', answered],
    ];
    for (const [tile, claimId] of expected) {
      await open(page, '#/home');
      const link = page.locator('li.tile a', { hasText: tile });
      expect(await link.locator('.count').textContent()).toBe('1');
      await link.click();
      await expect.poll(() => page.locator('main table tbody tr').count(), slow).toBe(1);
      expect(await page.locator('main table tbody').textContent()).toContain(claimId);
    }
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.close();
  }, 180_000);
});
