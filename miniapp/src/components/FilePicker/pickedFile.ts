import { ROSTER_UPLOAD_TYPES } from '@linli/shared';

export type RosterContentType = keyof typeof ROSTER_UPLOAD_TYPES;

/** A file the user chose, on either platform: a temp path in the weapp, a Blob in the browser. */
export interface PickedFile {
  name: string;
  size: number;
  contentType: RosterContentType;
  source: string | Blob;
}

/** The upload content type for a roster file name, or undefined for anything but .xlsx/.csv. */
export function rosterContentType(fileName: string): RosterContentType | undefined {
  const ext = fileName.toLowerCase().split('.').pop();
  const entry = Object.entries(ROSTER_UPLOAD_TYPES).find(([, e]) => e === ext);
  return entry?.[0] as RosterContentType | undefined;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
