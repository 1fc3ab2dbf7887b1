// The console's first load stays light (the budget: 150 KB of gzipped JavaScript), and the
// page built for AWS carries its content security policy in the page itself.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildConsole, contentSecurityPolicy } from '../../infra/console-build.js';

describe('the console’s build', () => {
  it('its one script is at most 150 KB gzipped, and fetches nothing from elsewhere', () => {
    const { 'main.js': script } = buildConsole();
    const gzipped = gzipSync(script).length;
    expect(gzipped).toBeLessThanOrEqual(150 * 1024);
    expect(script).not.toMatch(/https?:\/\/(?!www\.w3\.org)[a-z0-9.-]+\.[a-z]{2,}\//i);
  });

  it('for AWS, the policy names the API and Cognito and comes before the script', () => {
    const policy = contentSecurityPolicy([
      'https://abc.execute-api.ap-northeast-1.amazonaws.com',
      'https://orders.auth.ap-northeast-1.amazoncognito.com',
    ]);
    const page = buildConsole(policy)['index.html'];
    expect(page.indexOf('Content-Security-Policy')).toBeGreaterThan(-1);
    expect(page.indexOf('Content-Security-Policy')).toBeLessThan(page.indexOf('<script'));
    expect(policy).toContain(
      "connect-src 'self' https://abc.execute-api.ap-northeast-1.amazonaws.com https://orders.auth.ap-northeast-1.amazoncognito.com",
    );
    expect(buildConsole()['index.html']).not.toContain('Content-Security-Policy');
  });
});
