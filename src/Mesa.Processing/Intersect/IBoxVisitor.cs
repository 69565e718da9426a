namespace Mesa.Processing.Intersect;

/// <summary>Receives the items a <see cref="PackedBoxTree"/> query finds; a struct, so the query calls it directly.</summary>
public interface IBoxVisitor
{
    /// <summary>Takes the item at <paramref name="item"/>; false ends the query.</summary>
    bool Visit(int item);
}
