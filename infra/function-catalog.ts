// Every Lambda function and what it needs beyond the table: the CDK stack grants exactly this,
// and sets the variables that go with each grant.

import { ROUTES } from '../shared/schemas/routes.js';
import { WORKFLOW_LIST, type START_ENV } from './workflow-catalog.js';

export type FunctionKind = 'api' | 'steps';

export interface FunctionSpec {
  kind: FunctionKind;
  /** A file in functions/<kind>/. */
  name: string;
  usesTable: boolean;
  sendsMail: boolean;
  /** Calls the payment gateway (card refunds, bank transfers). */
  usesPayments: boolean;
  /** Wakes the approval workflow's waiting task (SendTaskSuccess). */
  answersWaits: boolean;
  startsWorkflows: (keyof typeof START_ENV)[];
}

const NEEDS: Record<string, Partial<Omit<FunctionSpec, 'kind' | 'name'>>> = {
  openapi: { usesTable: false },
  'message-buyer': { sendsMail: true },
  'resend-message': { sendsMail: true },
  'notify-buyer': { sendsMail: true },
  'cancel-order': { startsWorkflows: ['settleClaim'], sendsMail: true },
  'refund-order': { startsWorkflows: ['settleClaim'], sendsMail: true },
  'resolve-claim': { startsWorkflows: ['settleClaim'] },
  'request-cancel': { startsWorkflows: ['settleClaim', 'approveCancelRequest'] },
  'approve-request': { answersWaits: true },
  'withdraw-request': { answersWaits: true },
  'await-decision': { answersWaits: true },
  'notify-seller': { sendsMail: true },
  'mark-delayed': { sendsMail: true },
  'expire-request': { sendsMail: true },
  'notify-withdrawal': { sendsMail: true },
  'fail-claim': { sendsMail: true },
  'withdraw-balance': { usesPayments: true },
  'settle-withdrawal': { usesPayments: true },
  'cancel-card-authorization': { usesPayments: true },
  'check-card-refund': { usesPayments: true },
};

const spec = (kind: FunctionKind, name: string): FunctionSpec => ({
  kind,
  name,
  usesTable: true,
  sendsMail: false,
  usesPayments: false,
  answersWaits: false,
  startsWorkflows: [],
  ...NEEDS[name],
});

export const FUNCTIONS: FunctionSpec[] = [
  ...ROUTES.map((route) => spec('api', route.handler)),
  ...[...new Set(WORKFLOW_LIST.flatMap((workflow) => Object.values(workflow.functions)))].map((name) => spec('steps', name)),
];

export function functionEntry(fn: Pick<FunctionSpec, 'kind' | 'name'>): URL {
  return new URL(`../functions/${fn.kind}/${fn.name}.ts`, import.meta.url);
}
