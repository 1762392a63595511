using System.Globalization;
using System.Text;
using NpgsqlTypes;

namespace ArPlatform.Customers.Customers;

/// <summary>
/// The words a customer is found by, and the queries that find them. Every word is stored and searched with its
/// tenant's tag in front ("3ef45c4591e0:lakshmi"), so the full-text index holds each tenant's words under keys of their
/// own: a search reads only its tenant's entries however many tenants share the table, where plain words made a common
/// name (or a prefix of one) read every tenant's matches and dropped the others' row by row (ADR 0010). Documents and
/// queries are split into words here, by the same rule, so the two always agree.
/// </summary>
public static class CustomerSearch
{
    /// <summary>The words of a customer's name, trade name and code, tagged with its tenant.</summary>
    public static NpgsqlTsVector Document(Guid tenantId, string name, string? tradeName, string code)
    {
        // Words hold no quotes or backslashes, so quoting each makes a valid tsvector text; parsing sorts them and drops
        // duplicates as PostgreSQL does.
        var tag = Tag(tenantId);
        var text = new StringBuilder();
        foreach (var field in (ReadOnlySpan<string?>)[name, tradeName, code])
        {
            foreach (var word in Words(field))
            {
                text.Append(" '").Append(tag).Append(word).Append('\'');
            }
        }

        // Parse is obsolete because it cannot tokenise text as PostgreSQL does; here it only reads quoted lexemes.
#pragma warning disable CS0618
        return NpgsqlTsVector.Parse(text.ToString());
#pragma warning restore CS0618
    }

    /// <summary>
    /// A tsquery for whole words of the tenant's customers, the last one possibly cut short as while typing; null when the
    /// text has no word. Words hold only letters, marks and digits, so they need no escaping inside the quotes.
    /// </summary>
    public static string? Query(Guid tenantId, string text)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return null;
        }

        var tag = Tag(tenantId);
        return string.Join(" & ", words.Select((w, i) => $"'{tag}{w}'{(i == words.Count - 1 ? ":*" : "")}"));
    }

    /// <summary>
    /// The text's words in lower case: runs of letters, digits and combining marks (the vowel signs of Indian scripts are
    /// marks, and split nothing). Everything else (spaces, punctuation, symbols) separates words.
    /// </summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var word = new StringBuilder();
        Span<char> lower = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordPart(rune))
            {
                word.Append(lower[..Rune.ToLowerInvariant(rune).EncodeToUtf16(lower)]);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>12 hex digits of the tenant id's random end: tenants that shared a tag would only share index keys, as
    /// every search also keeps to its tenant's rows.</summary>
    private static string Tag(Guid tenantId) => string.Concat(tenantId.ToString("N").AsSpan(20), ":");

    private static bool IsWordPart(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
}
