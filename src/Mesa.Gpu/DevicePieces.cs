using ILGPU;
using ILGPU.Runtime;
using Mesa.Processing.Intersect;
using NetTopologySuite.Geometries;

namespace Mesa.Gpu;

/// <summary>
/// Every asset piece's rings in device memory, uploaded once per run: vertex coordinates, where each ring
/// starts, each piece's first ring, and each piece's largest coordinate magnitude (for the kernel's margin).
/// </summary>
internal sealed class DevicePieces : IDisposable
{
    private readonly Dictionary<AssetPiece, int> _ids = new(ReferenceEqualityComparer.Instance);

    public DevicePieces(Accelerator accelerator, AssetIndex assets)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        var ringStarts = new List<int>();
        var pieceRings = new List<int>(assets.PieceCount + 1);
        var magnitudes = new double[assets.PieceCount];
        var rings = new List<(CoordinateSequence Ring, bool Shell)>();
        for (var id = 0; id < assets.Pieces.Count; id++)
        {
            var piece = assets.Pieces[id];
            _ids.Add(piece, id);
            pieceRings.Add(ringStarts.Count);
            rings.Clear();
            AssetOutline.CollectRings(piece.Geometry, rings);
            double magnitude = 0;
            foreach (var (ring, _) in rings)
            {
                ringStarts.Add(checked(xs.Count));
                for (var i = 0; i < ring.Count; i++)
                {
                    double x = ring.GetX(i), y = ring.GetY(i);
                    xs.Add(x);
                    ys.Add(y);
                    // NaN propagates (Math.Max keeps it), so a piece with one NaN coordinate is all boundary.
                    magnitude = Math.Max(magnitude, Math.Max(Math.Abs(x), Math.Abs(y)));
                }
            }
            magnitudes[id] = magnitude;
        }
        ringStarts.Add(checked(xs.Count));
        pieceRings.Add(ringStarts.Count - 1);
        VertexCount = xs.Count;
        Xs = accelerator.Allocate1D(xs.ToArray());
        Ys = accelerator.Allocate1D(ys.ToArray());
        RingStarts = accelerator.Allocate1D(ringStarts.ToArray());
        PieceRings = accelerator.Allocate1D(pieceRings.ToArray());
        Magnitudes = accelerator.Allocate1D(magnitudes);
    }

    public long VertexCount { get; }

    public MemoryBuffer1D<double, Stride1D.Dense> Xs { get; }

    public MemoryBuffer1D<double, Stride1D.Dense> Ys { get; }

    public MemoryBuffer1D<int, Stride1D.Dense> RingStarts { get; }

    public MemoryBuffer1D<int, Stride1D.Dense> PieceRings { get; }

    public MemoryBuffer1D<double, Stride1D.Dense> Magnitudes { get; }

    /// <summary>The piece's place in the device arrays.</summary>
    public int Id(AssetPiece piece) => _ids[piece];

    public void Dispose()
    {
        Xs.Dispose();
        Ys.Dispose();
        RingStarts.Dispose();
        PieceRings.Dispose();
        Magnitudes.Dispose();
    }
}
