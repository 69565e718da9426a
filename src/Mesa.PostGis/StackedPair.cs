namespace Mesa.PostGis;

/// <summary>One tbl_stacked row, identified by its cell's code and its asset object's id.</summary>
public readonly record struct StackedPair(string Code, long IdX);
