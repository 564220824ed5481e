import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured JSON logger per Lambda. Log identifiers and outcomes, never personal data:
 * no names, phones, openids or free text residents typed.
 */
export const logger = new Logger({
  serviceName: 'linli',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
});
