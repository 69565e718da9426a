// Canonical text form of Parquet values, shared by every interop script and mirrored by the C#
// tests (tests/Mesa.GeoParquet.Tests/Interop/CanonicalText.cs). Two readers agree on a file when
// they print the same canonical rows for it.
//
// A file is rendered as JSON lines: one JSON object per row, in file order, keys = top-level
// column names in schema order, each value a JSON string or JSON null (NULL). Only flat schemas
// are covered. How a value is rendered depends on the column's Parquet type, never on how a
// particular reader happens to surface it (DuckDB reads TIMESTAMP(MILLIS) as microseconds, still
// rendered with 3 fraction digits):
//
//   BOOLEAN                               "true" / "false"
//   INT32 / INT64, any INT(bits, signed)  decimal integer, e.g. "-128", "18446744073709551615";
//     or INT_8..UINT_64 converted types   unsigned types print their unsigned value
//   FLOAT                                 shortest decimal that round-trips to the same float32
//   DOUBLE                                shortest decimal that round-trips to the same float64
//     both laid out like ECMAScript Number.prototype.toString: "0.1", "1.5", "100", "1e+21",
//     "1.5e-7", "123456789012345680000"; specials "NaN", "Infinity", "-Infinity", "-0", "0".
//     (.NET: take the digits of ToString("R") and re-layout; see CanonicalText.cs.)
//   STRING / UTF8, ENUM, JSON             the string as-is (JSON text is not re-formatted)
//   BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY     lowercase hex of the bytes, no prefix ("" when empty);
//     without logical type, and GEOMETRY/GEOGRAPHY/GeoParquet WKB columns (the WKB as stored)
//   UUID (FIXED_LEN_BYTE_ARRAY(16))       lowercase 8-4-4-4-12, e.g. "0f0e...-..."
//   DATE                                  "YYYY-MM-DD" (proleptic Gregorian, days since 1970-01-01)
//   TIME(unit)                            "HH:MM:SS.f" with exactly 3 (MILLIS), 6 (MICROS) or 9
//                                         (NANOS) fraction digits, e.g. "23:59:59.999999"
//   TIMESTAMP(isAdjustedToUTC, unit)      "YYYY-MM-DDTHH:MM:SS.f" with 3/6/9 fraction digits as for
//     TIMESTAMP_MILLIS / TIMESTAMP_MICROS TIME, plus "Z" when isAdjustedToUTC (legacy converted
//                                         types count as adjusted to UTC, as the spec says)
//   INT96                                 as TIMESTAMP(isAdjustedToUTC=false, NANOS)
//   DECIMAL(p, s), any physical type      exact: optional "-", integer digits (at least "0"),
//                                         then "." and exactly s digits when s > 0: "-0.05",
//                                         "0.0000", "123"; never an exponent, never "-0"
//
// Years print as 4 digits (fixtures stay within 0001..9999). FLOAT16, INTERVAL, nested types
// and VARIANT have no canonical form yet: rendering them is an error, not a guess.

/** Describes how one column renders; built from a Parquet SchemaElement by kindOf. */
export function kindOf(element) {
  const { type, converted_type: ct, logical_type: lt } = element;
  const lname = lt?.type;
  if (element.num_children) throw new Error(`column ${element.name}: nested types have no canonical form`);
  if (lname === 'DECIMAL' || ct === 'DECIMAL') return { kind: 'decimal', scale: Number(element.scale ?? lt?.scale ?? 0) };
  if (lname === 'UUID') return { kind: 'uuid' };
  if (lname === 'DATE' || ct === 'DATE') return { kind: 'date' };
  if (lname === 'TIME') return { kind: 'time', unit: lt.unit };
  if (ct === 'TIME_MILLIS') return { kind: 'time', unit: 'MILLIS' };
  if (ct === 'TIME_MICROS') return { kind: 'time', unit: 'MICROS' };
  if (lname === 'TIMESTAMP') return { kind: 'timestamp', unit: lt.unit, utc: Boolean(lt.isAdjustedToUTC) };
  if (ct === 'TIMESTAMP_MILLIS') return { kind: 'timestamp', unit: 'MILLIS', utc: true };
  if (ct === 'TIMESTAMP_MICROS') return { kind: 'timestamp', unit: 'MICROS', utc: true };
  if (type === 'INT96') return { kind: 'timestamp', unit: 'NANOS', utc: false };
  if (lname === 'FLOAT16' || lname === 'INTERVAL' || ct === 'INTERVAL' || lname === 'VARIANT' || ct === 'MAP' || ct === 'LIST') {
    throw new Error(`column ${element.name}: ${lname ?? ct} has no canonical form`);
  }
  if (['STRING', 'ENUM', 'JSON'].includes(lname) || ['UTF8', 'ENUM', 'JSON'].includes(ct)) return { kind: 'string' };
  switch (type) {
    case 'BOOLEAN': return { kind: 'boolean' };
    case 'INT32':
    case 'INT64': {
      const bits = type === 'INT32' ? 32 : 64;
      const unsigned = (lname === 'INTEGER' && lt.isSigned === false) || /^UINT_/.test(ct ?? '');
      return { kind: 'int', bits, unsigned };
    }
    case 'FLOAT': return { kind: 'float32' };
    case 'DOUBLE': return { kind: 'float64' };
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY': return { kind: 'bytes' };
    default: throw new Error(`column ${element.name}: physical type ${type} has no canonical form`);
  }
}

/**
 * Renders one value. `raw` must be, per kind: int number|bigint; boolean boolean; float32/float64
 * number; string string; bytes/uuid Uint8Array; date number (days); time/timestamp bigint (count
 * of kind.unit since midnight / the epoch); decimal bigint (unscaled). null/undefined -> null.
 */
export function formatCanonical(kind, raw) {
  if (raw === null || raw === undefined) return null;
  switch (kind.kind) {
    case 'boolean': return raw ? 'true' : 'false';
    case 'int': {
      let v = BigInt(raw);
      if (kind.unsigned && v < 0n) v += 1n << BigInt(kind.bits); // raw physical value of an unsigned column
      return v.toString();
    }
    case 'float32': return formatFloat32(raw);
    case 'float64': return formatFloat64(raw);
    case 'string': return String(raw);
    case 'bytes': return hex(raw);
    case 'uuid': return formatUuid(raw);
    case 'date': return formatDate(Number(raw));
    case 'time': return formatTime(BigInt(raw), kind.unit);
    case 'timestamp': return formatTimestamp(BigInt(raw), kind.unit, kind.utc);
    case 'decimal': return formatDecimal(BigInt(raw), kind.scale);
    default: throw new Error(`unknown kind ${kind.kind}`);
  }
}

export const UNIT_PER_SECOND = { MILLIS: 1000n, MICROS: 1000000n, NANOS: 1000000000n };
const FRACTION_DIGITS = { MILLIS: 3, MICROS: 6, NANOS: 9 };

/** Converts a count between time units; refuses to drop precision silently. */
export function convertUnit(count, from, to) {
  const f = UNIT_PER_SECOND[from], t = UNIT_PER_SECOND[to];
  if (f === undefined || t === undefined) throw new Error(`unknown time unit ${from} -> ${to}`);
  if (t >= f) return count * (t / f);
  const step = f / t;
  if (count % step !== 0n) throw new Error(`value ${count} ${from} is not a whole number of ${to}`);
  return count / step;
}

export function hex(bytes) {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function formatUuid(bytes) {
  if (bytes.length !== 16) throw new Error(`UUID must be 16 bytes, got ${bytes.length}`);
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function formatDecimal(unscaled, scale) {
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

const pad = (n, w) => String(n).padStart(w, '0');

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).
export function formatDate(days) {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 0 ? '-' : ''}${pad(Math.abs(y), 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

const floorDiv = (a, b) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

function clock(secondsOfDay, fraction, unit) {
  const h = secondsOfDay / 3600n, m = (secondsOfDay / 60n) % 60n, s = secondsOfDay % 60n;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(fraction, FRACTION_DIGITS[unit])}`;
}

export function formatTime(count, unit) {
  const perSecond = UNIT_PER_SECOND[unit];
  if (perSecond === undefined) throw new Error(`unknown time unit ${unit}`);
  if (count < 0n) throw new Error(`negative TIME value ${count}`);
  return clock(count / perSecond, count % perSecond, unit);
}

export function formatTimestamp(count, unit, utc) {
  const perSecond = UNIT_PER_SECOND[unit];
  if (perSecond === undefined) throw new Error(`unknown time unit ${unit}`);
  const seconds = floorDiv(count, perSecond);
  const fraction = count - seconds * perSecond;
  const days = floorDiv(seconds, 86400n);
  const text = `${formatDate(Number(days))}T${clock(seconds - days * 86400n, fraction, unit)}`;
  return utc ? `${text}Z` : text;
}

export function formatFloat64(v) {
  if (Object.is(v, -0)) return '-0';
  return String(v); // ECMAScript's Number::toString is already shortest round-trip, closest
}

export function formatFloat32(v) {
  if (Number.isNaN(v) || !Number.isFinite(v)) return String(v);
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  if (Math.fround(v) !== v) throw new Error(`${v} is not a float32 value`);
  const a = Math.abs(v);
  const bits = float32Bits(a);
  for (let p = 1; p <= 9; p++) {
    // toPrecision gives the nearest p-digit decimal (ties upward); near a power of two the
    // interval is lopsided, so a neighbour can round-trip when the nearest does not.
    const { mantissa, exponent } = parseDecimalText(a.toPrecision(p));
    for (const m of [mantissa, mantissa + 1n, mantissa - 1n]) {
      if (m > 0n && roundsToFloat32(m, exponent, bits)) {
        // Number::toString breaks an exact tie towards the even digit; toPrecision went up.
        const tie = m === mantissa && m % 2n === 1n
          && compareExact(2n * m - 1n, exponent, bits.m, bits.e + 1) === 0
          && roundsToFloat32(m - 1n, exponent, bits);
        return (v < 0 ? '-' : '') + layoutShortest(tie ? m - 1n : m, exponent);
      }
    }
  }
  throw new Error(`no float32 representation found for ${v}`);
}

function parseDecimalText(text) {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!match) throw new Error(`unexpected number text ${text}`);
  const frac = match[2] ?? '';
  return { mantissa: BigInt(match[1] + frac), exponent: Number(match[3] ?? 0) - frac.length };
}

// a > 0 as m * 2^e with integer m, plus what is needed to find its rounding interval.
function float32Bits(a) {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, a);
  const raw = view.getUint32(0);
  const biased = raw >>> 23, fraction = BigInt(raw & 0x7fffff);
  return {
    m: biased === 0 ? fraction : fraction | 0x800000n,
    e: biased === 0 ? -149 : biased - 150,
    powerOfTwo: fraction === 0n && biased > 1,
  };
}

// Sign of mantissa * 10^exponent - n * 2^k, computed exactly.
function compareExact(mantissa, exponent, n, k) {
  const left = mantissa * 10n ** BigInt(Math.max(exponent, 0)) * 2n ** BigInt(Math.max(-k, 0));
  const right = n * 2n ** BigInt(Math.max(k, 0)) * 10n ** BigInt(Math.max(-exponent, 0));
  return left < right ? -1 : left > right ? 1 : 0;
}

// Exact check that mantissa * 10^exponent rounds (nearest, ties to even) to the float32 m * 2^e.
function roundsToFloat32(mantissa, exponent, { m, e, powerOfTwo }) {
  // Halfway points to the neighbours; below a power of two the gap is half as wide.
  const lo = powerOfTwo ? compareExact(mantissa, exponent, 4n * m - 1n, e - 2) : compareExact(mantissa, exponent, 2n * m - 1n, e - 1);
  const hi = compareExact(mantissa, exponent, 2n * m + 1n, e - 1);
  const even = m % 2n === 0n;
  return (lo > 0 || (lo === 0 && even)) && (hi < 0 || (hi === 0 && even));
}

/** Lays out mantissa * 10^exponent the way ECMAScript Number::toString does. */
export function layoutShortest(mantissa, exponent) {
  let digits = mantissa.toString();
  const trimmed = digits.replace(/0+$/, '');
  exponent += digits.length - trimmed.length;
  digits = trimmed;
  const k = digits.length, n = exponent + k;
  if (k <= n && n <= 21) return digits + '0'.repeat(n - k);
  if (0 < n && n <= 21) return `${digits.slice(0, n)}.${digits.slice(n)}`;
  if (-6 < n && n <= 0) return `0.${'0'.repeat(-n)}${digits}`;
  const e = n - 1;
  const sign = e < 0 ? '-' : '+';
  const head = k === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  return `${head}e${sign}${Math.abs(e)}`;
}

/** Renders rows of raw values (arrays in column order) as canonical JSON-line objects. */
export function canonicalRow(names, kinds, rawValues) {
  const row = {};
  names.forEach((name, i) => { row[name] = formatCanonical(kinds[i], rawValues[i]); });
  return row;
}
