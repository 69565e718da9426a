using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Geo;
using Mesa.GeoParquet.Reading;
using Mesa.GeoParquet.Writing;

namespace Mesa.Cli.Bench;

/// <summary>
/// <c>bench parquet-write FILE</c> and <c>bench parquet-read FILE</c>: single-threaded Parquet throughput, one JSON
/// object per run. Each phase runs in its own process so peak memory belongs to that phase alone;
/// bench/parquet.sh runs both and DuckDB on the same file and prints the ratios. The group also holds
/// <c>bench postgis-reference</c> (<see cref="PostGisReferenceCommand"/>), <c>bench server</c>
/// (<see cref="ServerBenchCommand"/>), <c>bench cluster</c> (<see cref="ClusterBenchCommand"/>), <c>bench warm</c> (<see cref="WarmBenchCommand"/>) and <c>bench jobs</c> (<see cref="JobsBenchCommand"/>).
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var writeFile = new Argument<string>("FILE") { Description = "GeoParquet file to create" };
        var rows = new Option<long>("--rows") { Description = "Rows to write", DefaultValueFactory = _ => 1_000_000 };
        var codec = new Option<string>("--codec") { Description = "zstd, snappy, gzip, brotli, lz4_raw or uncompressed", DefaultValueFactory = _ => "zstd" };
        var write = new Command("parquet-write", "Write a MESA-like polygon table and time it") { writeFile, rows, codec };
        write.SetAction(parse => Write(parse.GetValue(writeFile)!, parse.GetValue(rows), ParseCodec(parse.GetValue(codec)!)));

        var readFile = new Argument<string>("FILE") { Description = "Parquet file to read" };
        var read = new Command("parquet-read", "Decode every column of every row group and time it") { readFile };
        read.SetAction(parse => Read(parse.GetValue(readFile)!));

        return new Command("bench", "Benchmarks (see bench/*.sh)") { write, read, PostGisReferenceCommand.Create(), ServerBenchCommand.Create(), ClusterBenchCommand.Create(), WarmBenchCommand.Create(), JobsBenchCommand.Create() };
    }

    private static int Write(string path, long rows, CompressionCodec codec)
    {
        const int rowGroup = 128 * 1024;
        var options = new ParquetWriterOptions { Codec = codec };
        long decodedBytes = 0;
        var generate = TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        using (var writer = GeoParquetWriter.Create(path, BenchTable.Schema, options: options))
        {
            for (long start = 0; start < rows; start += rowGroup)
            {
                var generating = Stopwatch.StartNew();
                var batch = BenchTable.Rows(start, (int)Math.Min(rowGroup, rows - start));
                generate += generating.Elapsed;
                decodedBytes += BenchTable.DecodedBytes(batch);
                writer.WriteRowGroup(batch);
            }
        }
        // Generating the rows is not writing them: only the writer's share of the time counts.
        var seconds = (watch.Elapsed - generate).TotalSeconds;
        Report(new Dictionary<string, object>
        {
            ["phase"] = "write",
            ["codec"] = FormatNames.Of(codec),
            ["rows"] = rows,
            ["decoded_bytes"] = decodedBytes,
            ["file_bytes"] = new FileInfo(path).Length,
            ["seconds"] = seconds,
            ["mb_per_second"] = decodedBytes / 1e6 / seconds,
            ["peak_working_set_bytes"] = Process.GetCurrentProcess().PeakWorkingSet64,
        });
        return 0;
    }

    private static int Read(string path)
    {
        var baseline = Process.GetCurrentProcess().WorkingSet64;
        long decodedBytes = 0, largestRowGroup = 0, rows = 0;
        var watch = Stopwatch.StartNew();
        using (var reader = ParquetReader.Open(path))
        {
            foreach (var batch in reader.ReadRowGroups())
            {
                var bytes = BenchTable.DecodedBytes(batch);
                decodedBytes += bytes;
                largestRowGroup = Math.Max(largestRowGroup, bytes);
                rows += batch.RowCount;
            }
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Report(new Dictionary<string, object>
        {
            ["phase"] = "read",
            ["rows"] = rows,
            ["decoded_bytes"] = decodedBytes,
            ["file_bytes"] = new FileInfo(path).Length,
            ["seconds"] = seconds,
            ["mb_per_second"] = decodedBytes / 1e6 / seconds,
            ["largest_row_group_decoded_bytes"] = largestRowGroup,
            ["peak_working_set_bytes"] = peak,
            ["peak_above_start_bytes"] = peak - baseline,
        });
        return 0;
    }

    private static void Report(Dictionary<string, object> figures) => Console.WriteLine(JsonSerializer.Serialize(figures));

    private static CompressionCodec ParseCodec(string name) => name.ToLowerInvariant() switch
    {
        "zstd" => CompressionCodec.Zstd,
        "snappy" => CompressionCodec.Snappy,
        "gzip" => CompressionCodec.Gzip,
        "brotli" => CompressionCodec.Brotli,
        "lz4_raw" => CompressionCodec.Lz4Raw,
        "uncompressed" => CompressionCodec.Uncompressed,
        _ => throw new ArgumentException($"unknown codec '{name}'"),
    };
}
