using System.Text.Json;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Collections.Audit;

/// <summary>Records a privileged change beside the change itself, so that both commit or neither does.</summary>
public static class ConfigAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the record to <paramref name="db"/>; nothing when the value did not change.</summary>
    public static ConfigChange? Record<T>(CollectionsDbContext db, string entity, string? key, T? oldValue, T newValue, Actor actor, DateTimeOffset at)
    {
        var before = oldValue is null ? null : JsonSerializer.Serialize(oldValue, Json);
        var after = JsonSerializer.Serialize(newValue, Json);
        if (before == after)
        {
            return null;
        }

        var change = new ConfigChange
        {
            Id = Guid.CreateVersion7(at),
            Entity = entity,
            Key = key,
            ChangedBy = actor.Id,
            ChangedByName = actor.Name,
            Authority = actor.Authority,
            ChangedAt = at,
            OldValue = before,
            NewValue = after,
        };
        db.ConfigChanges.Add(change);
        return change;
    }
}
