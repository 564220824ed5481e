import { createServer, request, type Server } from 'node:http';

/** DynamoDB calls seen on the wire, by operation (`GetItem`, `TransactWriteItems`, streams' `GetRecords`…). */
export interface WireCounts {
  total: number;
  byOperation: Record<string, number>;
}

export interface DynamoCounter {
  endpoint: string;
  counts(): WireCounts;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A counting proxy in front of DynamoDB Local: every request a process sends is forwarded as is and
 * counted by its `X-Amz-Target` operation. It is the independent witness for the API's own
 * `x-linli-db-ops` diagnostics (which count in the SDK), and how the benchmarks count the fan-out's
 * calls per recipient. Not on the path unless a stack asks for it (it adds a hop).
 */
export async function startDynamoCounter(target: string): Promise<DynamoCounter> {
  const upstream = new URL(target);
  let byOperation: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? 'unknown').replace(/^[^.]*\./, '');
    byOperation[operation] = (byOperation[operation] ?? 0) + 1;
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => ({ total: Object.values(byOperation).reduce((a, b) => a + b, 0), byOperation: { ...byOperation } }),
    reset: () => {
      byOperation = {};
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
