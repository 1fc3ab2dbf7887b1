// docs/DOMAIN.md, "Notices": messages to the buyer must not carry personal data.

import type { Order } from '../../domain/order.js';
import { findPersonalData } from '../../domain/personal-data.js';
import { RefusedError, type FieldError } from '../common/errors.js';

/** Refuses (422) any text meant for the buyer that carries personal data, naming each field. */
export function guardPersonalData(order: Order, fields: Record<string, string | undefined>): void {
  const errors: FieldError[] = [];
  for (const [path, text] of Object.entries(fields)) {
    if (!text) continue;
    const kinds = findPersonalData(text, order);
    if (kinds.length > 0)
      errors.push({ path, message: `contains personal data (${kinds.join(', ')}); the buyer's page may show it` });
  }
  if (errors.length > 0) {
    throw new RefusedError(
      {
        kind: 'RULE',
        rule: 'PERSONAL_DATA',
        detail:
          'Messages to the buyer must not contain personal data: name, address, payment data, ID or password, ' +
          'e-mail, phone number.',
      },
      errors,
    );
  }
}
