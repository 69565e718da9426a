namespace Mesa.Processing.Flatten;

/// <summary>
/// Flattens the tbl_stacked rows of one code (spec section 5; rows are grouped by code alone,
/// across geocode groups). Rows may arrive in any order and partitions merge with
/// <see cref="Merge"/>; the result depends only on the set of rows.
/// </summary>
public sealed class CellAggregator(string code)
{
    private long _rows;
    private long _firstSequence;
    private long _firstRefGeocodeGroup;
    private string? _firstNameGisGeocodeGroup;
    private int _firstCellIndex;
    private ExtremeTracker _importance;
    private ExtremeTracker _sensitivity;
    private ExtremeTracker _susceptibility;
    private SortedDistinct<long> _assetGroups;
    private SortedDistinct<string> _assetGroupNames;
    private OwaCounter _owa;

    public string Code { get; } = code;

    public long RowCount => _rows;

    public void Add(in StackedFacts row)
    {
        if (!string.Equals(row.Code, Code, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Row of code '{row.Code}' given to the aggregator of '{Code}'.", nameof(row));
        }

        OfferFirst(row.Sequence, row.RefGeocodeGroup, row.NameGisGeocodeGroup, row.CellIndex);
        _rows++;
        // Their letters are looked up once per code in ToFlatRow (see ExtremeTracker.ToRatingColumns).
        _importance.Offer(row.Importance, null);
        _susceptibility.Offer(row.Susceptibility, null);
        _sensitivity.Offer(row.Sensitivity, BandCodes.Normalize(row.SensitivityCode));
        _assetGroups.Add(row.RefAssetGroup, Comparer<long>.Default);
        // An asset whose group is missing has no group name: it counts everywhere but in the names.
        if (row.NameGisAssetGroup is { } name)
        {
            _assetGroupNames.Add(name, StringComparer.Ordinal);
        }
        _owa.AddSensitivity(row.Sensitivity);
    }

    /// <summary>Adds the rows another partition accumulated for the same code.</summary>
    public void Merge(CellAggregator other)
    {
        if (!string.Equals(other.Code, Code, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Cannot merge code '{other.Code}' into '{Code}'.", nameof(other));
        }

        if (other._rows == 0)
        {
            return;
        }

        OfferFirst(other._firstSequence, other._firstRefGeocodeGroup, other._firstNameGisGeocodeGroup!, other._firstCellIndex);
        _rows += other._rows;
        _importance.Merge(other._importance);
        _susceptibility.Merge(other._susceptibility);
        _sensitivity.Merge(other._sensitivity);
        _assetGroups.Merge(other._assetGroups, Comparer<long>.Default);
        _assetGroupNames.Merge(other._assetGroupNames, StringComparer.Ordinal);
        _owa.Merge(other._owa);
    }

    public FlatRow ToFlatRow(FlatBands bands)
    {
        if (_rows == 0)
        {
            throw new InvalidOperationException($"No stacked rows for code '{Code}'; only overlapped cells reach tbl_flat.");
        }

        return new FlatRow(
            _firstRefGeocodeGroup,
            _firstNameGisGeocodeGroup!,
            Code,
            _importance.ToRatingColumns(bands),
            _sensitivity.ToColumns(bands),
            _susceptibility.ToRatingColumns(bands),
            string.Join(", ", _assetGroupNames.Items),
            _assetGroups.Count,
            _rows,
            _owa.ToVector(),
            _firstCellIndex);
    }

    // The first row is the one with the smallest sequence. Sequences should be unique; if the
    // caller repeats one, the remaining columns break the tie so the pick stays order-free.
    private void OfferFirst(long sequence, long refGeocodeGroup, string nameGisGeocodeGroup, int cellIndex)
    {
        if (_rows > 0 && !Precedes(sequence, refGeocodeGroup, nameGisGeocodeGroup, cellIndex))
        {
            return;
        }

        _firstSequence = sequence;
        _firstRefGeocodeGroup = refGeocodeGroup;
        _firstNameGisGeocodeGroup = nameGisGeocodeGroup;
        _firstCellIndex = cellIndex;
    }

    private bool Precedes(long sequence, long refGeocodeGroup, string nameGisGeocodeGroup, int cellIndex)
    {
        int order = sequence.CompareTo(_firstSequence);
        if (order == 0)
        {
            order = refGeocodeGroup.CompareTo(_firstRefGeocodeGroup);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(nameGisGeocodeGroup, _firstNameGisGeocodeGroup);
        }

        if (order == 0)
        {
            order = cellIndex.CompareTo(_firstCellIndex);
        }

        return order < 0;
    }
}
