namespace Mesa.Processing.Workload;

/// <summary>How integer columns of a written workload are stored: pyarrow writes int64 or int32, pandas writes nullable ints as double.</summary>
public enum IntegerStorage
{
    Int64,
    Int32,
    Double,
}
