using System.Text.RegularExpressions;
using ArPlatform.Collections.Audit;
using ArPlatform.Collections.Disputes;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Settings;

/// <summary>The tenant's collection settings: who the client's SPOC is, the grace days of promises, which department takes which disputes.</summary>
public sealed partial class SettingsService(CollectionsDbContext db, TimeProvider clock)
{
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    public static partial Regex EmailPattern();

    /// <summary>The addresses disputes and escalations go to, as one line a person can compare.</summary>
    private static string Routing(CollectionSettings? s) => s is null ? "nobody is set up" : string.Join("; ",
        s.Departments.Select(d => $"{string.Join(", ", d.Reasons)} to {d.Name} <{d.Email}>")
            .Prepend($"SPOC {s.Spoc?.Name ?? "none"} <{s.Spoc?.Email ?? "no email"}>"));

    public async Task<SettingsResponse> GetAsync(CancellationToken cancellationToken) =>
        await db.Settings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) is { } s
            ? Response(s)
            : new SettingsResponse(null, null, 0, []);

    private static SettingsResponse Response(CollectionSettings s) => new(s.ClientName, s.Spoc, s.PromiseGraceDays, s.Departments, s.CreditApprovalLimit);

    /// <summary>
    /// Replaces the settings, recorded in the audit with who did it; when an address that disputes and escalations go
    /// to changes, the client's SPOC (the old one too, when the SPOC's address is what changed) is told by email.
    /// </summary>
    public async Task<Outcome<SettingsResponse>> PutAsync(SettingsRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Text("clientName", request.ClientName, maxLength: 200)
            .When(request.CreditApprovalLimit is < 0 || request.CreditApprovalLimit is { } limit && decimal.Round(limit, 2) != limit, "creditApprovalLimit",
                "must be zero or more rupees with at most two decimals (paise); leave it out for no limit.")
            .When(request.PromiseGraceDays is < 0 or > 30, "promiseGraceDays", "must be between 0 and 30.");
        if (request.Spoc is { } spoc)
        {
            validation.Required("spoc.name", spoc.Name, maxLength: 200)
                .When(spoc.Email is { } e && (e.Length > 200 || !EmailPattern().IsMatch(e)), "spoc.email", "must be an email address such as spoc@client.in.")
                .When(spoc.Email is null && spoc.Phone is null, "spoc.email", "give an email address (escalations go by email) or at least a phone.")
                .Text("spoc.phone", spoc.Phone, maxLength: 30);
        }

        if (request.Departments?.Any(d => d is null) == true)
        {
            return Outcome<SettingsResponse>.Invalid("departments", "must not contain null entries.");
        }

        var departments = request.Departments ?? [];
        for (var i = 0; i < departments.Count; i++)
        {
            var d = departments[i];
            validation.Required($"departments[{i}].name", d.Name, maxLength: 200)
                .When(d.Reasons is not { Count: > 0 } || d.Reasons.Any(r => !DisputeReasons.All.Contains(r)), $"departments[{i}].reasons",
                    $"are required: among {string.Join(", ", DisputeReasons.All)}.")
                .Text($"departments[{i}].contactName", d.ContactName, maxLength: 200)
                .When(d.Email is not { } e || e.Length > 200 || !EmailPattern().IsMatch(e), $"departments[{i}].email", "is required: an email address such as billing@client.in.")
                .When(d.ResponseHours is not (>= 1 and <= 720), $"departments[{i}].responseHours", "is required: 1 to 720 hours (the SLA for its disputes).");
        }

        var twice = departments.SelectMany(d => d.Reasons ?? []).GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        validation.When(twice.Count > 0, "departments", $"a reason goes to one department only: {string.Join(", ", twice)} is in two.");
        if (!validation.IsValid)
        {
            return Outcome<SettingsResponse>.Invalid(validation);
        }

        var settings = await db.Settings.SingleOrDefaultAsync(cancellationToken);
        var before = settings is null ? null : Response(settings) with { Departments = [.. settings.Departments] };
        var routingBefore = Routing(settings);
        var spocBefore = SpocNotice.Spoc(settings);
        if (settings is null)
        {
            settings = new CollectionSettings();
            db.Settings.Add(settings);
        }

        settings.ClientName = request.ClientName?.Trim();
        settings.Spoc = request.Spoc is { } s ? new Spoc(s.Name!.Trim(), s.Email?.Trim(), s.Phone?.Trim()) : null;
        settings.PromiseGraceDays = request.PromiseGraceDays ?? 0;
        settings.Departments = [.. departments.Select(d => new Department(d.Name!.Trim(), [.. d.Reasons!], d.ContactName?.Trim(), d.Email!.Trim(), d.ResponseHours!.Value))];
        settings.CreditApprovalLimit = request.CreditApprovalLimit;
        var now = clock.GetUtcNow();
        settings.UpdatedAt = now;
        ConfigAudit.Record(db, AuditedEntities.Settings, null, before, Response(settings), actor, now);
        var routing = Routing(settings);
        if (routing != routingBefore)
        {
            SpocNotice.Queue(db, db.Tenant.RequiredTenantId, [SpocNotice.Spoc(settings), spocBefore], "where disputes and escalations are sent",
                [$"Until now: {routingBefore}", $"From now: {routing}"], actor, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome<SettingsResponse>.Ok(Response(settings));
    }
}
