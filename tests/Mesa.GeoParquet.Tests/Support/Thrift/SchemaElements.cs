using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Schema;

namespace Mesa.GeoParquet.Tests.Support.Thrift;

/// <summary>The footer schema of a one-column file, as the hand-built test files need it.</summary>
internal static class SchemaElements
{
    public static List<SchemaElement> Of(ColumnDescriptor column) =>
    [
        new() { Name = "schema", NumChildren = 1 },
        new()
        {
            Name = column.Name,
            Type = column.PhysicalType,
            RepetitionType = column.Nullable ? FieldRepetitionType.Optional : FieldRepetitionType.Required,
            LogicalType = column.LogicalType.Kind switch
            {
                LogicalKind.None => null,
                LogicalKind.String => new LogicalTypeAnnotation { Kind = 1 },
                _ => throw new ArgumentException($"Hand-built files hold plain or string columns, not {column.LogicalType}."),
            },
            ConvertedType = column.LogicalType.Kind == LogicalKind.String ? ConvertedType.Utf8 : null,
        },
    ];
}
