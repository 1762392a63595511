using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Customers.Contacts;

/// <summary>
/// A person to call at a customer, with the escalation level collectors go up through: L1 accounts payable, L2
/// finance manager, L3 upper management (CFO, owner).
/// </summary>
public sealed class Contact : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public required string Name { get; set; }

    public string? Role { get; set; }

    public required string EscalationLevel { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    /// <summary>phone, email, whatsapp or sms.</summary>
    public required string PreferredChannel { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
