// One logger for every function. Tokens and personal data are never logged: requests are logged
// by route and ids only.

import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'order-claims' });
