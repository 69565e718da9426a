namespace Mesa.Processing.Workload;

/// <summary>What a workload column must hold; each kind accepts the physical types pyarrow and pandas may write for it.</summary>
internal enum ColumnKind
{
    /// <summary>INT32/INT64 (any integer annotation), or FLOAT/DOUBLE holding whole numbers (pandas' nullable ints).</summary>
    Integer,

    /// <summary>BYTE_ARRAY, STRING annotated or plain, UTF-8.</summary>
    Text,

    /// <summary>BOOLEAN.</summary>
    Boolean,

    /// <summary>BYTE_ARRAY of WKB.</summary>
    Wkb,
}
