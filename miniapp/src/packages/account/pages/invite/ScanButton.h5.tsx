/** The browser build types the code; scanning is a weapp feature. */
export function ScanButton(_props: { onCode(code: string): void }) {
  return null;
}
