'use strict';

/**
 * Local stack only: splits `serverless offline` into the two processes AWS keeps apart. On AWS every
 * Lambda runs on its own; locally one Node process hosts many, so a stream consumer delivering a
 * notice to 3,500 households would share the API's CPU and every request-path figure would include
 * the fan-out. With LINLI_OFFLINE_ROLE set, this plugin keeps only one side's functions and events
 * (before serverless-esbuild bundles them, so each process builds only its own):
 *
 * - `api`: the HTTP API (functions with `httpApi` events, those events only);
 * - `worker`: stream consumers and scheduled jobs (the dispatcher, projector, sweepers, clocks).
 *
 * Unset (and for every command but `offline`: package, deploy, print), it changes nothing.
 */
const KEEP = {
  api: (event) => 'httpApi' in event,
  worker: (event) => 'stream' in event || 'schedule' in event,
};

class OfflineRole {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { initialize: () => this.apply() };
  }

  apply() {
    const role = process.env.LINLI_OFFLINE_ROLE;
    const commands = this.serverless.processedInput?.commands ?? [];
    if (!role || commands[0] !== 'offline') return;
    const keep = KEEP[role];
    if (!keep) throw new Error(`LINLI_OFFLINE_ROLE must be one of ${Object.keys(KEEP).join(', ')}, not ${role}`);
    const functions = this.serverless.service.functions;
    for (const [name, fn] of Object.entries(functions)) {
      const events = (fn.events ?? []).filter(keep);
      if (events.length) fn.events = events;
      else delete functions[name];
    }
  }
}

module.exports = OfflineRole;
