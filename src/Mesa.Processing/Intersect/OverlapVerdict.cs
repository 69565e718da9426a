namespace Mesa.Processing.Intersect;

/// <summary>The intersect rule's answer for one (cell, asset) pair.</summary>
public enum OverlapVerdict
{
    /// <summary>No tbl_stacked row.</summary>
    Apart,

    /// <summary>A tbl_stacked row.</summary>
    Overlaps,

    /// <summary>The intersection could not be computed even after repairing both geometries; the pair is kept (a row) and logged.</summary>
    KeptUnevaluated,
}
