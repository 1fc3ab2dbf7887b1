// The claim grid as CSV (the guide's Excel button): the columns of the grid, times in Japan, a
// byte-order mark so that spreadsheet programs read Japanese and Korean as UTF-8. A cell that a
// spreadsheet would run as a formula (=, +, -, @ first) is written as text.

import type { ClaimRow } from './list-claims.js';

const JAPAN_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  dateStyle: 'short',
  timeStyle: 'medium',
});
const inJapan = (iso: string | undefined) => (iso ? JAPAN_TIME.format(new Date(iso)) : '');

const COLUMNS: [header: string, cell: (row: ClaimRow) => string | number | boolean | undefined][] = [
  ['claimId', (row) => row.claimId],
  ['type', (row) => row.type],
  ['status', (row) => row.status],
  ['reason', (row) => row.reason],
  ['fault', (row) => row.fault],
  ['delayed', (row) => row.delayed],
  ['requestedAt (JST)', (row) => inJapan(row.requestedAt)],
  ['completedAt (JST)', (row) => inJapan(row.completedAt)],
  ['orderNo', (row) => row.orderNo],
  ['orderNos', (row) => row.orderNos.join(' ')],
  ['cartNo', (row) => row.cartNo],
  ['orderedAt (JST)', (row) => inJapan(row.orderedAt)],
  ['expectedShipDate', (row) => row.expectedShipDate],
  ['shippedAt (JST)', (row) => inJapan(row.shippedAt)],
  ['itemCode', (row) => row.item?.code],
  ['itemName', (row) => row.item?.name],
  ['quantity', (row) => row.item?.quantity],
  ['sellerId', (row) => row.sellerId],
  ['buyerId', (row) => row.buyerId],
];

function cell(value: string | number | boolean | undefined): string {
  const text = value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows as CSV lines (CRLF, as RFC 4180 has it); the first part starts with the BOM and the header. */
export function claimsCsv(rows: ClaimRow[], first: boolean): string {
  const lines = rows.map((row) => COLUMNS.map(([, of]) => cell(of(row))).join(','));
  const head = first ? [`\uFEFF${COLUMNS.map(([header]) => header).join(',')}`] : [];
  return [...head, ...lines].map((line) => `${line}\r\n`).join('');
}
