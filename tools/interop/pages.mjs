// Walks the page headers of a column chunk. DuckDB's parquet_metadata() does not show pages, and
// whether PARQUET_VERSION V2 really writes DATA_PAGE_V2 headers can only be seen here.
import fs from 'node:fs';

const PAGE_TYPES = ['DATA_PAGE', 'INDEX_PAGE', 'DICTIONARY_PAGE', 'DATA_PAGE_V2'];
const ENCODINGS = ['PLAIN', 'GROUP_VAR_INT', 'PLAIN_DICTIONARY', 'RLE', 'BIT_PACKED', 'DELTA_BINARY_PACKED',
  'DELTA_LENGTH_BYTE_ARRAY', 'DELTA_BYTE_ARRAY', 'RLE_DICTIONARY', 'BYTE_STREAM_SPLIT'];

// Minimal Thrift compact-protocol reader: structs come back as { fieldId: value }.
class CompactReader {
  constructor(bytes, offset) { this.bytes = bytes; this.offset = offset; }

  byte() {
    if (this.offset >= this.bytes.length) throw new Error('page header runs past the column chunk');
    return this.bytes[this.offset++];
  }

  varint() {
    let result = 0n, shift = 0n, b;
    do { b = this.byte(); result |= BigInt(b & 0x7f) << shift; shift += 7n; } while (b & 0x80);
    return result;
  }

  zigzag() { const v = this.varint(); return Number((v >> 1n) ^ -(v & 1n)); }

  value(type) {
    switch (type) {
      case 1: return true;
      case 2: return false;
      case 3: return this.byte();
      case 4: case 5: case 6: return this.zigzag();
      case 7: this.offset += 8; return undefined;
      case 8: { const n = Number(this.varint()); this.offset += n; return undefined; }
      case 9: case 10: {
        const head = this.byte();
        const size = (head >> 4) === 15 ? Number(this.varint()) : head >> 4;
        const t = head & 0x0f;
        const items = [];
        for (let i = 0; i < size; i++) items.push(t === 1 || t === 2 ? this.byte() === 1 : this.value(t));
        return items;
      }
      case 11: {
        const size = Number(this.varint());
        if (size === 0) return [];
        const kinds = this.byte();
        for (let i = 0; i < size; i++) { this.value(kinds >> 4); this.value(kinds & 0x0f); }
        return [];
      }
      case 12: return this.struct();
      default: throw new Error(`unknown thrift compact type ${type}`);
    }
  }

  struct() {
    const fields = {};
    let last = 0;
    for (;;) {
      const head = this.byte();
      if (head === 0) return fields;
      const delta = head >> 4;
      const id = delta ? last + delta : this.zigzag();
      fields[id] = this.value(head & 0x0f);
      last = id;
    }
  }
}

/** Reads every page header of the chunk [start, start + length) of the file at `path`. */
export function readPageHeaders(path, start, length) {
  const bytes = Buffer.alloc(length);
  const fd = fs.openSync(path, 'r');
  try { fs.readSync(fd, bytes, 0, length, start); } finally { fs.closeSync(fd); }
  const pages = [];
  const reader = new CompactReader(bytes, 0);
  while (reader.offset < length) {
    const h = reader.struct();
    const body = h[5] ?? h[7] ?? h[8] ?? {};
    pages.push({
      type: PAGE_TYPES[h[1]] ?? String(h[1]),
      encoding: ENCODINGS[h[8] ? body[4] : body[2]] ?? null,
      num_values: body[1] ?? null,
      compressed_size: h[3],
      uncompressed_size: h[2],
    });
    reader.offset += h[3];
  }
  return pages;
}

/** Page headers of one parquet_metadata() row (needs its offset and size columns). */
export function chunkPages(file, chunk) {
  const offsets = [chunk.dictionary_page_offset, chunk.data_page_offset].filter((o) => o !== null && o > 0n);
  if (offsets.length === 0) return [];
  const start = offsets.reduce((a, b) => (b < a ? b : a));
  return readPageHeaders(file, Number(start), Number(chunk.total_compressed_size));
}
