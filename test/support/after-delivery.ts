// The console's tests of returns and non-receipt: a stack of their own whose waits last as in AWS
// (days, not the run's shortened seconds), so a person's pace in Chromium never races a workflow
// handing the claim to the operator; and an order shipped or delivered to a buyer of its own.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { consoleUrl } from './browser.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { aSeller, call, registered, token, uniqueNo, useStack } from './http.js';

export async function stackWithRealClocks(): Promise<LocalStack> {
  const stack = await startLocalStack({
    apiPort: 0,
    retryDelayMs: 20,
    paymentsTimeoutMs: 300,
    cardConfirmationWaitSeconds: 1,
    log: () => undefined,
  });
  useStack(stack.apiUrl);
  return stack;
}

/** An order of a seller of its own (its language given), IN_TRANSIT or DELIVERED, to a Japanese buyer of its own. */
export async function aShippedOrder(status: 'IN_TRANSIT' | 'DELIVERED', language: 'ja' | 'ko' | 'en' = 'ja') {
  const { sellerId, sellerToken } = await aSeller({ language });
  const buyer = { id: uniqueNo('B'), email: `${uniqueNo('buyer').toLowerCase()}@example.jp`, country: 'JP' };
  const order = await registered({ status: 'IN_TRANSIT', sellerId, buyer });
  const operatorToken = await token('operator', 'OP-1');
  if (status === 'DELIVERED') {
    expect((await call('POST', `/orders/${order.orderNo}/delivery`, { token: operatorToken })).status).toBe(200);
  }
  return { order, sellerId, sellerToken, buyerId: buyer.id, buyerToken: await token('buyer', buyer.id), operatorToken };
}

/** The claim as the API answers it now. */
export async function claimNow(claimId: string, tokenValue: string) {
  const answer = await call('GET', `/claims/${claimId}`, { token: tokenValue });
  expect(answer.status).toBe(200);
  return answer.body;
}

// Reading the console's claim pages, for both files.
export const slow = { timeout: 30_000 };
export const statusOn = (page: Page) => page.getByTestId('claim-status').textContent();
export const claimIdIn = (page: Page) => decodeURIComponent(/#\/claims\/([^?]+)/.exec(page.url())?.[1] ?? '');
/** The page at `hash`, read afresh (the same address would not be drawn again). */
export const open = async (page: Page, hash: string) => {
  await page.goto(consoleUrl(hash));
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
};
