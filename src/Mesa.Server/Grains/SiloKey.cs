namespace Mesa.Server.Grains;

/// <summary>A silo address as the key of a silo-targeted grain and as the <c>node_id</c> of a running job.</summary>
public static class SiloKey
{
    public static string Of(SiloAddress silo) => silo.ToParsableString();

    /// <summary>The silo a key names; null when the key is not a silo address.</summary>
    public static SiloAddress? Parse(string? key)
    {
        if (string.IsNullOrEmpty(key)) return null;
        try
        {
            return SiloAddress.FromParsableString(key);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return null;
        }
    }
}
