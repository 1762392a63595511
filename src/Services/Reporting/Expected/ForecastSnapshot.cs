using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Reporting.Expected;

/// <summary>One week of the tenant's expected collections as forecast on <see cref="MadeOn"/>, kept so that the forecast can be compared with what came.</summary>
public sealed class ForecastSnapshot : ITenantOwned
{
    public Guid TenantId { get; set; }

    public DateOnly MadeOn { get; set; }

    /// <summary>1 for the seven days from <see cref="MadeOn"/>, 2 for the seven after, …</summary>
    public int Week { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public decimal Expected { get; set; }

    public decimal FromItems { get; set; }

    public decimal FromPromises { get; set; }
}

/// <summary>The tenant's whole forecast as made on <see cref="MadeOn"/> (JSON of its expected collections), so that a past date's forecast is answered as it was.</summary>
public sealed class KeptForecast : ITenantOwned
{
    public Guid TenantId { get; set; }

    public DateOnly MadeOn { get; set; }

    public required string Report { get; set; }
}
