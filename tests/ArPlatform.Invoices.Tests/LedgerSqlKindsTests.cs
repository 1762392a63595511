using System.Reflection;
using System.Text.RegularExpressions;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Invoices.Ledger;

namespace ArPlatform.Invoices.Tests;

/// <summary>
/// The ledger's functions and triggers (Persistence/Sql/ledger_*.sql) compare kinds as strings: each must be a kind the
/// C# posts (<see cref="LedgerKinds"/>), or the rule it belongs to silently never applies.
/// </summary>
public sealed partial class LedgerSqlKindsTests
{
    private static readonly Assembly Invoices = typeof(LedgerKinds).Assembly;

    private static readonly HashSet<string> KnownKinds =
    [
        .. typeof(LedgerKinds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(LedgerKinds.SignRuleSql))
            .Select(f => (string)f.GetRawConstantValue()!),
    ];

    private static readonly string[] LedgerSqlFileNames =
        [.. Invoices.GetManifestResourceNames().Where(n => n.StartsWith("ledger_", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)).Order()];

    public static TheoryData<string> LedgerSqlFiles => [.. LedgerSqlFileNames];

    [Fact]
    public void The_ledger_sql_files_are_embedded()
    {
        Assert.Contains("ledger_keep_balances.v1.sql", LedgerSqlFileNames);
        Assert.Contains("ledger_append_only.v1.sql", LedgerSqlFileNames);
    }

    [Theory]
    [MemberData(nameof(LedgerSqlFiles))]
    public void Every_ledger_kind_the_sql_compares_with_is_one_the_csharp_knows(string file)
    {
        var (kinds, unreadable) = KindsComparedIn(SqlFiles.Read(Invoices, file));

        Assert.Empty(unreadable);
        Assert.All(kinds, kind => Assert.True(KnownKinds.Contains(kind), $"{file} compares with ledger kind '{kind}', which LedgerKinds does not have."));
    }

    [Fact]
    public void The_kinds_are_read_from_every_form_of_comparison_and_any_other_use_of_kind_is_reported()
    {
        var (kinds, unreadable) = KindsComparedIn("""
            -- a comment about the kind is not read
            WHEN (NEW.kind <> 'invoice') AND l.kind = 'cash' OR kind IN ('tds', 'write_off') OR e.KIND not in ('reversal')
            CASE NEW.kind WHEN 'discount' THEN 1 END
            """);

        Assert.Equal(["cash", "invoice", "reversal", "tds", "write_off"], kinds.Order());
        Assert.Equal(["NEW.kind WHEN"], unreadable);
    }

    /// <summary>
    /// The kinds compared with as <c>kind = 'x'</c>, <c>kind &lt;&gt; 'x'</c> or <c>kind [NOT] IN ('x', ...)</c> (of any
    /// alias: <c>NEW.kind</c>, <c>l.kind</c>), and every other use of <c>kind</c> outside comments, which this test cannot read.
    /// </summary>
    private static (List<string> Kinds, List<string> Unreadable) KindsComparedIn(string sql)
    {
        var code = Comment().Replace(sql, "");
        var kinds = new List<string>();
        var unreadable = new List<string>();
        foreach (Match use in KindUse().Matches(code))
        {
            if (use.Groups["comparison"].Success)
            {
                kinds.AddRange(Literal().Matches(use.Groups["comparison"].Value).Select(l => l.Groups[1].Value));
            }
            else
            {
                unreadable.Add(Regex.Replace(code[use.Index..Math.Min(code.Length, use.Index + use.Length + 5)], @"\s+", " ").Trim());
            }
        }

        return (kinds, unreadable);
    }

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"(?:\w+\.)?\bkind\b(?<comparison>\s*(?:=|<>|!=)\s*'[^']*'|\s+(?:NOT\s+)?IN\s*\([^)]*\))?", RegexOptions.IgnoreCase)]
    private static partial Regex KindUse();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Literal();
}
