// An order's or a claim's timeline: when, what, who, and the details the API keeps (a provider's
// or an operator's words, in English: marked as such, so a reader's tools know).

import type { Schemas } from '../../api/client.js';
import { h, table } from '../dom.js';
import { words } from '../shell.js';
import { who } from './bulk-job.js';

export function timelineTable(events: Schemas['TimelineEvent'][]): HTMLElement {
  return table(
    words.t('timeline'),
    [words.t('when'), words.t('event'), words.t('who'), words.t('details')],
    events.map((event) => [
      words.time(event.at),
      words.code(event.type),
      who(event.actor),
      event.detail ? h('span', { lang: 'en' }, event.detail) : '',
    ]),
  );
}
