import { ROSTER_COLUMNS } from '@linli/shared';

const REQUIRED = new Set(['grid', 'building', 'room', 'floor', 'area']);

/** The roster template: the header row import reads (and export writes), nothing else to delete by mistake. */
export function rosterTemplateCsv(): string {
  return `${ROSTER_COLUMNS.map((c) => csvCell(c.header)).join(',')}\r\n`;
}

/** What each column expects, for the import page. */
export const ROSTER_COLUMN_GUIDE = ROSTER_COLUMNS.map((c) => ({
  header: c.header,
  required: REQUIRED.has(c.key),
  aliases: c.aliases,
}));

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
