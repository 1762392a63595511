using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using ArPlatform.Collections.Audit;
using ArPlatform.Collections.Dunning;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Strategies;

public sealed record StrategyScopeRequest(
    [property: MaxLength(5)][property: ItemsMaxLength(1)] List<string>? RiskRatings = null, [property: MaxLength(6)][property: ItemsMaxLength(11)] List<string>? CustomerTypes = null,
    [property: MaxLength(50)][property: ItemsMaxLength(100)] List<string>? Portfolios = null, decimal? MinOverdueAmount = null);

public sealed record StrategyStepRequest(
    [property: MaxLength(50)] string? Code, [property: MaxLength(200)] string? Name, int? DayOffset, [property: MaxLength(20)] string? Action, [property: MaxLength(2)] string? ContactLevel = null, [property: MaxLength(50)] string? Template = null,
    [property: MaxLength(100)] string? AssignTo = null);

public sealed record StrategyRequest([property: MaxLength(50)] string? Code, [property: MaxLength(200)] string? Name, int? Priority, StrategyScopeRequest? AppliesTo, [property: MaxLength(30)] List<StrategyStepRequest>? Steps);

public sealed record StrategyResponse(string Code, string Name, int Priority, StrategyScope AppliesTo, IReadOnlyList<DunningStep> Steps, bool IsDefault)
{
    public static StrategyResponse Of(DunningStrategy s) => new(s.Code, s.Name, s.Priority, s.AppliesTo, s.Steps, s.Code == DefaultStrategy.Code);
}

/// <summary>A tenant's dunning strategies: create, replace, list (the default among them, as it applies).</summary>
public sealed partial class StrategyService(CollectionsDbContext db, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> RiskRatings = ["A", "B", "C", "D", "E"];
    public static readonly IReadOnlyList<string> CustomerTypes = ["corporate", "dealer", "distributor", "government", "psu", "sez"];
    public static readonly IReadOnlyList<string> Levels = ["L1", "L2", "L3"];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    public static partial Regex CodePattern();

    public async Task<List<StrategyResponse>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await StrategyCatalog.LoadAsync(db, cancellationToken)).InOrder.Select(StrategyResponse.Of)];

    public async Task<StrategyResponse?> GetAsync(string code, CancellationToken cancellationToken) =>
        (await StrategyCatalog.LoadAsync(db, cancellationToken)).InOrder.FirstOrDefault(s => s.Code == code) is { } s ? StrategyResponse.Of(s) : null;

    public async Task<Outcome<StrategyResponse>> CreateAsync(StrategyRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var validation = await ValidateAsync(request, request.Code, cancellationToken);
        if (!validation.IsValid)
        {
            return Outcome<StrategyResponse>.Invalid(validation);
        }

        if (await db.Strategies.AnyAsync(s => s.Code == request.Code, cancellationToken))
        {
            return Outcome<StrategyResponse>.Conflict("The strategy exists.", $"A strategy with code {request.Code} exists: change it with PUT /api/v1/collections/strategies/{request.Code}.");
        }

        var strategy = new DunningStrategy { Code = request.Code!, Name = "" };
        Apply(strategy, request);
        db.Strategies.Add(strategy);
        ConfigAudit.Record(db, AuditedEntities.Strategy, strategy.Code, null, StrategyResponse.Of(strategy), actor, strategy.UpdatedAt);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<StrategyResponse>.Ok(StrategyResponse.Of(strategy));
    }

    /// <summary>Replaces the strategy (or creates it; "default" replaces the default). Items keep their positions: a position is a day offset, valid under any steps.</summary>
    public async Task<Outcome<StrategyResponse>> ReplaceAsync(string code, StrategyRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var validation = await ValidateAsync(request with { Code = request.Code ?? code }, code, cancellationToken);
        if (request.Code is { } given && given != code)
        {
            validation.Add("code", $"must be {code}, as in the path (or left out).");
        }

        if (!validation.IsValid)
        {
            return Outcome<StrategyResponse>.Invalid(validation);
        }

        var strategy = await db.Strategies.SingleOrDefaultAsync(s => s.Code == code, cancellationToken);
        var before = strategy is not null ? StrategyResponse.Of(strategy)
            : code == DefaultStrategy.Code ? StrategyResponse.Of(DefaultStrategy.For(db.Tenant.RequiredTenantId)) : null;
        if (strategy is null)
        {
            strategy = new DunningStrategy { Code = code, Name = "" };
            db.Strategies.Add(strategy);
        }

        Apply(strategy, request);
        ConfigAudit.Record(db, AuditedEntities.Strategy, code, before, StrategyResponse.Of(strategy), actor, strategy.UpdatedAt);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<StrategyResponse>.Ok(StrategyResponse.Of(strategy));
    }

    private void Apply(DunningStrategy strategy, StrategyRequest request)
    {
        strategy.Name = request.Name!.Trim();
        strategy.Priority = request.Priority ?? 0;
        var scope = request.AppliesTo ?? new StrategyScopeRequest();
        strategy.AppliesTo = new StrategyScope(scope.RiskRatings?.ToArray(), scope.CustomerTypes?.ToArray(), scope.Portfolios?.ToArray(), scope.MinOverdueAmount);
        strategy.Steps = [.. request.Steps!.OrderBy(s => s.DayOffset).Select(s => new DunningStep(s.Code!, s.Name!.Trim(), s.DayOffset!.Value, s.Action!,
            s.ContactLevel, s.Template, s.AssignTo))];
        strategy.UpdatedAt = clock.GetUtcNow();
    }

    private async Task<Validation> ValidateAsync(StrategyRequest request, string? code, CancellationToken cancellationToken)
    {
        var own = await db.Templates.AsNoTracking().Select(t => t.Code).ToListAsync(cancellationToken);
        var validation = new Validation()
            .When(code is null || !CodePattern().IsMatch(code), "code", "is required: lower-case letters, digits and dashes, at most 50.")
            .Required("name", request.Name, maxLength: 200)
            .When(request.Priority is < -1000 or > 1000, "priority", "must be between -1000 and 1000 (higher applies first).")
            .When(request.AppliesTo?.RiskRatings?.Any(r => !RiskRatings.Contains(r)) == true, "appliesTo.riskRatings", "must be among A, B, C, D, E.")
            .When(request.AppliesTo?.CustomerTypes?.Any(t => !CustomerTypes.Contains(t)) == true, "appliesTo.customerTypes", $"must be among {string.Join(", ", CustomerTypes)}.")
            .When(request.AppliesTo?.Portfolios?.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > 100) == true, "appliesTo.portfolios", "must be names of at most 100 characters.")
            .When(request.AppliesTo?.MinOverdueAmount is < 0, "appliesTo.minOverdueAmount", "must not be negative.")
            .When(request.Steps is not { Count: > 0 and <= 30 }, "steps", "are required: 1 to 30 steps.");
        if (request.Steps?.Any(s => s is null) == true)
        {
            return validation.Add("steps", "must not contain null entries.");
        }

        var steps = request.Steps ?? [];
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var field = $"steps[{i}]";
            validation
                .When(s.Code is null || !CodePattern().IsMatch(s.Code), $"{field}.code", "is required: lower-case letters, digits and dashes, at most 50.")
                .Required($"{field}.name", s.Name, maxLength: 200)
                .When(s.DayOffset is not (>= -365 and <= 3650), $"{field}.dayOffset", "is required: days from the due date, -365 to 3650 (negative: before due).")
                .When(s.Action is not { } a || !DunningActions.All.Contains(a), $"{field}.action", $"is required: one of {string.Join(", ", DunningActions.All)}.")
                .When(s.ContactLevel is { } l && !Levels.Contains(l), $"{field}.contactLevel", "must be L1, L2 or L3.")
                .When(s.Template is { } t && Communications.DefaultTemplates.Find(t) is null && !own.Contains(t), $"{field}.template",
                    $"{s.Template}: no such template (PUT /api/v1/collections/templates/{s.Template} first).")
                .Text($"{field}.assignTo", s.AssignTo, maxLength: 100);
        }

        validation
            .When(steps.Where(s => s.Code is not null).GroupBy(s => s.Code).Any(g => g.Count() > 1), "steps", "codes must be unique.")
            .When(steps.Where(s => s.DayOffset is not null).GroupBy(s => s.DayOffset).Any(g => g.Count() > 1), "steps",
                "day offsets must be unique: the rules order steps by their day offset.");
        return validation;
    }
}
