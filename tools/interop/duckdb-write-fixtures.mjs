// Usage: node duckdb-write-fixtures.mjs OUTDIR
// Writes Parquet fixtures with DuckDB into OUTDIR, each with NAME.expected.jsonl: the source
// table's rows (ordered by id) in canonical form (canonical.mjs), rendered with the Parquet types
// of the written file. Prints a JSON manifest: per fixture its codecs, encodings (footer and
// actual page headers), page types, row groups and row count.
import fs from 'node:fs';
import path from 'node:path';
import { runMain, printJson, toJsonLines } from './cli.mjs';
import { canonicalRows, connect, queryObjects, sqlString } from './duckdb-util.mjs';
import { chunkPages } from './pages.mjs';

// Every column of the `types` table: DuckDB type, literals for the edge rows 1..9 (row 0 is all
// NULL, missing entries are NULL) and an expression over i for the generated rows.
const TYPE_COLUMNS = [
  ['c_boolean', 'BOOLEAN', ['false', 'true'], 'i % 3 = 0'],
  ['c_tinyint', 'TINYINT', ['-128', '127', '0'], '(i % 256) - 128'],
  ['c_smallint', 'SMALLINT', ['-32768', '32767', '0'], '(i * 37 % 65536) - 32768'],
  ['c_integer', 'INTEGER', ['-2147483648', '2147483647', '0'], '(i * 2654435761 % 4294967296) - 2147483648'],
  ['c_bigint', 'BIGINT', ['-9223372036854775808', '9223372036854775807', '0'],
    'i * 1234567890123 * CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END'],
  ['c_utinyint', 'UTINYINT', ['0', '255'], 'i % 256'],
  ['c_usmallint', 'USMALLINT', ['0', '65535'], 'i * 7 % 65536'],
  ['c_uinteger', 'UINTEGER', ['0', '4294967295'], 'i * 2654435761 % 4294967296'],
  ['c_ubigint', 'UBIGINT', ['0', '18446744073709551615'], '18446744073709551615::UBIGINT - (i * 1000003)::UBIGINT'],
  ['c_float', 'FLOAT',
    ["'-3.4028235e38'", "'3.4028235e38'", "'nan'", "'inf'", "'-inf'", "'-0.0'", "'1.4e-45'", "'0.1'", "'16777217'"],
    '(i * 0.37 - 500) / 7'],
  ['c_double', 'DOUBLE',
    ["'-1.7976931348623157e308'", "'1.7976931348623157e308'", "'nan'", "'inf'", "'-inf'", "'-0.0'", "'5e-324'", "'0.1'", "'1e21'"],
    'CASE WHEN i % 2 = 0 THEN i / 7 ELSE -sqrt(i) * 1e-7 END'],
  ['c_varchar', 'VARCHAR',
    ["''", "'héllo wörld ✓ 日本語 😀'", "'a\"b\\c' || chr(10) || 'd' || chr(9) || 'e'", "' leading and trailing '", "'NULL'"],
    "'row ' || i || ' ' || ['α', 'β', '', '😀', 'x'][i % 5 + 1]"],
  ['c_date', 'DATE', ["'0001-01-01'", "'9999-12-31'", "'1970-01-01'", "'1969-12-31'", "'2000-02-29'"],
    "DATE '1900-01-01' + (i * 37)::INTEGER"],
  ['c_time', 'TIME', ["'00:00:00'", "'23:59:59.999999'", "'12:34:56.000001'"],
    "TIME '00:00:00' + to_microseconds(i * 28800017)"],
  ['c_timestamp', 'TIMESTAMP',
    ["'0001-01-01 00:00:00'", "'9999-12-31 23:59:59.999999'", "'1970-01-01 00:00:00'", "'1969-12-31 23:59:59.999999'"],
    "TIMESTAMP '1950-01-01' + to_microseconds(i * 1000000007123)"],
  ['c_timestamp_ms', 'TIMESTAMP_MS',
    ["'0001-01-01 00:00:00'", "'9999-12-31 23:59:59.999'", "'1970-01-01 00:00:00'", "'1969-12-31 23:59:59.999'"],
    "(TIMESTAMP '1950-01-01' + to_milliseconds(i * 1000003))::TIMESTAMP_MS"],
  ['c_timestamp_ns', 'TIMESTAMP_NS',
    ["'1677-09-22 00:00:00'", "'2262-04-11 23:47:16.854775806'", "'1970-01-01 00:00:00'", "'1969-12-31 23:59:59.999999999'"],
    'make_timestamp_ns(1500000000123456789 + i * 987654321987)'],
  ['c_timestamptz', 'TIMESTAMPTZ',
    ["'0001-01-01 00:00:00+00'", "'9999-12-31 23:59:59.999999+00'", "'2024-06-30 12:00:00+05:30'", "'1969-12-31 23:59:59.5+00'"],
    "(TIMESTAMP '2000-01-01' + to_microseconds(i * 777777777))::TIMESTAMPTZ"],
  ['c_decimal_9_2', 'DECIMAL(9,2)', ["'-9999999.99'", "'9999999.99'", "'0'", "'-0.01'"],
    "(CASE WHEN i % 2 = 0 THEN '' ELSE '-' END || (i * 7919 % 10000000) || '.' || lpad((i % 100)::VARCHAR, 2, '0'))"],
  ['c_decimal_18_4', 'DECIMAL(18,4)', ["'-99999999999999.9999'", "'99999999999999.9999'", "'0'", "'-0.0001'"],
    "(CASE WHEN i % 3 = 0 THEN '-' ELSE '' END || (i * 104729 * 1000003 % 100000000000000) || '.' || lpad((i * 13 % 10000)::VARCHAR, 4, '0'))"],
  ['c_decimal_38_10', 'DECIMAL(38,10)',
    ["'-9999999999999999999999999999.9999999999'", "'9999999999999999999999999999.9999999999'", "'0'", "'-0.0000000001'"],
    "(CASE WHEN i % 2 = 1 THEN '-' ELSE '' END || (i::HUGEINT * i * i * 123456789012345) || '.' || lpad((i * 7919 % 10000000000)::VARCHAR, 10, '0'))"],
  ['c_blob', 'BLOB', ["''", "'\\x00\\xFF\\x7F'", "'abc'"], "unhex(left(md5(i::VARCHAR), (i % 17) * 2))"],
  ['c_uuid', 'UUID', ["'00000000-0000-0000-0000-000000000000'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'", "'550e8400-e29b-41d4-a716-446655440000'"],
    'md5(i::VARCHAR)::UUID'],
  ['c_json', 'JSON', ["'{}'", "'[1,\"ü\",null]'", "'\"text\"'"], "json_object('i', i, 's', 'x' || i)"],
];

const EDGE_ROWS = 10;
const TYPE_ROWS = 3000;

async function createTypesTable(con) {
  await con.run(`CREATE TABLE types (id BIGINT, ${TYPE_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})`);
  for (let row = 0; row < EDGE_ROWS; row++) {
    const values = TYPE_COLUMNS.map(([, t, edges]) => {
      const literal = row === 0 ? undefined : edges[row - 1];
      return literal === undefined ? `NULL::${t}` : `(${literal})::${t}`;
    });
    await con.run(`INSERT INTO types VALUES (${row}, ${values.join(', ')})`);
  }
  // Each column is NULL on a different residue, so every column has NULLs in every row group.
  const generated = TYPE_COLUMNS.map(([, t, , expr], k) => `CASE WHEN (i + ${k}) % 13 = 0 THEN NULL ELSE (${expr})::${t} END`);
  await con.run(`INSERT INTO types SELECT i, ${generated.join(', ')} FROM range(${EDGE_ROWS}, ${TYPE_ROWS}) r(i)`);
}

// Mixed columns for the codec fixtures: compressible and incompressible data, some NULLs.
async function createMixedTable(con) {
  await con.run(`CREATE TABLE mixed AS SELECT
      i::BIGINT AS id,
      CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 2654435761 % 1000000)::INTEGER END AS c_int,
      CASE WHEN i % 19 = 0 THEN NULL ELSE i / 3 END AS c_double,
      CASE WHEN i % 23 = 0 THEN NULL ELSE ['red', 'green', 'blue', 'cyan', 'magenta', 'yellow', ''][i % 7 + 1] END AS c_category,
      CASE WHEN i % 29 = 0 THEN NULL ELSE md5(i::VARCHAR) || ' ünïcödé ' || i END AS c_text,
      CASE WHEN i % 31 = 0 THEN NULL ELSE TIMESTAMP '2020-01-01' + to_microseconds(i * 123456789) END AS c_timestamp,
      CASE WHEN i % 37 = 0 THEN NULL ELSE (i % 100000 / 100)::DECIMAL(10,2) END AS c_decimal,
      CASE WHEN i % 41 = 0 THEN NULL ELSE i % 2 = 0 END AS c_bool
    FROM range(8000) r(i)`);
}

// Columns meant to make the V2 writer pick each of its encodings.
async function createEncodingsTable(con) {
  await con.run(`CREATE TABLE encodings AS SELECT
      i::BIGINT AS id,
      CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 3 + 1000000)::INTEGER END AS c_delta_int32,
      CASE WHEN i % 13 = 0 THEN NULL ELSE i * 1000000007 - 5000000000000 END AS c_delta_int64,
      CASE WHEN i % 7 = 0 THEN NULL ELSE 'unique string number ' || i END AS c_delta_length_string,
      CASE WHEN i % 5 = 0 THEN NULL ELSE ['alpha', 'beta', 'gamma', 'delta'][i % 4 + 1] END AS c_dictionary_string,
      CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 0.731 - 100)::FLOAT END AS c_byte_stream_split_float,
      CASE WHEN i % 19 = 0 THEN NULL ELSE sin(i) * 1000 END AS c_byte_stream_split_double,
      CASE WHEN i % 3 = 0 THEN NULL ELSE i % 5 = 0 END AS c_bool
    FROM range(10000) r(i)`);
}

async function createDictionaryTable(con) {
  await con.run(`CREATE TABLE dictionary AS SELECT
      i::BIGINT AS id,
      CASE WHEN i % 9 = 0 THEN NULL ELSE ['Amsterdam', 'Zürich', 'São Paulo', '東京', '', 'Reykjavík'][i % 6 + 1] END AS c_city,
      CASE WHEN i % 10 = 0 THEN NULL ELSE 'code-' || (i % 40) END AS c_code,
      CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 3)::SMALLINT END AS c_small
    FROM range(15000) r(i)`);
}

// Little-endian ISO WKB, built here because the spatial extension is not available offline.
const f64 = (v) => { const b = Buffer.alloc(8); b.writeDoubleLE(v); return b; };
const u32 = (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); return b; };
const wkb = (type, ...parts) => Buffer.concat([Buffer.from([1]), u32(type), ...parts]);
const coords = (points) => Buffer.concat([u32(points.length), ...points.flatMap(([x, y]) => [f64(x), f64(y)])]);
const GEOMETRIES = [
  ['Point', wkb(1, f64(4.895), f64(52.370))],
  ['LineString', wkb(2, coords([[0, 0], [1.5, 2.25], [-3, 4]]))],
  ['Polygon', wkb(3, u32(2), coords([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]), coords([[2, 2], [3, 2], [3, 3], [2, 2]]))],
  ['MultiPoint', wkb(4, u32(2), wkb(1, f64(-179.5), f64(-89.5)), wkb(1, f64(179.5), f64(89.5)))],
];

async function createGeoTables(con) {
  const rows = [];
  for (let i = 0; i < 40; i++) {
    const [, bytes] = GEOMETRIES[i % GEOMETRIES.length];
    rows.push(`(${i}, ${i % 9 === 4 ? 'NULL' : `unhex('${bytes.toString('hex')}')`}, 'feature ' || ${i})`);
  }
  await con.run(`CREATE TABLE geo_wkb (id BIGINT, geometry BLOB, name VARCHAR)`);
  await con.run(`INSERT INTO geo_wkb VALUES ${rows.join(', ')}`);
  await con.run(`CREATE TABLE geo_native AS SELECT id, st_geomfromwkb(geometry) AS geometry, name FROM geo_wkb`);
}

const GEO_METADATA = JSON.stringify({
  version: '1.1.0',
  primary_column: 'geometry',
  columns: {
    geometry: {
      encoding: 'WKB',
      geometry_types: ['Point', 'LineString', 'Polygon', 'MultiPoint'],
      bbox: [-179.5, -89.5, 179.5, 89.5],
    },
  },
});

const FIXTURES = [
  { name: 'types_v1', table: 'types', version: 'V1', codec: 'snappy' },
  { name: 'types_v2', table: 'types', version: 'V2', codec: 'zstd' },
  ...['snappy', 'zstd', 'gzip', 'brotli', 'lz4', 'uncompressed'].map((codec) => ({ name: `codec_${codec}`, table: 'mixed', version: 'V1', codec })),
  { name: 'codec_zstd_v2', table: 'mixed', version: 'V2', codec: 'zstd' },
  { name: 'encodings_v2', table: 'encodings', version: 'V2', codec: 'snappy' },
  { name: 'encodings_v1', table: 'encodings', version: 'V1', codec: 'snappy' },
  { name: 'dictionary_v1', table: 'dictionary', version: 'V1', codec: 'gzip' },
  { name: 'dictionary_v2', table: 'dictionary', version: 'V2', codec: 'lz4' },
  { name: 'geo_wkb_kv', table: 'geo_wkb', version: 'V1', codec: 'snappy', kv: { geo: GEO_METADATA } },
  { name: 'geo_native', table: 'geo_native', version: 'V1', codec: 'zstd' },
  { name: 'empty', table: 'types', version: 'V1', codec: 'snappy', where: 'false' },
];

const ROW_GROUP_SIZE = 2048; // DuckDB's minimum (one vector): many row groups from few rows

function copySql(fixture, file) {
  const options = [`FORMAT parquet`, `PARQUET_VERSION ${fixture.version}`, `COMPRESSION ${fixture.codec}`, `ROW_GROUP_SIZE ${ROW_GROUP_SIZE}`];
  if (fixture.codec === 'zstd') options.push('COMPRESSION_LEVEL 3');
  if (fixture.kv) {
    options.push(`KV_METADATA {${Object.entries(fixture.kv).map(([k, v]) => `${k}: ${sqlString(v)}`).join(', ')}}`);
  }
  return `COPY (${sourceSql(fixture)}) TO ${sqlString(file)} (${options.join(', ')})`;
}

const sourceSql = (fixture) => `SELECT * FROM ${fixture.table}${fixture.where ? ` WHERE ${fixture.where}` : ''} ORDER BY id`;

const splitList = (text) => (text ? String(text).split(/,\s*/).filter(Boolean) : []);
const union = (lists) => [...new Set(lists.flat())].sort();

async function describeFixture(con, fixture, file) {
  const chunks = await queryObjects(con, `SELECT row_group_id, path_in_schema, compression, encodings,
      dictionary_page_offset, data_page_offset, total_compressed_size
    FROM parquet_metadata(${sqlString(file)}) ORDER BY row_group_id, column_id`);
  const fileMeta = (await queryObjects(con, `SELECT num_rows, num_row_groups, format_version FROM parquet_file_metadata(${sqlString(file)})`))[0];
  const schema = await queryObjects(con, `SELECT name, type, converted_type, logical_type, duckdb_type FROM parquet_schema(${sqlString(file)})`);
  const columns = {};
  const emptyColumn = () => ({ codecs: [], encodings: [], page_types: [], page_encodings: [], max_data_pages_per_chunk: 0 });
  for (const s of schema.slice(1)) columns[s.name] = emptyColumn();
  for (const c of chunks) {
    const pages = chunkPages(file, c);
    const col = columns[c.path_in_schema];
    col.codecs = union([col.codecs, [c.compression]]);
    col.encodings = union([col.encodings, splitList(c.encodings)]);
    col.page_types = union([col.page_types, pages.map((p) => p.type)]);
    col.page_encodings = union([col.page_encodings, pages.map((p) => p.encoding).filter(Boolean)]);
    const dataPages = pages.filter((p) => p.type.startsWith('DATA_PAGE')).length;
    col.max_data_pages_per_chunk = Math.max(col.max_data_pages_per_chunk, dataPages);
  }
  for (const s of schema.slice(1)) Object.assign(columns[s.name], {
    physical_type: s.type, converted_type: s.converted_type, logical_type: s.logical_type, duckdb_type: s.duckdb_type,
  });
  const all = Object.values(columns);
  return {
    name: fixture.name,
    file: path.basename(file),
    expected: `${fixture.name}.expected.jsonl`,
    parquet_version: fixture.version,
    format_version: Number(fileMeta.format_version),
    rows: Number(fileMeta.num_rows),
    row_groups: Number(fileMeta.num_row_groups),
    codecs: union(all.map((c) => c.codecs)),
    encodings: union(all.map((c) => c.encodings)),
    page_types: union(all.map((c) => c.page_types)),
    page_encodings: union(all.map((c) => c.page_encodings)),
    kv_keys: (await queryObjects(con, `SELECT key::VARCHAR AS k FROM parquet_kv_metadata(${sqlString(file)})`)).map((r) => r.k),
    columns,
  };
}

await runMain('node duckdb-write-fixtures.mjs OUTDIR', 1, async ([outDir]) => {
  fs.mkdirSync(outDir, { recursive: true });
  const con = await connect({ threads: 1 }); // one thread: deterministic files and row order
  await createTypesTable(con);
  await createMixedTable(con);
  await createEncodingsTable(con);
  await createDictionaryTable(con);
  await createGeoTables(con);
  const manifest = [];
  for (const fixture of FIXTURES) {
    const file = path.resolve(outDir, `${fixture.name}.parquet`);
    await con.run(copySql(fixture, file));
    const expected = await canonicalRows(con, file, sourceSql(fixture));
    fs.writeFileSync(path.resolve(outDir, `${fixture.name}.expected.jsonl`), toJsonLines(expected));
    const entry = await describeFixture(con, fixture, file);
    if (entry.rows !== expected.length) throw new Error(`${fixture.name}: file has ${entry.rows} rows, source ${expected.length}`);
    manifest.push(entry);
  }
  const version = (await queryObjects(con, 'SELECT version() AS v'))[0].v;
  printJson({ duckdb_version: version, directory: path.resolve(outDir), fixtures: manifest });
});
