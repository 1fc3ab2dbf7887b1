// The console's other pages in Chromium, each as its user works it: the seller's dashboard, order
// search and claim grid; the refund after shipping; a bulk upload followed to its end; the buyer's
// own orders, a request withdrawn, the balance taken to a bank; the operator's queue of bulk jobs;
// signing in through a hosted UI with PKCE.
// axe finds nothing serious or critical on any of them.
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleUrl, launchChromium, readableAtBothWidths, seriousAxeFindings, signedIn } from '../support/browser.js';
import { aCancellation, aSeller, call, claimWhenSettled, paymentsFail, registered, token } from '../support/http.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => browser?.close());

const aBuyer = (prefix: string) => {
  const id = `B-${prefix}-${Date.now().toString(36).toUpperCase()}`;
  return { id, email: `${id.toLowerCase()}@example.jp`, country: 'JP' };
};
// An answer that redraws a page can take seconds when the machine is busy (the default poll waits 1 s).
const slow = { timeout: 20_000 };
const rowsOf = async (page: Page, table: string) =>
  (await page.getByRole('table', { name: table }).locator('tbody tr').allTextContents()).join('\n');

describe('the console’s pages in Chromium', () => {
  it('a seller’s dashboard counts lead to the orders behind them; the search finds several numbers at once; the ' +
    'claim grid filters', async () => {
    const { sellerId, sellerToken } = await aSeller();
    const fresh = await registered({ sellerId });
    const other = await registered({ sellerId });
    const shipped = await registered({ sellerId, status: 'IN_TRANSIT' });
    const cancelled = await call('POST', `/orders/${other.orderNo}/cancellations`, {
      token: sellerToken,
      body: aCancellation(),
    });
    await claimWhenSettled(cancelled.body.claimId, sellerToken);

    const page = await signedIn(browser, 'seller', sellerId, 'en', '#/home');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    expect(await page.getByRole('link', { name: /New orders/ }).textContent()).toBe('1New orders');
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.getByRole('link', { name: /New orders/ }).click();
    await expect.poll(() => rowsOf(page, 'Results'), slow).toContain(fresh.orderNo);
    expect(await rowsOf(page, 'Results')).not.toContain(shipped.orderNo);
    expect(await seriousAxeFindings(page)).toEqual([]);

    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Order numbers').fill(`${fresh.orderNo}\n${shipped.orderNo}, NO-SUCH-ORDER`);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => rowsOf(page, 'Results')).toContain(shipped.orderNo);
    expect(await page.getByRole('table', { name: 'Results' }).locator('tbody tr').count()).toBe(2);

    await page.getByRole('navigation').getByRole('link', { name: 'Claims' }).click();
    await page.getByLabel('Status').selectOption('COMPLETED');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => rowsOf(page, 'Results')).toContain(cancelled.body.claimId);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.getByLabel('Delayed only').check();
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByText('No claims').count()).toBe(1);
    await page.close();
  }, 90_000);

  it('the guide’s screens, in Japanese: preparing and two-week counts, search by tracking number and payment date, ' +
    'the claim grid with its orders’ columns by order and period, exported as CSV', async () => {
    const { sellerId, sellerToken } = await aSeller();
    const preparing = await registered({
      sellerId,
      status: 'PREPARING',
      expectedShipDate: '2099-01-31',
      item: { code: 'CSV-1', name: '急須', quantity: 1 },
    });
    const shipped = await registered({ sellerId });
    await call('POST', `/orders/${shipped.orderNo}/shipment`, {
      token: sellerToken,
      body: { carrier: 'ヤマト運輸', trackingNumber: 'TRK-CONSOLE-1' },
    });
    const unpaid = await registered({ sellerId, status: 'PROCESSING' });
    const asked = await call('POST', `/orders/${preparing.orderNo}/cancel-requests`, {
      token: await token('buyer', preparing.buyer.id),
      body: {},
    });

    const page = await signedIn(browser, 'seller', sellerId, 'ja', '#/home');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('ダッシュボード');
    expect(await page.getByRole('link', { name: /キャンセル申請（直近2週間）/ }).textContent()).toBe(
      '1キャンセル申請（直近2週間）',
    );
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.getByRole('link', { name: /キャンセル申請（直近2週間）/ }).click();
    await expect.poll(() => rowsOf(page, '検索結果'), slow).toContain(asked.body.claimId);
    expect(await rowsOf(page, '検索結果')).toContain('CSV-1 急須');

    await page.getByRole('navigation').getByRole('link', { name: '注文' }).click();
    await page.getByLabel('送り状番号').fill('TRK-CONSOLE-1');
    await page.getByRole('button', { name: '検索' }).click();
    // The list drawn before the search has every order: the search's own answer has one.
    await expect.poll(() => page.getByRole('table', { name: '検索結果' }).locator('tbody tr').count()).toBe(1);
    expect(await rowsOf(page, '検索結果')).toContain(shipped.orderNo);
    await page.getByRole('link', { name: shipped.orderNo }).click();
    await expect.poll(() => page.getByText('ヤマト運輸').count(), slow).toBe(1);
    expect(await page.getByText('TRK-CONSOLE-1').count()).toBe(1);
    expect(await seriousAxeFindings(page)).toEqual([]);

    await page.goto(consoleUrl(`#/orders/${unpaid.orderNo}`));
    await page.getByRole('button', { name: 'キャンセルする' }).click();
    await expect.poll(() => page.getByText('お支払い前のため返金はありません').count()).toBeGreaterThan(0);

    await page.goto(consoleUrl('#/claims'));
    await page.getByLabel('注文番号', { exact: true }).fill(preparing.orderNo);
    await page.getByRole('button', { name: '検索' }).click();
    await expect.poll(() => rowsOf(page, '検索結果')).toContain(asked.body.claimId);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSVで書き出す（Excel）' }).click();
    const csv = await (await download).createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    });
    expect(csv.startsWith('\uFEFFclaimId,')).toBe(true);
    expect(csv).toContain(asked.body.claimId);
    expect(csv.trim().split('\r\n')).toHaveLength(2);
    await page.close();
  }, 90_000);

  it('a seller refunds a shipped order for a shipping delay: notice first, the order ends RETURNED, in ' +
    'Japanese', async () => {
    const { sellerId } = await aSeller();
    const order = await registered({ sellerId, status: 'IN_TRANSIT' });
    const page = await signedIn(browser, 'seller', sellerId, 'ja', `#/orders/${order.orderNo}`);
    await page.getByRole('button', { name: '返金する（出荷後）' }).click();
    expect(await page.getByRole('dialog').textContent()).toContain('「発送遅延」のみ');
    // What the buyer gets back is said before sending: all that was paid, by card cancellation.
    expect(await page.getByRole('dialog').locator('.preview').textContent()).toBe(
      'お客様への返金: ￥3,200 (カード承認取消; お支払い額の全額)',
    );
    await page.getByLabel('お知らせの件名').fill('返金のご案内');
    await page.getByLabel('お知らせの本文').fill('発送が遅れたため、返金いたします。');
    await page.getByLabel('お客様へのメモ').fill('申し訳ございません。');
    await page.getByRole('button', { name: '送信してキャンセル' }).click();
    await expect.poll(() => page.getByTestId('claim-status').textContent(), { timeout: 30_000 }).toBe('完了');
    await page.getByRole('link', { name: order.orderNo }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('返品');
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it('a seller uploads a bulk cancellation and follows it to the end; a line it cannot cancel is listed with ' +
    'why', async () => {
    const { sellerId } = await aSeller();
    const a = await registered({ sellerId });
    const b = await registered({ sellerId });
    const shipped = await registered({ sellerId, status: 'IN_TRANSIT' });
    const page = await signedIn(browser, 'seller', sellerId, 'en', '#/bulk');
    await page
      .getByLabel('Or paste the lines')
      .fill(`orderNo,reason\n${a.orderNo}\n${b.orderNo},OUT_OF_STOCK\n${shipped.orderNo}`);
    await page.getByLabel('Notice title').fill('About your order {orderNo}');
    await page.getByLabel('Notice text').fill('Your order {orderNo} is out of stock and is cancelled.');
    await page.getByLabel('Memo to the buyer').fill('Sorry.');
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send the notices and cancel' }).click();
    await expect
      .poll(() => page.getByTestId('bulk-status').textContent(), { timeout: 60_000 })
      .toBe('Done, some lines failed');
    expect(await page.getByTestId('bulk-done').textContent()).toBe('2');
    expect(await rowsOf(page, 'Lines not cancelled')).toContain(shipped.orderNo);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it('a buyer finds its order in its list, asks to cancel, and withdraws the request: the order is PREPARING again, ' +
    'in Korean', async () => {
    const buyer = aBuyer('KO');
    const order = await registered({ buyer, status: 'PREPARING', expectedShipDate: '2099-01-01' });
    const page = await signedIn(browser, 'buyer', buyer.id, 'ko');
    await page.getByRole('link', { name: order.orderNo }).waitFor();
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.getByRole('link', { name: order.orderNo }).click();
    await page.getByRole('button', { name: '취소 요청하기' }).click();
    await page.getByRole('button', { name: '요청하기', exact: true }).click();
    await expect.poll(() => page.getByTestId('claim-status').textContent(), { timeout: 30_000 }).toBe('승인 대기');
    await page.getByRole('link', { name: order.orderNo }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('취소 요청 중');
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.getByRole('button', { name: '취소 요청 철회하기' }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent(), { timeout: 30_000 }).toBe('발송 준비 중');
    await page.close();
  }, 90_000);

  it('a buyer withdraws its balance to a bank; the operator settles one the bank did not answer, and opens that ' +
    'buyer’s balance', async () => {
    const buyer = aBuyer('BAL');
    const sellerToken = await token('seller', 'S-1');
    const order = await registered({
      buyer,
      payment: { method: 'CONVENIENCE_STORE' },
      total: { amount: 5000, currency: 'JPY' },
    });
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: sellerToken,
      body: aCancellation(),
    });
    await claimWhenSettled(accepted.body.claimId, sellerToken);

    const page = await signedIn(browser, 'buyer', buyer.id, 'en', '#/balance');
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe('¥5,000');
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.getByLabel('Amount (JPY)').fill('3000');
    await page.getByLabel('Bank', { exact: true }).fill('Mizuho');
    await page.getByLabel('Branch').fill('Shibuya');
    await page.getByLabel('Account number').fill('1234567');
    // The holder names this buyer: the payment stand-in's faults are stack-wide, and a fault another file sets
    // matches its own buyer's transfer only (refunds-and-balance's decline once took this one: ¥5,000 stayed).
    await page.getByLabel('Account holder').fill(`Yamada Hanako ${buyer.id}`);
    await page.getByRole('button', { name: 'Withdraw to a bank account' }).dblclick();
    // The withdrawal's own row first (the bank's answer), then the balance it left.
    await expect.poll(() => rowsOf(page, 'Withdrawals'), { timeout: 20_000 }).toContain('Completed');
    expect(await page.getByTestId('balance').textContent()).toBe('¥2,000');
    await page.close();

    // The bank does not answer the next one: it waits in the operator's queue, settled from there.
    await paymentsFail(buyer.id, 'timeout', 1);
    const pending = await call('POST', `/buyers/${buyer.id}/withdrawals`, {
      token: await token('buyer', buyer.id),
      body: {
        amount: { amount: 500, currency: 'JPY' },
        bankAccount: {
          bankName: 'Mizuho',
          branch: 'Shibuya',
          accountNumber: '1234567',
          holder: `Yamada Hanako ${buyer.id}`,
        },
      },
    });
    expect(pending.body.status).toBe('PENDING');
    const operator = await signedIn(browser, 'operator', 'OP-1', 'en', '#/queue');
    const row = operator.getByRole('table', { name: /Withdrawals to settle/ }).locator('tr', { hasText: buyer.id });
    await row.getByRole('button', { name: 'Ask the bank again' }).click();
    await expect.poll(() => row.count(), slow).toBe(0);
    await operator.getByRole('navigation').getByRole('link', { name: 'Balance' }).click();
    await operator.getByLabel('Buyer id').fill(buyer.id);
    await operator.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => operator.getByTestId('balance').textContent()).toBe('¥1,500');
    expect(await rowsOf(operator, 'Withdrawals')).not.toContain('Pending');
    expect(await seriousAxeFindings(operator)).toEqual([]);
    await operator.close();
  }, 90_000);

  it('an operator finds a bulk cancellation over the limit in the queue and approves it', async () => {
    const { sellerId, sellerToken } = await aSeller();
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await registered({ sellerId }));
    const operator = await signedIn(browser, 'operator', 'OP-1', 'en', '#/orders');
    const submitted = await call('POST', '/bulk-cancellations', {
      token: sellerToken,
      body: {
        orders: orders.map((o) => ({ orderNo: o.orderNo })),
        reason: 'OUT_OF_STOCK',
        sellerMemo: 'Sorry.',
        notice: { title: 'Order {orderNo}', body: 'Order {orderNo} is cancelled.' },
      },
    });
    expect(submitted.body.status).toBe('AWAITING_APPROVAL');
    await operator.getByRole('navigation').getByRole('link', { name: 'Waiting on the operator' }).click();
    await operator.getByRole('link', { name: submitted.body.bulkId }).waitFor();
    // The job waits for the operator 8 s here: the pages' checks come after the decision.
    await operator.getByRole('link', { name: submitted.body.bulkId }).click();
    // What is approved is on the page: the orders with their reason, the notice and the memo.
    await expect
      .poll(() => rowsOf(operator, 'Orders it would cancel'), { timeout: 20_000 })
      .toContain(orders[3]!.orderNo);
    expect(await rowsOf(operator, 'Orders it would cancel')).toContain('Out of stock');
    expect(await operator.getByTestId('bulk-notice-title').textContent()).toBe('Order {orderNo}');
    expect(await operator.getByTestId('bulk-memo').textContent()).toBe('Sorry.');
    // Nothing is chosen for the operator: sending without a choice sends nothing.
    expect(await operator.getByRole('radio', { checked: true }).count()).toBe(0);
    await operator.getByRole('button', { name: 'Send the decision' }).click();
    expect(await operator.getByTestId('bulk-status').textContent()).toBe('Awaiting approval');
    await operator.getByRole('radio', { name: 'Approve' }).check();
    await operator.getByRole('button', { name: 'Send the decision' }).click();
    await expect.poll(() => operator.getByTestId('bulk-status').textContent(), { timeout: 60_000 }).toBe('Completed');
    // Who decided, and when, stays on the job.
    expect(await operator.getByTestId('bulk-decision').textContent()).toMatch(/^Approved: Operator OP-1, /);
    expect(await operator.getByTestId('bulk-progress').textContent()).toBe('Progress: 4 / 4');
    // Checked once decided: the job waits for the operator 8 s here, and the check takes a while.
    expect(await readableAtBothWidths(operator)).toEqual([]);
    expect(await seriousAxeFindings(operator)).toEqual([]);
    // The queue it was found in, now empty of it.
    await operator.getByRole('navigation').getByRole('link', { name: 'Waiting on the operator' }).click();
    await operator.getByRole('heading').first().waitFor();
    expect(await seriousAxeFindings(operator)).toEqual([]);
    await operator.close();
  }, 120_000);
});

describe('signing in with a hosted UI (Cognito’s, in AWS), in Chromium', () => {
  it('the authorization code with PKCE: the challenge goes out, the verifier that matches it comes back, and the ' +
    'user is in', async () => {
    const { sellerId } = await aSeller();
    const page = await browser.newPage();
    const origin = new URL(consoleUrl()).origin;
    // The stand-in hosted UI is on the console's own origin, which the local page policy allows.
    const signIn = { domain: `${origin}/hosted-ui`, clientId: 'console-client', redirectUri: consoleUrl() };
    let challenge = '';
    let tokenForm: URLSearchParams | undefined;
    await page.route('**/console/config.json', (route) => route.fulfill({ json: { signIn } }));
    await page.route('**/hosted-ui/oauth2/authorize?*', async (route) => {
      const asked = new URL(route.request().url()).searchParams;
      expect(Object.fromEntries(asked)).toMatchObject({
        response_type: 'code',
        client_id: 'console-client',
        redirect_uri: signIn.redirectUri,
        code_challenge_method: 'S256',
      });
      challenge = asked.get('code_challenge')!;
      await route.fulfill({
        status: 302,
        headers: { location: `${signIn.redirectUri}?code=code-1&state=${asked.get('state')}` },
      });
    });
    await page.route('**/hosted-ui/oauth2/token', async (route) => {
      tokenForm = new URLSearchParams(route.request().postData()!);
      const proven = createHash('sha256').update(tokenForm.get('code_verifier')!).digest('base64url') === challenge;
      await route.fulfill(
        proven
          ? { json: { access_token: await token('seller', sellerId), token_type: 'Bearer' } }
          : { status: 400, json: { error: 'invalid_grant' } },
      );
    });
    await page.goto(consoleUrl());
    await page.getByRole('button', { name: 'サインインする' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('ダッシュボード');
    expect(Object.fromEntries(tokenForm!)).toMatchObject({
      grant_type: 'authorization_code',
      client_id: 'console-client',
      code: 'code-1',
      redirect_uri: signIn.redirectUri,
    });
    // The code left the address bar; the seller signed in is the token's.
    expect(page.url()).not.toContain('code=');
    expect(await page.locator('header').textContent()).toContain(`セラー ${sellerId}`);
    await page.close();
  }, 60_000);
});
