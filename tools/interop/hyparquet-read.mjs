// Usage: node hyparquet-read.mjs FILE
// Prints the rows of a Parquet file, as hyparquet reads them, as canonical JSON lines
// (canonical.mjs). hyparquet only decodes pages here: its own value conversions are switched off
// (identity parsers, utf8 off, no GeoParquet/WKB parsing, DECIMAL annotations hidden because it
// turns decimals into lossy JS numbers) and canonical.mjs renders the physical values.
import fs from 'node:fs';
import { parquetMetadata, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { canonicalRow, kindOf } from './canonical.mjs';
import { runMain, toJsonLines } from './cli.mjs';

const decoder = new TextDecoder('utf-8', { fatal: true });
const identity = (v) => v;
const parsers = {
  timestampFromMilliseconds: identity,
  timestampFromMicroseconds: identity,
  timestampFromNanoseconds: identity,
  dateFromDays: identity,
  stringFromBytes: (bytes) => bytes && decoder.decode(bytes),
  jsonFromBytes: (bytes) => bytes && decoder.decode(bytes),
  geometryFromBytes: identity,
  geographyFromBytes: identity,
  uuidFromBytes: identity,
};

// Big-endian two's complement (DECIMAL in FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY).
function signedBigEndian(bytes) {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return bytes.length && bytes[0] & 0x80 ? v - (1n << BigInt(8 * bytes.length)) : v;
}

function rawValue(kind, v) {
  if (v === null || v === undefined) return null;
  if (kind.kind === 'decimal') return v instanceof Uint8Array ? signedBigEndian(v) : BigInt(v);
  if (kind.kind === 'string' && v instanceof Uint8Array) return decoder.decode(v);
  return v;
}

await runMain('node hyparquet-read.mjs FILE', 1, async ([file]) => {
  const buffer = fs.readFileSync(file);
  const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  const metadata = parquetMetadata(arrayBuffer, { geoparquet: false });
  const leaves = metadata.schema.slice(1);
  const kinds = leaves.map(kindOf);
  const names = leaves.map((e) => e.name);
  const schema = metadata.schema.map((element) => {
    if (element.converted_type !== 'DECIMAL' && element.logical_type?.type !== 'DECIMAL') return element;
    const { converted_type: _c, logical_type: _l, ...plain } = element;
    return plain;
  });
  const rows = await new Promise((resolve, reject) => {
    parquetRead({
      file: arrayBuffer,
      metadata: { ...metadata, schema },
      compressors,
      parsers,
      utf8: false,
      geoparquet: false,
      rowFormat: 'array',
      onComplete: resolve,
    }).catch(reject);
  });
  process.stdout.write(toJsonLines(rows.map((row) => canonicalRow(names, kinds, row.map((v, i) => rawValue(kinds[i], v))))));
});
