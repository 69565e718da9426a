// Writes one GeoParquet 1.1 file per GeoArrow geometry encoding (point ... multipolygon) into FOLDER,
// the geometry built as nested lists of {x, y} structs in SQL, with the "geo" metadata naming the encoding.
// Each file has three rows: a geometry, a null, and another geometry; prints the WKT expected per file.
//   node duckdb-write-geoarrow.mjs FOLDER
import path from 'node:path';
import { connect, sqlString } from './duckdb-util.mjs';

const [folder] = process.argv.slice(2);
if (!folder) throw new Error('usage: duckdb-write-geoarrow.mjs FOLDER');

const xy = (x, y) => `{'x': ${x}::DOUBLE, 'y': ${y}::DOUBLE}`;
const list = (items) => `[${items.join(', ')}]`;
const coords = (pairs) => list(pairs.map(([x, y]) => xy(x, y)));
const square = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
const hole = [[1, 1], [2, 1], [2, 2], [1, 1]];
const small = [[10, 10], [11, 10], [11, 11], [10, 10]];

const fixtures = {
  point: ['Point', xy(1, 2), xy(-3.5, 4.25), ['POINT (1 2)', 'POINT (-3.5 4.25)']],
  linestring: ['LineString', coords([[0, 0], [1, 1], [2, 0]]), coords([[5, 5], [6, 7]]),
    ['LINESTRING (0 0, 1 1, 2 0)', 'LINESTRING (5 5, 6 7)']],
  polygon: ['Polygon', list([coords(square), coords(hole)]), list([coords(small)]),
    ['POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))', 'POLYGON ((10 10, 11 10, 11 11, 10 10))']],
  multipoint: ['MultiPoint', coords([[0, 0], [1, 2]]), coords([[3, 3]]),
    ['MULTIPOINT ((0 0), (1 2))', 'MULTIPOINT ((3 3))']],
  multilinestring: ['MultiLineString', list([coords([[0, 0], [1, 1]]), coords([[2, 2], [3, 3], [4, 2]])]), list([coords([[5, 5], [6, 6]])]),
    ['MULTILINESTRING ((0 0, 1 1), (2 2, 3 3, 4 2))', 'MULTILINESTRING ((5 5, 6 6))']],
  multipolygon: ['MultiPolygon', list([list([coords(square), coords(hole)]), list([coords(small)])]), list([list([coords(small)])]),
    ['MULTIPOLYGON (((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1)), ((10 10, 11 10, 11 11, 10 10)))', 'MULTIPOLYGON (((10 10, 11 10, 11 11, 10 10)))']],
};

const con = await connect();
const expected = {};
for (const [encoding, [type, first, third, wkt]] of Object.entries(fixtures)) {
  const file = path.join(folder, `geoarrow_${encoding}.parquet`);
  const geo = JSON.stringify({
    version: '1.1.0',
    primary_column: 'geometry',
    columns: { geometry: { encoding, geometry_types: [type] } },
  });
  await con.run(`COPY (SELECT id, CASE id WHEN 0 THEN ${first} WHEN 2 THEN ${third} END AS geometry FROM range(3) t(id) ORDER BY id)
    TO ${sqlString(file)} (FORMAT parquet, KV_METADATA {geo: ${sqlString(geo)}})`);
  expected[encoding] = { file, wkt: [wkt[0], null, wkt[1]] };
}
console.log(JSON.stringify(expected));
