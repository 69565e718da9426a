namespace Mesa.Cli.Workload.RealData;

/// <summary>How a real-data layer is cut from its source.</summary>
internal enum RealDataShape
{
    /// <summary>The source's polygons clipped to the region, one asset object per polygon (import repairs the invalid ones).</summary>
    Areas,

    /// <summary>The source's polygons clipped to each half-degree tile of the region: many middle-sized objects, as land-use layers have.</summary>
    TiledAreas,

    /// <summary>The source's polygon rings as lines, cut into pieces, each buffered 30 m as MESA imports a line.</summary>
    Lines,

    /// <summary>Every few hundredth vertex of the source's rings, each buffered 30 m as MESA imports a point.</summary>
    Points,
}
