namespace Mesa.Tiles.Mbtiles;

/// <summary>MBTiles counts tile rows from the south (TMS); XYZ rows count from the north.</summary>
public static class TmsRow
{
    public static long FromXyz(int zoom, long y) => (1L << zoom) - 1 - y;
}
