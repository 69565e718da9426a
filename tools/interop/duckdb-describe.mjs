// Usage: node duckdb-describe.mjs FILE
// Prints DuckDB's view of a Parquet file as JSON: DESCRIBE (names, DuckDB types), row count,
// parquet_file_metadata, parquet_schema (converted/logical types), parquet_metadata per column
// chunk (codec, encodings, statistics) and the footer key/value metadata. `pages` adds the page
// headers of every column chunk, which DuckDB does not expose (walked by pages.mjs).
import { printJson, runMain } from './cli.mjs';
import { connect, queryObjects, sqlString } from './duckdb-util.mjs';
import { chunkPages } from './pages.mjs';

await runMain('node duckdb-describe.mjs FILE', 1, async ([file]) => {
  const con = await connect({ threads: 1 });
  const f = sqlString(file);
  const describe = await queryObjects(con, `DESCRIBE SELECT * FROM read_parquet(${f})`);
  const chunks = await queryObjects(con, `SELECT row_group_id, row_group_num_rows, column_id, path_in_schema, type,
      num_values, compression, encodings, stats_min, stats_max, stats_null_count, stats_min_value, stats_max_value,
      dictionary_page_offset, data_page_offset, total_compressed_size, total_uncompressed_size
    FROM parquet_metadata(${f}) ORDER BY row_group_id, column_id`);
  for (const c of chunks) c.pages = chunkPages(file, c);
  printJson({
    file,
    row_count: (await queryObjects(con, `SELECT count(*) AS n FROM read_parquet(${f})`))[0].n,
    columns: describe.map((d) => ({ name: d.column_name, duckdb_type: d.column_type })),
    file_metadata: (await queryObjects(con, `SELECT * EXCLUDE (column_orders) FROM parquet_file_metadata(${f})`))[0],
    schema: await queryObjects(con, `SELECT name, type, type_length, repetition_type, num_children, converted_type,
        scale, precision, field_id, logical_type, duckdb_type FROM parquet_schema(${f})`),
    column_chunks: chunks,
    kv_metadata: await queryObjects(con, `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${f})`),
  });
});
