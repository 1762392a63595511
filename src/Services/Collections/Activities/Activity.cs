using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Collections.Activities;

public static class ActivityTypes
{
    public static readonly IReadOnlyList<string> All = Contracts.CollectionsVocabulary.ActivityTypes;
}

public static class Dispositions
{
    public const string Disputed = "disputed";

    public static readonly IReadOnlyList<string> All = Contracts.CollectionsVocabulary.Dispositions;
}

/// <summary>What a collector did on an account: a call with its disposition, a visit, a note.</summary>
public sealed class Activity : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public required string Type { get; set; }

    public Guid? ContactId { get; set; }

    public string? Disposition { get; set; }

    public string? Notes { get; set; }

    public string? LoggedBy { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public DateOnly BusinessDate { get; set; }

    public Guid? PromiseId { get; set; }

    public Guid? DisputeId { get; set; }

    public Guid? NextActionTaskId { get; set; }

    /// <summary>The tasks the activity closed.</summary>
    public Guid[] ClosedTaskIds { get; set; } = [];

    /// <summary>For a call that said "disputed" with no dispute raised: the task that asks for one, once a day has passed.</summary>
    public Guid? FollowUpTaskId { get; set; }

    /// <summary>Whether the daily job has looked for the dispute this call announced.</summary>
    public bool ComplaintChecked { get; set; }
}

public static class TaskKinds
{
    public const string Call = "call";
    public const string Visit = "visit";
    public const string FindContact = "find-contact";
    public const string RouteDispute = "route-dispute";
    public const string RaiseDispute = "raise-dispute";
    public const string SetUpSpoc = "set-up-spoc";
    public const string NextAction = "next-action";
}

/// <summary>Where a task stands: open until the activity that answers it closes it (done).</summary>
public static class TaskStatuses
{
    public const string Open = "open";
    public const string Done = "done";
}

/// <summary>Work for a person: a call or visit from dunning, a next action, a contact or SPOC to find. Closed by the activity that answers it.</summary>
public sealed class CollectionTask : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public required string Kind { get; set; }

    public required string Title { get; set; }

    /// <summary>For next actions: the activity type to do (call, visit, ...).</summary>
    public string? ActivityType { get; set; }

    public DateOnly DueDate { get; set; }

    public string? Assignee { get; set; }

    /// <summary>open or done.</summary>
    public required string Status { get; set; }

    public Guid? ActionId { get; set; }

    public Guid? DisputeId { get; set; }

    public Guid? ClosedByActivityId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}
