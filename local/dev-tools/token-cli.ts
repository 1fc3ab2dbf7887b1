// npm run --silent token -- <role> <id>: prints a bearer token the local stack accepts.

import { ROLES } from '../../shared/app/common/access.js';
import { isRole, mintLocalToken } from '../tokens.js';

const [role, id] = process.argv.slice(2);
if (!role || !id || !isRole(role)) {
  process.stderr.write(
    `usage: npm run --silent token -- <${ROLES.join('|')}> <id>\n  e.g. npm run --silent token -- seller S-1\n`,
  );
  process.exit(2);
}
process.stdout.write(`${await mintLocalToken(role, id)}\n`);
