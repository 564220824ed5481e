/** The browser has no Taro.scanCode: people type the code instead. */
export function ScanButton(_props: { label: string; onResult(text: string): void; testId?: string }) {
  return null;
}
