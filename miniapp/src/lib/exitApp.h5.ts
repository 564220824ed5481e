/** A web page cannot close itself reliably; the browser build signs out instead. */
export async function exitApp(inBrowser: () => Promise<void>): Promise<void> {
  await inBrowser();
}
