using System.Security.Cryptography;
using ArPlatform.Identity.Persistence;
using ArPlatform.Identity.Revocations;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace ArPlatform.Identity.Users;

/// <summary>
/// A staff user's password: set once per link, checked at sign-in with a lockout, kept only as a hash. Setting it
/// (the first time, or a reset through a new link) ends every session the person had (ADR 0028).
/// </summary>
public sealed class StaffCredentials(IdentityDbContext db, TimeProvider clock, IOpenIddictTokenManager tokens, RevocationWriter revocations, ILogger<StaffCredentials> logger)
{
    public const int MinPasswordLength = 12;
    private static readonly PasswordHasher<StaffUser> Hasher = new();

    /// <summary>Checked instead when there is no password to check, so that an unknown email costs the same hash as a wrong password.</summary>
    private static readonly StaffUser Nobody = new() { Email = "nobody@arplatform.invalid", Name = "nobody", CollectorCode = "nobody" };
    private static readonly string NobodysHash = Hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    /// <summary>Sets the password of the link's user, once; the error in words when it cannot.</summary>
    public async Task<string?> SetPasswordAsync(string? token, string? password, string? confirmation, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = TokenHash(token ?? "");
        var link = await db.SetPasswordTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (link is null || link.UsedAt is not null || link.ExpiresAt <= now)
        {
            return "This link has been used or has expired. Ask your administrator for a new one.";
        }

        var user = await db.StaffUsers.SingleAsync(u => u.Id == link.UserId, cancellationToken);
        if (user.Disabled)
        {
            return "This account is disabled. Ask your administrator.";
        }

        if (password is not { Length: >= MinPasswordLength })
        {
            return $"The password must have at least {MinPasswordLength} characters.";
        }

        if (password != confirmation)
        {
            return "The two passwords are not the same.";
        }

        if (user.Email.Split('@')[0] is { Length: >= 3 } local && password.Contains(local, StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not contain the name in your email address.";
        }

        // One use: the update only succeeds while the link is unused and unexpired, whoever submits the form twice or
        // revokes it meanwhile; and the link is used up only with the password set.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.SetPasswordTokens.Where(t => t.Id == link.Id && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return "This link has been used or has expired. Ask your administrator for a new one.";
        }

        // A reset (there was a password): every session of the person ends. The first password has none to end.
        var reset = user.PasswordHash is not null;
        (user.PasswordHash, user.UpdatedAt) = (Hasher.HashPassword(user, password), now);
        if (reset)
        {
            user.SessionsEndedAt = now;
            db.AccessChanges.Add(new AccessChange { Id = Guid.CreateVersion7(now), At = now, By = user.Email, Action = "sessions-ended", Subject = user.Id.ToString(), Detail = "password reset" });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (reset)
        {
            await EndSessionsAsync(user, now, cancellationToken);
        }

        return null;
    }

    /// <summary>
    /// Every session of the person ends: refresh tokens revoked (and refused by their date besides), Identity's sign-in
    /// session and the workbench's by <see cref="StaffUser.SessionsEndedAt"/> and the revocation list, and the access
    /// tokens already issued refused by every service through the same list.
    /// </summary>
    private async Task EndSessionsAsync(StaffUser user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await revocations.RevokeAsync(TokenRevocations.UserField(user.Id.ToString()), now);
        var revoked = await tokens.RevokeBySubjectAsync(user.Id.ToString(), cancellationToken);
        logger.LogInformation("The password of user {User} was set: {Tokens} tokens revoked and every session ended", user.Id, revoked);
    }

    /// <summary>Whether <paramref name="password"/> is the user's.</summary>
    public static bool Verify(StaffUser user, string password) =>
        user.PasswordHash is { } hash && Hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>
    /// Checks an email and password. Each attempt is claimed in the database before the password is checked: one
    /// statement raises the count while the account is unlocked and below <see cref="LockoutThreshold"/>, so at most
    /// that many attempts are ever checked at once, however many arrive together. A wrong one that reaches the
    /// threshold locks the account for <see cref="LockoutDuration"/>; the right one resets the count. A disabled or
    /// unknown account gets the same answer as a wrong password, so the page tells no one which emails exist.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var normalized = (email ?? "").Trim().ToLowerInvariant();
        var user = await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (user is null || user.Disabled || user.PasswordHash is null)
        {
            // As long as a wrong password takes: the time does not tell whether the email is a user's.
            Hasher.VerifyHashedPassword(Nobody, NobodysHash, password ?? "");
            return new(null, SignInRefusal.WrongPassword);
        }

        var attempt = await db.Database.SqlQuery<int>($"""
            UPDATE staff_users SET failed_sign_ins = failed_sign_ins + 1
            WHERE id = {user.Id} AND (locked_until IS NULL OR locked_until <= {now}) AND failed_sign_ins < {LockoutThreshold}
            RETURNING failed_sign_ins AS "Value"
            """).ToListAsync(cancellationToken);
        if (attempt is not [var count])
        {
            // Locked, or the threshold's attempts are still being checked: those become a lock (the right password among them lifts it).
            await db.StaffUsers.Where(u => u.Id == user.Id && u.LockedUntil == null && u.FailedSignIns >= LockoutThreshold)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, now + LockoutDuration), cancellationToken);
            var until = await db.StaffUsers.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.LockedUntil).SingleAsync(cancellationToken);
            return new(null, SignInRefusal.LockedOut, until ?? now + LockoutDuration);
        }

        if (Verify(user, password ?? ""))
        {
            await db.StaffUsers.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, (DateTimeOffset?)null), cancellationToken);
            return new(user, null);
        }

        if (count < LockoutThreshold)
        {
            return new(null, SignInRefusal.WrongPassword);
        }

        var lockUntil = now + LockoutDuration;
        await db.StaffUsers.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, lockUntil), cancellationToken);
        return new(null, SignInRefusal.LockedOut, lockUntil);
    }

    public const int LockoutThreshold = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>How a set-password link's token is kept: only its hash is stored.</summary>
    internal static byte[] TokenHash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}

public enum SignInRefusal
{
    WrongPassword,
    LockedOut,
}

/// <summary>The signed-in user, or why not (and until when a locked account stays locked).</summary>
public sealed record SignInOutcome(StaffUser? User, SignInRefusal? Refusal, DateTimeOffset? LockedUntil = null);
