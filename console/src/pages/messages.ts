// Talking to the buyer, as QSM's order screen does: a message about one order (in the buyer's
// language, said beside the form), its e-mail too if asked; the messages sent, each e-mail's fate,
// and a failed e-mail sent again.

import type { Schemas } from '../../api/client.js';
import { h, table } from '../dom.js';
import { codeSelect, field, intentDialog, intentForm } from '../forms.js';
import { client, refresh, session, words, type Child } from '../shell.js';
import { buyerLanguageNote } from './buyer-language.js';

const CATEGORIES = ['CANCEL_REFUND', 'SHIPPING', 'PRODUCT', 'OTHER'] as const;

/** The seller writes to the buyer of this order. */
export function messageDialog(order: Schemas['OrderView']): Child[] {
  const category = codeSelect('message-category', CATEGORIES, { selected: 'SHIPPING' });
  const title = h('input', { id: 'message-title', required: true, maxlength: '100' });
  const body = h('textarea', {
    id: 'message-body',
    required: true,
    maxlength: '2000',
    'aria-describedby': 'message-personal-data',
  });
  const alsoEmail = h('input', { id: 'message-email', type: 'checkbox', checked: true });
  const { orderNo } = order;
  return intentDialog(words.t('messageBuyer'), words.t('messageBuyer'), (close) =>
    intentForm(
      words.t('sendMessage'),
      (key) =>
        client().POST('/orders/{orderNo}/messages', {
          params: { path: { orderNo }, header: { 'idempotency-key': key } },
          body: {
            category: category.value as 'OTHER',
            title: title.value,
            body: body.value,
            alsoEmail: alsoEmail.checked,
          },
        }),
      () => refresh(),
      [
        h('h2', {}, words.t('messageBuyer')),
        ...buyerLanguageNote(order.buyer.country, 'message', [title, body]),
        field(words.t('category'), category),
        h('p', { class: 'hint', id: 'message-personal-data' }, words.t('personalData')),
        field(words.t('messageTitle'), title),
        field(words.t('messageText'), body),
        field(words.t('alsoEmail'), alsoEmail),
      ],
      close,
    ),
  );
}

/** The messages to the buyer: sent, and each e-mail's fate; a failed one is sent again from here. */
export function messagesTable(order: Schemas['OrderView']): HTMLElement {
  const seller = session!.role === 'seller';
  return table(
    words.t('messages'),
    [words.t('when'), words.t('noticeTitle'), words.t('sent'), words.t('email'), ''],
    order.messages.map((message) => [
      words.time(message.createdAt),
      message.title,
      words.t(message.messageSent ? 'yes' : 'no'),
      words.code(message.email),
      seller && ['FAILED', 'BOUNCED'].includes(message.email) ? resendForm(order.orderNo, message) : '',
    ]),
  );
}

function resendForm(orderNo: string, message: Schemas['MessageView']): HTMLFormElement {
  const { messageId } = message;
  return intentForm(
    words.t('resendEmail'),
    (key) =>
      client().POST('/orders/{orderNo}/messages/{messageId}/resend', {
        params: { path: { orderNo, messageId }, header: { 'idempotency-key': key } },
      }),
    () => refresh(),
    [],
    [],
    `${words.t('resendEmail')}: ${message.title}`,
  );
}

/** A row's box in the order grid: checked orders get one message each (POST /orders/messages). */
export const checkBox = (orderNo: string): HTMLInputElement =>
  h('input', {
    type: 'checkbox',
    name: 'checked-order',
    value: orderNo,
    'aria-label': `${words.t('check')} ${orderNo}`,
  });

/** The same message to the buyer of each checked order of the grid; each buyer's own e-mail. */
export function checkedMessageDialog(): Child[] {
  const category = codeSelect('messages-category', CATEGORIES, { selected: 'SHIPPING' });
  const title = h('input', { id: 'messages-title', required: true, maxlength: '100' });
  const body = h('textarea', {
    id: 'messages-body',
    required: true,
    maxlength: '2000',
    'aria-describedby': 'messages-personal-data',
  });
  const checked = () =>
    [...document.querySelectorAll<HTMLInputElement>('input[name="checked-order"]:checked')].map((box) => box.value);
  return intentDialog(words.t('messageChecked'), words.t('messageChecked'), (close) =>
    intentForm(
      words.t('sendMessage'),
      async (key) => {
        const orderNos = checked();
        if (orderNos.length === 0) return { error: { said: words.t('noneChecked') } };
        return client().POST('/orders/messages', {
          params: { header: { 'idempotency-key': key } },
          body: {
            orderNos,
            category: category.value as 'OTHER',
            title: title.value,
            body: body.value,
            alsoEmail: true,
          },
        });
      },
      (sent) => {
        title.form?.replaceWith(
          h(
            'p',
            { role: 'status', 'data-testid': 'messages-sent' },
            `${words.t('messagesSent')}: ${sent.messages.sent}`,
          ),
        );
      },
      [
        h('h2', {}, words.t('messageChecked')),
        field(words.t('category'), category),
        h('p', { class: 'hint', id: 'messages-personal-data' }, words.t('personalData')),
        field(words.t('messageTitle'), title),
        field(words.t('messageText'), body),
      ],
      close,
    ),
  );
}
