using System.Globalization;
using System.Text;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Customers.Persistence;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>Completions of a last word are looked up in the tenant's word list up to this many; beyond, it is matched as a prefix.</summary>
    public const int MaxCompletions = 32;

    /// <summary>
    /// A tsquery for whole words of the tenant's customers, the last one possibly cut short as while typing; null when the
    /// text has no word. The last word matches the <paramref name="lastWordCompletions"/> when there are some (the tenant's
    /// words it starts, itself included when it is one), else as a prefix. Words hold only letters, marks and digits, so they
    /// need no escaping inside the quotes.
    /// </summary>
    public static string? Query(Guid tenantId, string text, IReadOnlyList<string>? lastWordCompletions = null)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return null;
        }

        var tag = Tag(tenantId);
        var last = lastWordCompletions is { Count: > 0 } completions
            ? $"({string.Join(" | ", completions.Select(c => $"'{tag}{c}'"))})"
            : $"'{tag}{words[^1]}':*";
        return string.Join(" & ", words.SkipLast(1).Select(w => $"'{tag}{w}'").Append(last));
    }

    /// <summary>
    /// The tenant's words that start with <paramref name="prefix"/>, from its word list; null when the prefix is not a
    /// word start the list keeps (see <see cref="IsListed"/>), or starts none or more than <see cref="MaxCompletions"/>.
    /// A prefix makes the full-text index gather every row of every word it starts before it can intersect them with the
    /// other words, several times the cost of the same words named whole (ADR 0011).
    /// </summary>
    public static async Task<IReadOnlyList<string>?> CompletionsAsync(CustomersDbContext db, string prefix, CancellationToken cancellationToken = default)
    {
        if (!IsListed(prefix))
        {
            return null;
        }

        // The word column sorts by code point ("C"), so the words a prefix starts lie between it and it followed by the last code point.
        var end = prefix + char.ConvertFromUtf32(0x10FFFF);
        var words = await db.CustomerSearchWords.Where(w => w.Word.CompareTo(prefix) >= 0 && w.Word.CompareTo(end) < 0)
            .OrderBy(w => w.Word).Select(w => w.Word).Take(MaxCompletions + 1).ToListAsync(cancellationToken);
        return words.Count is > 0 and <= MaxCompletions ? words : null;
    }

    /// <summary>
    /// Adds the customers' listed words to their tenant's word list, before the customers themselves are written: every
    /// word a customer can be found by is then in the list by the time the customer can be found. Words stay listed
    /// when no customer has them any more; a completion that matches nothing costs nothing.
    /// </summary>
    public static Task ListWordsAsync(CustomersDbContext db, Guid tenantId, IEnumerable<Customer> customers, CancellationToken cancellationToken = default)
    {
        // Sorted, so concurrent lists of the same tenant take the words' index entries in the same order.
        var words = customers.SelectMany(c => c.SearchVector).Select(l => l.Text[TagLength..]).Where(IsListed).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return db.InsertEntitiesAsync(words.Select(w => new CustomerSearchWord { TenantId = tenantId, Word = w }).ToList(), BulkInsert.OnConflictDoNothing,
            cancellationToken);
    }

    /// <summary>
    /// The word list keeps the words that start with a letter: those are what people type the start of. Words that start
    /// with a digit (numbers, the numeric part of codes) are matched as prefixes, which is cheap for them: each starts few rows.
    /// </summary>
    public static bool IsListed(string word) => word.Length > 0 && !Rune.IsNumber(Rune.GetRuneAt(word, 0));

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

    private const int TagLength = 13;

    private static bool IsWordPart(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
}

/// <summary>A word of the tenant's customers, listed so that a search can complete a word being typed (see <see cref="CustomerSearch.CompletionsAsync"/>).</summary>
public sealed class CustomerSearchWord : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string Word { get; set; }
}
