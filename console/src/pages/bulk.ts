// Bulk cancellation: the seller uploads a list of order numbers (a CSV file or pasted lines, each
// `orderNo[,reason]`) with the one notice every buyer gets first, and follows the job's progress;
// the operator approves or refuses a job over the configured size, with the reason the seller reads.

import { facts, h, table } from '../dom.js';
import { client, codeSelect, drawAgainIn, field, hashQuery, intentForm, linkTo, listView, nextPageLink, pathTo, problemView, refresh, session, show, words } from '../shell.js';

const SELLER_REASONS = ['OUT_OF_STOCK', 'SHIPPING_DELAY', 'UNDELIVERABLE_AREA'] as const;
type Reason = (typeof SELLER_REASONS)[number];
const UNDER_WAY = ['VALIDATING', 'RUNNING'];

/** `orderNo[,reason]` per line; a header line and blank lines are skipped. The API checks the rest. */
export function bulkLines(text: string): { orderNo: string; reason?: Reason }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(',').map((cell) => cell.trim()))
    .filter(([orderNo]) => orderNo && !/^order/i.test(orderNo))
    .map(([orderNo, reason]) => ({ orderNo: orderNo!, ...(reason ? { reason: reason as Reason } : {}) }));
}

function uploadForm(): HTMLFormElement {
  const file = h('input', { id: 'bulk-file', type: 'file', accept: '.csv,text/csv,text/plain' });
  const pasted = h('textarea', { id: 'bulk-lines', rows: '5', 'aria-describedby': 'bulk-lines-hint' });
  const reason = codeSelect('bulk-reason', SELLER_REASONS);
  const memo = h('textarea', { id: 'bulk-memo', required: true, maxlength: '1000' });
  const noticeTitle = h('input', { id: 'bulk-notice-title', required: true, maxlength: '100' });
  const noticeBody = h('textarea', { id: 'bulk-notice-body', required: true, maxlength: '2000', 'aria-describedby': 'bulk-personal-data' });
  return intentForm(
    words.t('bulkSubmit'),
    async (key) => {
      const text = file.files?.[0] ? await file.files[0].text() : pasted.value;
      return client().POST('/bulk-cancellations', {
        params: { header: { 'idempotency-key': key } },
        body: { orders: bulkLines(text), reason: reason.value as Reason, sellerMemo: memo.value, notice: { title: noticeTitle.value, body: noticeBody.value } },
      });
    },
    (job) => {
      location.hash = pathTo.bulk(job.bulkId);
    },
    [
      h('h2', {}, words.t('bulkNew')),
      field(words.t('bulkFile'), file),
      field(words.t('bulkPaste'), pasted),
      h('p', { class: 'hint', id: 'bulk-lines-hint' }, words.t('bulkLinesHint')),
      field(words.t('reason'), reason),
      h('p', { class: 'hint', id: 'bulk-personal-data' }, words.t('personalData'), ' ', words.t('bulkNoticeHint')),
      field(words.t('noticeTitle'), noticeTitle),
      field(words.t('noticeBody'), noticeBody),
      field(words.t('memo'), memo),
    ],
  );
}

export async function bulkListPage(): Promise<void> {
  const query = hashQuery();
  const status = (query.get('status') || undefined) as 'AWAITING_APPROVAL' | undefined;
  const answer = await client().GET('/bulk-cancellations', { params: { query: { limit: 50, status, cursor: query.get('cursor') || undefined } } });
  show(
    words.t('bulk'),
    session!.role === 'seller' ? uploadForm() : null,
    listView(
      answer,
      (data) => data.bulkCancellations,
      words.t('bulkJobs'),
      [words.t('bulkJob'), words.t('seller'), words.t('status'), words.t('lines'), words.t('done'), words.t('failed'), words.t('createdAt')],
      (job) => [linkTo.bulk(job.bulkId), job.sellerId, words.code(job.status), String(job.total), String(job.done), String(job.failed), words.time(job.createdAt)],
      words.t('noBulkJobs'),
    ),
    nextPageLink('#/bulk', answer.data?.nextCursor),
  );
}

/** The operator lets a waiting job run, or refuses it with the reason the seller reads. */
function decisionForm(bulkId: string): HTMLFormElement {
  const decision = codeSelect('bulk-decision', ['APPROVE', 'REFUSE']);
  const reason = h('textarea', { id: 'bulk-decision-reason', maxlength: '1000', 'aria-describedby': 'bulk-decision-hint' });
  return intentForm(
    words.t('submit'),
    (key) => client().POST('/bulk-cancellations/{bulkId}/approval', { params: { path: { bulkId }, header: { 'idempotency-key': key } }, body: { decision: decision.value as 'APPROVE', ...(reason.value.trim() ? { reason: reason.value } : {}) } }),
    () => refresh(),
    [h('h2', {}, words.t('bulkDecide')), field(words.t('resolution'), decision), field(words.t('reason'), reason), h('p', { class: 'hint', id: 'bulk-decision-hint' }, words.t('refuseHint'))],
  );
}

function callOffForm(bulkId: string): HTMLFormElement {
  return intentForm(words.t('bulkCallOff'), (key) => client().POST('/bulk-cancellations/{bulkId}/cancellation', { params: { path: { bulkId }, header: { 'idempotency-key': key } } }), () => refresh(), []);
}

export async function bulkPage(bulkId: string): Promise<void> {
  const { data: job, error } = await client().GET('/bulk-cancellations/{bulkId}', { params: { path: { bulkId }, query: { cursor: hashQuery().get('cursor') || undefined } } });
  if (!job) return show(`${words.t('bulkJob')} ${bulkId}`, problemView(error));
  const waiting = job.status === 'AWAITING_APPROVAL';
  show(
    `${words.t('bulkJob')} ${bulkId}`,
    facts(
      [words.t('status'), words.code(job.status), 'bulk-status'],
      [words.t('lines'), String(job.total)],
      [words.t('done'), String(job.done), 'bulk-done'],
      [words.t('failed'), String(job.failed), 'bulk-failed'],
      [words.t('pending'), String(job.pending)],
    ),
    h('progress', { max: String(job.total), value: String(job.done + job.failed), 'aria-label': words.t('progress') }),
    waiting && session!.role === 'operator' ? decisionForm(bulkId) : null,
    waiting && session!.role === 'seller' ? callOffForm(bulkId) : null,
    table(words.t('failures'), [words.t('line'), words.t('order'), words.t('reason')], job.failures.map((failure) => [String(failure.line), failure.orderNo, failure.reason])),
    table(words.t('claims'), [words.t('order'), words.t('claim')], job.claims.map((claim) => [linkTo.order(claim.orderNo), linkTo.claim(claim.claimId)])),
    nextPageLink(pathTo.bulk(bulkId), job.nextCursor),
  );
  if (UNDER_WAY.includes(job.status)) drawAgainIn(1500);
}
