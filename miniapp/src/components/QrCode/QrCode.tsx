import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useMemo } from 'react';
import qrcode from 'qrcode-generator';
import './QrCode.scss';

export interface QrCodeProps {
  value: string;
  /** Edge length in design px (750-wide). */
  size?: number;
  level?: 'L' | 'M' | 'Q' | 'H';
  testId?: string;
}

type Run = { dark: boolean; length: number };

/** Rows of the QR matrix as runs of equal modules, so a row is a few Views rather than one per module. */
export function qrRuns(value: string, level: QrCodeProps['level'] = 'M'): Run[][] {
  const qr = qrcode(0, level ?? 'M');
  qr.addData(value);
  qr.make();
  const n = qr.getModuleCount();
  const rows: Run[][] = [];
  for (let r = 0; r < n; r++) {
    const runs: Run[] = [];
    for (let c = 0; c < n; c++) {
      const dark = qr.isDark(r, c);
      const last = runs[runs.length - 1];
      if (last && last.dark === dark) last.length++;
      else runs.push({ dark, length: 1 });
    }
    rows.push(runs);
  }
  return rows;
}

/** A QR code drawn with Views (no canvas): renders the same in the weapp, the browser and tests. */
export function QrCode({ value, size = 400, level = 'M', testId = 'qr-code' }: QrCodeProps) {
  const rows = useMemo(() => qrRuns(value, level), [value, level]);
  const edge = Taro.pxTransform(size);
  return (
    <View
      className="qr-code"
      style={{ width: edge, height: edge }}
      data-testid={testId}
      data-modules={rows.length}
      aria-label={`二维码：${value}`}
      role="img"
    >
      {rows.map((runs, r) => (
        <View key={r} className="qr-code__row">
          {runs.map((run, i) => (
            <View
              key={i}
              className={run.dark ? 'qr-code__run qr-code__run--dark' : 'qr-code__run'}
              style={{ flex: run.length }}
            />
          ))}
        </View>
      ))}
    </View>
  );
}
