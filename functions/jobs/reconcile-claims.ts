// Every few minutes (EventBridge Scheduler; a timer on the local stack): claims whose workflow run
// is missing or ended are brought to a defined state.
import { handlerOf } from '../../shared/middy.js';
import { reconcileClaims } from '../../shared/app/claims/reconcile-claims.js';
import {
  claimStore,
  nonReceiptTiming,
  operatorEmail,
  reconcileSettings,
  returnTiming,
  sesMailer,
  stepFunctions,
} from '../../shared/adapters/adapters.js';
import { logger } from '../../shared/observability.js';

const deps = {
  store: claimStore(),
  workflows: stepFunctions(['settleClaim', 'approveCancelRequest', 'returnClaim', 'nonReceiptClaim']),
  alerts: { mailer: sesMailer(), operatorEmail: operatorEmail() },
  timing: returnTiming(),
  nonReceiptTiming: nonReceiptTiming(),
};
const options = reconcileSettings();

export const handler = handlerOf<unknown, unknown>().handler(async () => {
  const report = await reconcileClaims(deps, options, new Date());
  if (report.started.length || report.stepped.length || report.closed.length || report.alerted.length)
    logger.warn('reconciled claims', { ...report });
  return report;
});
