namespace ArPlatform.BuildingBlocks.Imports;

/// <summary>
/// The columns of a kind of file, named in its header in any case and order: every column it may have, and those it
/// must have (one of each group, e.g. customerCode or customerId). A header that names anything else is a wrong file.
/// </summary>
public sealed class CsvColumns(IReadOnlyList<string> known, params string[][] required)
{
    public IReadOnlyList<string> Known => known;

    /// <summary>What is wrong with a header (its names as read), or null when it fits.</summary>
    public string? Check(IReadOnlyList<string> header)
    {
        var names = header.Select(h => h.Trim()).ToList();
        var blank = names.FindIndex(n => n.Length == 0);
        if (blank >= 0)
        {
            return $"column {blank + 1} of the header has no name.";
        }

        if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return $"column '{twice.Key}' is in the header twice.";
        }

        var columns = $"the columns are {string.Join(", ", known)}";
        if (names.Where(n => !known.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList() is { Count: > 0 } unknown)
        {
            return $"the header names unknown column{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; {columns} (first line, in any order and case).";
        }

        if (required.FirstOrDefault(group => !group.Any(c => names.Contains(c, StringComparer.OrdinalIgnoreCase))) is { } missing)
        {
            return $"the header has no column {string.Join(" or ", missing)}; {columns}.";
        }

        return null;
    }
}
