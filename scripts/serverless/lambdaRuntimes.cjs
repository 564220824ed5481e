'use strict';

/**
 * Teaches Serverless Framework v3's configuration schema the Lambda runtimes it predates.
 *
 * v3.40.0, the last v3 release, lists runtimes up to `nodejs20.x`, and AWS deprecated Node 20 on Lambda on
 * 2026-04-30. With `configValidationMode: error` the stack could not even be packaged on `nodejs22.x`, and
 * turning validation down to `warn` would hide every other mistake in serverless.yml. The framework passes
 * the runtime to CloudFormation unchanged (AWS validates it there), so adding the name to the schema's enum
 * is the whole fix. A plugin constructor runs after the AWS provider has defined its schema and before the
 * configuration is validated. Kept to the runtimes the stack deploys; see README "Deploying to AWS".
 */
const RUNTIMES_AWS_ACCEPTS = ['nodejs22.x'];

class LambdaRuntimes {
  constructor(serverless) {
    const runtimes = serverless.configSchemaHandler.schema.definitions?.awsLambdaRuntime?.enum;
    if (!Array.isArray(runtimes)) {
      throw new Error('lambdaRuntimes: the Serverless schema has no awsLambdaRuntime enum (framework changed?)');
    }
    for (const runtime of RUNTIMES_AWS_ACCEPTS) if (!runtimes.includes(runtime)) runtimes.push(runtime);
  }
}

module.exports = LambdaRuntimes;
