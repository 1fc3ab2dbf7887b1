// Asks the person at the keyboard (the operator's commands: npm run admin, npm run smoke).

import { createInterface } from 'node:readline/promises';

/** The answer to a question on standard error; a `secret` one (a password) is not echoed. */
export async function ask(question: string, secret = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  if (secret && process.stdin.isTTY) {
    // Keep a password off the screen: echo nothing while it is typed.
    (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text: string) => {
      if (text.includes(question)) process.stderr.write(question);
    };
  }
  const answer = await rl.question(question);
  if (secret) process.stderr.write('\n');
  rl.close();
  return answer.trim();
}
