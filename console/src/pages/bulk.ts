// Bulk cancellation: the seller uploads a list of order numbers (a CSV file or pasted lines, each
// `orderNo[,reason]`) with the one notice every buyer gets first, and follows the job's progress;
// the operator approves or refuses a job over the configured size, with the reason the seller reads.

import { h, table } from '../dom.js';
import type { Problem } from '../refusals.js';
import { fileInput } from '../native.js';
import { codeSelect, field, intentForm, listView, problemView } from '../forms.js';
import { client, drawAgainIn, hashQuery, linkTo, nextPageLink, pathTo, session, show, words } from '../shell.js';
import { callOffForm, decisionForm, jobFacts } from './bulk-job.js';
import {
  bulkLines,
  lineErrorTexts,
  reasonsTaken,
  SELLER_REASONS,
  unknownReasonTexts,
  type Reason,
} from './bulk-lines.js';

const UNDER_WAY = ['VALIDATING', 'RUNNING'];
const FINISHED = ['COMPLETED', 'COMPLETED_WITH_FAILURES', 'FAILED'];

/** The notice, memo and reason every line's buyer gets: the same fields for a new job and a retry. */
function noticeFields(prefix: string) {
  const reason = codeSelect(`${prefix}-reason`, SELLER_REASONS);
  const memo = h('textarea', { id: `${prefix}-memo`, required: true, maxlength: '1000' });
  const noticeTitle = h('input', { id: `${prefix}-notice-title`, required: true, maxlength: '100' });
  const noticeBody = h('textarea', {
    id: `${prefix}-notice-body`,
    required: true,
    maxlength: '2000',
    'aria-describedby': `${prefix}-personal-data`,
  });
  const notice = () => ({ sellerMemo: memo.value, notice: { title: noticeTitle.value, body: noticeBody.value } });
  const body = () => ({ reason: reason.value as Reason, ...notice() });
  const fields = [
    prefix === 'retry' ? null : field(words.t('reasonForLines'), reason),
    h('p', { class: 'hint', id: `${prefix}-personal-data` }, words.t('personalData'), ' ', words.t('bulkNoticeHint')),
    field(words.t('noticeTitle'), noticeTitle),
    field(words.t('noticeBody'), noticeBody),
    field(words.t('memo'), memo),
  ];
  return { body, notice, fields };
}

function uploadForm(): HTMLFormElement {
  const [file, picker] = fileInput('bulk-file', '.csv,text/csv,text/plain');
  const pasted = h('textarea', { id: 'bulk-lines', rows: '5', 'aria-describedby': 'bulk-lines-hint' });
  const notice = noticeFields('bulk');
  return intentForm(
    words.t('bulkSubmit'),
    async (key) => {
      const lines = bulkLines(file.files?.[0] ? await file.files[0].text() : pasted.value);
      // A reason the job does not take is said before anything is sent, by its line.
      if (lines.unknownReasons.length)
        return { error: { said: words.t('bulkLinesRefused'), lines: unknownReasonTexts(words, lines) } };
      const answer = await client().POST('/bulk-cancellations', {
        params: { header: { 'idempotency-key': key } },
        body: { orders: lines.orders, ...notice.body() },
      });
      const listed = lineErrorTexts(words, lines, answer.error as Problem);
      return answer.error && listed.length ? { error: { ...(answer.error as object), lines: listed } } : answer;
    },
    (job) => {
      location.hash = pathTo.bulk(job.bulkId);
    },
    [
      h('h2', {}, words.t('bulkNew')),
      h('p', { class: 'field' }, h('label', { for: 'bulk-file' }, words.t('bulkFile')), ' ', file, picker),
      field(words.t('bulkPaste'), pasted),
      h(
        'p',
        { class: 'hint', id: 'bulk-lines-hint' },
        words.t('bulkLinesHint'),
        ' ',
        `${words.t('reasonsTaken')}: ${reasonsTaken(words)}`,
      ),
      ...notice.fields,
    ],
  );
}

/** The failed lines of a finished job, offered as a new job (the API's retryOf), with a notice of its own. */
function retryForm(bulkId: string, failed: number): HTMLElement {
  const notice = noticeFields('retry');
  const form = intentForm(
    words.t('bulkRetry'),
    (key) =>
      client().POST('/bulk-cancellations', {
        params: { header: { 'idempotency-key': key } },
        body: { retryOf: bulkId, ...notice.notice() },
      }),
    (job) => {
      location.hash = pathTo.bulk(job.bulkId);
    },
    [
      h('h2', {}, `${words.t('bulkRetry')} (${failed})`),
      h('p', { class: 'hint' }, words.t('bulkRetryHint')),
      ...notice.fields,
    ],
  );
  return h('details', {}, h('summary', {}, `${words.t('bulkRetry')} (${failed})`), form);
}

export async function bulkListPage(): Promise<void> {
  const query = hashQuery();
  const status = (query.get('status') || undefined) as 'AWAITING_APPROVAL' | undefined;
  const answer = await client().GET('/bulk-cancellations', {
    params: { query: { limit: 50, status, cursor: query.get('cursor') || undefined } },
  });
  show(
    words.t('bulk'),
    session!.role === 'seller' ? uploadForm() : null,
    listView(
      answer,
      (data) => data.bulkCancellations,
      words.t('bulkJobs'),
      [
        words.t('bulkJob'),
        words.t('seller'),
        words.t('status'),
        words.t('lines'),
        words.t('done'),
        words.t('failed'),
        words.t('createdAt'),
      ],
      (job) => [
        linkTo.bulk(job.bulkId),
        job.sellerId,
        words.code(job.status),
        String(job.total),
        String(job.done),
        String(job.failed),
        words.time(job.createdAt),
      ],
      words.t('noBulkJobs'),
    ),
    nextPageLink('#/bulk', answer.data?.nextCursor),
  );
}

export async function bulkPage(bulkId: string): Promise<void> {
  const { data: job, error } = await client().GET('/bulk-cancellations/{bulkId}', {
    params: { path: { bulkId }, query: { cursor: hashQuery().get('cursor') || undefined } },
  });
  if (!job) return show(`${words.t('bulkJob')} ${bulkId}`, problemView(error));
  const waiting = job.status === 'AWAITING_APPROVAL';
  show(
    `${words.t('bulkJob')} ${bulkId}`,
    ...jobFacts(job),
    waiting && session!.role === 'operator' ? decisionForm(bulkId) : null,
    waiting && session!.role === 'seller' ? callOffForm(bulkId) : null,
    job.failed > 0 && FINISHED.includes(job.status) && session!.role === 'seller'
      ? retryForm(bulkId, job.failed)
      : null,
    job.waiting?.length
      ? table(
          words.t('bulkWaitingLines'),
          [words.t('line'), words.t('order'), words.t('reason')],
          job.waiting.map((line) => [String(line.line), linkTo.order(line.orderNo), words.code(line.reason)]),
        )
      : null,
    table(
      words.t('failures'),
      [words.t('line'), words.t('order'), words.t('why')],
      job.failures.map((failure) => [
        String(failure.line),
        linkTo.order(failure.orderNo),
        // The API's detail is English: a reader of another language gets the code's words.
        words.language === 'en' ? failure.reason : words.code(failure.code),
      ]),
    ),
    table(
      words.t('claims'),
      [words.t('order'), words.t('claim')],
      job.claims.map((claim) => [linkTo.order(claim.orderNo), linkTo.claim(claim.claimId)]),
    ),
    nextPageLink(pathTo.bulk(bulkId), job.nextCursor),
  );
  // A job under way is followed closely; one waiting for the operator, now and then (it may be decided).
  if (UNDER_WAY.includes(job.status)) drawAgainIn(1500);
  else if (waiting) drawAgainIn(5000);
}
