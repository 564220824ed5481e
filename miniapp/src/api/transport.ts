import Taro from '@tarojs/taro';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  data: unknown;
}

/** Sends one request; rejects only when no HTTP answer arrived (offline, timeout, DNS). */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** Taro.request works on both platforms (wx.request in the weapp, fetch in H5). */
export const taroTransport: HttpTransport = async (request) => {
  const res = await Taro.request({
    url: request.url,
    method: request.method,
    header: request.headers,
    data: request.body as Record<string, unknown> | undefined,
    timeout: request.timeoutMs,
    dataType: 'json',
  });
  return { status: res.statusCode, data: res.data };
};
