/**
 * Runs the WeChat stand-in on its own:
 *   npx tsx devstack/wechat/cli.ts --port 4600 [--host 127.0.0.1] [--personas personas.json]
 *     [--templates templates.json] [--accept-any-code] [--callback-url http://127.0.0.1:3000/wechat/push]
 * The app id and secret come from WECHAT_APPID / WECHAT_SECRET (dev defaults `wx-linli-local` / `local-dev-secret`),
 * the push token from WECHAT_PUSH_TOKEN. Personas and templates files hold JSON arrays (see WeChatStandInOptions).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isRecord, type Persona, type SubscribeTemplate } from './api';
import { startWeChatStandIn } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4600' },
    host: { type: 'string', default: '127.0.0.1' },
    personas: { type: 'string' },
    templates: { type: 'string' },
    'accept-any-code': { type: 'boolean', default: false },
    'callback-url': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not ${values.port}`);
  process.exit(2);
}

function readList<T>(file: string | undefined, isItem: (item: unknown) => item is T, shape: string): T[] | undefined {
  if (file === undefined) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed) || !parsed.every(isItem)) throw new Error(`${file} must hold a JSON array of ${shape}`);
  return parsed;
}

const isPersona = (p: unknown): p is Persona =>
  isRecord(p) && typeof p.openid === 'string' && typeof p.label === 'string';
const isTemplate = (t: unknown): t is SubscribeTemplate =>
  isRecord(t) &&
  typeof t.id === 'string' &&
  typeof t.title === 'string' &&
  isRecord(t.keywords) &&
  Object.values(t.keywords).every((label) => typeof label === 'string');

async function main() {
  const standIn = await startWeChatStandIn({
    port,
    host: values.host,
    appId: process.env.WECHAT_APPID || 'wx-linli-local',
    appSecret: process.env.WECHAT_SECRET || 'local-dev-secret',
    personas: readList(values.personas, isPersona, '{ "openid": "…", "label": "…" }'),
    templates: readList(values.templates, isTemplate, '{ "id": "…", "title": "…", "keywords": { "thing1": "…" } }'),
    acceptAnyCode: values['accept-any-code'],
    callbackUrl: values['callback-url'],
    callbackToken: process.env.WECHAT_PUSH_TOKEN || undefined,
  });
  console.log(`WeChat stand-in listening on ${standIn.url} (what would have been sent: ${standIn.url}/)`);

  const stop = () => {
    standIn.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
