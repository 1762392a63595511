using ArPlatform.Collections.Accounts;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Dunning;

/// <summary>
/// "Do not dun" on an account until the end of a date, with the reason, and resuming early. The runner records the
/// steps that fell due meanwhile as skipped when dunning resumes.
/// </summary>
public sealed class DunningPause(CollectionsDbContext db, TimeProvider clock)
{
    public async Task<Outcome<PauseView>> PauseAsync(Guid customerId, DateOnly? until, string? reason, CancellationToken cancellationToken)
    {
        var today = BusinessDate.Today(clock);
        var validation = new Validation()
            .When(until is not { } date || date < today || date > today.AddDays(366), "until", $"is required: a date from today ({today:yyyy-MM-dd}) to a year ahead.")
            .Required("reason", reason, maxLength: 500);
        if (!validation.IsValid)
        {
            return Outcome<PauseView>.Invalid(validation);
        }

        var account = await db.Accounts.SingleOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken);
        if (account is null)
        {
            return Outcome<PauseView>.NotFound();
        }

        (account.PausedFrom, account.PausedUntil, account.PauseReason) = (today, until, reason!.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<PauseView>.Ok(new PauseView(account.PausedFrom, account.PausedUntil!.Value, account.PauseReason));
    }

    /// <summary>Ends the pause with yesterday (today is dunned again); false when there is no such account.</summary>
    public async Task<bool> ResumeAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken);
        if (account is null)
        {
            return false;
        }

        var yesterday = BusinessDate.Today(clock).AddDays(-1);
        if (account.PausedUntil is { } until && until > yesterday)
        {
            account.PausedUntil = yesterday < account.PausedFrom ? null : yesterday;
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
