// Usage: node duckdb-bench.mjs FILE_IN OUTDIR
// Single-threaded DuckDB baseline, best of 3 (DUCKDB_BENCH_RUNS): read_seconds decodes every column of FILE_IN (an
// aggregate per column, so no column is skipped), write_*_seconds write the same rows (loaded
// into memory first, so only encoding is timed) to OUTDIR with zstd level 3 and snappy.
import fs from 'node:fs';
import path from 'node:path';
import { printJson, runMain } from './cli.mjs';
import { connect, queryObjects, sqlString } from './duckdb-util.mjs';

const RUNS = Number(process.env.DUCKDB_BENCH_RUNS ?? 3); // bench/before-after.sh times one run per call

async function bestOf(action) {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await action();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
}

// count(col) alone could be answered from definition levels; min/max need the values themselves.
const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

await runMain('node duckdb-bench.mjs FILE_IN OUTDIR', 2, async ([fileIn, outDir]) => {
  fs.mkdirSync(outDir, { recursive: true });
  const con = await connect({ threads: 1 });
  const f = sqlString(fileIn);
  const columns = (await queryObjects(con, `DESCRIBE SELECT * FROM read_parquet(${f})`)).map((c) => quoteIdent(c.column_name));
  const aggregates = columns.flatMap((c) => [`min(${c})`, `max(${c})`, `count(${c})`]);
  const readSql = `SELECT count(*), ${aggregates.join(', ')} FROM read_parquet(${f})`;
  const rows = Number((await queryObjects(con, `SELECT count(*) AS n FROM read_parquet(${f})`))[0].n);
  const readSeconds = await bestOf(() => con.run(readSql));
  await con.run(`CREATE TABLE bench AS SELECT * FROM read_parquet(${f})`);
  const outputs = {};
  const writeSeconds = {};
  for (const [codec, options] of [['zstd', 'COMPRESSION zstd, COMPRESSION_LEVEL 3'], ['snappy', 'COMPRESSION snappy']]) {
    const out = path.resolve(outDir, `bench_${codec}.parquet`);
    writeSeconds[codec] = await bestOf(() => con.run(`COPY bench TO ${sqlString(out)} (FORMAT parquet, ${options})`));
    outputs[codec] = { file: out, bytes: fs.statSync(out).size };
  }
  printJson({
    duckdb_version: (await queryObjects(con, 'SELECT version() AS v'))[0].v,
    threads: 1,
    runs: RUNS,
    file: path.resolve(fileIn),
    rows,
    columns: columns.length,
    input_bytes: fs.statSync(fileIn).size,
    read_seconds: readSeconds,
    write_zstd_seconds: writeSeconds.zstd,
    write_snappy_seconds: writeSeconds.snappy,
    zstd_bytes: outputs.zstd.bytes,
    snappy_bytes: outputs.snappy.bytes,
    outputs,
  });
});
