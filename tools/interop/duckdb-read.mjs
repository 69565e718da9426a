// Usage: node duckdb-read.mjs FILE
// Prints the rows of a Parquet file, as DuckDB reads them, as canonical JSON lines (canonical.mjs).
import { runMain, toJsonLines } from './cli.mjs';
import { canonicalRows, connect, readAllSql } from './duckdb-util.mjs';

await runMain('node duckdb-read.mjs FILE', 1, async ([file]) => {
  const con = await connect({ threads: 1 }); // one thread keeps file row order
  process.stdout.write(toJsonLines(await canonicalRows(con, file, readAllSql(file))));
});
