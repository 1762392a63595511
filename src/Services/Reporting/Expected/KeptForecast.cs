using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Reporting.Expected;

/// <summary>The tenant's whole forecast as made on <see cref="MadeOn"/> (JSON of its expected collections), so that a past date's forecast is answered as it was.</summary>
public sealed class KeptForecast : ITenantOwned
{
    public Guid TenantId { get; set; }

    public DateOnly MadeOn { get; set; }

    public required string Report { get; set; }
}
