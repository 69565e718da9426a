namespace Mesa.Tiles.Raster;

/// <summary>Pixels <c>Start..End-1</c> of one tile row that a cell covers.</summary>
public readonly record struct PixelSpan(int Cell, int Row, int Start, int End);
