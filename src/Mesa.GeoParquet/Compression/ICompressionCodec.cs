using System.Buffers;

namespace Mesa.GeoParquet.Compression;

/// <summary>Compresses and decompresses the bodies of Parquet pages for one codec.</summary>
/// <remarks>Implementations are stateless from the caller's view and safe to share between threads.</remarks>
internal interface ICompressionCodec
{
    Format.CompressionCodec Id { get; }

    /// <summary>Appends the compressed form of <paramref name="input"/> to <paramref name="output"/>.</summary>
    void Compress(ReadOnlySpan<byte> input, IBufferWriter<byte> output);

    /// <summary>
    /// Decompresses into <paramref name="output"/>, whose length is the exact uncompressed size from the page header.
    /// </summary>
    /// <exception cref="ParquetFormatException">
    /// The data is corrupt or does not decompress to exactly <c>output.Length</c> bytes.
    /// </exception>
    void Decompress(ReadOnlySpan<byte> input, Span<byte> output);
}
