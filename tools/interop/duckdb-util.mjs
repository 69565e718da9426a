// DuckDB side of the interop scripts: connections, the Parquet schema as DuckDB reports it, and
// turning @duckdb/node-api values into the raw inputs canonical.mjs expects.
import { DuckDBInstance } from '@duckdb/node-api';
import { canonicalRow, convertUnit, kindOf } from './canonical.mjs';

/** In-memory DuckDB; UTC so TIMESTAMP <-> TIMESTAMPTZ casts in fixtures are the identity. */
export async function connect({ threads } = {}) {
  const options = threads ? { threads: String(threads) } : {};
  const instance = await DuckDBInstance.create(':memory:', options);
  const con = await instance.connect();
  await con.run("SET TimeZone = 'UTC'");
  return con;
}

export const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;

export async function queryObjects(con, sql) {
  return (await con.runAndReadAll(sql)).getRowObjects();
}

// DuckDB prints Thrift logical types, e.g.
// "TimestampType(isAdjustedToUTC=1, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>))";
// rebuild the object shape hyparquet uses ({ type: 'TIMESTAMP', isAdjustedToUTC, unit }).
const LOGICAL_NAMES = { Int: 'INTEGER', Json: 'JSON', Bson: 'BSON', Null: 'UNKNOWN', Float16: 'FLOAT16' };

export function parseLogicalType(text) {
  if (!text) return undefined;
  const name = /^(\w+?)Type\(/.exec(text)?.[1];
  if (!name) throw new Error(`unrecognised logical type ${text}`);
  const logical = { type: LOGICAL_NAMES[name] ?? name.toUpperCase() };
  const unit = /(MILLIS|MICROS|NANOS)=\w+\(\)/.exec(text)?.[1];
  if (unit) logical.unit = unit;
  const utc = /isAdjustedToUTC=(\w+)/.exec(text)?.[1];
  if (utc !== undefined) logical.isAdjustedToUTC = utc === '1' || utc === 'true';
  for (const key of ['scale', 'precision', 'bitWidth']) {
    const v = new RegExp(`${key}=(\\d+)`).exec(text)?.[1];
    if (v !== undefined) logical[key] = Number(v);
  }
  const signed = /isSigned=(\w+)/.exec(text)?.[1];
  if (signed !== undefined) logical.isSigned = signed === '1' || signed === 'true';
  return logical;
}

/** Leaf schema elements (root skipped) from parquet_schema(), in hyparquet's field names. */
export async function parquetElements(con, file) {
  const rows = await queryObjects(con, `SELECT * FROM parquet_schema(${sqlString(file)})`);
  return rows.slice(1).map((r) => ({
    name: r.name,
    type: r.type ?? undefined,
    type_length: r.type_length === null ? undefined : Number(r.type_length),
    repetition_type: r.repetition_type ?? undefined,
    num_children: r.num_children === null ? undefined : Number(r.num_children),
    converted_type: r.converted_type ?? undefined,
    scale: r.scale === null ? undefined : Number(r.scale),
    precision: r.precision === null ? undefined : Number(r.precision),
    logical_type: parseLogicalType(r.logical_type),
    duckdb_type: r.duckdb_type ?? undefined,
  }));
}

// Time-like values carry one integer field named after their unit.
function timeCount(v, unit) {
  if (v.nanos !== undefined) return convertUnit(BigInt(v.nanos), 'NANOS', unit);
  if (v.micros !== undefined && v.offset === undefined) return convertUnit(BigInt(v.micros), 'MICROS', unit);
  // TIME with isAdjustedToUTC comes back as TIMETZ at offset 0: its micros are then UTC.
  if (v.micros !== undefined && v.offset === 0) return convertUnit(BigInt(v.micros), 'MICROS', unit);
  if (v.millis !== undefined) return convertUnit(BigInt(v.millis), 'MILLIS', unit);
  if (v.seconds !== undefined) return convertUnit(BigInt(v.seconds) * 1000n, 'MILLIS', unit);
  throw new Error(`unexpected DuckDB time value ${v?.constructor?.name}`);
}

/** DuckDB value -> the raw input formatCanonical expects for `kind`. */
export function duckdbRaw(kind, v) {
  if (v === null || v === undefined) return null;
  switch (kind.kind) {
    case 'boolean':
    case 'int':
    case 'float32':
    case 'float64':
      return v;
    case 'string':
      if (typeof v !== 'string') throw new Error(`expected a string, got ${v?.constructor?.name}`);
      return v;
    case 'bytes':
      if (!(v.bytes instanceof Uint8Array)) throw new Error(`expected BLOB bytes, got ${v?.constructor?.name}`);
      return v.bytes;
    case 'uuid':
      return Buffer.from(v.toString().replaceAll('-', ''), 'hex');
    case 'date':
      return v.days;
    case 'time':
    case 'timestamp':
      return timeCount(v, kind.unit);
    case 'decimal': {
      if (typeof v.value !== 'bigint') throw new Error(`expected a DECIMAL, got ${v?.constructor?.name}`);
      const diff = kind.scale - v.scale;
      if (diff >= 0) return v.value * 10n ** BigInt(diff);
      const step = 10n ** BigInt(-diff);
      if (v.value % step !== 0n) throw new Error(`decimal ${v} does not fit scale ${kind.scale}`);
      return v.value / step;
    }
    default:
      throw new Error(`unknown kind ${kind.kind}`);
  }
}

/**
 * Canonical rows of `sql` (a SELECT whose columns are the file's columns, in order), rendered with
 * the Parquet types of `file`.
 */
export async function canonicalRows(con, file, sql) {
  const elements = await parquetElements(con, file);
  const kinds = elements.map(kindOf);
  const names = elements.map((e) => e.name);
  const reader = await con.runAndReadAll(sql);
  const columns = reader.columnNames();
  if (columns.join('\u0000') !== names.join('\u0000')) {
    throw new Error(`column mismatch: query has [${columns}], file has [${names}]`);
  }
  return reader.getRows().map((row) => canonicalRow(names, kinds, row.map((v, i) => duckdbRaw(kinds[i], v))));
}

export const readAllSql = (file) => `SELECT * FROM read_parquet(${sqlString(file)})`;
