/** Saves text as a download in the browser. */
export async function saveTextFile(fileName: string, content: string, mimeType: string): Promise<'saved' | 'shared'> {
  // A BOM lets Excel/WPS open a UTF-8 CSV with Chinese headers correctly.
  const bom = mimeType.startsWith('text/csv') ? '\uFEFF' : '';
  const url = URL.createObjectURL(new Blob([bom + content], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return 'saved';
}
