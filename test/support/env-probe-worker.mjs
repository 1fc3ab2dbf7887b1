// Loads one function's bundle as Lambda would (its cold start) with the given environment, and
// reports every variable the code read. Plain JavaScript: it runs a bundle in a worker thread.
import { parentPort, workerData } from 'node:worker_threads';

const read = new Set();
const given = { ...workerData.environment };
process.env = new Proxy(given, {
  get(target, name) {
    if (typeof name === 'string') read.add(name);
    return target[name];
  },
  has(target, name) {
    if (typeof name === 'string') read.add(name);
    return name in target;
  },
});
try {
  await import(workerData.bundleUrl);
  parentPort.postMessage({ read: [...read] });
} catch (error) {
  parentPort.postMessage({ read: [...read], error: String(error?.message ?? error) });
}
