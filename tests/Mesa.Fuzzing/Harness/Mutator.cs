using System.Buffers.Binary;

namespace Mesa.Fuzzing.Harness;

/// <summary>
/// Byte-level mutations in the style of AFL and libFuzzer: bit flips, random bytes, inserts, deletes, duplicated
/// ranges, truncation, splicing with another input, "interesting" integers written over length and count fields,
/// and dictionary tokens. Every choice comes from the caller's <see cref="Random"/>, so a seed replays a run.
/// </summary>
public sealed class Mutator(IReadOnlyList<byte[]> dictionary)
{
    /// <summary>Values that break length and count arithmetic: zero, one, sign boundaries, all ones, sizes near 2^31 and 2^32.</summary>
    private static readonly long[] InterestingIntegers =
    [
        0, 1, 2, 3, 4, 7, 8, 16, 32, 64, 100, 127, 128, 255, 256, 512, 1000, 1024, 4096, 32767, 32768, 65535, 65536,
        -1, -2, -128, -129, -32768, int.MaxValue, int.MinValue, int.MaxValue - 1, uint.MaxValue, 0x3FFFFFFF, 0x40000000,
        0x7FFFFFF8, 1L << 32, long.MaxValue, long.MinValue, 100_000_000, 1_000_000_000,
    ];

    private const int MaxLength = 1 << 20;

    /// <summary>A copy of <paramref name="input"/> with 1 to 8 stacked mutations; <paramref name="other"/> is the splice partner.</summary>
    public byte[] Mutate(Random random, byte[] input, byte[] other)
    {
        var bytes = new List<byte>(input);
        var rounds = 1 << random.Next(4);
        for (var round = 0; round < rounds; round++) MutateOnce(random, bytes, other);
        if (bytes.Count > MaxLength) bytes.RemoveRange(MaxLength, bytes.Count - MaxLength);
        return [.. bytes];
    }

    private void MutateOnce(Random random, List<byte> bytes, byte[] other)
    {
        var kind = random.Next(11);
        if (bytes.Count == 0 && kind is not (4 or 9)) kind = 4;
        switch (kind)
        {
            case 0: // flip one bit
                {
                    var at = random.Next(bytes.Count);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                }
            case 1: // random byte
                bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                break;
            case 2: // boundary byte
                bytes[random.Next(bytes.Count)] = (byte)(random.Next(3) switch { 0 => 0, 1 => 0xFF, _ => 0x7F + random.Next(2) });
                break;
            case 3: // interesting integer over a length or count field, either byte order
                WriteInteger(random, bytes);
                break;
            case 4: // insert random bytes
                {
                    var at = random.Next(bytes.Count + 1);
                    var count = 1 + random.Next(random.Next(2) == 0 ? 4 : 64);
                    var inserted = new byte[count];
                    random.NextBytes(inserted);
                    bytes.InsertRange(at, inserted);
                    break;
                }
            case 5: // delete a range
                {
                    var at = random.Next(bytes.Count);
                    bytes.RemoveRange(at, 1 + random.Next(Math.Min(bytes.Count - at, 64)));
                    break;
                }
            case 6: // duplicate a range
                {
                    var at = random.Next(bytes.Count);
                    var count = 1 + random.Next(Math.Min(bytes.Count - at, 256));
                    var copy = bytes.GetRange(at, count);
                    bytes.InsertRange(random.Next(bytes.Count + 1), copy);
                    break;
                }
            case 7: // truncate
                {
                    var keep = random.Next(bytes.Count);
                    bytes.RemoveRange(keep, bytes.Count - keep);
                    break;
                }
            case 8: // splice: our head, the other input's tail
                if (other.Length > 0)
                {
                    var cut = random.Next(bytes.Count + 1);
                    var from = random.Next(other.Length);
                    bytes.RemoveRange(cut, bytes.Count - cut);
                    bytes.AddRange(other.AsSpan(from).ToArray());
                }
                break;
            case 9: // dictionary token, inserted or written over
                if (dictionary.Count > 0)
                {
                    var token = dictionary[random.Next(dictionary.Count)];
                    var at = random.Next(bytes.Count + 1);
                    if (random.Next(2) == 0 || at + token.Length > bytes.Count) bytes.InsertRange(at, token);
                    else for (var i = 0; i < token.Length; i++) bytes[at + i] = token[i];
                }
                break;
            default: // arithmetic on a byte
                {
                    var at = random.Next(bytes.Count);
                    bytes[at] = (byte)(bytes[at] + random.Next(-16, 17));
                    break;
                }
        }
    }

    private static void WriteInteger(Random random, List<byte> bytes)
    {
        var value = InterestingIntegers[random.Next(InterestingIntegers.Length)];
        var width = random.Next(4) switch { 0 => 1, 1 => 2, 2 => 4, _ => 8 };
        if (bytes.Count < width) return;
        Span<byte> buffer = stackalloc byte[8];
        if (random.Next(2) == 0) BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
        else
        {
            BinaryPrimitives.WriteInt64BigEndian(buffer, value);
            buffer = buffer[(8 - width)..];
        }
        var at = random.Next(bytes.Count - width + 1);
        for (var i = 0; i < width; i++) bytes[at + i] = buffer[i];
    }
}
