using Aspire.Hosting.ApplicationModel;

namespace ArPlatform.Hosting;

/// <summary>
/// What a service is given for its database (ADR 0026): <c>ConnectionStrings__{name}</c> as the application role, and
/// <c>ConnectionStrings__{name}-migrations</c> as the owner role, which only migrates. Never the superuser's.
/// </summary>
public sealed record ServiceDatabase(string ConnectionName, ReferenceExpression App, ReferenceExpression Migrations)
{
    public const string MigrationsSuffix = "-migrations";

    /// <summary>The two connection strings of <paramref name="database"/> on <paramref name="server"/> (<c>Host=...;Port=...</c>).</summary>
    public static ServiceDatabase Create(ReferenceExpression server, string database, ParameterResource ownerPassword, ParameterResource appPassword) =>
        new(database,
            ReferenceExpression.Create($"{server};Username={DatabaseRoles.AppRole(database)};Password={appPassword};Database={database}"),
            ReferenceExpression.Create($"{server};Username={DatabaseRoles.OwnerRole(database)};Password={ownerPassword};Database={database}"));
}

/// <summary>A service's own user on the broker (ADR 0026): its AMQP connection string and what it may do.</summary>
public sealed record ServiceMessaging(string User, ParameterResource Password, RabbitMQPermissions Permissions);

/// <summary>RabbitMQ's three permission patterns of a user on a virtual host (anchored regular expressions).</summary>
public sealed record RabbitMQPermissions(string Configure, string Write, string Read)
{
    /// <summary>
    /// A service on MassTransit: its own queues and exchanges (named <c>{service}-...</c>, the bus endpoint included)
    /// in full; the message-type exchanges it consumes from or publishes to may be declared and bound from, but written
    /// to only for <paramref name="publishedExchanges"/>, the events it publishes.
    /// </summary>
    public static RabbitMQPermissions ForService(string service, string messageTypeExchangePrefix, IEnumerable<string> publishedExchanges)
    {
        var own = System.Text.RegularExpressions.Regex.Escape(service + "-") + ".*";
        var types = System.Text.RegularExpressions.Regex.Escape(messageTypeExchangePrefix) + ".*";
        var published = publishedExchanges.Select(System.Text.RegularExpressions.Regex.Escape).Order(StringComparer.Ordinal).ToList();
        return new RabbitMQPermissions(
            Configure: $"^({own}|{types})$",
            Write: published.Count == 0 ? $"^({own})$" : $"^({own}|{string.Join('|', published)})$",
            Read: $"^({own}|{types})$");
    }
}
