// A buyer's marketplace balance (refunds credited to it, withdrawals to a bank): the buyer sees its
// own and withdraws; the operator opens any buyer's and asks the bank again for a PENDING withdrawal.

import type { Schemas } from '../../api/client.js';
import { h, table } from '../dom.js';
import { field, intentForm, problemView } from '../forms.js';
import { client, goWith, hashQuery, refresh, session, show, words } from '../shell.js';

function buyerPicker(buyerId: string): HTMLFormElement {
  const input = h('input', { id: 'balance-buyer', required: true, maxlength: '64', value: buyerId });
  return h(
    'form',
    {
      role: 'search',
      onsubmit: (event: Event) => {
        event.preventDefault();
        goWith('#/balance', { buyerId: input.value.trim() });
      },
    },
    field(words.t('buyer'), input),
    h('p', {}, h('button', { type: 'submit' }, words.t('open'))),
  );
}

function withdrawForm(buyerId: string): HTMLFormElement {
  const amount = h('input', { id: 'withdraw-amount', type: 'number', min: '1', step: '1', required: true });
  const bankName = h('input', { id: 'bank-name', required: true, maxlength: '100' });
  const branch = h('input', { id: 'bank-branch', required: true, maxlength: '100' });
  const accountNumber = h('input', {
    id: 'bank-account',
    required: true,
    pattern: '\\d{4,14}',
    inputmode: 'numeric',
    'aria-describedby': 'bank-account-hint',
  });
  const holder = h('input', { id: 'bank-holder', required: true, maxlength: '100' });
  return intentForm(
    words.t('withdrawMoney'),
    (key) =>
      client().POST('/buyers/{buyerId}/withdrawals', {
        params: { path: { buyerId }, header: { 'idempotency-key': key } },
        body: {
          amount: { amount: Number(amount.value), currency: 'JPY' },
          bankAccount: {
            bankName: bankName.value,
            branch: branch.value,
            accountNumber: accountNumber.value,
            holder: holder.value,
          },
        },
      }),
    () => refresh(),
    [
      h('h2', {}, words.t('withdrawMoney')),
      field(`${words.t('withdrawAmount')} (JPY)`, amount),
      field(words.t('bankName'), bankName),
      field(words.t('bankBranch'), branch),
      field(words.t('bankAccount'), accountNumber),
      h('p', { class: 'hint', id: 'bank-account-hint' }, words.t('bankAccountHint')),
      field(words.t('bankHolder'), holder),
    ],
  );
}

/** The operator asks the bank again for a withdrawal it has not answered; the button names which. */
export function settleForm(withdrawal: Schemas['WithdrawalView']): HTMLFormElement {
  const { buyerId, withdrawalId } = withdrawal;
  return intentForm(
    words.t('askBankAgain'),
    (key) =>
      client().POST('/buyers/{buyerId}/withdrawals/{withdrawalId}/settlement', {
        params: { path: { buyerId, withdrawalId }, header: { 'idempotency-key': key } },
      }),
    () => refresh(),
    [],
    [],
    `${words.t('askBankAgain')}: ${buyerId} ${words.money(withdrawal.amount)} ${words.time(withdrawal.requestedAt)}`,
  );
}

export async function balancePage(): Promise<void> {
  const operator = session!.role === 'operator';
  const buyerId = operator ? (hashQuery().get('buyerId') ?? '') : session!.id;
  if (!buyerId) return show(words.t('balance'), buyerPicker(''));
  const { data, error } = await client().GET('/buyers/{buyerId}/balance', { params: { path: { buyerId } } });
  show(
    words.t('balance'),
    operator ? buyerPicker(buyerId) : null,
    !data
      ? problemView(error)
      : h(
          'p',
          { class: 'balance' },
          `${words.t('balanceNow')}: `,
          h('strong', { 'data-testid': 'balance' }, words.money(data.balance)),
        ),
    data && !operator ? withdrawForm(buyerId) : null,
    data
      ? table(
          words.t('withdrawals'),
          [words.t('requestedAt'), words.t('withdrawAmount'), words.t('bankName'), words.t('status'), ''],
          data.withdrawals.map((withdrawal) => [
            words.time(withdrawal.requestedAt),
            words.money(withdrawal.amount),
            withdrawal.bankAccount.bankName,
            words.code(withdrawal.status) + (withdrawal.failure ? ` (${withdrawal.failure})` : ''),
            operator && withdrawal.status === 'PENDING' ? settleForm(withdrawal) : '',
          ]),
        )
      : null,
    data
      ? table(
          words.t('ledger'),
          [words.t('when'), words.t('event'), words.t('amount')],
          data.entries.map((entry) => [words.time(entry.at), words.code(entry.kind), words.money(entry.amount)]),
        )
      : null,
  );
}
