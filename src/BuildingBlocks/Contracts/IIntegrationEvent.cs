namespace ArPlatform.Contracts;

/// <summary>An event one service publishes for others. Every event names its tenant; consumers act in it.</summary>
public interface IIntegrationEvent
{
    Guid TenantId { get; }
}
