using System.ComponentModel.DataAnnotations;
using ArPlatform.BuildingBlocks.Formatting;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Collections.Activities;
using ArPlatform.Collections.Audit;
using ArPlatform.Collections.Communications;
using ArPlatform.Collections.Dunning;
using ArPlatform.Collections.Messages;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Settings;
using ArPlatform.Contracts;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Disputes;

public sealed record DisputeRequest([property: MaxLength(50)] string? InvoiceNumber, decimal? Amount, [property: MaxLength(30)] string? Reason, [property: MaxLength(4000)] string? Notes);

public sealed record ResolveDisputeRequest([property: MaxLength(10)] string? Outcome, decimal? CreditAmount, [property: MaxLength(4000)] string? Notes);

public sealed record DisputeResponse(
    Guid Id, Guid CustomerId, string InvoiceNumber, decimal Amount, string Reason, string? Notes, string Status, string? RoutedTo, string? RoutedToEmail,
    DateTimeOffset RaisedAt, DateTimeOffset? SlaDueAt, bool PastSla, string? Outcome, decimal? CreditAmount, string? ResolutionNotes, DateTimeOffset? ResolvedAt,
    string? RaisedBy, string? ResolvedBy = null, string? ResolvedByName = null, string? ResolvedAs = null)
{
    public static DisputeResponse Of(Dispute d, DateTimeOffset now) => new(
        d.Id, d.CustomerId, d.InvoiceNumber, d.Amount, d.Reason, d.Notes, d.Status, d.RoutedTo, d.RoutedToEmail, d.RaisedAt, d.SlaDueAt, DisputeSla.IsPast(d, now),
        d.Outcome, d.CreditAmount, d.ResolutionNotes, d.ResolvedAt, d.RaisedBy, d.ResolvedBy, d.ResolvedByName, d.ResolvedAs);
}

/// <summary>
/// The dispute use cases: raise one (from the endpoint or a logged call) — the disputed amount leaves dunning, the
/// dispute goes by email to the client's department for its reason (the SPOC when none has it; a task to route it when
/// neither is set up) with that department's response hours as its SLA — list them, and resolve one: valid or partial
/// makes Invoices issue a credit note (once per dispute), invalid or partial puts the rest back into dunning.
/// </summary>
public sealed class DisputeService(CollectionsDbContext db, MessageComposer composer, TimeProvider clock)
{
    public async Task<Outcome<Dispute>> AddAsync(Guid customerId, DisputeRequest request, string? raisedBy, Guid? activityId, string field,
        CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Required($"{field}invoiceNumber", request.InvoiceNumber, maxLength: 50)
            .When(request.Reason is not { } reason || !DisputeReasons.All.Contains(reason), $"{field}reason", $"is required: one of {string.Join(", ", DisputeReasons.All)}.")
            .When(request.Amount is <= 0, $"{field}amount", "must be above zero (leave it out to dispute all that is open).")
            .When(request.Amount is { } a && decimal.Round(a, 2) != a, $"{field}amount", "must have at most two decimals (paise).")
            .Text($"{field}notes", request.Notes, maxLength: 4000);
        if (!validation.IsValid)
        {
            return Outcome<Dispute>.Invalid(validation);
        }

        var account = await db.Accounts.SingleOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken);
        if (account is null)
        {
            return Outcome<Dispute>.NotFound();
        }

        // Locked for the caller's transaction: two disputes at once cannot contest more than is open.
        var item = await db.Items.FromSql($"SELECT * FROM items WHERE customer_id = {customerId} AND number = {request.InvoiceNumber} AND issued FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return Outcome<Dispute>.Invalid($"{field}invoiceNumber", $"{request.InvoiceNumber}: this customer has no invoice with that number.");
        }

        var undisputed = item.OpenAmount - item.DisputedAmount;
        var amount = request.Amount ?? undisputed;
        if (amount <= 0 || amount > undisputed)
        {
            return Outcome<Dispute>.Invalid($"{field}amount", $"must be at most what is open and not yet disputed on {item.Number}: {IndianMoney.Format(Math.Max(0, undisputed))}.");
        }

        var now = clock.GetUtcNow();
        var today = BusinessDate.Today(clock);
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var department = settings?.Departments.FirstOrDefault(d => d.Reasons.Contains(request.Reason!));
        var (routedTo, email, hours) = department is not null ? (department.Name, department.Email, department.ResponseHours)
            : settings?.Spoc is { Email: { } spocEmail } spoc ? ($"SPOC {spoc.Name}", spocEmail, CollectionSettings.DefaultSpocResponseHours)
            : ((string?)null, (string?)null, 0);
        var dispute = new Dispute
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            InvoiceId = item.InvoiceId,
            InvoiceNumber = item.Number,
            Amount = amount,
            Reason = request.Reason!,
            Notes = request.Notes?.Trim(),
            Status = DisputeStatuses.Open,
            RoutedTo = routedTo,
            RoutedToEmail = email,
            RaisedAt = now,
            RaisedOn = today,
            SlaDueAt = routedTo is null ? null : now.AddHours(hours),
            ActivityId = activityId,
            RaisedBy = raisedBy,
        };
        db.Disputes.Add(dispute);
        item.DisputedAmount += amount;
        item.Hold(SkipReasons.Disputed, today);
        if (email is not null)
        {
            var tenantName = await db.Tenants.Where(t => t.Id == account.TenantId).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken);
            var model = new CommunicationModel(account.Code, account.Name, null,
                [new CommunicationItem(item.Number, item.InvoiceDate, item.DueDate, item.OpenAmount, amount, Math.Max(0, today.DayNumber - item.DueDate.DayNumber))],
                today, account.Collector, settings?.ClientName ?? tenantName ?? "our client",
                settings?.Spoc is { } s ? new CommunicationParty(s.Name, s.Email, s.Phone) : null, $"Dispute for {routedTo}", "dispute",
                dispute.Reason, dispute.Notes, amount, item.Number);
            var own = await db.Templates.AsNoTracking().Where(t => t.Code == "dispute-routing").ToDictionaryAsync(t => t.Code, cancellationToken);
            var message = composer.Compose(account.TenantId, customerId, MessageComposer.Template(own, "dispute-routing"), model, Channels.Email,
                department?.ContactName ?? routedTo, email, null, null);
            message.DisputeId = dispute.Id;
            db.Messages.Add(message);
            MessageQueue.Enqueue(db, message);
        }
        else
        {
            db.Tasks.Add(new CollectionTask
            {
                Id = Guid.CreateVersion7(now),
                CustomerId = customerId,
                Kind = TaskKinds.RouteDispute,
                Title = $"Route the {dispute.Reason} dispute on {item.Number} ({IndianMoney.Format(amount)}): no department or SPOC is set up for it",
                DueDate = today,
                Assignee = account.Collector,
                Status = TaskStatuses.Open,
                DisputeId = dispute.Id,
                CreatedAt = now,
            });
        }

        db.AddToOutbox(new DisputeRaised(account.TenantId, dispute.Id, customerId, item.InvoiceId, item.Number, amount, dispute.Reason, routedTo, now,
            dispute.SlaDueAt), clock);
        return Outcome<Dispute>.Ok(dispute);
    }

    public async Task<Outcome<DisputeResponse>> RaiseAsync(Guid customerId, DisputeRequest request, string? raisedBy, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await AddAsync(customerId, request, raisedBy, null, "", cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.As<DisputeResponse>();
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<DisputeResponse>.Ok(DisputeResponse.Of(outcome.Value!, clock.GetUtcNow()));
    }

    /// <summary>
    /// Resolves the dispute. Without a credit, a collector's right (or the client's approver's) is enough; a credit needs
    /// credits.approve, and a credit above the tenant's limit the client's own approval (a client-approver, or the
    /// client's API client). The resolver is kept on the dispute, in the audit and in the event Invoices acts on.
    /// </summary>
    public async Task<Outcome<DisputeResponse>> ResolveAsync(Guid id, ResolveDisputeRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .When(request.Outcome is not { } o || !DisputeOutcomes.All.Contains(o), "outcome", $"is required: one of {string.Join(", ", DisputeOutcomes.All)}.")
            .When(request.Outcome == DisputeOutcomes.Partial && request.CreditAmount is not > 0, "creditAmount", "is required for a partial outcome: the amount agreed.")
            .When(request.Outcome == DisputeOutcomes.Invalid && request.CreditAmount is > 0, "creditAmount", "must be left out when the dispute is invalid.")
            .When(request.CreditAmount is < 0, "creditAmount", "must not be negative.")
            .When(request.CreditAmount is { } c && decimal.Round(c, 2) != c, "creditAmount", "must have at most two decimals (paise).")
            .Text("notes", request.Notes, maxLength: 4000);
        if (!validation.IsValid)
        {
            return Outcome<DisputeResponse>.Invalid(validation);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dispute = await db.Disputes.FromSql($"SELECT * FROM disputes WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (dispute is null)
        {
            return Outcome<DisputeResponse>.NotFound();
        }

        if (!DisputeStatuses.IsActive(dispute.Status))
        {
            return Outcome<DisputeResponse>.Conflict("The dispute is already resolved.", $"It was resolved as {dispute.Outcome} at {dispute.ResolvedAt:u}.");
        }

        var credit = request.Outcome switch
        {
            DisputeOutcomes.Valid => request.CreditAmount ?? dispute.Amount,
            DisputeOutcomes.Partial => request.CreditAmount!.Value,
            _ => 0m,
        };
        if (credit > dispute.Amount)
        {
            return Outcome<DisputeResponse>.Invalid("creditAmount", $"must be at most the disputed amount, {IndianMoney.Format(dispute.Amount)}.");
        }

        var limit = await db.Settings.AsNoTracking().Select(s => s.CreditApprovalLimit).SingleOrDefaultAsync(cancellationToken);
        if (CreditRights.Refusal(actor, credit, limit) is { } refusal)
        {
            return Outcome<DisputeResponse>.Forbidden(refusal.Title, refusal.Detail);
        }

        var now = clock.GetUtcNow();
        var today = BusinessDate.Today(clock);
        (dispute.Status, dispute.Outcome, dispute.CreditAmount, dispute.ResolutionNotes, dispute.ResolvedAt) =
            (DisputeStatuses.Resolved, request.Outcome, credit, request.Notes?.Trim(), now);
        (dispute.ResolvedBy, dispute.ResolvedByName, dispute.ResolvedAs) = (actor.Id, actor.Name, actor.Authority);
        var approval = credit > 0 ? new CreditApproval(actor.Id, actor.Name, actor.Authority, Scopes.CreditsApprove) : null;
        if (approval is not null)
        {
            ConfigAudit.Record(db, AuditedEntities.DisputeCredit, dispute.Id.ToString(), null,
                new { dispute.InvoiceNumber, dispute.CustomerId, disputed = dispute.Amount, credit, dispute.Outcome, notes = dispute.ResolutionNotes, limit }, actor, now);
        }

        var item = await db.Items.FromSql($"SELECT * FROM items WHERE invoice_id = {dispute.InvoiceId} FOR UPDATE").SingleAsync(cancellationToken);
        item.DisputedAmount = Math.Max(0, item.DisputedAmount - dispute.Amount);
        if (item.DisputedAmount == 0 && item.HeldFor == SkipReasons.Disputed)
        {
            item.Release(today);
        }

        db.AddToOutbox(new DisputeResolved(dispute.TenantId, dispute.Id, dispute.CustomerId, dispute.InvoiceId, dispute.InvoiceNumber, request.Outcome!, credit,
            dispute.ResolutionNotes, today, now, approval), clock);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<DisputeResponse>.Ok(DisputeResponse.Of(dispute, now));
    }

    /// <summary>Marks an open dispute as being looked at by the client.</summary>
    public async Task<Outcome<DisputeResponse>> ReviewAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dispute = await db.Disputes.FromSql($"SELECT * FROM disputes WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (dispute is null)
        {
            return Outcome<DisputeResponse>.NotFound();
        }

        if (dispute.Status != DisputeStatuses.Open)
        {
            return Outcome<DisputeResponse>.Conflict("The dispute is not open.", $"It is {dispute.Status}.");
        }

        dispute.Status = DisputeStatuses.InReview;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<DisputeResponse>.Ok(DisputeResponse.Of(dispute, clock.GetUtcNow()));
    }
}
