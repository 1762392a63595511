using ArPlatform.BuildingBlocks.Formatting;
using ArPlatform.Workbench.Api;

namespace ArPlatform.Workbench.Components;

/// <summary>A dunning strategy's place and reach in a team lead's words.</summary>
public static class StrategyText
{
    /// <summary>
    /// Where the strategy stands in the order strategies are tried. The built-in default carries int.MinValue as its
    /// priority (Collections' sentinel for "after every other"), which means nothing as a number to a reader.
    /// </summary>
    public static string Order(Strategy strategy) => strategy.Priority == int.MinValue
        ? "tried last: applies where no other strategy does"
        : $"priority {strategy.Priority}{(strategy.IsDefault ? ", the default" : "")}";

    /// <summary>
    /// The accounts the strategy applies to ("every account", or each condition its scope sets), and the overdue amount
    /// below which it takes no step (a threshold checked after the strategy is chosen, not a condition of choosing it).
    /// </summary>
    public static string Scope(StrategyScope? scope)
    {
        var parts = new List<string>();
        if (scope?.RiskRatings is { Count: > 0 } ratings)
        {
            parts.Add($"risk {string.Join(", ", ratings)}");
        }

        if (scope?.CustomerTypes is { Count: > 0 } types)
        {
            parts.Add(string.Join(", ", types));
        }

        if (scope?.Portfolios is { Count: > 0 } portfolios)
        {
            parts.Add($"portfolio {string.Join(", ", portfolios)}");
        }

        var accounts = parts.Count == 0 ? "every account" : string.Join("; ", parts);
        return scope?.MinOverdueAmount is { } minimum ? $"{accounts}; acts once at least {IndianMoney.Format(minimum)} is overdue" : accounts;
    }
}
