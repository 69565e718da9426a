// Shared entry point: scripts print JSON (or JSON lines) to stdout; any failure goes to stderr
// with exit code 1 so the C# harness can report it.

/** Runs `main(args)`; reports errors on stderr and sets a non-zero exit code. */
export async function runMain(usage, minArgs, main) {
  const args = process.argv.slice(2);
  try {
    if (args.length < minArgs) throw new Error(`usage: ${usage}`);
    await main(args);
  } catch (e) {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exitCode = 1;
  }
}

// BigInts (DuckDB counts, offsets) print as decimal strings; JSON has no 64-bit integers.
const replacer = (_, v) => (typeof v === 'bigint' ? v.toString() : v);

export function printJson(value) {
  process.stdout.write(`${JSON.stringify(value, replacer, 2)}\n`);
}

export function toJsonLines(rows) {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}
