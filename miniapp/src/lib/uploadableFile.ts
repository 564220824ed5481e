/** A chosen file on either platform: a temp path in the weapp, a Blob in the browser. */
export interface UploadableFile {
  name: string;
  source: string | Blob;
}
