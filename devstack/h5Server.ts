import { createReadStream, existsSync, statSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/**
 * Serves a built H5 app and proxies `/api`, `/wechat-dev` and `/dev-control` to the local services
 * under one origin — the same shape as production, where the console and the API share a domain.
 */
export async function startH5Server(opts: {
  port: number;
  root: string;
  proxies: Record<string, string>;
}): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    for (const [prefix, target] of Object.entries(opts.proxies)) {
      if (url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`))
        return proxy(req, res, target, url.slice(prefix.length) || '/');
    }
    serveStatic(opts.root, url, res);
  });
  await new Promise<void>((resolve) => server.listen(opts.port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${opts.port}`, close: () => new Promise((r) => server.close(() => r())) };
}

function proxy(req: IncomingMessage, res: ServerResponse, target: string, path: string) {
  const to = new URL(path, target);
  const upstream = httpRequest(to, { method: req.method, headers: { ...req.headers, host: to.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'UNAVAILABLE', message: '本地服务未启动' } }));
  });
  req.pipe(upstream);
}

function serveStatic(root: string, url: string, res: ServerResponse) {
  const path = decodeURIComponent(url.split('?')[0] ?? '/');
  let file = normalize(join(root, path));
  if (!file.startsWith(root)) return void res.writeHead(403).end();
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
  });
  createReadStream(file).pipe(res);
}
