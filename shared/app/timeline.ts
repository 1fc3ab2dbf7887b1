// The order's timeline: what happened, when, by whom. Entries are only ever added.

import type { TimelineEvent } from './ports.js';

export function timelineEvent(
  orderNo: string,
  type: string,
  principal: { role: string; id: string },
  now: Date,
  extra: { claimId?: string; detail?: string } = {},
): TimelineEvent {
  return { orderNo, at: now.toISOString(), type, actor: { role: principal.role, id: principal.id }, ...extra };
}
