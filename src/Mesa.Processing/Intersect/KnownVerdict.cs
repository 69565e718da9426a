namespace Mesa.Processing.Intersect;

/// <summary>
/// A verdict for one asset of a cell found before the exact rule runs (by the gpu engine's classification),
/// or null when only the exact rule can decide.
/// </summary>
/// <param name="firstCandidate">The asset's first piece among the cell's candidates.</param>
/// <param name="endCandidate">One past its last piece.</param>
public delegate OverlapVerdict? KnownVerdict(int firstCandidate, int endCandidate);
