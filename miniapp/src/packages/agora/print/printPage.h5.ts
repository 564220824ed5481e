/** 打印: the browser's print dialog (A4, one 表决票 per page by the print stylesheet). */
export function printPage(): void {
  window.print();
}

export const CAN_PRINT = true;
