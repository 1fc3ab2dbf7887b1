// What Lambda itself gives every local function: its region, its role's credentials (the stand-ins
// know the function by its key), its name and memory, and the local endpoints the SDK finds by itself
// (AWS_ENDPOINT_URL_*).

import type { LocalIam } from './iam/local-iam.js';
import { LOCAL_REGION } from './lambda-runtime.js';

export interface LocalEndpoints {
  dynamoDb: string;
  ses: string;
  stepFunctions: string;
  secretsManager: string;
  lambda: string;
  logLevel: string;
}

export async function functionRuntime(iam: LocalIam, name: string, endpoints: LocalEndpoints) {
  const { accessKeyId, secretAccessKey, sessionToken } = await iam.functionCredentials(name);
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: sessionToken,
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
    TZ: 'UTC',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamoDb,
    AWS_ENDPOINT_URL_SES: endpoints.ses,
    AWS_ENDPOINT_URL_SFN: endpoints.stepFunctions,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
    AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: endpoints.logLevel,
    POWERTOOLS_DEV: 'false',
  };
}
