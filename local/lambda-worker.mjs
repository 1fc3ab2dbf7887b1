// One Lambda execution environment, on a worker thread: the function's bundle is imported once
// (its cold start, with only the environment the function was given) and then invoked with the
// payloads the parent sends. Plain JavaScript: it loads a bundle, so it needs no TypeScript loader.

import { parentPort, workerData } from 'node:worker_threads';

process.setSourceMapsEnabled(true);

let handler;
try {
  const module = await import(workerData.bundleUrl);
  handler = module.handler;
  if (typeof handler !== 'function') {
    const error = new Error(`${workerData.name}: the bundle exports no handler`);
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({
    type: 'init-error',
    errorType: error?.name || 'Runtime.ImportModuleError',
    errorMessage: String(error?.message ?? error),
  });
}

parentPort.on('message', async ({ id, payload, context, deadline, traceHeader }) => {
  // As Lambda's Node.js runtime: the invocation's X-Ray header, which the SDK passes on to every AWS call.
  process.env._X_AMZN_TRACE_ID = traceHeader;
  try {
    const result = await handler(JSON.parse(payload), {
      ...context,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    });
    // Payloads cross by JSON, as they do in Lambda.
    parentPort.postMessage({ type: 'result', id, result: JSON.stringify(result ?? null) });
  } catch (error) {
    const thrown = error instanceof Error ? error : new Error(String(error));
    parentPort.postMessage({ type: 'error', id, errorType: thrown.name || 'Error', errorMessage: thrown.message });
  }
});
