/** A photo of a signed paper ballot: a temp path in the weapp, a Blob in the browser. */
export interface Photo {
  source: string | Blob;
  size: number;
  contentType: 'image/jpeg' | 'image/png';
  /** Something an <Image> can show. */
  preview: string;
}
