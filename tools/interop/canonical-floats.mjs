// Usage: node canonical-floats.mjs float32|float64 HEXBITS...
// Prints a JSON array with the canonical text (canonical.mjs) of each IEEE bit pattern, so the C#
// tests can check CanonicalText against this implementation.
import { formatFloat32, formatFloat64 } from './canonical.mjs';
import { printJson, runMain } from './cli.mjs';

await runMain('node canonical-floats.mjs float32|float64 HEXBITS...', 1, async ([width, ...bits]) => {
  if (width !== 'float32' && width !== 'float64') throw new Error(`unknown width ${width}`);
  const view = new DataView(new ArrayBuffer(8));
  printJson(bits.map((hexBits) => {
    if (width === 'float32') {
      view.setUint32(0, Number.parseInt(hexBits, 16));
      return formatFloat32(view.getFloat32(0));
    }
    view.setBigUint64(0, BigInt(`0x${hexBits}`));
    return formatFloat64(view.getFloat64(0));
  }));
});
