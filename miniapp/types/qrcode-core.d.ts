// The encoder alone (no canvas, SVG or PNG renderer, no Node `fs`): what components/qr-code draws from.
declare module 'qrcode/lib/core/qrcode' {
  export { create } from 'qrcode';
}
