// The console's files, built the same way for the local stack (served at /console/) and for AWS
// (uploaded to the console's bucket behind CloudFront): the page, its one bundled script, its style.

import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';

const ROOT = new URL('../console/', import.meta.url);

export interface ConsoleFiles {
  'index.html': string;
  'main.js': string;
  'console.css': string;
}

/**
 * `contentSecurityPolicy`, when given, goes into the page itself (a meta tag): in AWS the policy
 * names the API's and Cognito's addresses, known only at deploy time. Locally it is a header.
 */
export function buildConsole(contentSecurityPolicy?: string): ConsoleFiles {
  const bundle = buildSync({
    entryPoints: [new URL('src/main.ts', ROOT).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    legalComments: 'none',
  });
  const page = readFileSync(new URL('index.html', ROOT), 'utf8');
  return {
    'index.html': contentSecurityPolicy
      ? page.replace(
          '<meta charset="utf-8" />',
          `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" ` +
            `content="${contentSecurityPolicy}" />`,
        )
      : page,
    'main.js': bundle.outputFiles[0]!.text,
    'console.css': readFileSync(new URL('console.css', ROOT), 'utf8'),
  };
}

/** The policy: this origin only, and (in AWS) the API and Cognito's token endpoint to talk to. */
export const contentSecurityPolicy = (connectTo: string[] = []): string =>
  [
    "default-src 'self'",
    "style-src 'self'",
    "script-src 'self'",
    `connect-src ${["'self'", ...connectTo].join(' ')}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
