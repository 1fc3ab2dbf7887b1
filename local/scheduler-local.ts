// EventBridge Scheduler: the template's one schedule, on a fixed rate, invoking its target as its
// role allows. A role that may not invoke the target leaves it uninvoked, logged, as in AWS.

import type { LocalIam } from './iam/local-iam.js';
import { localFunctionArn, type LocalLambda } from './lambda-runtime.js';

export interface SchedulerLocal {
  stop(): Promise<void>;
}

export async function startSchedulerLocal(
  iam: LocalIam,
  lambda: LocalLambda,
  everyMs: number,
): Promise<SchedulerLocal> {
  let running: Promise<unknown> = Promise.resolve();
  const role = await iam.roleOfOnly('AWS::Scheduler::Schedule');
  const target = iam.resolve<string>(iam.only('AWS::Scheduler::Schedule').Properties!.Target.Arn);
  const scheduled = target.slice(target.lastIndexOf(':') + 1);
  const timer = setInterval(() => {
    running = iam
      .authorize(role, 'lambda:InvokeFunction', localFunctionArn(scheduled))
      .then((denied) => {
        if (denied) throw new Error(`AccessDeniedException: ${denied.message}`);
        return lambda.invoke(scheduled, { source: 'aws.scheduler', time: new Date().toISOString() });
      })
      .catch((error: Error) => console.error(`[scheduler] ${scheduled} failed`, error.message));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
