using System.Reflection;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.ServiceDefaults;

namespace ArPlatform.Architecture.Tests;

/// <summary>
/// The broker lets a service write only to the exchanges of the events <see cref="PublishedEvents"/> lists for it
/// (ADR 0026), so the list must be what the service's code publishes: read from its IL, every event it puts into
/// its outbox, and nothing published past the outbox.
/// </summary>
public sealed class PublishedEventsTests
{
    private static readonly Dictionary<string, string> Services = new()
    {
        [ResourceNames.Identity] = "ArPlatform.Identity",
        [ResourceNames.Customers] = "ArPlatform.Customers",
        [ResourceNames.Invoices] = "ArPlatform.Invoices",
        [ResourceNames.Collections] = "ArPlatform.Collections",
        [ResourceNames.Documents] = "ArPlatform.Documents",
        [ResourceNames.Reporting] = "ArPlatform.Reporting",
    };

    public static TheoryData<string> ServiceNames => [.. Services.Keys];

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void A_service_publishes_exactly_the_events_listed_for_it(string service)
    {
        var published = new SortedSet<string>(StringComparer.Ordinal);
        var pastTheOutbox = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in EndpointTests.Types(Services[service]))
        {
            foreach (var method in EndpointTests.Methods(type))
            {
                foreach (var called in EndpointTests.Operands(method).OfType<MethodInfo>())
                {
                    if (called.DeclaringType == typeof(OutboxModel) && called.Name is nameof(OutboxModel.AddToOutbox) or nameof(OutboxModel.ToOutbox))
                    {
                        var @event = called.GetGenericArguments().Single();
                        // A generic helper hides which event it adds: name the event where it is added, or list each caller's.
                        published.Add(@event.IsGenericParameter ? $"{@event.Name} (a type parameter of {type.FullName}.{method.Name})" : @event.Name);
                    }
                    else if (called.DeclaringType?.Namespace?.StartsWith("MassTransit", StringComparison.Ordinal) == true
                        && called.Name is "Publish" or "PublishBatch" or "Send" or "SendBatch")
                    {
                        pastTheOutbox.Add($"{type.FullName}.{method.Name} calls {called.DeclaringType.Name}.{called.Name}");
                    }
                }
            }
        }

        Assert.True(pastTheOutbox.Count == 0, "Events are published through the outbox (AddToOutbox), not directly:\n" + string.Join("\n", pastTheOutbox));
        var listed = new SortedSet<string>(PublishedEvents.ByService[service], StringComparer.Ordinal);
        Assert.True(listed.SetEquals(published),
            $"PublishedEvents.ByService[\"{service}\"] must be what {Services[service]} publishes (the broker refuses the others):\n" +
            $"  published, not listed: {string.Join(", ", published.Except(listed))}\n  listed, not published: {string.Join(", ", listed.Except(published))}");
    }

    [Fact]
    public void The_list_names_each_event_of_the_contracts_once_and_every_service()
    {
        var events = typeof(IIntegrationEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t) && t.Namespace == PublishedEvents.ContractsNamespace)
            .Select(t => t.Name)
            .ToHashSet(StringComparer.Ordinal);
        var listed = PublishedEvents.ByService.Values.SelectMany(e => e).ToList();
        Assert.DoesNotContain(listed, e => !events.Contains(e));
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count()); // one publisher per event
        Assert.Equal(Services.Keys.Order(StringComparer.Ordinal), PublishedEvents.ByService.Keys.Order(StringComparer.Ordinal));
    }
}
