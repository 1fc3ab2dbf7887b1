// Configuration is read once, at cold start; a missing or malformed variable fails at once, by name.

import * as z from 'zod';

export function readConfig<T extends z.ZodRawShape>(
  shape: T,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<T>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Configuration is missing or invalid: ${problems.join('; ')}`);
  }
  return result.data;
}
