import { View } from '@tarojs/components';
import { create } from 'qrcode/lib/core/qrcode';
import { useMemo } from 'react';
import './index.css';

/** The light margin every QR code needs around it for a scanner to find it: 4 modules (ISO/IEC 18004). */
export const QUIET_ZONE = 4;

/** One row of the symbol as runs of equal modules: `[dark, length]`, quiet zone included. */
export type QrRow = [boolean, number][];

/**
 * The rows of a QR code for `text` (error correction M: a worn or glossy phone screen still scans), each as
 * runs of equal modules, with the quiet zone on every side.
 */
export function qrRows(text: string): QrRow[] {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size + 2 * QUIET_ZONE;
  const blank: QrRow = [[false, size]];
  const rows: QrRow[] = Array.from({ length: QUIET_ZONE }, () => blank);
  for (let y = 0; y < modules.size; y++) {
    const row: QrRow = [[false, QUIET_ZONE]];
    for (let x = 0; x < modules.size; x++) {
      const dark = modules.get(y, x) === 1;
      const last = row[row.length - 1]!;
      if (last[0] === dark) last[1] += 1;
      else row.push([dark, 1]);
    }
    const last = row[row.length - 1]!;
    if (last[0]) row.push([false, QUIET_ZONE]);
    else last[1] += QUIET_ZONE;
    rows.push(row);
  }
  for (let i = 0; i < QUIET_ZONE; i++) rows.push(blank);
  return rows;
}

/**
 * A QR code drawn with views, not a canvas: the same on weapp and H5 (and in jsdom tests). Each row is a flex
 * line whose runs of equal modules are one view each, so a version 3 code takes a few hundred views. Its size
 * comes from the stylesheet (a square at least 180 px wide on a phone, for a window scanner).
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const rows = useMemo(() => qrRows(text), [text]);
  return (
    <View className="qr-code" role="img" aria-label={label} data-testid="qr-code" data-text={text}>
      {rows.map((row, y) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in a fixed grid
        <View key={y} className="qr-code__row">
          {row.map(([dark, length], x) => (
            <View
              // biome-ignore lint/suspicious/noArrayIndexKey: runs are positions in a fixed row
              key={x}
              className={dark ? 'qr-code__run qr-code__run--dark' : 'qr-code__run'}
              style={{ flexGrow: String(length) }}
            />
          ))}
        </View>
      ))}
    </View>
  );
}
