namespace Mesa.Gpu;

/// <summary>What the classification kernel found for one (cell, asset piece) pair.</summary>
public static class PieceClass
{
    /// <summary>The piece's boundary keeps clear of the cell and the cell lies outside the piece.</summary>
    public const int Outside = 0;

    /// <summary>The piece's boundary keeps clear of the cell and the cell lies inside the piece.</summary>
    public const int Inside = 1;

    /// <summary>The piece's boundary comes near the cell: only the exact rule decides.</summary>
    public const int Boundary = 2;
}
