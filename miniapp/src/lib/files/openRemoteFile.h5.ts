/** Opens a presigned download link; the browser saves it (the object carries its file name). */
export async function openRemoteFile(url: string, fileName: string): Promise<void> {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.target = '_blank';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
