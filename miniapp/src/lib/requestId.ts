/**
 * A fresh id for one user action (发布一条通知, 上报一次订阅结果). The server keeps it with what the action
 * did, so a request retried after a lost answer is recognised instead of done twice.
 */
export function newRequestId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
